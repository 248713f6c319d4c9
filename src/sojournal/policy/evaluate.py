"""Decision quality against hand-labelled posts (format: shared/corpus/LABELLING.md).

Precision and recall per field, the category confusion matrix, the review rate,
and which post ids each field got wrong, so a change to the rules can be judged
before it is shipped. Reports carry ids and counts only, never post text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sojournal.models import CONTRACT_PII_KINDS, Decision, Post
from sojournal.policy.rules import Policy

__all__ = ["CATEGORIES", "EvalReport", "FieldScore", "evaluate"]

CATEGORIES = ("case", "complaint", "general", "political", "offensive")
_ACCURACY_FIELDS = ("category", "journalise", "remove", "reply", "escalate", "sensitive", "pii")


@dataclass(slots=True)
class FieldScore:
    """Counts for one binary question (e.g. "remove == delete")."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, post_id: str, expected: bool, got: bool) -> None:
        if expected and got:
            self.tp += 1
        elif got:
            self.fp += 1
            self.misses.append(post_id)
        elif expected:
            self.fn += 1
            self.misses.append(post_id)
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "misses": list(self.misses),
        }


@dataclass(slots=True)
class EvalReport:
    """Quality of a policy on a labelled set."""

    total: int = 0
    policy_version: str = ""
    binary: dict[str, FieldScore] = field(default_factory=dict)
    pii: dict[str, FieldScore] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    correct: dict[str, int] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)
    reviewed: int = 0

    @property
    def review_rate(self) -> float:
        return self.reviewed / self.total if self.total else 0.0

    def accuracy(self, name: str) -> float:
        return self.correct.get(name, 0) / self.total if self.total else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "policy_version": self.policy_version,
            "review_rate": round(self.review_rate, 4),
            "fields": {k: v.to_json() for k, v in self.binary.items()},
            "accuracy": {k: round(self.accuracy(k), 4) for k in _ACCURACY_FIELDS},
            "misses": {k: list(v) for k, v in self.misses.items()},
            "confusion": self.confusion,
            "pii": {k: v.to_json() for k, v in self.pii.items()},
        }

    def render_text(self) -> str:
        out = [
            f"{self.total} posts, policy {self.policy_version}, review rate {self.review_rate:.1%}"
        ]
        out.append(f"{'field':<18}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
        for name, s in self.binary.items():
            out.append(f"{name:<18}{s.precision:>10.3f}{s.recall:>8.3f}{s.tp:>5}{s.fp:>5}{s.fn:>5}")
        out.append(
            "accuracy: " + ", ".join(f"{k} {self.accuracy(k):.3f}" for k in _ACCURACY_FIELDS)
        )
        out.append("category confusion (rows expected, columns decided):")
        out.append(" " * 11 + "".join(f"{c[:9]:>10}" for c in CATEGORIES))
        for exp in CATEGORIES:
            row = self.confusion.get(exp, {})
            out.append(f"{exp:<11}" + "".join(f"{row.get(c, 0):>10}" for c in CATEGORIES))
        out.append("pii kinds (per post):")
        for kind, s in self.pii.items():
            out.append(f"  {kind:<9} precision {s.precision:.3f} recall {s.recall:.3f} (tp {s.tp})")
        for name, ids in self.misses.items():
            if ids:
                out.append(f"misses {name}: {' '.join(ids)}")
        return "\n".join(out)


def evaluate(
    records: Iterable[Mapping[str, Any]],
    policy: Policy | None = None,
    decide_fn: Callable[[Post, Policy | None], Decision] | None = None,
) -> EvalReport:
    """Score the policy on labelled records ``{"id", "channel", "text", "expected": {...}}``."""
    from sojournal.policy import decide, load_policy

    pol = policy if policy is not None else load_policy()
    run = decide_fn if decide_fn is not None else decide
    rep = EvalReport(policy_version=pol.version)
    rep.binary = {
        n: FieldScore()
        for n in ("journalise", "remove=delete", "remove=hide", "escalate", "sensitive", "review")
    }
    rep.pii = {k: FieldScore() for k in sorted(CONTRACT_PII_KINDS)}
    rep.confusion = {c: dict.fromkeys(CATEGORIES, 0) for c in CATEGORIES}
    rep.misses = {n: [] for n in _ACCURACY_FIELDS}
    for rec in records:
        exp = rec["expected"]
        pid = str(rec["id"])
        post = Post(id=pid, channel=rec["channel"], text=rec.get("text", ""))
        d = run(post, pol)
        rep.total += 1
        rep.reviewed += d.review
        rep.confusion[exp["category"]][d.category] += 1
        b = rep.binary
        b["journalise"].add(pid, bool(exp["journalise"]), d.journalise)
        b["remove=delete"].add(pid, exp.get("remove") == "delete", d.remove == "delete")
        b["remove=hide"].add(pid, exp.get("remove") == "hide", d.remove == "hide")
        b["escalate"].add(pid, exp.get("escalate") is not None, d.escalate is not None)
        b["sensitive"].add(pid, bool(exp.get("sensitive")), d.sensitive)
        b["review"].add(pid, False, d.review)
        got_kinds = {s.kind for s in d.pii if s.kind in CONTRACT_PII_KINDS}
        exp_kinds = set(exp.get("pii", []))
        for kind, score in rep.pii.items():
            score.add(pid, kind in exp_kinds, kind in got_kinds)
        got = d.to_contract(pid)
        got_pii = sorted(got_kinds)
        for name in _ACCURACY_FIELDS:
            want = sorted(exp_kinds) if name == "pii" else exp.get(name)
            have = got_pii if name == "pii" else got[name]
            if want == have:
                rep.correct[name] = rep.correct.get(name, 0) + 1
            else:
                rep.misses[name].append(pid)
    return rep


def load_jsonl(path: str) -> list[dict[str, Any]]:
    """Labelled records from a JSONL file (blank lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
