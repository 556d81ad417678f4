"""Generate a large synthetic benchmark CSV from the shipped series.

Each row copies a random shipped row and then changes it: throughput and
latency get multiplicative noise, the date moves to a random day, and the row
gets one of several models, sequences, worker counts and image versions. Most
rows therefore lie outside the page's default model and sequence, as they
would in a full InferenceX export. The numbers are not real measurements.

Usage: python bench/generate_data.py --rows 1000000 --seed 1
"""

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.data import SHIPPED_DATA  # noqa: E402
from core.schema import COLUMN_NAMES  # noqa: E402

DEFAULT_OUTPUT_FOLDER = ROOT / "bench" / "data"
MODELS = ("dsr1", "dsv4", "glm5", "qwen3.5", "kimi", "minimax", "gptoss", "llama")
SEQUENCES = ((1024, 1024), (8192, 1024), (1024, 8192))
FIRST_DATE = np.datetime64("2025-10-01")
DAYS = 420
THROUGHPUT_COLUMNS = ("tput_per_gpu", "output_tput_per_gpu", "input_tput_per_gpu")
LATENCY_COLUMNS = ("median_tpot", "mean_tpot", "mean_ttft")


def generate(rows: int, seed: int) -> pd.DataFrame:
    """Return rows synthetic benchmark points in the shipped CSV schema."""
    rng = np.random.default_rng(seed)
    shipped = pd.read_csv(SHIPPED_DATA, dtype=str, keep_default_na=False)
    measured = shipped[shipped["kind"] == "measured"].reset_index(drop=True)
    frame = measured.iloc[rng.integers(0, len(measured), rows)].reset_index(drop=True)

    frame["model"] = rng.choice(MODELS, rows)
    sequence = rng.integers(0, len(SEQUENCES), rows)
    frame["isl"] = np.array([s[0] for s in SEQUENCES])[sequence].astype(str)
    frame["osl"] = np.array([s[1] for s in SEQUENCES])[sequence].astype(str)

    # New configurations: more decode workers, and a newer image tag.
    for pool in ("prefill", "decode"):
        workers = pd.to_numeric(frame[f"{pool}_num_workers"], errors="coerce")
        extra = rng.integers(0, 4, rows)
        frame[f"{pool}_num_workers"] = _integers_as_text(workers + extra)
        gpus = pd.to_numeric(frame[f"num_{pool}_gpu"], errors="coerce")
        frame[f"num_{pool}_gpu"] = _integers_as_text(gpus * (1 + extra))
    release_candidate = (rng.random(rows) < 0.5) & (frame["image"] != "")
    frame["image"] = frame["image"] + np.where(release_candidate, "-rc1", "")

    noise = rng.lognormal(mean=0.0, sigma=0.05, size=rows)
    for name in THROUGHPUT_COLUMNS:
        values = pd.to_numeric(frame[name], errors="coerce") * noise
        frame[name] = values.round(4).astype(str).replace("nan", "")
    for name in LATENCY_COLUMNS:
        values = pd.to_numeric(frame[name], errors="coerce") / noise
        frame[name] = values.round(6).astype(str).replace("nan", "")
    intvty = pd.to_numeric(frame["median_intvty"], errors="coerce") * noise
    frame["median_intvty"] = intvty.round(4).astype(str)

    days = rng.integers(0, DAYS, rows)
    frame["date"] = np.datetime_as_string(FIRST_DATE + days, unit="D")
    frame["run_id"] = (30_000_000_000 + rng.integers(0, 10**9, rows)).astype(str)
    frame["source"] = f"synthetic-seed-{seed}"
    for name in COLUMN_NAMES:
        if name not in frame:
            frame[name] = ""
    return frame[list(COLUMN_NAMES)]


def _integers_as_text(values: pd.Series) -> pd.Series:
    return values.astype("Int64").astype(str).replace("<NA>", "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help="CSV to write (default: bench/data/benchmarks-ROWS-seed-SEED.csv)",
    )
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error(f"--rows must be at least 1, got {args.rows}")

    output = args.output or (
        DEFAULT_OUTPUT_FOLDER / f"benchmarks-{args.rows}-seed-{args.seed}.csv"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    generate(args.rows, args.seed).to_csv(output, index=False)
    sys.stdout.write(f"wrote {args.rows} rows to {output}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
