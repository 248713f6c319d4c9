from __future__ import annotations

from collections.abc import Callable

import pytest

from sojournal.models import Decision
from sojournal.policy.case_refs import find_case_refs

Judge = Callable[..., Decision]


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("Jeg har sagsnr. 2024-019377 om dispensation", ("2024-019377",)),
        ("(sags nr 2023-118830)", ("2023-118830",)),
        (
            "j.nr. 27.12.04-G01-3-24 og J.nr: 00.01.00-A00-12-23",
            ("27.12.04-G01-3-24", "00.01.00-A00-12-23"),
        ),
        ("journalnummer 2022/7781", ("2022/7781",)),
        ("Our case number is 2023-118822.", ("2023-118822",)),
        ("sagsnummer: 55821907", ("55821907",)),
        ("Ring på 72 58 30 00 om sagen", ()),
        ("Vi har ventet 14 måneder", ()),
    ],
)
def test_case_references(text: str, refs: tuple[str, ...]) -> None:
    assert find_case_refs(text) == refs


def test_a_case_reference_makes_a_case(judge: Judge) -> None:
    d = judge("Sagsnr. 2024-004512 - hvad er status?")
    assert d.category == "case" and d.journalise and d.case_refs == ("2024-004512",)
    assert "case.reference" in {r.rule for r in d.reasons}
