"""Train the word models the rules file names (``[policy] model`` and ``delete_model``).

The rules generalise badly to writers they were not tuned on: three rounds of rule
changes moved journalise recall on blind posts by about 0.01. A linear model over the
words of every labelled post we have catches own matters and complaints in wordings no
lexicon lists, so the engine asks it about the posts the rules leave unjournalised and
sends the confident ones to review (journalised, a person confirms).

The model is logistic regression on tf-idf of the policy's own tokens (``analyse``:
folded, spelling-fixed words of two letters or more), so the engine can score a post
from the tokens it already has. scikit-learn fits it here, once; the engine needs only
the JSON this writes (``sojournal.policy.model``). Blind sets (``blind*.jsonl``) are never
trained on: they are the honest measure of posts the project has not seen.

The second model, the same maths on the public posts only (Messenger is never removed),
learns which posts are deleted: personal data said in passing ("Mine forældre bor der
begge") has more wordings than the PII lexicons will ever list. The engine asks it about
public posts the rules leave up; a confident one is deleted only after a person confirms.

    pip install -e ".[train]"     # scikit-learn
    .venv/bin/python tools/train_model.py            # writes journalise- and delete-model.json
    .venv/bin/python tools/train_model.py --check    # exit 1 if the file is out of date
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sojournal.policy.model import model_words  # noqa: E402
from sojournal.policy.text import analyse  # noqa: E402

RULES = ROOT / "src" / "sojournal" / "policy" / "rules"
OUT = RULES / "journalise-model.json"
DELETE_OUT = RULES / "delete-model.json"
#: Regularisation: chosen by five-fold cross-validation on the training posts.
C = 4.0
#: Words seen in fewer posts than this carry no weight (names, typos).
MIN_DF = 2


def training_files() -> list[Path]:
    data = ROOT / "tests" / "policy" / "data"
    files = [ROOT / "tests" / "data" / "dev.jsonl"]
    files += sorted(p for p in data.glob("*.jsonl") if not p.name.startswith("blind"))
    return files


def load() -> tuple[list[list[str]], list[int], list[int], str, int]:
    """Every training post's words, its journalise label and its delete label (-1 for a
    Messenger post, which is never removed and so teaches nothing about deletion)."""
    docs: list[list[str]] = []
    journalised: list[int] = []
    deleted: list[int] = []
    digest = hashlib.sha256()
    for path in training_files():
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw)
        for line in raw.decode("utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                expected = rec["expected"]
                docs.append(model_words(analyse(rec["text"]).tokens))
                journalised.append(int(bool(expected["journalise"])))
                public = rec["channel"] != "messenger"
                deleted.append(int(expected["remove"] == "delete") if public else -1)
    return docs, journalised, deleted, digest.hexdigest(), len(training_files())


def train() -> tuple[dict[str, object], dict[str, object]]:
    """The journalise model over every post, the delete model over the public ones."""
    docs, journalised, deleted, digest, n_files = load()
    public = [i for i, label in enumerate(deleted) if label >= 0]
    return (
        _fit(docs, journalised, digest, n_files),
        _fit([docs[i] for i in public], [deleted[i] for i in public], digest, n_files),
    )


def _fit(docs: list[list[str]], labels: list[int], digest: str, n_files: int) -> dict[str, object]:
    # scikit-learn ships no type information (the "train" extra; only needed to retrain).
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped,import-not-found,unused-ignore]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped,import-not-found,unused-ignore]

    vec = TfidfVectorizer(analyzer=lambda words: words, min_df=MIN_DF, sublinear_tf=True, norm="l2")
    x = vec.fit_transform(docs)
    clf = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    clf.fit(x, labels)
    coef = clf.coef_[0]
    terms = {
        word: [round(float(vec.idf_[i]), 6), round(float(coef[i]), 6)]
        for word, i in sorted(vec.vocabulary_.items())
    }
    return {
        "format": 1,
        "kind": "logistic regression on sublinear tf-idf of the policy's tokens",
        "trained_on": {"files": n_files, "posts": len(docs), "sha256": digest},
        "intercept": round(float(clf.intercept_[0]), 6),
        "terms": terms,
    }


def _dump(model: dict[str, object]) -> str:
    """One word a line: a retrained model reads as a diff of the words that moved."""
    terms = model["terms"]
    assert isinstance(terms, dict)
    head = {k: v for k, v in model.items() if k != "terms"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "terms": {']
    body = [f"{json.dumps(w, ensure_ascii=False)}: {json.dumps(v)}" for w, v in terms.items()]
    return "\n".join([*lines, ",\n".join(body), "}}"]) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the files are current")
    args = parser.parse_args()
    if args.check:
        _, _, _, digest, _ = load()
        stale = [
            out.name
            for out in (OUT, DELETE_OUT)
            if json.loads(out.read_text(encoding="utf-8"))["trained_on"]["sha256"] != digest
        ]
        if stale:
            print(f"{', '.join(stale)} trained on other data: run tools/train_model.py")
            return 1
        print(f"{OUT.name} and {DELETE_OUT.name} are current")
        return 0
    for out, model in zip((OUT, DELETE_OUT), train(), strict=True):
        out.write_text(_dump(model), encoding="utf-8")
        posts = model["trained_on"]["posts"]  # type: ignore[index]
        print(f"wrote {out.relative_to(ROOT)}: {len(model['terms'])} words, {posts} posts")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
