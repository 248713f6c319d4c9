"""CSV exports: quoted commas and newlines survive; broken rows are reported at their first line."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from sojournal.models import Post
from sojournal.platforms.sources import BadRecord, read

HEADER = "comment_id,status_id,parent_id,comment_message,comment_author,comment_published"


def test_embedded_newlines_quoted_commas_and_broken_rows(tmp_path: Path) -> None:
    path = tmp_path / "kommentarer.csv"
    path.write_text(
        "\n".join(
            [
                HEADER,  # line 1
                '101_1,101,,"Hej, jeg har ikke fået svar på min ansøgning om hjælpemidler.',  # 2
                'Kan I ringe til mig?",Mette Hansen,2024-03-05T08:15:00+0000',  # 3
                "101_2,101,101_1,Enig! Det tager alt for lang tid,Ole Pedersen,2024-03-05 09:00:00",
                "101_3,101,,for få kolonner",  # 5
                ",101,,Tomt id,Kim Larsen,2024-03-05 09:10:00",  # 6
                "101_4,101,,Dato mangler,Kim Larsen,i går",  # 7
                '101_5,101,,"Politikerne, de hører aldrig efter",Per Ravn,1709630000',  # 8
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    results = list(read(path))
    posts = [r for r in results if isinstance(r, Post)]
    bad = [r for r in results if isinstance(r, BadRecord)]
    assert [p.id for p in posts] == ["101_1", "101_2", "101_5"]
    assert posts[0].text == (
        "Hej, jeg har ikke fået svar på min ansøgning om hjælpemidler.\nKan I ringe til mig?"
    )
    assert posts[0].created == datetime(2024, 3, 5, 8, 15, tzinfo=UTC)
    assert posts[0].thread_id == "101" and posts[0].parent_id == "101"
    assert posts[1].parent_id == "101_1" and posts[1].author == "Ole Pedersen"
    assert posts[1].created == datetime(2024, 3, 5, 9, 0, tzinfo=UTC)  # naive is UTC
    assert posts[2].text == "Politikerne, de hører aldrig efter"
    assert [(b.line, b.field) for b in bad] == [
        (5, ""),
        (6, "comment_id"),
        (7, "comment_published"),
    ]
    assert str(bad[0]) == f"{path}:5: 4 columns, expected 6"
    assert "Kim" not in str(bad[1]) and "Kim" not in str(bad[2])
    assert bad[2].raw == "101_4,101,,Dato mangler,Kim Larsen,i går"


def test_written_by_csv_module_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    message = 'Citat: "vi lukker skolen", sagde borgmesteren.\r\nEr det rigtigt?'
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER.split(","))
        writer.writerow(["7_8", "7", "", message, "Anne Bech", "2024-01-02T10:00:00+01:00"])
        writer.writerow(["7_9", "7", "", "Næste række", "Bo", "2024-01-02T11:00:00+01:00"])
    results = list(read(path))
    assert [r.text for r in results if isinstance(r, Post)] == [message, "Næste række"]


def test_missing_column_skips_the_file_with_one_report(tmp_path: Path) -> None:
    path = tmp_path / "forkert.csv"
    path.write_text("comment_id,status_id,comment_message\n1,2,hej\n", encoding="utf-8")
    (only,) = list(read(path))
    assert isinstance(only, BadRecord) and only.field == "parent_id" and only.line == 1
