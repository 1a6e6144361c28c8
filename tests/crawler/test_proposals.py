"""Discovery on listing pages: which links are proposed, and how the proposal file is kept."""

from __future__ import annotations

import datetime as dt

import pytest

from accesswatch.sources import CompanySources, Listing
from crawler.proposals import (ProposalFile, ProposedSource, canonical_url, discover, link_matches, load_proposals,
                               merge_proposals, record_proposals)

COMPANY = CompanySources.model_validate({
    "company": "labco", "name": "LabCo", "domains": ["labco.ai"],
    "documents": [{"id": "fsf", "title": "FSF", "kind": "framework", "url": "https://labco.ai/safety/framework/"}],
    "listings": [{"id": "news", "url": "https://labco.ai/news", "kind": "system-card"}],
})
DAY = dt.date(2025, 3, 1)


def test_canonical_url_drops_fragment_tracking_and_trailing_slash():
    assert canonical_url("https://LabCo.ai/a/b/?utm_source=x&id=3#top") == "https://labco.ai/a/b?id=3"
    assert canonical_url("https://labco.ai/") == "https://labco.ai/"


@pytest.mark.parametrize(("url", "text", "expected"), [
    ("https://labco.ai/news/model-x", "Model X System Card", True),
    ("https://labco.ai/news/responsible-scaling-policy-v3", "Read more", True),  # keyword in the URL
    ("https://labco.ai/news/picnic", "Company picnic", False),
])
def test_default_keywords(url, text, expected):
    assert link_matches(url, text, COMPANY.listings[0]) is expected


def test_patterns_and_keywords_must_both_match():
    listing = Listing(id="n", url="https://labco.ai/news", link_patterns=[r"/research/"], keywords=["preparedness"])
    assert link_matches("https://labco.ai/research/preparedness-update", "", listing)
    assert not link_matches("https://labco.ai/blog/preparedness-update", "", listing)
    assert not link_matches("https://labco.ai/research/other", "Other", listing)


def test_discover_skips_declared_offsite_and_duplicate_links():
    links = [
        ("https://labco.ai/safety/framework", "Frontier Safety Framework"),  # declared (slash differs)
        ("https://other.org/system-card", "Other system card"),  # off the declared domains
        ("https://labco.ai/news/model-x-system-card", "Model X  System\nCard"),
        ("https://labco.ai/news/model-x-system-card#faq", "Model X System Card FAQ"),  # same document
        ("mailto:press@labco.ai", "system card"),
    ]
    matched, proposals = discover(COMPANY, COMPANY.listings[0], links, DAY)
    assert matched == 3
    assert [(p.url, p.link_text, p.suggested_id, p.suggested_kind) for p in proposals] == [
        ("https://labco.ai/news/model-x-system-card", "Model X System Card", "model-x-system-card", "system-card")]


def _proposal(url: str, day: dt.date) -> ProposedSource:
    return ProposedSource(url=url, link_text="x", listing="news", suggested_id="x", first_seen=day, last_seen=day)


def test_merge_keeps_existing_entries_and_first_seen():
    existing = ProposalFile(company="labco", proposals=[_proposal("https://labco.ai/a", DAY)])
    later = DAY + dt.timedelta(days=7)
    merged, added = merge_proposals(existing, [_proposal("https://labco.ai/a/", later), _proposal("https://labco.ai/b", later)])
    assert [p.url for p in added] == ["https://labco.ai/b"]
    assert merged.proposals[0].first_seen == DAY and merged.proposals[0].last_seen == later
    assert len(merged.proposals) == 2


def test_record_proposals_writes_atomically_and_only_on_change(tmp_path):
    path, added = record_proposals(tmp_path, "labco", [_proposal("https://labco.ai/a", DAY)])
    assert len(added) == 1 and path.read_text().startswith("# Documents discovered")
    stamp = path.stat().st_mtime_ns
    _, again = record_proposals(tmp_path, "labco", [_proposal("https://labco.ai/a", DAY)])
    assert again == [] and path.stat().st_mtime_ns == stamp
    assert [p.name for p in tmp_path.iterdir()] == ["labco.yml"]  # no temporary file left


def test_a_broken_proposal_file_is_named(tmp_path):
    (tmp_path / "labco.yml").write_text("company: labco\nproposals: [{url: 3}]\n")
    with pytest.raises(ValueError, match="labco.yml"):
        load_proposals(tmp_path / "labco.yml", "labco")
