"""What a journalist needs on the pages: silent counts, linkable filters, review marks, collapsed long lists."""

import dataclasses
import datetime as dt

import pytest

from accesswatch.sitegen.pages import SiteContext, generate_pages

RSP = "anthropic/responsible-scaling-policy"
DOC_PAGE = "documents/anthropic/responsible-scaling-policy.md"


def _pages(dataset):
    return generate_pages(SiteContext(dataset=dataset, base_url="https://example.org/aw/"))


@pytest.fixture(scope="module")
def pages(fixture_dataset):
    return _pages(fixture_dataset)


def _with_record(dataset, document_id, **update):
    records = [r.model_copy(update=update) if r.document.id == document_id else r for r in dataset.records]
    return dataclasses.replace(dataset, records=records)


def test_home_says_in_one_line_how_many_changes_were_silent(pages):
    home = pages["index.md"]
    assert 'class="aw-silent-line">1 of 4 changes (25 %) were silent' in home
    assert 'href="timeline.html?announced=silent"' in home


def test_timeline_filters_announced_and_silent(pages):
    timeline = pages["timeline.md"]
    assert 'data-aw-filter="announced"' in timeline
    assert '<option value="silent">' in timeline
    assert 'data-announced="silent"' in timeline and 'data-announced="event"' in timeline


def test_changes_link_to_their_statement(pages):
    href = "statements/anthropic/responsible-scaling-policy/rsp-external-review.html"
    assert f'<a href="{href}" class="aw-stmt-link">statement</a>' in pages["timeline.md"]
    assert f'<a href="../{href}" class="aw-stmt-link">statement</a>' in pages["companies/anthropic.md"]


def test_change_entries_show_review_status_origin_and_conflict(fixture_dataset):
    record = fixture_dataset.record(RSP)
    changes = [c.model_copy(update={"origin": "reviewer", "conflict": "machine now says reworded"})
               if c.id == "rsp-2024-10-15-external-review" else c for c in record.changes]
    statements = [s.model_copy(update={"origin": "reviewer", "conflict": "machine quote differs"})
                  if s.id == "rsp-external-review" else s for s in record.statements]
    pages = _pages(_with_record(fixture_dataset, RSP, changes=changes, statements=statements))
    document = pages[DOC_PAGE]
    assert "aw-review-unreviewed" in document  # unreviewed is said, not left blank
    assert "added by a reviewer" in document
    assert "Conflict: machine now says reworded" in document
    statement = pages["statements/anthropic/responsible-scaling-policy/rsp-external-review.md"]
    assert statement.count('class="aw-badge aw-conflict"') == 2  # the statement and its change
    assert "Needs review: machine quote differs" in statement


def test_rejected_statements_are_collapsed_apart_from_current_ones(pages):
    document = pages[DOC_PAGE]
    rejected = document.index("### Rejected by a reviewer")
    assert "rsp-rejected.html" in document[rejected:]
    assert "rsp-rejected.html" not in document[:rejected]
    assert '<details class="aw-group"><summary>Show 1 statement</summary>' in document[rejected:]


def test_long_documents_group_statements_by_section(fixture_dataset):
    record = fixture_dataset.record(RSP)
    base = next(s for s in record.statements if s.id == "rsp-external-review")
    many = [base.model_copy(update={"id": f"extra-{i}", "section": f"Part {i % 3}", "start": 1000 + i})
            for i in range(30)]
    pages = _pages(_with_record(fixture_dataset, RSP, statements=[*record.statements, *many]))
    document = pages[DOC_PAGE]
    assert "33 statements in 6 sections, in document order" in document
    assert document.count("<summary>Part 1 ") == 1
    assert "(10; strongest: discretionary)" in document


def test_company_page_collapses_beyond_the_first_rows(fixture_dataset):
    record = fixture_dataset.record(RSP)
    base = next(s for s in record.statements if s.id == "rsp-external-review")
    many = [base.model_copy(update={"id": f"extra-{i}", "start": 1000 + i}) for i in range(15)]
    pages = _pages(_with_record(fixture_dataset, RSP, statements=[*record.statements, *many]))
    company = pages["companies/anthropic.md"]
    assert "more current statements in this category" in company


def test_statement_without_revisions_lists_the_versions_it_stood_in(pages):
    page = pages["statements/anthropic/responsible-scaling-policy/rsp-hostile.md"]
    assert 'class="aw-history-line">The same wording in' in page
    assert "#version-" in page and "No earlier wording recorded" not in page


def test_statement_history_says_when_each_wording_was_replaced(pages):
    page = pages["statements/anthropic/responsible-scaling-policy/rsp-external-review.md"]
    assert "<th scope=\"col\">Next version</th>" in page
    assert "still current" in page


def test_versions_say_until_when_they_stood(pages):
    document = pages[DOC_PAGE]
    assert '<th scope="col">Replaced on</th>' in document
    assert "<td>latest</td>" in document


def test_wide_data_pages_hide_the_table_of_contents(pages):
    for name in ("timeline.md", "events.md", "matrix.md", "ledger.md", "parity.md"):
        assert 'hide: ["toc"]' in pages[name], name


