"""CPR detection: validity by python-stdnum's rules, every written form, context."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sojournal.pii import scan
from sojournal.pii.cpr import birth_date, find_cpr, is_cpr

TODAY = date(2026, 11, 28)


def kinds(text: str) -> list[str]:
    return [s.kind for s in scan(text, today=TODAY)]


# python-stdnum's published examples (stdnum/dk/cpr.py doctests).
def test_stdnum_vectors() -> None:
    assert is_cpr("211062-5629", today=TODAY)
    assert not is_cpr("511062-5629", today=TODAY)  # invalid date
    assert birth_date("2110620629") == date(1962, 10, 21)
    # '2110525629' is 21 Oct 2052 by the century table: not born yet.
    assert birth_date("2110525629") == date(2052, 10, 21)
    assert not is_cpr("2110525629", today=TODAY)


@pytest.mark.parametrize(
    ("digits", "born"),
    [
        ("0101370000", date(1937, 1, 1)),  # 7th digit 0-3: 1900-1999
        ("0101993999", date(1999, 1, 1)),
        ("0101364000", date(2036, 1, 1)),  # 4 and 9: 2000-2036 ...
        ("0101374000", date(1937, 1, 1)),  # ... else 1937-1999
        ("0101369000", date(2036, 1, 1)),
        ("0101379000", date(1937, 1, 1)),
        ("0101575000", date(2057, 1, 1)),  # 5-8: 2000-2057 ...
        ("0101588000", date(1858, 1, 1)),  # ... else 1858-1899
        ("2902000000", None),  # 1900 is no leap year
        ("2902004000", date(2000, 2, 29)),  # 2000 is
    ],
)
def test_century_from_seventh_digit(digits: str, born: date | None) -> None:
    assert birth_date(digits) == born


def test_replacement_numbers_day_plus_60() -> None:
    assert birth_date("6101904321") == date(1990, 1, 1)
    assert birth_date("9112904321") == date(1990, 12, 31)
    assert birth_date("9202904321") is None  # 32 February
    assert [s.kind for s in find_cpr("cpr 711062-5629", today=TODAY)] == ["cpr"]
    assert "replacement" in find_cpr("711062-5629", today=TODAY)[0].explanation


def test_modulus_11_raises_confidence_but_is_not_required() -> None:
    passes = find_cpr("211062-5629", today=TODAY)[0]
    fails = find_cpr("211062-5628", today=TODAY)[0]
    assert passes.score > fails.score >= 0.5


def test_future_birth_date_is_not_a_cpr_number() -> None:
    assert find_cpr("cpr 011226-4123", today=date(2026, 11, 28)) == ()
    assert len(find_cpr("cpr 011226-4123", today=date(2026, 12, 1))) == 1


@pytest.mark.parametrize(
    "written",
    [
        "211062-5629",
        "2110625629",
        "211062 5629",
        "211062 - 5629",
        "211062–5629",  # en dash
        "211062\n5629",
        "211062-\n5629",
    ],
)
@pytest.mark.parametrize("prefix", ["", "cpr ", "CPR: ", "cpr-nr. ", "cpr nr ", "personnummer "])
def test_every_written_form(written: str, prefix: str) -> None:
    text = f"Hej, mit {prefix}{written} tak"
    spans = find_cpr(text, today=TODAY)
    assert len(spans) == 1
    found = text[spans[0].start : spans[0].end]
    assert "".join(ch for ch in found if ch.isdigit()) == "2110625629"
    assert kinds(text) == ["cpr"]


@pytest.mark.parametrize(
    "label",
    [
        "p-nr.",
        "P-nummer",
        "ordrenummer",
        "ordre nr.",
        "fakturanummer",
        "kontonr.",
        "reg.nr.",
        "EAN",
        "kundenr.",
        "tlf",
        "+45",
        "sagsnr.",
    ],
)
def test_other_numbers_with_a_date_shape_are_not_cpr(label: str) -> None:
    text = f"Vores {label} 2011874563 virker ikke"
    assert "cpr" not in kinds(text)
    assert all(s.score < 0.5 for s in find_cpr(text, today=TODAY))


def test_cpr_label_beats_a_generic_nr_after_it() -> None:
    assert find_cpr("mit cpr nr er 2011874563", today=TODAY)[0].score == 0.99
    assert find_cpr("født 201187-4563", today=TODAY)[0].score == 0.99


def test_written_out_birth_dates() -> None:
    assert [s.kind for s in scan("født 21.10.62-5629", today=TODAY)] == ["cpr"]
    assert [s.kind for s in scan("cpr: 21 10 62 5629", today=TODAY)] == ["cpr"]
    # Without a hyphen or a label, spaced pairs are as likely something else.
    assert find_cpr("tallene 21 10 62 5629", today=TODAY) == ()


def test_generic_nr_is_not_another_kind_of_number() -> None:
    (span,) = find_cpr("Jeg er født 12.03.45 og mit nr er 120345-1234", today=TODAY)
    assert span.score == 0.99


def test_longer_digit_runs_and_impossible_dates() -> None:
    assert find_cpr("konto 12345678901234", today=TODAY) == ()
    assert find_cpr("3213999999 og 999999-9999 og 0000000000", today=TODAY) == ()


# --- property tests -------------------------------------------------------------

DANISH_WORDS = (
    "hej jeg har søgt om hjælp til min mor og venter stadig på svar fra kommunen "
    "det er tredje gang vi skriver kan I hjælpe tak på forhånd mvh"
)
WORDS = st.sampled_from(DANISH_WORDS.split(" "))
FILLER = st.lists(WORDS, max_size=8).map(" ".join)


@st.composite
def valid_cpr(draw: st.DrawFn) -> str:
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)))
    replacement = draw(st.booleans())
    day = born.day + (60 if replacement else 0)
    yy = born.year % 100
    # The 7th digit that puts the year in the right century (stdnum's table).
    if born.year < 2000:
        seventh = draw(st.sampled_from("0123" + ("49" if yy >= 37 else "")))
    else:
        seventh = draw(st.sampled_from("49" if yy <= 36 else "5678"))
    rest = draw(st.integers(0, 999))
    return f"{day:02d}{born.month:02d}{yy:02d}{seventh}{rest:03d}"


SEPARATORS = st.sampled_from(["-", "", " ", "\n", " - ", "-\n"])
PREFIXES = st.sampled_from(["", "cpr: ", "CPR ", "cpr-nr. ", "personnummer ", "cpr nr "])


@settings(max_examples=150, deadline=None)
@given(digits=valid_cpr(), sep=SEPARATORS, prefix=PREFIXES, before=FILLER, after=FILLER)
def test_valid_cpr_in_any_form_and_text_is_found(
    digits: str, sep: str, prefix: str, before: str, after: str
) -> None:
    number = f"{digits[:6]}{sep}{digits[6:]}"
    text = f"{before} {prefix}{number} {after}".strip()
    spans = [s for s in scan(text, today=TODAY) if s.kind == "cpr"]
    assert len(spans) == 1
    assert (
        text[spans[0].start : spans[0].end].replace(" ", "").replace("\n", "").replace("-", "")
        == digits
    )


@st.composite
def impossible_date_digits(draw: st.DrawFn) -> str:
    day = draw(st.one_of(st.integers(32, 60), st.integers(92, 99), st.just(0)))
    month = draw(st.integers(1, 12))
    bad_month = draw(st.one_of(st.just(0), st.integers(13, 99)))
    use_bad_month = draw(st.booleans())
    good_day = draw(st.integers(1, 28))
    dd, mm = (good_day, bad_month) if use_bad_month else (day, month)
    return f"{dd:02d}{mm:02d}{draw(st.integers(0, 99)):02d}{draw(st.integers(0, 9999)):04d}"


@settings(max_examples=150, deadline=None)
@given(digits=impossible_date_digits(), sep=SEPARATORS, prefix=PREFIXES, before=FILLER)
def test_impossible_dates_are_never_cpr(digits: str, sep: str, prefix: str, before: str) -> None:
    text = f"{before} {prefix}{digits[:6]}{sep}{digits[6:]}"
    assert find_cpr(text, today=TODAY) == ()
