"""Strength rules of extractor 0.7, found on a framework the rules had never seen: fixture in,
expected force out (one test per rule class). Fixtures are paraphrases, not copies of a key."""

from accesswatch.extract.classify import classify_unit


def _strength(text: str, kind: str = "framework") -> str | None:
    c = classify_unit(text, kind=kind)
    return None if c is None else c.strength


def test_binding_verb_before_a_lead_in_or_quantity_hedge_keeps_its_force():
    assert _strength("We will publish a system card for each frontier release, including in the following cases, as appropriate:") == "commitment"
    assert _strength("Published risk reports will give as much detail as possible about external evaluations.") == "commitment"
    # A hedge on the outside party's involvement still makes it discretionary.
    assert _strength("We will assess the model, involving external experts as needed.") == "discretionary"


def test_changelog_entry_is_practice():
    assert _strength("Added a commitment to publish evaluation results in system cards.") == "practice"
    assert _strength("Defined criteria for publishing risk reports, including update triggers.") == "practice"


def test_imperative_of_discretion_is_discretionary():
    assert _strength("Consider giving external researchers differential access to the model weights.") == "discretionary"


def test_stated_view_is_intention():
    assert _strength("We believe that there are benefits of giving trusted researchers access to model weights.") == "intention"


def test_modal_of_a_relative_clause_or_leading_condition_does_not_govern():
    assert _strength("Leveraging external experts, we conduct threat modelling to find bottlenecks that could be unblocked by AI.") == "commitment"
    assert _strength("If we are considering releasing a model's weights, then we will run external evaluations first.") == "commitment"


def test_required_to_after_a_noun_is_no_requirement_and_present_progressive_is_practice():
    assert _strength("We are not publishing the full threat scenarios or the capabilities required to achieve them in our system cards.") == "practice"


def test_see_link_footnote_is_a_reference():
    from accesswatch.extract.classify import skip_reason

    assert skip_reason("See https://example.org/rsp-updates, https://example.org/system-cards and https://example.org/faisc.") == "reference or bare link"


def test_title_about_government_as_customer_is_no_account_of_outside_testing():
    from accesswatch.extract.statements import _CUSTOMER_TITLE, _REPORT_TITLE

    assert not _REPORT_TITLE.search(_CUSTOMER_TITLE.sub("", "Expanding access to Claude for government"))
    assert _REPORT_TITLE.search(_CUSTOMER_TITLE.sub("", "Pre-deployment testing with the US government"))


def test_will_aim_is_intention():
    assert _strength("We will aim to minimise redactions in the public version of the risk report.") == "intention"


def test_a_policy_that_requires_is_a_commitment_in_an_announcement():
    assert _strength("The new RSP also requires external review of risk reports in some circumstances.", kind="press-release") == "commitment"


def test_deemed_appropriate_is_a_hedge_and_required_by_law_is_not():
    assert _strength("As deemed appropriate, we will solicit external expert advice on capability assessments.") == "discretionary"
    assert _strength("We will report capability information to governments as required by regulation and as appropriate to manage risks.") == "commitment"


def test_then_clause_after_several_conditions_governs():
    assert _strength("If we are considering releasing the weights, or if we might offer fine-tuning, then we will have external experts test the model.") == "commitment"


def test_governments_as_customers_or_regulators_are_no_government_access():
    def cats(text, kind="press-release"):
        c = classify_unit(text, kind=kind)
        return () if c is None else c.categories

    assert "government-access" not in cats("Our assistant offers a wide range of potential applications for government agencies.")
    assert "government-access" not in cats("Rigid government-imposed standards would be counterproductive given that evaluation methods change fast.")
    assert "government-access" in cats("We provided pre-release access to the model to government agencies for testing.")


def test_publishing_policy_proposals_is_no_publication():
    c = classify_unit("Publish a policy roadmap with concrete proposals for regulation that scales with risk.", kind="framework")
    assert c is None or "publication" not in c.categories
    assert "publication" in classify_unit("Publish a risk report and system card for each frontier model.", kind="framework").categories


def test_outline_letters_and_roman_numerals_start_list_items():
    from accesswatch.extract.segment import segment

    text = "A. Covered companies must:\n1. Certify compliance and disclose compliance on a\npublicly accessible website\nB. Covered companies may redact trade secrets from\nsystem card-type documentation.\n"
    items = [s.text for s in segment(text)]
    assert "Certify compliance and disclose compliance on a publicly accessible website" in items
    assert any(t.startswith("Covered companies may redact") for t in items)


def test_disclosure_on_a_public_website_and_card_redactions_are_publication():
    c = classify_unit("Disclose the framework in a readily accessible format on a public-facing website maintained by the company.", kind="framework")
    assert c is not None and "publication" in c.categories
    c = classify_unit("Covered companies may redact trade secrets from the framework and system card-type documentation.", kind="framework")
    assert c is not None and "publication" in c.categories


def test_present_progressive_in_a_that_clause_is_not_the_main_verb():
    assert _strength("If we change the threshold, we publicly acknowledge that we are making the adjustment.") == "commitment"


def test_document_content_and_expert_baselines_are_out_of_scope():
    c = classify_unit("For each catastrophic outcome, we include a description of one or more threat scenarios.", kind="framework")
    assert c is None or "publication" not in c.categories
    c = classify_unit("We interpret the results using comparisons to the performance of domain experts.", kind="framework")
    assert c is None or "external-evaluation" not in c.categories
    c = classify_unit("We will include a description of the evaluation results in each published risk report.", kind="framework")
    assert c is not None and "publication" in c.categories
