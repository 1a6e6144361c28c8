"""Rules of extractor 0.6, found on policy posts, early frameworks and announcements the rules had
never seen: fixture in, expected out (one test per rule class)."""

import pytest

from accesswatch.extract.classify import classify_unit
from accesswatch.extract.statements import extract_statements


def _cats(text: str, kind: str = "framework") -> tuple | None:
    c = classify_unit(text, kind=kind)
    return None if c is None else c.categories


def test_authorities_made_aware_of_the_models_is_government_access():
    assert _cats("We would make sure relevant government agencies were aware we had systems with these capabilities.") == ("government-access",)
    assert _cats("We will inform the relevant authorities about models that cross a critical threshold.") == ("government-access",)
    # Informing regulators about best practices, or information taken from a government, is not access.
    assert _cats("It may also inform regulators about possible best practices.") is None
    assert _cats("Accessing classified and not previously accessible information from a major government is a threat.") != ("government-access",)


def test_evaluation_output_documented_in_model_cards_is_publication():
    assert _cats("The results of these risk assessments are documented in our model cards3 for customers.") == ("publication",)
    assert _cats("All data from the evaluation process is then stored in our model cards.") == ("publication",)
    c = classify_unit("OpenAI already has extensive safety processes in place (e.g., system cards, refusals, monitoring).")
    assert c.categories == ("publication",) and c.strength == "practice"
    # A pointer in a report to what a card documented is no publication.
    assert _cats("As part of the audit we documented in the System Card (§6.2), we used our tool to run tests.", kind="report") is None


def test_policies_made_public_public_notice_and_transparency_practices():
    assert _cats("Our Compliance Framework (CF) is now available to the public.", kind="press-release") == ("publication",)
    assert _cats("If a report is substantiated, we may provide public notice of it.", kind="policy") == ("publication",)
    assert _cats("Under the new law those transparency practices are mandatory for frontier developers.", kind="press-release") == ("publication",)


def test_force_of_the_clause_about_the_outside_party():
    c = classify_unit("If a report is substantiated, we will notify the Board of Directors, and we may provide public notice of the same.")
    assert c.strength == "discretionary"


def test_text_describing_itself_is_no_statement():
    assert classify_unit("In this post, we discuss what third-party testing looks like and why it is needed.", kind="press-release") is None


@pytest.mark.parametrize(
    "text",
    [
        "The Preparedness team includes this forecast in their report and calls for a fast-track.",
        "Note that we include deception evaluations as part of the persuasion risk category.",
        "We recognize other organizations for contributing to action in this space too, for example, via publishing",
        "By integrating with CI/CD pipelines, Evaluator can continuously test new model versions against test sets.",
        "The assessment considers the uplift a model may provide, including currently available open-weights models.",
        "Hyper-scale AI systems are evaluated every 3 months.",
    ],
)
def test_no_outside_party_or_nothing_published(text):
    assert _cats(text) is None


def test_contents_of_reports_to_an_internal_group_are_not_published():
    text = (
        "The team synthesises this work via regular reports to the Safety Advisory Group. These reports will include a "
        "summary of the latest evidence and make recommendations. The team will also coordinate with other teams to "
        "collate mitigations to include in these reports.\n\nWe will publish a summary of the evaluation results.\n"
    )
    found = [s.text for s in extract_statements(text, kind="framework")]
    assert found == ["We will publish a summary of the evaluation results."]
    # What published documentation "will include" stays in scope.
    published = "We will publish documentation about each model. This documentation will also include a summary of evaluation results.\n"
    assert len(extract_statements(published, kind="framework")) == 2


def test_participants_continue_the_exercise_and_internal_use_of_results_does_not():
    text = (
        "In April we held our first red teaming challenge with external red teamers. Participants screened the models "
        "for harmful content across seven domains.\n\nWe run evaluations with third-party evaluators. These results help "
        "determine whether the threshold has been reached.\n"
    )
    found = [s.text for s in extract_statements(text, kind="framework")]
    assert any(t.startswith("Participants screened") for t in found)
    assert not any(t.startswith("These results") for t in found)