def test_a_version_pair_with_many_changes_collapses_the_less_material(fixture_dataset):
    record = fixture_dataset.record(RSP)
    base = next(c for c in record.changes if c.id == "rsp-2024-10-15-external-review")
    many = [base.model_copy(update={"id": f"added-{i}", "kind": "added", "before": None, "after": f"New passage {i}",
                                    "materiality": i}) for i in range(12)]
    pages = _pages(_with_record(fixture_dataset, RSP, changes=[*record.changes, *many]))
    document = pages[DOC_PAGE]
    assert "more changes, less material (" in document
    collapsed = document[document.index("less material"):]
    assert "New passage 0" in collapsed and "New passage 11" not in collapsed
    assert "change-rsp-2024-10-15-external-review" in document[:document.index("less material")]  # weakened stays open


def test_parity_fills_the_system_card_date_from_an_archived_card(fixture_dataset):
    from accesswatch.tables import parity_frame

    rsp = fixture_dataset.record(RSP)
    versions = [v.model_copy(update={"id": day, "date": dt.date.fromisoformat(day)})
                for day, v in zip(("2024-06-01", "2024-12-06"), rsp.versions)]
    card = rsp.model_copy(update={
        "document": rsp.document.model_copy(update={"id": "openai/o1-system-card", "company": "openai",
                                                    "title": "OpenAI o1 System Card", "kind": "system-card"}),
        "versions": versions, "statements": [], "changes": []})
    dataset = dataclasses.replace(fixture_dataset, records=[*fixture_dataset.records, card])
    frame = parity_frame(dataset).set_index("model")
    # the 2024-06-01 version is half a year before release: it cannot be o1's card
    assert frame.loc["o1", "system_card"] == "2024-12-06 (1 day after release; first archived version)"
    assert frame.loc["Claude 3.5 Sonnet", "system_card"] == "2024-06-21 (1 day after release)"  # the event wins


def test_feed_entries_link_the_statement_and_name_versions_and_review(fixture_dataset):
    import feedparser

    from accesswatch.sitegen.feeds import build_feed
    from accesswatch.tables import changes_frame

    feed = feedparser.parse(build_feed(fixture_dataset, changes_frame(fixture_dataset), "https://example.org/aw/",
                                       "anthropic"))
    assert not feed.bozo
    entry = next(e for e in feed.entries if e.link.endswith("#change-rsp-2024-10-15-external-review"))
    assert entry.summary.startswith("Versions 2023-09-19 → 2024-10-15; section: Governance; not yet reviewed.")
    assert entry.summary.endswith(
        "Statement: https://example.org/aw/statements/anthropic/responsible-scaling-policy/rsp-external-review.html")


def test_home_counts_say_what_they_count_and_link_filtered_views(pages):
    home = pages["index.md"]
    assert "Statements in force (not rejected)" in home and "Statements ever extracted" in home
    assert '<a href="timeline.html?announced=silent"><span class="aw-count">1</span> <span>Silent changes</span>' in home
    assert 'href="timeline.html?kind=weakened"' in home


def test_deep_headings_group_under_their_first_two_levels(fixture_dataset):
    record = fixture_dataset.record(RSP)
    base = next(s for s in record.statements if s.id == "rsp-external-review")
    many = [base.model_copy(update={"id": f"deep-{i}", "section": f"5 Framework > 5.1 Assessment > 5.1.{i} Topic {i}",
                                    "start": 1000 + i}) for i in range(30)]
    pages = _pages(_with_record(fixture_dataset, RSP, statements=[*record.statements, *many]))
    document = pages[DOC_PAGE]
    assert document.count("<summary>5 Framework &gt; 5.1 Assessment <span") == 1
    assert '<span class="aw-subsection">5.1.7 Topic 7</span>' in document


def test_timeline_answers_which_commitments_were_weakened_silently(pages):
    timeline = pages["timeline.md"]
    assert 'data-aw-filter="was"' in timeline
    row = next(r for r in timeline.split("<tr")[1:] if "change-rsp-2024-10-15-external-review" in r)
    assert 'data-kind="weakened"' in row and 'data-announced="silent"' in row and 'data-was="discretionary"' not in row
    assert '<span class="aw-strength-shift">' in row
    assert 'href="timeline.html?kind=weakened&amp;announced=silent"' in timeline
    assert '<p class="aw-empty" data-aw-empty hidden>' in timeline


def test_company_page_marks_review_and_reviewer_added_statements(fixture_dataset):
    record = fixture_dataset.record(RSP)
    statements = [s.model_copy(update={"origin": "reviewer"}) if s.id == "rsp-aisi-testing" else s
                  for s in record.statements]
    company = _pages(_with_record(fixture_dataset, RSP, statements=statements))["companies/anthropic.md"]
    row = next(r for r in company.split("<tr>") if "rsp-aisi-testing.html" in r)
    assert "added by a reviewer" in row and "aw-review-unreviewed" in row
