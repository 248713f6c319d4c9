"""A word model that catches own matters and complaints the rules have no words for.

Rules are explainable but only know the wordings someone wrote down, and new writers
keep finding others (blind posts: journalise recall about 0.95). A logistic regression
over the words of every labelled post (``tools/train_model.py``) is asked about the
posts the rules leave unjournalised; when it is confident, the post is journalised *for
review*, so a person confirms and nothing is filed on the model's word alone. Its
reason names the words that weighed most, so the review shows why.

The maths is scikit-learn's ``TfidfVectorizer(sublinear_tf=True, norm="l2")`` followed
by ``LogisticRegression``: weight = (1 + ln count) x idf, the vector scaled to length 1,
then the sigmoid of intercept + weights . coefficients. It runs on the tokens the engine
already has, costs a dictionary lookup per word and needs nothing but the JSON file.

>>> m = TextModel(name="t", intercept=-1.0, threshold=0.5, terms={"ansøgning": (2.0, 3.0)})
>>> round(m.probability(("min", "ansøgning")), 3)  # sigmoid(-1 + 3 x 1)
0.881
>>> m.strongest(("min", "ansøgning", "ansøgning"))
('ansøgning',)
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sojournal.errors import PolicyError

__all__ = ["TextModel", "model_words", "read_model"]


def model_words(tokens: Sequence[str]) -> list[str]:
    """The words the model sees: tokens of two characters or more that are words.

    scikit-learn's default token pattern (``\\w\\w+``) on the policy's own tokens, so
    training and scoring read a post the same way.
    """
    return [t for t in tokens if len(t) > 1 and (t[0].isalnum() or t[0] == "_")]


@dataclass(frozen=True, slots=True)
class TextModel:
    """Word -> (idf, coefficient), an intercept and the probability that counts."""

    name: str
    intercept: float
    threshold: float
    terms: dict[str, tuple[float, float]]
    posts: int = 0

    def _weights(self, tokens: Sequence[str]) -> dict[str, float]:
        """Sublinear tf-idf of the model's words in ``tokens`` (before the l2 scaling).

        Only words enter ``terms`` (``model_words`` at training), so a token found there
        is a word: no filtering needed here.
        """
        counts: dict[str, int] = {}
        terms = self.terms
        for word in tokens:
            if word in terms:
                counts[word] = counts.get(word, 0) + 1
        return {
            w: terms[w][0] if n == 1 else (1.0 + math.log(n)) * terms[w][0]
            for w, n in counts.items()
        }

    def probability(self, tokens: Sequence[str]) -> float:
        """How likely the model finds it that a post with these tokens is of its class
        (journalised, or deleted).
        """
        # What ``_weights`` and the l2 scaling compute, without their dictionaries (this
        # runs on most posts): the model's words in the order of their first occurrence
        # (a dict's order), each with its count, then the same sums in that order. A word
        # seen before has the very (idf, coefficient) tuple it had then, so the tuples
        # seen are compared by identity, and only a tuple seen before is asked whether
        # its word is the same (a model built by hand may share one tuple between words).
        # The tuples are kept as objects: compiled (mypyc), a ``tuple[float, float]`` is
        # unboxed into two floats, and boxed anew (another object) each time it is compared.
        toks: tuple[str, ...] = tokens if isinstance(tokens, tuple) else tuple(tokens)
        terms = self.terms
        seen: list[object] = []
        words: list[str] = []
        #: Each seen word's count, once a word is seen twice (few posts): else all are 1.
        counts: list[int] | None = None
        for word in toks:
            found: object = terms.get(word)
            if found is None:
                continue
            again = -1
            for i, earlier in enumerate(seen):
                if earlier is found and words[i] == word:
                    again = i
                    break
            if again >= 0:
                if counts is None:
                    counts = [1] * len(seen)
                counts[again] += 1
                continue
            seen.append(found)
            words.append(word)
            if counts is not None:
                counts.append(1)
        z = self.intercept
        if seen:
            squares = dot = 0.0
            for i, pair in enumerate(seen):
                idf, coefficient = cast("tuple[float, float]", pair)
                # Sublinear tf: (1 + ln n) x idf, exactly idf for a word seen once.
                n = 1 if counts is None else counts[i]
                v = idf if n == 1 else (1.0 + math.log(n)) * idf
                squares += v * v
                dot += v * coefficient
            z += dot / math.sqrt(squares)
        return 1.0 / (1.0 + math.exp(-z))

    def strongest(
        self, tokens: Sequence[str], count: int = 5, *, against: bool = False
    ) -> tuple[str, ...]:
        """The words that pushed hardest towards the model's class (``against``: away from
        it, for a review that asks why the model doubts), strongest first."""
        weights = self._weights(tokens)
        terms = self.terms
        sign = -1.0 if against else 1.0
        pushes = sorted(
            ((sign * v * terms[w][1], w) for w, v in weights.items() if sign * terms[w][1] > 0),
            reverse=True,
        )
        return tuple(w for _, w in pushes[:count])


def _fail(source: str, reason: str, field: str = "policy.model") -> PolicyError:
    return PolicyError(reason, file=source, field=field)


def parse_model(data: Any, name: str, threshold: float, field: str = "policy.model") -> TextModel:
    """Validate a model document (``tools/train_model.py``'s JSON); errors name ``field``."""
    if not isinstance(data, Mapping) or data.get("format") != 1:
        raise _fail(name, "not a sojournal model (format 1)", field)
    intercept = data.get("intercept")
    raw_terms = data.get("terms")
    if not isinstance(intercept, int | float) or not isinstance(raw_terms, Mapping):
        raise _fail(name, "needs a numeric 'intercept' and a 'terms' table", field)
    terms: dict[str, tuple[float, float]] = {}
    for word, pair in raw_terms.items():
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in pair)
            or pair[0] <= 0
        ):
            raise _fail(name, f"term {word!r} must be [idf > 0, coefficient]", field)
        terms[str(word)] = (float(pair[0]), float(pair[1]))
    trained = data.get("trained_on", {})
    posts = trained.get("posts", 0) if isinstance(trained, Mapping) else 0
    return TextModel(
        name=name,
        intercept=float(intercept),
        threshold=threshold,
        terms=terms,
        posts=int(posts) if isinstance(posts, int) else 0,
    )


def read_model(raw: bytes, name: str, threshold: float, field: str = "policy.model") -> TextModel:
    """Parse a model file's bytes; errors name the file and ``field``."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(name, f"not valid JSON: {exc}", field) from None
    return parse_model(data, name, threshold, field)