@pytest.mark.parametrize(
    "text",
    [
        "We believe that the AI sector needs effective third-party testing for frontier AI systems.",
        "It's therefore crucial that governments create infrastructure to help academic researchers evaluate frontier AI systems.",
        "Covered developers should publish a framework laying out how they assess and mitigate serious risks.",
        "To mitigate this, auditors and their teams must have substantial expertise in machine learning.",
    ],
)
def test_advocacy_about_the_sector_is_out_of_scope(text):
    assert classify_unit(text, kind="press-release") is None


def test_the_company_acting_in_an_advocacy_post_stays_in_scope():
    assert _cats("In the future, we will support governments by testing third-party assessment of our systems.", kind="press-release")
    assert _cats("Governments should test models, and we will give the AI Safety Institute pre-deployment access.", kind="press-release")
    # A framework's own force is unaffected.
    assert _cats("We will share evaluation results with external evaluators before deployment.")


@pytest.mark.parametrize(
    "text",
    [
        "We welcome CAISI's engagement on this topic and believe this RFI is well-timed.",
        "CAISI is well placed to lead here, and its work so far reflects the balance this problem requires.",
        '15 NIST CAISI, "Strengthening AI Agent Hijacking Evaluations," supra note 7.',
    ],
)
def test_an_institute_named_without_access_or_testing_is_no_government_access(text):
    assert classify_unit(text, kind="other") is None


def test_an_institute_acting_on_the_company_s_models_stays_government_access():
    assert "government-access" in _cats("CAISI and AISI teams have helped strengthen our broader approach to security.", kind="press-release")
    assert "government-access" in _cats("We give the UK AISI pre-deployment access to our models.")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("The control group only had access to the internet, while the test group had access to the model with safeguards removed.", "policy"),
    ],
)
def test_uplift_trial_groups_are_no_outside_parties(text, kind):
    assert classify_unit(text, kind=kind) is None


def test_outside_experts_stay_in_scope_and_institutes_report_practice():
    assert "external-evaluation" in _cats("Risk assessments draw on internal and external experts who evaluate our models.")
    c = classify_unit("Independent organizations like the UK AI Safety Institute reached similar conclusions about the model.", kind="policy")
    assert c.strength == "practice"


def test_a_hypothetical_consequence_is_an_intention_not_a_report():
    c = classify_unit(
        "(If systems are capable of this, then that would lead to us changing how we deployed the model and ensuring "
        "relevant government agencies were aware we had systems with these capabilities.)",
        kind="press-release",
    )
    assert c.categories == ("government-access",) and c.strength == "intention"


def test_force_rules_from_unseen_frameworks():
    # a leading "Where applicable" hedges the unit; "if applicable" on another list element does not
    assert classify_unit("Where applicable, we disclose how qualified third parties are involved.").strength == "discretionary"
    c = classify_unit("Assessments draw on consultation with external experts and, if applicable, investigations of incidents.")
    assert c.strength == "commitment"
    # a hedged second clause leaves the main verb its force
    c = classify_unit("All material revisions will be made public within 30 days, and, where appropriate, may be published at once.")
    assert c.strength == "commitment"
    # the sector's modal, the company's own past practice
    c = classify_unit("Companies may subcontract other firms to build evaluations for their systems, as we have done with Gryphon Scientific.",
                      kind="press-release")
    assert c.strength == "practice"


def test_government_partners_and_external_research_access():
    assert "government-access" in _cats("Testing third-party assessment of our systems via contractors and government partners")
    assert "government-access" in _cats("We will carry out the following activities to support governments in the development of third-party testing regimes:")
    assert "researcher-access" in _cats("We will continue to enable external research and government access for model releases.")


def test_trusted_users_before_general_availability_is_pre_release_access():
    c = classify_unit("This can involve sharing the model with groups of trusted users to understand performance before general availability.")
    assert c.access_depth == "A1" and "researcher-access" in c.categories


@pytest.mark.parametrize(
    "text",
    [
        "Responsible scaling policies—initially suggested by the Alignment Research Center—attempt to meet this need.",
        "We also recognize ARC Evals' leadership in originating the development of their broader framework, which inspired ours.",
    ],
)
def test_credit_for_ideas_names_no_evaluator(text):
    assert classify_unit(text, kind="press-release") is None
