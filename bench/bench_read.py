"""How fast exports are read, and proof that memory stays flat as they grow.

Writes a 1,000,000-post JSONL export (and smaller CSV and DYI exports) to a temp
dir, reads them through ``sojournal.platforms.sources.read`` and prints posts/s
and peak RSS (``ru_maxrss``). Peak RSS only ever rises, so each export is first
read for its first 10,000 records (the baseline), then in full: if reading
streams, the full read adds (almost) nothing to the peak.

    .venv/bin/python bench/bench_read.py [--posts 1000000] [--keep DIR] [--naive]

``--naive`` finishes with ``json.load`` of the DYI file to show what not
streaming would cost. Not a test; prints figures.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import resource
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sojournal.models import Post
from sojournal.platforms.sources import read

TEXTS = [
    "Hvornår åbner genbrugspladsen på Havnevej igen? 🏗️",
    "Jeg har søgt om boligstøtte for tre måneder siden og har ikke hørt noget, hvad gør jeg?",
    "Byrådet bør lytte til forældrene på Østerskolen.",
    "Skraldebilen har igen ikke tømt vores container på Lærkevej\nTredje gang!",
    "Tak for hjælpen i Borgerservice 😊",
]
CHANNELS = ["facebook_comment", "facebook_post", "messenger", "instagram_comment"]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def jsonl_lines(n: int) -> Iterator[str]:
    for i in range(n):
        yield json.dumps(
            {
                "id": f"{100000 + i // 50}_{i}",
                "channel": CHANNELS[i % 4],
                "text": f"{TEXTS[i % 5]} (#{i})",
                "author": f"Borger {i % 997}",
                "created": f"2024-03-{1 + i % 28:02d}T08:{i % 60:02d}:00+00:00",
                "post_id": str(100000 + i // 50),
            },
            ensure_ascii=False,
        )


def write_jsonl(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for line in jsonl_lines(n):
            f.write(line + "\n")


def write_csv(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(
            [
                "comment_id",
                "status_id",
                "parent_id",
                "comment_message",
                "comment_author",
                "comment_published",
            ]
        )
        for i in range(n):
            writer.writerow(
                [
                    f"9_{i}",
                    "9",
                    "",
                    f"{TEXTS[i % 5]}, nr. {i}",
                    f"Borger {i % 997}",
                    f"2024-03-{1 + i % 28:02d}T08:00:00+0000",
                ]
            )


def write_dyi(path: Path, n: int) -> None:
    def garble(s: str) -> str:
        return s.encode("utf-8").decode("latin-1")

    with path.open("w", encoding="ascii") as f:
        f.write('{\n  "comments_v2": [\n')
        for i in range(n):
            record = {
                "timestamp": 1709626500 + i,
                "data": [
                    {
                        "comment": {
                            "timestamp": 1709626500 + i,
                            "comment": garble(f"{TEXTS[i % 5]} #{i}"),
                            "author": garble(f"Søren Ærø {i % 997}"),
                        }
                    }
                ],
                "title": garble(f"Søren Ærø {i % 997} kommenterede et opslag."),
            }
            f.write(("    " if i == 0 else ",\n    ") + json.dumps(record))
        f.write("\n  ]\n}\n")


def measure(label: str, path: Path, expected: int) -> None:
    size_mb = path.stat().st_size / 1e6
    before = rss_mb()
    head = sum(1 for _ in itertools.islice(read(path), 10_000))
    baseline = rss_mb()
    start = time.perf_counter()
    posts = bad = 0
    for result in read(path):
        if isinstance(result, Post):
            posts += 1
        else:
            bad += 1
    elapsed = time.perf_counter() - start
    after = rss_mb()
    assert posts == expected and bad == 0, (posts, bad)
    print(
        f"{label:6} {posts:>9,} posts  {size_mb:7.1f} MB  {elapsed:6.2f} s  "
        f"{posts / elapsed:>9,.0f} posts/s  peak RSS: {before:6.1f} MB before, "
        f"{baseline:6.1f} MB after {head:,}, {after:6.1f} MB after all "
        f"(+{after - baseline:.1f} MB)"
    )


def plain_json_loads(path: Path) -> None:
    start = time.perf_counter()
    n = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            json.loads(line)
            n += 1
    elapsed = time.perf_counter() - start
    print(f"plain  {n:>9,} lines  `for line in f: json.loads(line)`: {n / elapsed:>9,.0f} lines/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=200_000, help="records for CSV and DYI")
    parser.add_argument("--keep", type=Path, help="write the exports here instead of a temp dir")
    parser.add_argument("--naive", action="store_true", help="finish with json.load of the DYI")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        write_jsonl(where / "posts.jsonl", args.posts)
        write_csv(where / "comments.csv", args.small)
        write_dyi(where / "comments_dyi.json", args.small)
        print(f"generated exports in {time.perf_counter() - start:.1f} s; RSS {rss_mb():.1f} MB")
        measure("jsonl", where / "posts.jsonl", args.posts)
        plain_json_loads(where / "posts.jsonl")
        measure("csv", where / "comments.csv", args.small)
        measure("dyi", where / "comments_dyi.json", args.small)
        if args.naive:
            before = rss_mb()
            with (where / "comments_dyi.json").open() as f:
                records = len(json.load(f)["comments_v2"])
            print(
                f"naive  json.load of the DYI file ({records:,} records): peak RSS "
                f"{before:.1f} -> {rss_mb():.1f} MB"
            )


if __name__ == "__main__":
    main()
