"""Personal data stays in the case system: not in logs (even at DEBUG), reports or the ledger."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from sojournal.cli import main
from sojournal.testing.esdh_emulator import FaultSettings

from .conftest import Site, write_posts

SECRETS = {
    "cpr": ["010190-1234", "2312851237", "150385 1123"],
    "email": ["mette.jensen@example.dk", "lars_n@post.example.com"],
    "phone": ["22 33 44 55", "+45 42178390", "61718293"],
    "name": ["Mette Testesen"],
}

TEXTS = [
    "Mit cpr er 010190-1234 og jeg venter stadig på svar på min ansøgning om hjemmehjælp. "
    "Ring på 22 33 44 55 eller skriv til mette.jensen@example.dk",
    "Min søn (cpr 2312851237) har fået afslag på støtte. Vi har klaget. Tlf +45 42178390",
    "Jeg har søgt om boligstøtte, personnummer 150385 1123, mail lars_n@post.example.com, "
    "mobil 61718293. Hvornår får jeg svar?",
]


def _values() -> list[str]:
    return [v for values in SECRETS.values() for v in values]


def test_batch_at_debug_leaks_nothing(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.esdh.set_faults(FaultSettings(transient=0.3, lost_response=0.2, seed=3))
    records = [
        {
            "id": f"leak-{n}",
            "channel": "facebook_comment",
            "text": text,
            "author": "Mette Testesen",
            "thread_id": f"t-{n}",
        }
        for n, text in enumerate(TEXTS)
    ]
    export = write_posts(tmp_path / "export.jsonl", records)
    records_seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records_seen.append(record)

    keep = Keep(level=logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(keep)
    try:
        codes = [
            main(
                [
                    "-vv",
                    "batch",
                    str(export),
                    "--config",
                    str(site.config),
                    "--report",
                    str(tmp_path / f"report{run}.json"),
                ]
            )
            for run in (1, 2)
        ]
    finally:
        root.removeHandler(keep)
    out = capsys.readouterr()

    assert codes[-1] == 0
    assert site.esdh.count() >= 3  # the data did go where it belongs
    assert records_seen, "DEBUG logging was on, so something must have been logged"
    log_text = "\n".join(keep.format(r) for r in records_seen)
    reports = "".join((tmp_path / f"report{run}.json").read_text() for run in (1, 2))
    ledger_bytes = b"".join(
        p.read_bytes() for p in site.workdir.glob("ledger.sqlite*") if p.is_file()
    )
    errors = [
        o["error"] or ""
        for run in (1, 2)
        for o in json.loads((tmp_path / f"report{run}.json").read_text())["outcomes"]
    ]
    for value in _values():
        assert value not in log_text, f"log holds {value!r}"
        assert value not in out.out and value not in out.err, f"terminal shows {value!r}"
        assert value not in reports, f"report holds {value!r}"
        assert value.encode() not in ledger_bytes, f"ledger file holds {value!r}"
        assert all(value not in e for e in errors)
