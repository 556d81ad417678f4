"""Simulate many analysts using one dashboard server at once.

Starts the dashboard under gunicorn with gunicorn.conf.py (2 workers by
default) and runs --users simulated analysts as threads of this second
process. Each analyst opens the page, then changes chart controls and types
targets with a random think time between actions, and reopens the page every
few actions. After --duration seconds no new action starts. Prints the request
count, errors, and p50/p95 per action and per request.

Usage: python bench/load_test.py --users 50 --duration 60
"""

import argparse
import json
import random
import sys
import threading
import time
from pathlib import Path

import requests

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_latency import other_values, summarize, target_values  # noqa: E402
from dashclient import DashClient, DashClientError  # noqa: E402
from servers import Gunicorn  # noqa: E402

OUT = BENCH / "out"


def emit(line: str) -> None:
    """Write one line of the report to stdout."""
    sys.stdout.write(line + "\n")


CHART_CONTROLS = ("y-metric", "x-metric")
TARGET_PATTERN = {"type": "target-input"}
ACTIONS_PER_PAGE = 8


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="simulated analysts")
    parser.add_argument("--duration", type=float, default=60, help="seconds")
    parser.add_argument(
        "--think", type=float, nargs=2, default=(1.0, 3.0), help="min max seconds"
    )
    parser.add_argument("--ramp", type=float, default=5, help="seconds to start all")
    parser.add_argument("--workers", default="2", help="GUNICORN_WORKERS")
    parser.add_argument("--threads", default="4", help="GUNICORN_THREADS")
    parser.add_argument("--data", help="CSV for DATA_PATH (default: shipped data)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--label", default="load", help="name of the JSON output")
    return parser.parse_args(argv)


class Recorder:
    """Thread-safe lists of timings and errors shared by the analysts."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.actions: dict[str, list[float]] = {}
        self.requests_ms: list[float] = []
        self.errors: list[str] = []

    def action(self, name: str, result) -> None:
        with self.lock:
            self.actions.setdefault(name, []).append(result.seconds * 1000)
            self.requests_ms.extend(r.seconds * 1000 for r in result.requests)

    def error(self, name: str, error: Exception) -> None:
        with self.lock:
            self.errors.append(f"{name}: {error}")


def target_ids(client: DashClient) -> list:
    return [
        component_id
        for component_id in client.component_ids()
        if isinstance(component_id, dict)
        and component_id.get("type") == TARGET_PATTERN["type"]
    ]


def analyst(url: str, seed: int, deadline: float, think, recorder: Recorder) -> None:
    rng = random.Random(seed)
    client = DashClient(url)
    actions = 0
    while time.monotonic() < deadline:
        try:
            if actions % ACTIONS_PER_PAGE == 0:
                name, result = "page load", client.load_page("/")
            elif rng.random() < 0.5:
                control = rng.choice(CHART_CONTROLS)
                values = other_values(
                    client.value(control, "value"), client.value(control, "options")
                )
                name = "chart change"
                result = client.set_value(control, "value", rng.choice(values))
            else:
                box = rng.choice(target_ids(client))
                value = rng.choice(target_values(client.value(box, "value")))
                name, result = "target edit", client.set_value(box, "value", value)
            recorder.action(name, result)
        except (DashClientError, requests.RequestException, ValueError) as error:
            recorder.error(name if actions else "page load", error)
            client = DashClient(url)
            actions = -1
        actions += 1
        time.sleep(rng.uniform(*think))


def run_load(url: str, args: argparse.Namespace) -> dict:
    recorder = Recorder()
    started = time.monotonic()
    deadline = started + args.duration
    threads = []
    for user in range(args.users):
        thread = threading.Thread(
            target=analyst,
            args=(url, args.seed * 1000 + user, deadline, args.think, recorder),
        )
        threads.append(thread)
        thread.start()
        time.sleep(args.ramp / args.users)
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started

    results = {
        "users": args.users,
        "duration_s": round(elapsed, 1),
        "requests": len(recorder.requests_ms),
        "requests_per_s": round(len(recorder.requests_ms) / elapsed, 1),
        "errors": len(recorder.errors),
        "error_samples": recorder.errors[:10],
        "request": summarize(recorder.requests_ms) if recorder.requests_ms else {},
        "actions": {
            name: summarize(values) for name, values in recorder.actions.items()
        },
    }
    return results


def main(argv=None) -> None:
    args = parse_args(argv)
    env = {"GUNICORN_WORKERS": args.workers, "GUNICORN_THREADS": args.threads}
    if args.data:
        env["DATA_PATH"] = str(Path(args.data).resolve())

    OUT.mkdir(exist_ok=True)
    with Gunicorn("app:server", OUT / args.label, env) as app:
        # One page load first, so a broken app fails here and not 50 times.
        DashClient(app.url).load_page("/")
        results = run_load(app.url, args)
    results["settings"] = {**env, "think_s": list(args.think)}

    path = OUT / f"{args.label}.json"
    path.write_text(json.dumps(results, indent=2))
    emit(json.dumps({k: v for k, v in results.items() if k != "error_samples"}))
    for sample in results["error_samples"]:
        emit("error:", sample)
    emit(f"written to {path}")


if __name__ == "__main__":
    main()
