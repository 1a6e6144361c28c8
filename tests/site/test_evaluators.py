"""Evaluator dedup, model names, the ledger and parity rows, and the home page's latest changes:
small in-memory datasets in, rows out."""

import datetime as dt

import pytest

from accesswatch.events import Event
from accesswatch.record_models import Change, DocumentInfo, DocumentRecord, Review, Statement, VersionMeta
from accesswatch.sitegen.pages import SiteContext, generate_pages
from accesswatch.tables import (
    NOT_DISCLOSED,
    Dataset,
    evaluator_identity,
    latest_material_changes,
    ledger_frame,
    model_from_title,
    parity_frame,
)

SOURCE = [{"url": "https://example.org/source", "title": "Source"}]


def _version(vid: str) -> VersionMeta:
    return VersionMeta(id=vid, date=dt.date.fromisoformat(vid), url="https://example.org/doc", origin="import",
                       raw_sha256="a" * 64, text_sha256="b" * 64, chars=100, normalizer_version="1")


def _statement(sid: str, actors: list[str], *, strength: str = "practice", depth: str | None = None,
               quote: str = "We shared a pre-release snapshot.", category: str = "external-evaluation",
               review: Review | None = None) -> Statement:
    return Statement(id=sid, version="2025-05-01", first_seen="2025-05-01", last_seen="2025-05-01", current=True,
                     quote=quote, start=0, end=10, categories=[category], strength=strength, access_depth=depth,
                     actors=actors, review=review or Review())


def _event(eid: str, etype: str, *, model: str | None = "Claude Opus 9", evaluators=(), depth=None, days=None,
           date="2025-05-01", release=None, companies=("anthropic",)) -> Event:
    return Event(id=eid, date=dt.date.fromisoformat(date), type=etype, title=eid, companies=list(companies),
                 model=model, evaluators=list(evaluators), access_depth=depth, days_before_release=days,
                 release_date=dt.date.fromisoformat(release) if release else None, sources=SOURCE)


@pytest.fixture
def card_dataset():
    card = DocumentRecord(
        document=DocumentInfo(id="anthropic/claude-opus-9-system-card", company="anthropic",
                              title="System Card: Claude Opus 9", kind="system-card", url="https://example.org/c"),
        versions=[_version("2025-05-01")],
        statements=[
            _statement("s1", ["UK AI Safety Institute", "public"], depth="A1"),
            _statement("s2", ["UK AI Security Institute", "not disclosed"], depth="A2"),
            _statement("s3", ["uk aisi", "US AISI"]),
            _statement("s4", ["CAISI", "red teamers", "policymakers"], category="external-red-teaming"),
            _statement("s5", ["users", "customers", "public"]),
            _statement("s6", ["SecureBio"], review=Review(status="rejected")),
            _statement("s7", ["Apollo Research"], strength="commitment"),
        ],
    )
    framework = DocumentRecord(
        document=DocumentInfo(id="anthropic/policy", company="anthropic", title="Scaling Policy", kind="framework",
                              url="https://example.org/p"),
        versions=[_version("2025-05-01")],
        statements=[_statement("p1", ["UK AISI", "government"], strength="commitment",
                               quote="We will give the UK AISI pre-deployment access to our models.")],
    )
    events = [
        _event("uk-aisi-access", "pre-deployment-access", evaluators=["UK AISI"], depth="A1", days=11,
               release="2025-05-20"),
        _event("us-aisi-access", "pre-deployment-access", evaluators=["US CAISI", "external red teamers (100+)"],
               depth="A3", days=4, release="2025-05-20"),
        _event("release", "model-release", date="2025-05-20"),
        _event("quiet-release", "model-release", model="Claude Haiku 9", date="2025-06-01"),
        _event("quiet", "no-external-access", model="Claude Haiku 9", evaluators=["testers (unnamed)"],
               date="2025-06-01"),
        _event("joint", "evaluator-report", model="o9; Claude Opus 9", evaluators=["METR"],
               companies=("openai", "anthropic")),
        _event("o9-release", "model-release", model="o9", companies=("openai",), date="2025-04-01"),
    ]
    return Dataset(records=[card, framework], events=events)


