"""`accesswatch evaluate KEY --corpus DIR [--json]`: measure extraction against an answer key.

The key has the format of ``../shared/gold/dev-statements.yml``: ``documents`` (corpus paths,
each labelled exhaustively) and ``statements`` (doc, quote, categories, strength, access_depth,
actors, timing, borderline). Extraction runs on every listed document; its statements are then
matched to the key's by the rule below (fixed; see `MATCHING_RULE`), and the figures computed.

Matching rule (fixed)
---------------------
1. Both texts are normalised: Unicode NFKC, curly quotes and dashes straightened, Markdown
   emphasis and link syntax removed, lower-cased; tokens are runs of letters and digits.
2. The overlap of a predicted unit P and a key unit K of the same document is the number of
   tokens they share (as multisets) divided by the token count of the shorter of the two.
   They *can match* when the overlap is at least 0.6 and the shorter unit has at least 3 tokens
   (or the two normalised texts are equal).
3. Matching is one to one and greedy: candidate pairs are taken by decreasing overlap (ties: the
   higher Jaccard overlap, then text order). Pairs with non-borderline key statements are made
   first; predictions left over may then match borderline key statements.
   A prediction whose normalised tokens equal those of a matched prediction (the same sentence
   repeated elsewhere in the document, which a key can list only once) counts neither way.
4. A prediction matched to a non-borderline key statement is a true positive; one matched to a
   borderline statement counts neither way; an unmatched prediction is a false positive (spurious).
   A non-borderline key statement left unmatched is a false negative (missed); an unmatched
   borderline one is not counted.

Figures: detection precision, recall and F1 over the counts above; over the true-positive pairs,
category micro-F1 (each pair contributes its predicted and key category sets) and per-category
F1, strength accuracy, access-depth accuracy (null must match null) and timing accuracy.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from accesswatch.extract.model import ExtractedStatement
from accesswatch.extract.statements import extract_statements
from accesswatch.taxonomy import CATEGORIES, DOCUMENT_KINDS

__all__ = [
    "MATCHING_RULE",
    "METHODOLOGY_NOTE",
    "MIN_OVERLAP",
    "KeyError_",
    "Evaluation",
    "evaluate_key",
    "evaluate_command",
    "match_units",
    "unit_overlap",
]

MIN_OVERLAP = 0.6
MIN_TOKENS = 3

MATCHING_RULE = (
    "A predicted unit matches a key unit of the same document when, after NFKC normalisation, "
    "straightening quotes and dashes, removing Markdown emphasis/links and lower-casing, the tokens "
    "(runs of letters and digits) they share as multisets are at least 60% of the tokens of the "
    "shorter unit (which must have at least 3 tokens, unless the texts are equal). Matching is one to "
    "one, greedy by decreasing overlap; non-borderline key statements are matched first, then "
    "borderline ones; a prediction repeating the exact text of a matched prediction (text repeated in the "
    "document) counts neither way. Borderline matches count neither way; unmatched borderline keys are not missed."
)

METHODOLOGY_NOTE = """\
### How extraction quality is measured

Extraction is measured against hand-labelled answer keys: for each listed document, every
sentence, list item or table cell about outside parties testing, reviewing, receiving access to or
information about a company's models (or about releasing weights) is labelled with its
categories, strength and access depth. Units on which careful labellers disagree are marked
*borderline* and count neither way.

**Matching.** {rule}

**Figures.** Detection precision is the share of extracted statements that match a labelled
statement; recall is the share of labelled statements that were extracted. Over the matched
pairs we report category micro-F1 (and F1 per category), strength accuracy and access-depth
accuracy. The rule is fixed so that figures stay comparable across releases; keys other than the
development key are used to check that the extractor generalises beyond the sentences it was
tuned on.
""".format(rule=MATCHING_RULE)


class KeyError_(ValueError):
    """An answer key or a document it lists cannot be used (the message names the file)."""


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-", "‑": "-"})
_MD = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]+")
_TOKEN = re.compile(r"[^\W_]+")


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _MD.sub(lambda m: m.group(1) or " ", text)
    return _TOKEN.findall(text.lower())


def unit_overlap(a: str, b: str) -> float:
    """Overlap of two units by the fixed matching rule (0..1; 0 when below the size floor)."""
    return _overlap(Counter(_tokens(a)), Counter(_tokens(b)))[0]


def _overlap(ca: Counter, cb: Counter) -> tuple[float, float]:
    na, nb = sum(ca.values()), sum(cb.values())
    if not na or not nb:
        return 0.0, 0.0
    shared = sum((ca & cb).values())
    if ca == cb:
        return 1.0, 1.0
    if min(na, nb) < MIN_TOKENS:
        return 0.0, 0.0
    return shared / min(na, nb), shared / (na + nb - shared)


def match_units(
    predicted: list[str], key: list[str], borderline: list[bool]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Apply the fixed matching rule to one document.

    Returns (pairs with non-borderline keys, pairs with borderline keys) as (prediction index,
    key index) lists. Deterministic.
    """
    pc = [Counter(_tokens(t)) for t in predicted]
    kc = [Counter(_tokens(t)) for t in key]
    pairs_by_phase: list[list[tuple[int, int]]] = [[], []]
    used_p: set[int] = set()
    for phase, want_borderline in enumerate((False, True)):
        cands = []
        for j, c in enumerate(kc):
            if borderline[j] != want_borderline:
                continue
            for i, p in enumerate(pc):
                if i in used_p:
                    continue
                ov, jac = _overlap(p, c)
                if ov >= MIN_OVERLAP:
                    cands.append((-ov, -jac, i, j))
        cands.sort()
        used_k: set[int] = set()
        for _, _, i, j in cands:
            if i in used_p or j in used_k:
                continue
            used_p.add(i)
            used_k.add(j)
            pairs_by_phase[phase].append((i, j))
    return pairs_by_phase[0], pairs_by_phase[1]


