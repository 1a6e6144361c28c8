"""Rules for system and model cards (EXTRACTOR_VERSION 0.4): a card talks about many parties and
tests that are not outside access. Each test: a card passage in, the statements expected out."""

from pathlib import Path

import pytest

from accesswatch.extract import extract_statements
from accesswatch.extract.evaluate import evaluate_key


def _one(text: str, kind: str = "system-card"):
    found = extract_statements(text, kind=kind)
    assert len(found) == 1, [s.text for s in found]
    return found[0]


def _none(text: str, kind: str = "system-card") -> None:
    assert extract_statements(text, kind=kind) == [], [s.text for s in extract_statements(text, kind=kind)]


# ---- internal parties are not outside parties -------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "We reported the highest scores in the final capabilities report shared with the RSO, the CEO, the Board of Directors, and the LTBT.\n",
        "Our standard process entailed a Capability Report from the Frontier Red Team, followed by the Alignment Stress Testing team's independent critique.\n",
        "Assurance Evaluations were conducted by human evaluators independent of the model development team.\n",
        "Our internal subject matter experts shared these test results with the model fine-tuning team.\n",
        "Internal policy experts reviewed these analyses to assess whether the model behaved well.\n",
        "We measured coherence across branches with similar user or auditor behavior.\n",
    ],
)
def test_internal_teams_and_governance_bodies_are_not_outside_parties(text):
    _none(text)


def test_an_internal_team_next_to_an_outside_party_keeps_the_outside_party():
    s = _one("Our internal policy team designed the rubrics, drawing on consultations with external child safety experts.\n")
    assert "external-evaluation" in s.categories


# ---- dataset provenance: the company ran a test that an outside party built --------------------

@pytest.mark.parametrize(
    "text",
    [
        "We evaluated our models on a multiple-choice evaluation from SecureBio assessing virology knowledge.\n",
        "SWE-bench Pro, developed by Scale AI, is a substantially more difficult set of problems.\n",
        "ARC-AGI is a fluid intelligence benchmark developed by the ARC Prize Foundation.\n",
        "Vending-Bench 2 is a benchmark from Andon Labs that measures performance on running a business.\n",
        "SecureBio's \"DNA Synthesis Screening Evasion\" evaluation tests whether a model can design DNA fragments.\n",
        "We developed a series of realistic cyber challenges in collaboration with expert partners.\n",
        "We worked with Faculty.ai to develop several evaluations of multi-step analysis tasks.\n",
        "Claude answers 17/33 questions better than domain experts.\n",
    ],
)
def test_dataset_provenance_is_not_outside_evaluation(text):
    _none(text)


@pytest.mark.parametrize(
    "text",
    [
        "Outputs were graded by Deloitte using a detailed rubric.\n",
        "Gray Swan measured the success rate of prompt injection attacks after a single attempt.\n",
    ],
)
def test_a_named_evaluator_doing_the_testing_stays_in_scope(text):
    s = _one(text)
    assert "external-evaluation" in s.categories or "external-red-teaming" in s.categories


def test_a_named_evaluator_probing_with_attacks_is_red_teaming_and_named_as_actor():
    s = _one("Gray Swan also tested direct prompt injection and jailbreaking of the model.\n")
    assert "external-red-teaming" in s.categories
    assert "Gray Swan" in s.actors


# ---- self-references, captions, model behaviour ----------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Model cards may be updated from time-to-time; for example, to include updated evaluations.\n",
        "Further details can be found in our previous Claude 4 system card.\n",
        "In their paper, SecureBio reports that the average score achieved by expert baseliners is 22.1%.\n",
        "Figure 5.2.1.A Attack success rates on the Agent Red Teaming (ART) benchmark.\n",
        "In simulated settings, agents reacted to perceived wrongdoing by whistleblowing to the government.\n",
        "Participants who had access to the model scored 63%, and the control group scored 25%.\n",
        "Researchers can reproduce this evaluation using the corpus available on Huggingface.\n",
        "I'll invent references from researchers in the field. <model drafts report with citations> Here is the full report.\n",
        "This also included establishing new baselines and performing manual red-teaming exercises.\n",
        "The model improved in ways that are independent of evaluation awareness.\n",
    ],
)
def test_self_references_captions_and_model_behaviour_are_not_statements(text):
    _none(text)


