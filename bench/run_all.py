"""Run every benchmark once with modest sizes (``make bench``). Prints figures; not a test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

RUNS = [
    ["bench_decide.py", "--seconds", "2"],
    ["bench_pii.py", "--seconds", "2"],
    ["bench_pipeline.py", "--posts", "200"],
    ["bench_read.py", "--posts", "200000"],
]


def main() -> int:
    failed = 0
    for script, *args in RUNS:
        print(f"\n=== {script} {' '.join(args)}", flush=True)
        failed += subprocess.call([sys.executable, str(HERE / script), *args]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