@dataclass
class Evaluation:
    """Counts and figures of one evaluation run (see module docstring)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    borderline_matched: int = 0
    cat_tp: Counter = field(default_factory=Counter)
    cat_pred: Counter = field(default_factory=Counter)
    cat_gold: Counter = field(default_factory=Counter)
    strength_right: int = 0
    depth_right: int = 0
    timing_right: int = 0
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)
    per_document: dict[str, dict] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The JSON object printed by `accesswatch evaluate --json`."""

        def f1(tp: int, npred: int, ngold: int) -> float:
            return round(2 * tp / (npred + ngold), 4) if npred + ngold else 1.0

        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        det_f1 = 2 * p * r / (p + r) if p + r else 0.0
        micro = f1(sum(self.cat_tp.values()), sum(self.cat_pred.values()), sum(self.cat_gold.values()))
        per_cat = {
            c: {
                "f1": f1(self.cat_tp[c], self.cat_pred[c], self.cat_gold[c]),
                "tp": self.cat_tp[c],
                "predicted": self.cat_pred[c],
                "gold": self.cat_gold[c],
            }
            for c in CATEGORIES
        }
        n = self.tp or 1
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(det_f1, 4),
            "true_positives": self.tp,
            "false_positives": self.fp,
            "false_negatives": self.fn,
            "borderline_matched": self.borderline_matched,
            "category_micro_f1": micro,
            "per_category_f1": per_cat,
            "strength_accuracy": round(self.strength_right / n, 4) if self.tp else None,
            "access_depth_accuracy": round(self.depth_right / n, 4) if self.tp else None,
            "timing_accuracy": round(self.timing_right / n, 4) if self.tp else None,
            "per_document": self.per_document,
            "missed": self.missed,
            "spurious": self.spurious,
            "wrong_labels": self.wrong,
            "matching_rule": MATCHING_RULE,
        }


