"""Time the dashboard's interactions on generated datasets of growing size.

For each --rows value it generates (once) a CSV with bench/generate_data.py and
the given --seed, serves it with gunicorn.conf.py, and times page load, chart
change and target edit --repeat times each, as bench_latency.py does. It also
reports the rows of the workload the default page shows (its model and
sequence), the start-up time and the worker memory.

--isolated adds a control run: the largest file with every row of the default
model removed and the shipped rows added back. Its file is almost as large,
but the default workload is only the shipped rows, so if time follows the
workload and not the file, it matches the shipped-data run.

Usage: python bench/bench_scaling.py --rows 1000 10000 100000 1000000 --repeat 50
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from bench_latency import emit, run_interactions, workload_of  # noqa: E402
from servers import Gunicorn  # noqa: E402

from core.data import SHIPPED_DATA  # noqa: E402
from core.schema import SEQUENCES  # noqa: E402

OUT = BENCH / "out"
DATA = BENCH / "data"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows", type=int, nargs="+", default=[1000, 10000, 100000, 1000000]
    )
    parser.add_argument("--seed", type=int, default=1, help="generate_data.py seed")
    parser.add_argument("--repeat", type=int, default=50, help="runs per timing")
    parser.add_argument("--workers", default="2", help="GUNICORN_WORKERS")
    parser.add_argument("--threads", default="4", help="GUNICORN_THREADS")
    parser.add_argument("--cache", choices=["on", "off"], default="on")
    parser.add_argument("--isolated", action="store_true", help="add the control run")
    parser.add_argument("--label", default="scaling", help="name of the JSON output")
    return parser.parse_args(argv)


def generated_csv(rows: int, seed: int) -> Path:
    path = DATA / f"rows-{rows}-seed-{seed}.csv"
    if not path.exists():
        command = [
            sys.executable,
            str(BENCH / "generate_data.py"),
            "--rows",
            str(rows),
            "--seed",
            str(seed),
            "-o",
            str(path),
        ]
        subprocess.run(command, check=True, cwd=ROOT)
    return path


def isolated_csv(source: Path, model: str) -> Path:
    """Write source without rows of model, plus the shipped rows."""
    path = DATA / f"{source.stem}-without-{model}.csv"
    if not path.exists():
        frame = pd.read_csv(source, dtype=str, keep_default_na=False)
        shipped = pd.read_csv(SHIPPED_DATA, dtype=str, keep_default_na=False)
        others = frame[frame["model"] != model]
        pd.concat([shipped, others], ignore_index=True).to_csv(path, index=False)
    return path


def count_rows(path: Path, workload: dict) -> tuple[int, int]:
    """Return the rows in the file and in the workload (model and sequence)."""
    frame = pd.read_csv(path, usecols=["model", "isl", "osl"], dtype=str)
    isl, osl = SEQUENCES[workload["sequence"]]
    selected = (
        (frame["model"].str.lower() == workload["model"])
        & (frame["isl"] == str(isl))
        & (frame["osl"] == str(osl))
    )
    return len(frame), int(selected.sum())


def measure(name: str, path: Path, args: argparse.Namespace, env: dict) -> dict:
    env = {**env, "DATA_PATH": str(path)}
    started = time.time()
    with Gunicorn("app:server", OUT / args.label / name, env) as app:
        workload = workload_of(app.url)
        results = run_interactions(
            app.url, args.repeat, "y-metric", {"index": 0, "type": "target-input"}
        )
        results["startup_s"] = round(app.startup_s, 2)
        results["worker_rss_mb"] = [round(rss) for rss in app.worker_rss_mb()]
    file_rows, workload_rows = count_rows(path, workload)
    results.update(
        name=name,
        file_rows=file_rows,
        workload=workload,
        workload_rows=workload_rows,
        wall_s=round(time.time() - started, 1),
    )
    emit(
        f"{name}: {file_rows} rows, {workload_rows} in the default workload, "
        f"chart change p95 {results['chart_change']['callback']['p95_ms']} ms"
    )
    return results


def cell(run: dict, name: str, key: str) -> str:
    stats = run[name][key]
    return f"{stats['p50_ms']} / {stats['p95_ms']}"


def print_table(runs: list[dict]) -> None:
    emit(
        "| dataset | file rows | workload rows | start-up s | worker RSS MB "
        "| page load p50/p95 ms | chart change p50/p95 ms | target edit p50/p95 ms |"
    )
    emit("|---|---|---|---|---|---|---|---|")
    for run in runs:
        emit(
            f"| {run['name']} | {run['file_rows']} | {run['workload_rows']} "
            f"| {run['startup_s']} | {max(run['worker_rss_mb'])} "
            f"| {cell(run, 'page_load', 'action')} "
            f"| {cell(run, 'chart_change', 'callback')} "
            f"| {cell(run, 'target_edit', 'callback')} |"
        )
    emit("(client times in ms; page load counts every request it makes)")


def main(argv=None) -> None:
    args = parse_args(argv)
    env = {
        "GUNICORN_WORKERS": args.workers,
        "GUNICORN_THREADS": args.threads,
        "DASHBOARD_CACHE": args.cache,
    }
    DATA.mkdir(exist_ok=True)
    OUT.mkdir(exist_ok=True)

    runs = [measure("shipped", SHIPPED_DATA, args, env)]
    for rows in args.rows:
        runs.append(measure(f"{rows} rows", generated_csv(rows, args.seed), args, env))
    if args.isolated:
        largest = generated_csv(max(args.rows), args.seed)
        model = runs[0]["workload"]["model"]
        path = isolated_csv(largest, model)
        runs.append(measure(f"{max(args.rows)} rows without {model}", path, args, env))

    path = OUT / f"{args.label}.json"
    path.write_text(json.dumps(runs, indent=2))
    print_table(runs)
    emit(f"written to {path}")


if __name__ == "__main__":
    main()