@pytest.mark.parametrize("label, expected", [
    ("UK AISI", "UK AISI"),
    ("UK AI Safety Institute", "UK AISI"),
    ("the UK AI Security Institute (AISI)", "UK AISI"),
    ("US AISI", "US AISI / CAISI"),
    ("U.S. AI Safety Institute", "US AISI / CAISI"),
    ("CAISI", "US AISI / CAISI"),
    ("Center for AI Standards and Innovation", "US AISI / CAISI"),
    ("metr", "METR"),
    ("red teamers", "external red teamers"),
    ("external red teamers (100+)", "external red teamers (100+)"),
    ("domain experts", "domain experts"),
    ("Microsoft AI Red Team", "Microsoft AI Red Team"),
])
def test_evaluators_are_merged_across_aliases_and_case(label, expected):
    assert evaluator_identity(label)[1] == expected


@pytest.mark.parametrize("label", ["not disclosed", "Public", "the public", "users", "customers", "policymakers",
                                   "government", "", "  ", None])
def test_generic_or_empty_actors_are_not_evaluators(label):
    assert evaluator_identity(label) is None


def test_aliases_share_one_key():
    keys = {evaluator_identity(x)[0] for x in ("UK AISI", "UK AI Safety Institute", "UK AI Security Institute")}
    assert len(keys) == 1
    assert evaluator_identity("red teamers")[0] == evaluator_identity("external red teamers (50+)")[0]


@pytest.mark.parametrize("title, model", [
    ("System Card: Claude Opus 4.5", "Claude Opus 4.5"),
    ("AWS AI Service Card: Amazon Nova 2 Lite", "Amazon Nova 2 Lite"),
    ("Claude 3.5 Sonnet Model Card Addendum", "Claude 3.5 Sonnet"),
    ("System Card Addendum: Claude Opus 4.1", "Claude Opus 4.1"),
    ("Claude 3.7 Sonnet System Card", "Claude 3.7 Sonnet"),
    ("Gemini 2.5 Flash-Lite - Model Card", "Gemini 2.5 Flash-Lite"),
    ("gpt-oss-120b & gpt-oss-20b Model Card (web page)", "gpt-oss-120b & gpt-oss-20b"),
    ("The Claude 3 Model Family: Opus, Sonnet, Haiku", "Claude 3 (Opus, Sonnet, Haiku)"),
    ("GPT-5 system card", "GPT-5"),
])
def test_model_names_from_card_titles(title, model):
    assert model_from_title(title) == model


def test_parity_one_line_per_evaluator_with_deepest_depth_and_longest_days(card_dataset):
    parity = parity_frame(card_dataset).set_index(["company", "model"])
    row = parity.loc[("anthropic", "Claude Opus 9")]
    names = [e["evaluator"] for e in row["evaluators"]]
    assert names == ["METR", "UK AISI", "US AISI / CAISI", "external red teamers (100+)"]  # named first
    by_name = {e["evaluator"]: e for e in row["evaluators"]}
    assert by_name["UK AISI"]["access_depth"] == "A2"  # deepest of A1 (event, s1) and A2 (s2)
    assert by_name["UK AISI"]["days"] == 11
    assert by_name["US AISI / CAISI"]["access_depth"] == "A3" and by_name["US AISI / CAISI"]["days"] == 4
    assert [e["source"] for e in by_name["UK AISI"]["evidence"]] == ["event", "statement", "statement", "statement"]
    assert row["outside_access"] == ("METR (depth and days not disclosed); UK AISI (A2, 11 days before release); "
                                     "US AISI / CAISI (A3, 4 days before release); "
                                     "external red teamers (100+) (A3, 4 days before release)")
    assert not {e["evaluator"] for e in row["evaluators"]} & {"public", "not disclosed", "policymakers", "users",
                                                              "customers"}
    assert "SecureBio" not in row["outside_access"]  # rejected statement
    assert "Apollo" not in row["outside_access"]  # a commitment is no practice


def test_parity_says_not_disclosed_exactly_once(card_dataset):
    parity = parity_frame(card_dataset).set_index(["company", "model"])
    assert parity.loc[("anthropic", "Claude Haiku 9"), "outside_access"] == NOT_DISCLOSED
    assert parity.loc[("anthropic", "Claude Haiku 9"), "evaluators"] == []


