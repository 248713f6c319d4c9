"""scan and redact: all detectors together, overlaps, order, and quality on the dev corpus."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import sojournal.pii as pii
from sojournal.models import CONTRACT_PII_KINDS, PiiSpan
from sojournal.pii import redact, scan

DEV = Path(__file__).parent.parent / "data" / "dev.jsonl"


def test_public_api_is_sorted() -> None:
    assert pii.__all__ == sorted(pii.__all__)
    assert all(hasattr(pii, name) for name in pii.__all__)


def test_spans_are_sorted_and_do_not_overlap() -> None:
    text = (
        "Hej, min søn Malthe (cpr 210915-2471) har ADHD. Vi bor på Møllevej 12, 3480 Fredensborg. "
        "Ring på +45 23 45 67 81 eller skriv til mette@example.dk"
    )
    spans = scan(text)
    assert [s.kind for s in spans] == ["child", "cpr", "health", "address", "phone", "email"]
    assert all(a.end <= b.start for a, b in pairwise(spans))
    assert all(s.score >= pii.MIN_SCORE for s in spans)


def test_nothing_in_an_ordinary_post() -> None:
    assert scan("Hvornår har genbrugspladsen åbent i påsken? 🙂") == ()
    assert scan("") == ()


def test_redact_masks_every_span_by_kind() -> None:
    text = "Min mor (cpr 140339-1862) har demens. Ring 23456789 eller a.b@c.dk"
    assert redact(text) == "Min mor (cpr [cpr]) har [health]. Ring [phone] eller [email]"


def test_redact_with_given_and_overlapping_spans() -> None:
    text = "abcdefghij"
    spans = (
        PiiSpan(kind="phone", start=2, end=5),
        PiiSpan(kind="cpr", start=1, end=4),
        PiiSpan(kind="email", start=7, end=99),
    )
    assert redact(text, spans) == "a[cpr][phone]fg[email]"
    assert redact(text, ()) == text


def test_redacted_text_holds_no_digits_of_a_cpr_number() -> None:
    text = "cpr-nr.\n120345-\n1234 og tlf 2345 6789"
    masked = redact(text)
    assert not any(ch.isdigit() for ch in masked)


def test_quality_on_the_labelled_dev_corpus() -> None:
    """Every contract kind, as the set per post, at or above a floor that a regression breaks."""
    tp = fp = fn = 0
    per_kind: dict[str, list[int]] = {}
    for line in DEV.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        got = {s.kind for s in scan(record["text"])} & CONTRACT_PII_KINDS
        want = set(record["expected"]["pii"])
        for kind in got | want:
            counts = per_kind.setdefault(kind, [0, 0, 0])
            counts[0 if kind in got and kind in want else 1 if kind in got else 2] += 1
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + fn) >= 0.95
    for kind, (k_tp, k_fp, k_fn) in per_kind.items():
        assert k_tp / (k_tp + k_fp + k_fn) >= 0.8, kind
