"""Rules of extractor 0.5 that generalise across unseen policy documents: fixture in, expected out."""

import pytest

from accesswatch.extract.classify import classify_unit


def _cats(text: str, kind: str = "framework") -> tuple | None:
    c = classify_unit(text, kind=kind)
    return None if c is None else c.categories


def test_red_is_not_a_past_tense_verb():
    c = classify_unit("Expert Red Teaming: Red teaming vendors test our models for safety and security.")
    assert c.strength == "commitment"


def test_penetration_testing_is_red_teaming_not_model_evaluation():
    assert _cats("Prior to deployment, significant model releases undergo an independent third-party penetration test.") == (
        "external-red-teaming",
    )
    item = classify_unit("Independent third-party security testing, e.g., penetration testing", unit_kind="list-item")
    assert item.categories == ("external-red-teaming",)


def test_government_body_testing_is_government_access():
    cats = _cats("These red teaming exercises may include independent external parties, such as NIST and Humane Intelligence.")
    assert "government-access" in cats and "external-red-teaming" in cats
    # NIST as a source of guidance is no access given to a government.
    assert _cats("This may include efforts emerging from the NIST SP 800-218 AI updates.") is None


@pytest.mark.parametrize(
    "text",
    [
        "Through collaboration among team members with expertise across diverse fields, we define and manage the risks.",
        "Provides information that is similar to direct interactions with subject matter experts.",
        "Our approach also draws on the proposal for Responsible Scaling Policies first introduced by METR.",
        "Training data for these techniques are sourced in collaboration with domain experts to ensure alignment.",
        "OpenAI's internal governance practices include ongoing legal and compliance reviews to ensure adherence.",
        "Assurance mechanisms are vital as they provide safeguards, build trust and facilitate improvement.",
        "Models may not be publicly released unless safeguards are applied.",
        "Engaging with the broader community via dedicated user forums",
    ],
)
def test_outside_words_without_an_outside_role_are_out_of_scope(text):
    assert _cats(text) is None


def test_reporting_under_law_is_government_access():
    assert "government-access" in _cats(
        "These incidents are analyzed to determine whether they meet the criteria for external reporting under applicable laws and regulations."
    )


def test_publication_cues():
    assert "publication" in _cats("A full set of mitigations will be detailed publicly by the time we complete our policy.")
    assert "publication" in _cats("NAVER is committed to sharing its deliverables with users and the broader public.")
    assert "publication" in _cats("This document serves as our publicly available summary of the framework.")


def test_outside_experts_on_evaluations_also_evaluate():
    cats = _cats("We enhance our governance by seeking advice from independent external experts in AI Safety evaluations.")
    assert set(cats) == {"external-evaluation", "third-party-review"}
    assert _cats("We may also solicit external expert input prior to final decisions on the assessments.") == ("third-party-review",)


def test_past_tense_inside_a_condition_is_no_report_in_a_policy():
    c = classify_unit(
        "When analyzing whether a threshold has been reached, we take into account resource-intensive third party evaluations."
    )
    assert c.strength == "commitment"


def test_testing_by_the_institutes_is_evaluation_and_government_access():
    cats = _cats("The most recent testing by the AISIs contributed to our understanding of the model.", kind="press-release")
    assert {"external-evaluation", "government-access"} <= set(cats)