def test_multi_model_event_gives_each_model_to_its_company(card_dataset):
    models = set(parity_frame(card_dataset)[["company", "model"]].itertuples(index=False, name=None))
    assert ("openai", "o9") in models and ("anthropic", "Claude Opus 9") in models
    assert ("anthropic", "o9") not in models and ("openai", "Claude Opus 9") not in models


def test_ledger_one_row_per_model_evaluator_and_basis(card_dataset):
    ledger = ledger_frame(card_dataset)
    keys = list(ledger[["company", "model", "evaluator", "basis"]].itertuples(index=False, name=None))
    assert len(keys) == len(set(keys))
    opus = ledger[(ledger["model"] == "Claude Opus 9") & (ledger["basis"] == "practice")].set_index("evaluator")
    assert set(opus.index) == {"UK AISI", "US AISI / CAISI", "external red teamers (100+)", "METR"}
    assert opus.loc["UK AISI", "access_depth"] == "A2" and opus.loc["UK AISI", "days_before_release"] == "11"
    assert len(opus.loc["UK AISI", "evidence"]) == 4
    assert opus.loc["UK AISI", "release_date"] == "2025-05-20"
    promises = ledger[ledger["basis"] == "promise"]
    assert set(zip(promises["model"], promises["evaluator"])) == {("Claude Opus 9", "Apollo Research"),
                                                                  ("all models (policy)", "UK AISI")}
    assert not set(ledger["evaluator"]) & {"public", "not disclosed", "policymakers", "users", "customers",
                                           "government"}
    haiku = ledger[ledger["model"] == "Claude Haiku 9"]
    assert list(haiku["evaluator"]) == ["none disclosed"]


def test_ledger_sorted_by_company_then_release_newest_first(card_dataset):
    ledger = ledger_frame(card_dataset)
    assert list(ledger["company"]) == sorted(ledger["company"])
    anthropic = [m for m in ledger[ledger["company"] == "anthropic"]["model"]]
    assert anthropic.index("Claude Haiku 9") < anthropic.index("Claude Opus 9")


def _change(cid: str, kind: str, materiality: int, old: str = "2025-01-01", new: str = "2025-05-01",
            review: Review | None = None) -> Change:
    return Change(id=cid, old_version=old, new_version=new, kind=kind, before="before " + cid, after="after " + cid,
                  materiality=materiality, review=review or Review())


@pytest.fixture
def changes_dataset():
    record = DocumentRecord(
        document=DocumentInfo(id="acme/policy", company="acme", title="Policy", kind="framework",
                              url="https://example.org/p"),
        versions=[_version("2025-01-01"), _version("2025-05-01"), _version("2025-03-01")],
        changes=[
            _change("a", "weakened", 90), _change("b", "added", 80), _change("c", "removed", 70),
            _change("d", "strengthened", 60), _change("e", "added", 50),
            _change("r", "reworded", 99), _change("m", "moved", 98),
            _change("x", "weakened", 100, review=Review(status="rejected")),
            _change("y", "reworded", 95, review=Review(status="corrected", corrected={"kind": "weakened"})),
            _change("z", "weakened", 95, review=Review(status="corrected", corrected={"kind": "reworded"})),
            _change("old1", "removed", 10, old="2025-01-01", new="2025-03-01"),
        ],
    )
    return Dataset(records=[record])


def test_home_changes_material_few_per_pair_with_a_count_of_the_rest(changes_dataset):
    latest = latest_material_changes(changes_dataset, per_pair=3, limit=15)
    assert list(latest["change"]) == ["y", "a", "b", "old1"]
    assert list(latest["kind"])[0] == "weakened"  # the corrected kind
    assert list(latest["more_in_pair"]) == [0, 0, 3, 0]
    assert not set(latest["change"]) & {"r", "m", "x", "z"}


def test_home_changes_limit(changes_dataset):
    assert len(latest_material_changes(changes_dataset, per_pair=3, limit=2)) == 2


def test_home_page_links_the_rest_of_a_version_to_its_anchor(changes_dataset):
    pages = generate_pages(SiteContext(dataset=changes_dataset))
    assert "3 more changes in this version" in pages["index.md"]
    assert "documents/acme/policy.html#changes-2025-01-01--2025-05-01" in pages["index.md"]
    assert "{#changes-2025-01-01--2025-05-01}" in pages["documents/acme/policy.md"]
    assert "after r" not in pages["index.md"] and "after x" not in pages["index.md"]
