"""Measure the time and peak memory of load_dataset on one file.

Each run loads the file in a fresh Python process, so every run pays the full
cost and reports its own peak resident set size (ru_maxrss, which includes
the interpreter and imported libraries). Prints one line per run and the
medians.

Usage: python bench/bench_load.py bench/data/benchmarks-1000000-seed-1.csv
"""

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from core.data import load_dataset
start = time.perf_counter()
dataset = load_dataset({path!r})
seconds = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": seconds, "peak_mib": peak_kib / 1024,
                  "rows": len(dataset.frame), "rejected": dataset.rejected_rows}}))
"""


def measure(path: Path) -> dict:
    """Load path in a new interpreter and return its time, memory and counts."""
    code = _CHILD.format(root=str(ROOT), path=str(path))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="CSV or JSON file, or a folder")
    parser.add_argument("--runs", type=int, default=3, help="number of loads")
    args = parser.parse_args(argv)
    if not args.path.exists():
        parser.error(f"{args.path} not found; generate it with bench/generate_data.py")

    runs = []
    sys.stdout.write(f"{'run':>4} {'seconds':>8} {'peak MiB':>9} {'rows':>9}\n")
    for number in range(1, args.runs + 1):
        run = measure(args.path)
        runs.append(run)
        sys.stdout.write(
            f"{number:>4} {run['seconds']:>8.2f} {run['peak_mib']:>9.0f}"
            f" {run['rows']:>9}\n"
        )
    seconds = statistics.median(run["seconds"] for run in runs)
    peak = statistics.median(run["peak_mib"] for run in runs)
    sys.stdout.write(f"median {seconds:.2f} s, peak {peak:.0f} MiB\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