def _load_key(path: Path) -> dict:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise KeyError_(f"{path}: cannot read answer key: {exc.strerror or exc}") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise KeyError_(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise KeyError_(f"{path}: an answer key needs a 'documents' list and a 'statements' list")
    statements = data.get("statements") or []
    if not isinstance(statements, list):
        raise KeyError_(f"{path}: 'statements' must be a list")
    docs = set(data["documents"])
    for n, s in enumerate(statements, 1):
        if not isinstance(s, dict) or not s.get("quote") or not s.get("doc"):
            raise KeyError_(f"{path}: statement {n}: needs 'doc' and 'quote'")
        if s["doc"] not in docs:
            raise KeyError_(f"{path}: statement {n}: doc {s['doc']!r} is not in 'documents'")
    return data


def _manifest_kinds(corpus: Path) -> dict[str, str]:
    manifest = corpus / "manifest.yml"
    if not manifest.exists():
        return {}
    try:
        data = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    kinds = {}
    for entry in data.get("entries") or []:
        if isinstance(entry, dict) and entry.get("kind") in DOCUMENT_KINDS:
            kinds[entry.get("path")] = entry["kind"]
    return kinds


def evaluate_key(key_path: Path, corpus: Path, *, use_manifest_kind: bool = True) -> Evaluation:
    """Run extraction on every document of the key and compare by the fixed matching rule.

    Inputs: the key file and the corpus folder its document paths are relative to. When the
    corpus has a `manifest.yml`, each document's `kind` is passed to extraction as the hint
    (unless `use_manifest_kind` is False). Raises KeyError_ naming the file when the key or a
    document cannot be read.
    """
    from accesswatch.extract.command import TextFileError, read_text_file

    key = _load_key(key_path)
    kinds = _manifest_kinds(corpus) if use_manifest_kind else {}
    ev = Evaluation()
    by_doc: dict[str, list[dict]] = {}
    for s in key.get("statements") or []:
        by_doc.setdefault(s["doc"], []).append(s)
    for doc in key["documents"]:
        try:
            text = read_text_file(corpus / doc)
        except TextFileError as exc:
            raise KeyError_(f"{key_path}: document {doc}: {exc}") from exc
        preds = extract_statements(text, kind=kinds.get(doc))
        _score_document(ev, doc, preds, by_doc.get(doc, []))
    return ev


def _score_document(ev: Evaluation, doc: str, preds: list[ExtractedStatement], gold: list[dict]) -> None:
    pairs, border_pairs = match_units(
        [p.text for p in preds], [g["quote"] for g in gold], [bool(g.get("borderline")) for g in gold]
    )
    matched_p = {i for i, _ in pairs} | {i for i, _ in border_pairs}
    matched_texts = {tuple(_tokens(preds[i].text)) for i in matched_p}
    matched_p |= {i for i, p in enumerate(preds) if i not in matched_p and tuple(_tokens(p.text)) in matched_texts}
    matched_k = {j for _, j in pairs}
    d = {"true_positives": len(pairs), "false_positives": 0, "false_negatives": 0, "borderline_matched": len(border_pairs)}
    ev.tp += len(pairs)
    ev.borderline_matched += len(border_pairs)
    strength_right = 0
    for i, j in pairs:
        p, g = preds[i], gold[j]
        pc, gc = set(p.categories), set(g.get("categories") or [])
        for c in pc & gc:
            ev.cat_tp[c] += 1
        for c in pc:
            ev.cat_pred[c] += 1
        for c in gc:
            ev.cat_gold[c] += 1
        ok_strength = p.strength == g.get("strength")
        ok_depth = p.access_depth == g.get("access_depth")
        ev.strength_right += ok_strength
        strength_right += ok_strength
        ev.depth_right += ok_depth
        ev.timing_right += p.timing == g.get("timing")
        if not (ok_strength and ok_depth and pc == gc):
            ev.wrong.append(
                {
                    "doc": doc,
                    "quote": g["quote"],
                    "gold": {"categories": sorted(gc), "strength": g.get("strength"), "access_depth": g.get("access_depth")},
                    "predicted": {"categories": sorted(pc), "strength": p.strength, "access_depth": p.access_depth},
                    "cues": list(p.cues),
                }
            )
    for i, p in enumerate(preds):
        if i not in matched_p:
            ev.fp += 1
            d["false_positives"] += 1
            ev.spurious.append(
                {"doc": doc, "text": p.text, "start": p.start, "end": p.end, "categories": list(p.categories), "strength": p.strength, "cues": list(p.cues)}
            )
    for j, g in enumerate(gold):
        if j not in matched_k and not g.get("borderline"):
            ev.fn += 1
            d["false_negatives"] += 1
            ev.missed.append({"doc": doc, "quote": g["quote"], "categories": g.get("categories"), "strength": g.get("strength")})
    d["strength_right"] = strength_right
    ev.per_document[doc] = d


def evaluate_command(args: argparse.Namespace) -> int:
    """Print the figures of `evaluate_key(args.key, args.corpus)`; JSON with `--json`.

    Returns 0, or 2 when the key or a document cannot be read (message on stderr).
    """
    try:
        ev = evaluate_key(args.key, args.corpus, use_manifest_kind=not getattr(args, "infer_kind", False))
    except KeyError_ as exc:
        print(f"accesswatch evaluate: {exc}", file=sys.stderr)
        return 2
    result = ev.to_json()
    if getattr(args, "json", False):
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"detection   precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}"
          f"  (TP {ev.tp}, FP {ev.fp}, FN {ev.fn}, borderline matched {ev.borderline_matched})")
    print(f"categories  micro-F1 {result['category_micro_f1']:.3f}")
    for c, v in result["per_category_f1"].items():
        print(f"  {c:22s} F1 {v['f1']:.3f}  (tp {v['tp']}, predicted {v['predicted']}, gold {v['gold']})")
    fmt = lambda x: "n/a" if x is None else f"{x:.3f}"  # noqa: E731
    print(f"strength    accuracy {fmt(result['strength_accuracy'])}")
    print(f"access      accuracy {fmt(result['access_depth_accuracy'])}")
    print(f"timing      accuracy {fmt(result['timing_accuracy'])}")
    print(f"\nmissed ({len(ev.missed)}):")
    for m in ev.missed:
        print(f"  - {m['doc']}: {m['quote'][:160]}  [{', '.join(m['categories'] or [])}; {m['strength']}]")
    print(f"\nspurious ({len(ev.spurious)}):")
    for s in ev.spurious:
        print(f"  - {s['doc']} [{s['start']}:{s['end']}]: {s['text'][:160]}  [{', '.join(s['categories'])}; {s['strength']}]")
    return 0
