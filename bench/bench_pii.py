"""PII scan throughput on a realistic mix of short Danish posts. Not a test: prints figures.

Run: .venv/bin/python bench/bench_pii.py [--seconds 3]

Most posts on a municipality's page are general (opening hours, roadworks,
praise, politics); a minority carry a phone number, an address or a CPR
number, and fewer still health or social matters. The mix below is built
from templates in those proportions with a fixed seed, so runs compare.
Absolute posts/s depend on the machine (and on who else uses it), so the
figure that travels is the ratio against a trivial baseline in the same
process: one ``re.findall(r"\\d", text)`` pass over the same posts.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections.abc import Callable

from sojournal.pii import (
    find_addresses,
    find_cpr,
    find_cvr,
    find_emails,
    find_phones,
    scan,
)
from sojournal.pii.sensitive import _matcher, find_sensitive

GENERAL = [
    "Hvornår har genbrugspladsen åbent i påsken?",
    "Tak for en dejlig byfest i weekenden, det var super hyggeligt 🙂",
    "Hvorfor er der stadig vejarbejde på {street}? Det har stået på i månedsvis.",
    "Byrådet burde bruge pengene på skolerne i stedet for et nyt rådhus.",
    "Er biblioteket i {town} åbent på lørdag?",
    "Sikke et flot billede fra stranden 😍",
    "Skraldet er ikke hentet på {street} igen. Det er tredje gang!!",
    "Hvornår kommer den nye tømmeplan for storskrald?",
    "Kan man låne el-cykler gennem kommunen?",
    "Det er helt forkert at lukke svømmehallen i {town}. Husk det ved valget.",
    "Honestly the council should spend less on the harbour and more on schools.",
    "Hvor kan man aflevere gamle batterier?",
    "Godt gået med den nye cykelsti til {town} 👍",
    "I er nogle klovne derinde på rådhuset 🤡",
    "Hvad er reglerne for at sætte et hegn op i skel?",
    "Der står en masse ispapir og dåser ved badestranden hver weekend",
]
CONTACT = [
    "Ring gerne på {phone} hvis nogen har fundet min cykel",
    "Vi bor på {street} {no} og har ikke fået en papirbeholder",
    "Jeg har sagsnr. 2024-0{no}9377 om byggetilladelse, hvornår kommer svaret?",
    "Skriv til mig på {mail} hvis I har spørgsmål",
    "Ordrenummer 20118745{no} er ikke leveret endnu",
]
SENSITIVE = [
    "Min mor har fået hjemmehjælp men hjælperen kommer ikke. Hendes cpr er {cpr}",
    "Jeg er på kontanthjælp og har fået en sanktion af jobcentret, det er ikke fair",
    "Min søn på {age} venter stadig på udredning hos PPR. Hvem har hans sag?",
    "Jeg har været sygemeldt med stress siden august og mine sygedagpenge er stoppet",
    "Hvordan søger man boligstøtte? Min nabo har ingen computer.",
    "Min far er dement og står på venteliste til en plejebolig, ring på {phone}",
]
STREETS = ["Møllevej", "Havnegade", "Rosenvænget", "Kirkestræde", "Stationsvej", "Birkevej"]
TOWNS = ["Kærby", "Lindå", "Bøgeskov", "Strandby"]


def posts(count: int, seed: int = 7) -> list[str]:
    """``count`` posts: about 70 % general, 20 % with contact data, 10 % sensitive."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        roll = rng.random()
        pool = GENERAL if roll < 0.7 else CONTACT if roll < 0.9 else SENSITIVE
        template = rng.choice(pool)
        out.append(
            template.format(
                street=rng.choice(STREETS),
                town=rng.choice(TOWNS),
                no=rng.randint(1, 99),
                phone=f"{rng.randint(20, 69)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}",
                mail=f"borger{rng.randint(1, 999)}@example.dk",
                cpr=f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(40, 99)}-"
                f"{rng.randint(1000, 3999)}",
                age=rng.randint(3, 15),
            )
        )
    return out


def rate(fn: Callable[[str], object], texts: list[str], seconds: float) -> float:
    """Posts per second over whole passes, for at least ``seconds``."""
    done, start = 0, time.perf_counter()
    while True:
        for text in texts:
            fn(text)
        done += len(texts)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--jsonl", help="time these posts (a 'text' per line) instead of the mix")
    parser.add_argument(
        "--phases", action="store_true", help="also time each detector alone, on every post"
    )
    args = parser.parse_args()
    if args.jsonl:
        with open(args.jsonl, encoding="utf-8") as lines:
            texts = [json.loads(line)["text"] for line in lines if line.strip()]
    else:
        texts = posts(args.posts)
    scan(texts[0])  # load lexicons and compile patterns outside the timing
    digit = re.compile(r"\d")
    baseline = rate(lambda t: digit.findall(t), texts, args.seconds)
    full = rate(scan, texts, args.seconds)
    sensitive = rate(find_sensitive, texts, args.seconds)
    mean = sum(map(len, texts)) / len(texts)
    print(f"posts: {len(texts)} (mean {mean:.0f} chars)")
    print(f"baseline re.findall(r'\\d'): {baseline:12,.0f} posts/s")
    print(
        f"pii.scan:                   {full:12,.0f} posts/s  ({baseline / full:.1f}x baseline time)"
    )
    print(f"  of which find_sensitive:  {sensitive:12,.0f} posts/s")
    print(f"scan time per post:         {1e6 / full:12.1f} us")
    if args.phases:
        # Each alone on every post (scan runs the number detectors only where a digit is).
        index = _matcher()
        phases: list[tuple[str, Callable[[str], object]]] = [
            ("term index (lexicon look-up)", index.find),
            ("find_sensitive (incl. index)", find_sensitive),
            ("find_cpr", find_cpr),
            ("find_cvr", find_cvr),
            ("find_phones", find_phones),
            ("find_addresses", find_addresses),
            ("find_emails", find_emails),
        ]
        for name, fn in phases:
            print(f"  {name:29s} {1e6 / rate(fn, texts, args.seconds / 3):8.1f} us")


if __name__ == "__main__":
    main()
