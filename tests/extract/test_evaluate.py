"""`accesswatch evaluate`: the fixed matching rule, figures on a small key, the dev key floors."""

import json
from argparse import Namespace
from pathlib import Path

import pytest
import yaml

from accesswatch.extract.evaluate import KeyError_, evaluate_command, evaluate_key, match_units, unit_overlap

from .golden_util import FIXTURES


def test_matching_rule():
    assert unit_overlap("We will publish a **system card**.", "We will publish a system card.") == 1.0
    assert unit_overlap("We will publish a system card at launch.", "We will publish a system card.") == 1.0
    assert unit_overlap("Totally different words here.", "We will publish a system card.") < 0.6
    assert unit_overlap("Hi", "Hi there friend") == 0.0  # below the 3-token floor
    pairs, border = match_units(["a b c d", "e f g h", "x y z w"], ["a b c d", "e f g h"], [False, True])
    assert pairs == [(0, 0)] and border == [(1, 1)]


def _key(tmp_path, statements, docs=("ex/framework/2025-01-01.md",)):
    corpus = tmp_path / "corpus"
    (corpus / "ex" / "framework").mkdir(parents=True)
    (corpus / "ex" / "framework" / "2025-01-01.md").write_text((FIXTURES / "framework.md").read_text(encoding="utf-8"), encoding="utf-8")
    key = tmp_path / "key.yml"
    key.write_text(yaml.safe_dump({"documents": list(docs), "statements": statements}), encoding="utf-8")
    return key, corpus


def _st(quote, cats, strength, depth=None, borderline=False):
    return {"doc": "ex/framework/2025-01-01.md", "quote": quote, "categories": cats, "strength": strength,
            "access_depth": depth, "actors": [], "timing": None, "borderline": borderline}


def test_figures_on_a_small_key(tmp_path, capsys):
    key, corpus = _key(tmp_path, [
        _st("We will publish a system card for each new frontier model at launch.", ["publication"], "commitment"),
        _st("We aim to give external evaluators at least 14 days of access before release.", ["external-evaluation"], "intention", "A1"),
        _st("Our internal red team tests every model.", ["external-red-teaming"], "commitment"),  # a miss
        _st("Evaluators keep the right to publish their findings after our review for confidential information.", ["publication"], "commitment", borderline=True),
        _st("The CEO approves each launch.", ["third-party-review"], "commitment", borderline=True),  # borderline miss: not counted
    ])
    result = evaluate_key(key, corpus).to_json()
    assert result["true_positives"] == 2
    assert result["false_negatives"] == 1
    assert result["borderline_matched"] == 1
    assert result["false_positives"] == 8 - 2 - 1
    assert result["strength_accuracy"] == 1.0
    assert result["per_category_f1"]["publication"]["f1"] == 1.0
    assert [m["quote"] for m in result["missed"]] == ["Our internal red team tests every model."]
    assert evaluate_command(Namespace(key=key, corpus=corpus, json=True)) == 0
    printed = json.loads(capsys.readouterr().out)
    for field in ("precision", "recall", "f1", "category_micro_f1", "per_category_f1", "strength_accuracy", "access_depth_accuracy", "missed", "spurious"):
        assert field in printed
    assert evaluate_command(Namespace(key=key, corpus=corpus, json=False)) == 0
    assert "precision" in capsys.readouterr().out


def test_bad_keys_give_clear_errors(tmp_path, capsys):
    key, corpus = _key(tmp_path, [])
    key.write_text("documents: [oops", encoding="utf-8")
    with pytest.raises(KeyError_, match="not valid YAML"):
        evaluate_key(key, corpus)
    assert evaluate_command(Namespace(key=key, corpus=corpus, json=False)) == 2
    assert str(key) in capsys.readouterr().err
    key.write_text(yaml.safe_dump({"documents": ["ex/missing.txt"], "statements": []}), encoding="utf-8")
    with pytest.raises(KeyError_, match="missing.txt"):
        evaluate_key(key, corpus)
    key.write_text(yaml.safe_dump({"documents": [], "statements": [{"doc": "x", "quote": "y"}]}), encoding="utf-8")
    with pytest.raises(KeyError_, match="not in 'documents'"):
        evaluate_key(key, corpus)


# Floors a little below the figures measured when this was written (see the closing note of the
# extraction work): a drop below them is a regression worth looking at.
# Dev key, measured at EXTRACTOR_VERSION 0.2: P 0.911, R 0.964, category micro-F1 0.923,
# strength 0.895, access depth 0.955.
DEV_FLOORS = {"precision": 0.88, "recall": 0.93, "category_micro_f1": 0.89, "strength_accuracy": 0.86, "access_depth_accuracy": 0.92}

# Held-out key (tests/extract/keys/heldout-statements.yml: 7 documents labelled from the rules by
# a colleague). Rules were tuned on 5 of its documents; G42's framework and the o3/o4-mini system
# card were measured untouched first (P 0.739, R 0.906, categories 0.893, strength 0.917) and
# only then inspected. Measured at 0.2: P 0.960, R 0.975, categories 0.924, strength 0.941,
# access 0.891. It is no longer unseen: the final measurement is on another key.
HELDOUT_FLOORS = {"precision": 0.92, "recall": 0.93, "category_micro_f1": 0.89, "strength_accuracy": 0.90, "access_depth_accuracy": 0.85}
HELDOUT_KEY = Path(__file__).parent / "keys" / "heldout-statements.yml"


def test_dev_key_stays_above_floors(gold_dir, corpus_dir):
    result = evaluate_key(gold_dir / "dev-statements.yml", corpus_dir).to_json()
    for field, floor in DEV_FLOORS.items():
        assert result[field] >= floor, f"{field} {result[field]} fell below {floor}"


def test_heldout_key_stays_above_floors(corpus_dir):
    result = evaluate_key(HELDOUT_KEY, corpus_dir).to_json()
    for field, floor in HELDOUT_FLOORS.items():
        assert result[field] >= floor, f"{field} {result[field]} fell below {floor}"


def test_kinds_inferred_from_the_text_do_as_well_on_the_dev_key(gold_dir, corpus_dir):
    result = evaluate_key(gold_dir / "dev-statements.yml", corpus_dir, use_manifest_kind=False).to_json()
    for field, floor in DEV_FLOORS.items():
        assert result[field] >= floor, f"{field} {result[field]} fell below {floor} with inferred kinds"


def test_cli_accepts_infer_kind():
    from accesswatch.cli import build_parser

    args = build_parser().parse_args(["evaluate", "key.yml", "--corpus", "corpus", "--infer-kind"])
    assert args.infer_kind is True