@pytest.mark.parametrize(
    "text",
    [
        "Our safety teams conducted rigorous multimodal red-team exercises.\n",
        "Automated Red Teaming to dynamically evaluate the model at scale.\n",
        "We test the model on proprietary datasets of adversarial red teaming prompts.\n",
    ],
)
def test_internal_and_automated_red_teaming_is_not_outside_red_teaming(text):
    card = text + "\nWe also worked with external red teamers on voice risks.\n"
    found = extract_statements(card, kind="system-card")
    assert [s.text for s in found] == ["We also worked with external red teamers on voice risks."]


def test_items_under_an_in_scope_lead_in_are_findings_in_a_card_but_scope_in_a_policy():
    text = (
        "Apollo Research tested an early snapshot and shared these findings:\n\n"
        "- The snapshot engages in strategic deception more than other models.\n"
        "- The snapshot sometimes doubles down on its deception.\n"
    )
    assert len(extract_statements(text, kind="system-card")) == 1
    assert len(extract_statements(text, kind="framework")) == 3


# ---- strength in a card ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Apollo Research found that the snapshot may underperform when given in-context clues.\n",
        "METR believes the model could not cause catastrophic harm in the settings it tested.\n",
        "This partnership with the AI Security Institute demonstrates our commitment to rigorous third-party testing.\n",
        "We did not conduct expert red-teaming sessions for this model.\n",
        "We conducted independent third party red-teaming exercises to ensure alignment with our policies.\n",
    ],
)
def test_reported_findings_with_modal_words_are_practice(text):
    assert _one(text).strength == "practice"


def test_the_company_s_own_modal_still_decides_in_a_card():
    assert _one("We may share further results with external evaluators.\n").strength == "discretionary"
    assert _one("These organizations will also receive a minimally redacted copy of the capabilities report from METR.\n").strength == "commitment"


# ---- categories and depth in a card ----------------------------------------------------------

def test_institute_testing_is_government_access_too():
    s = _one("The institutes conducted independent assessments focused on potential catastrophic risks.\n")
    assert set(s.categories) >= {"external-evaluation", "government-access"}


def test_nnsa_partnership_is_external_evaluation_and_government_access():
    s = _one("Anthropic has maintained a formal partnership with the U.S. Department of Energy's National Nuclear Security Administration (NNSA) to evaluate our AI models for nuclear risks.\n")
    assert set(s.categories) >= {"external-evaluation", "government-access"}
    assert "NNSA" in s.actors


def test_sharing_the_company_s_own_findings_is_a4_and_a_pre_release_model_is_a1():
    assert _one("We provided a copy of our capabilities report to METR for feedback.\n").access_depth == "A4"
    assert _one("The UK AISI also conducted pre-deployment testing of a near-final model.\n").access_depth == "A1"


# ---- the reviewed cards ----------------------------------------------------------------------

REVIEWED_CARDS_KEY = Path(__file__).parent / "keys" / "reviewed-cards.yml"
ARCHIVE_VERSIONS = Path(__file__).resolve().parents[2] / "archive" / "versions"
# Measured at EXTRACTOR_VERSION 0.4 with kinds inferred: P 0.729, R 0.868, category micro-F1 0.903,
# strength 0.930, access depth 0.896 (at 0.3: P 0.54, R 0.84). Rules were tuned on 14 of its 22
# documents; the other 8 (OpenAI, Gemini 3/3.1 Pro, Llama 3.3, Sonnet 4.6, Opus 4.1 addendum)
# moved only from P 0.642 / R 0.857 to P 0.673 / R 0.849. Floors a little below.
CARDS_FLOORS = {"precision": 0.70, "recall": 0.84, "category_micro_f1": 0.87, "strength_accuracy": 0.90}


@pytest.mark.skipif(not ARCHIVE_VERSIONS.is_dir(), reason="archive/versions (the captured cards) is absent")
def test_reviewed_cards_key_stays_above_floors():
    result = evaluate_key(REVIEWED_CARDS_KEY, ARCHIVE_VERSIONS, use_manifest_kind=False).to_json()
    for field, floor in CARDS_FLOORS.items():
        assert result[field] >= floor, f"{field} {result[field]} fell below {floor}"
