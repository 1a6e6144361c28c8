"""The vocabulary of AccessWatch records, as written in the project's taxonomy.

These ids are the contract with contributors and readers: they appear in YAML records, on the
site and in downloads. Change them only together with the taxonomy document.
"""

from typing import Literal

Category = Literal[
    "external-evaluation",
    "external-red-teaming",
    "government-access",
    "third-party-review",
    "researcher-access",
    "publication",
    "open-weights",
]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]

Strength = Literal["commitment", "intention", "discretionary", "practice"]
STRENGTHS: tuple[str, ...] = Strength.__args__  # type: ignore[attr-defined]

# Binding force, highest first; `practice` reports what was done and is not a promise.
PROMISE_RANK: dict[str, int] = {"commitment": 3, "intention": 2, "discretionary": 1, "practice": 0}

AccessDepth = Literal["A0", "A1", "A2", "A3", "A4", "A5"]
ACCESS_DEPTHS: tuple[str, ...] = AccessDepth.__args__  # type: ignore[attr-defined]
ACCESS_DEPTH_LABELS: dict[str, str] = {
    "A0": "public product only",
    "A1": "pre-release black-box access with production safeguards",
    "A2": "safeguards removed / helpful-only variant",
    "A3": "fine-tuning access",
    "A4": "internals (reasoning traces, logits, checkpoints, non-public eval data)",
    "A5": "model weights",
}

Timing = Literal["pre-deployment", "post-deployment", "during-training"]
TIMINGS: tuple[str, ...] = Timing.__args__  # type: ignore[attr-defined]

DocumentKind = Literal[
    "framework", "system-card", "model-card", "press-release", "policy", "report", "other"
]
DOCUMENT_KINDS: tuple[str, ...] = DocumentKind.__args__  # type: ignore[attr-defined]

ChangeKind = Literal["added", "removed", "reworded", "strengthened", "weakened", "moved"]
CHANGE_KINDS: tuple[str, ...] = ChangeKind.__args__  # type: ignore[attr-defined]

Origin = Literal["live", "wayback", "import"]
