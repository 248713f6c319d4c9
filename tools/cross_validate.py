"""Cross-validate the two word models inside the whole engine: the figures README quotes.

The rules were tuned on the own labelled posts, so their figures there are optimistic; the
word models are trained on the same posts, so scoring them there would be worse still.
This splits the own posts five ways *by file* (a file is one writer's batch, so a fold's
posts come from writers its models never saw), trains both models on four fifths with
``tools/train_model.py``'s maths, and runs ``decide`` with them over the fifth. Settings of
``[policy]`` can be tried on top (``model_review_below=0.2``); each fold's ``Policy`` is the
shipped one with its models and those settings replaced.

    pip install -e ".[train]"     # scikit-learn
    .venv/bin/python tools/cross_validate.py
    .venv/bin/python tools/cross_validate.py model_review_below=0 model_threshold_against=1
    .venv/bin/python tools/cross_validate.py delete_model_threshold=0.6   # a model's own bar
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

import train_model  # noqa: E402

from sojournal.policy import load_policy  # noqa: E402
from sojournal.policy.evaluate import evaluate  # noqa: E402
from sojournal.policy.model import model_words, parse_model  # noqa: E402
from sojournal.policy.text import analyse  # noqa: E402

FOLDS = 5
FIELDS = ("journalise", "remove=delete", "remove=hide", "escalate", "sensitive")


def _folds() -> list[list[dict[str, Any]]]:
    """The own posts in five groups of whole files (by a hash of the name: stable)."""
    folds: list[list[dict[str, Any]]] = [[] for _ in range(FOLDS)]
    names = sorted(train_model.training_files(), key=lambda p: zlib.crc32(p.name.encode()))
    for i, path in enumerate(names):
        lines = path.read_text(encoding="utf-8").splitlines()
        folds[i % FOLDS].extend(json.loads(line) for line in lines if line.strip())
    return folds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("settings", nargs="*", help="[policy] KEY=NUMBER to try on top")
    args = parser.parse_args()
    overrides = {k: float(v) for k, v in (s.split("=", 1) for s in args.settings)}
    # The models' own bars live on the models, not on the policy.
    thresholds = {
        k: overrides.pop(k) for k in ("model_threshold", "delete_model_threshold") if k in overrides
    }
    shipped = load_policy()
    if shipped.model is None or shipped.delete_model is None:
        print("the rules file names no word models", file=sys.stderr)
        return 2
    folds = _folds()
    words: dict[str, list[str]] = {}
    totals = {name: [0, 0, 0] for name in FIELDS}
    posts = reviewed = 0
    for held_out in range(FOLDS):
        train = [r for i, fold in enumerate(folds) if i != held_out for r in fold]
        docs = [words.setdefault(r["text"], model_words(analyse(r["text"]).tokens)) for r in train]
        public = [i for i, r in enumerate(train) if r["channel"] != "messenger"]
        journalised = [int(bool(r["expected"]["journalise"])) for r in train]
        deleted = [int(train[i]["expected"]["remove"] == "delete") for i in public]
        j_model = train_model._fit(docs, journalised, "", 0)
        d_model = train_model._fit([docs[i] for i in public], deleted, "", 0)
        policy = dataclasses.replace(
            shipped,
            model=parse_model(
                j_model, "fold", thresholds.get("model_threshold", shipped.model.threshold)
            ),
            delete_model=parse_model(
                d_model,
                "fold",
                thresholds.get("delete_model_threshold", shipped.delete_model.threshold),
            ),
            **overrides,  # type: ignore[arg-type]
        )
        report = evaluate(folds[held_out], policy)
        for name in FIELDS:
            score = report.binary[name]
            totals[name][0] += score.tp
            totals[name][1] += score.fp
            totals[name][2] += score.fn
        posts += report.total
        reviewed += report.reviewed
    settings = {**overrides, **thresholds}
    print(f"{posts} posts, {FOLDS} folds by file, settings {settings or 'as shipped'}")
    for name, (tp, fp, fn) in totals.items():
        precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
        print(f"  {name:<14} precision {precision:.3f}  recall {recall:.3f}")
    print(f"  review rate    {reviewed / max(1, posts):.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
