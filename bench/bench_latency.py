"""Time the dashboard's main interactions under gunicorn on 127.0.0.1.

Starts two gunicorn servers with gunicorn.conf.py and the same settings: the
dashboard (app:server) and bench/trivial_app.py, a Dash callback that does no
work. Then it times, each --repeat times:

  page load    GET /, /_dash-layout, /_dash-dependencies and every initial
               callback, one after another in a fresh session
  chart change a new value in the chart control (--chart-control), and every
               callback that fires
  target edit  a new value in a target box (--target-id), and every callback
               that fires
  trivial      the baseline callback

and prints p50 and p95 of the client time and of the server time reported in
the Server-Timing header, with the ratio of each callback to the baseline.

Usage: python bench/bench_latency.py --repeat 200 [--data PATH] [--cache off]
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from dashclient import ActionResult, DashClient, DashClientError  # noqa: E402
from servers import Gunicorn  # noqa: E402

OUT = BENCH / "out"


def emit(line: str) -> None:
    """Write one line of the report to stdout."""
    sys.stdout.write(line + "\n")


CHART_OUTPUT = "figure"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=200, help="runs per timing")
    parser.add_argument("--data", help="CSV for DATA_PATH (default: shipped data)")
    parser.add_argument("--workers", default="2", help="GUNICORN_WORKERS")
    parser.add_argument("--threads", default="4", help="GUNICORN_THREADS")
    parser.add_argument(
        "--cache",
        choices=["on", "off"],
        default="on",
        help="DASHBOARD_CACHE: the app's cache of workloads and sides",
    )
    parser.add_argument("--chart-control", default="y-metric", help="dropdown id")
    parser.add_argument(
        "--target-id",
        default='{"index": 0, "type": "target-input"}',
        help="id of the target box, JSON for a dict id",
    )
    parser.add_argument("--label", default="latency", help="name of the JSON output")
    return parser.parse_args(argv)


def summarize(values_ms: list[float]) -> dict:
    values = np.asarray(values_ms, dtype=float)
    return {
        "n": int(values.size),
        "p50_ms": round(float(np.percentile(values, 50)), 2),
        "p95_ms": round(float(np.percentile(values, 95)), 2),
        "max_ms": round(float(values.max()), 2),
    }


def main_request(action: ActionResult, output_prop: str | None = None):
    """Return the slowest callback request of an action, or one by output."""
    callbacks = [r for r in action.requests if r.label.startswith("callback ")]
    if output_prop is not None:
        callbacks = [r for r in callbacks if f".{output_prop}" in r.label] or callbacks
    if not callbacks:
        raise DashClientError("the action fired no callback")
    return max(callbacks, key=lambda record: record.seconds)


def other_values(current, options: list) -> list:
    values = [o["value"] if isinstance(o, dict) else o for o in options]
    others = [value for value in values if value != current]
    if not others:
        raise DashClientError(f"the chart control has no value besides {current!r}")
    return others


def target_values(initial) -> list:
    base = float(initial) if initial not in (None, "") else 50.0
    return [round(base * factor) for factor in (0.8, 0.9, 1.1, 1.2)]


class Timings:
    """Client and server times of one interaction, in milliseconds."""

    def __init__(self) -> None:
        self.action_ms: list[float] = []
        self.server_ms: list[float] = []
        self.callback_ms: list[float] = []
        self.callback_server_ms: list[float] = []

    def add(self, action: ActionResult, output_prop: str | None = None) -> None:
        self.action_ms.append(action.seconds * 1000)
        self.server_ms.append(action.server_ms)
        record = main_request(action, output_prop)
        self.callback_ms.append(record.seconds * 1000)
        self.callback_server_ms.append(record.server_ms or 0.0)

    def summary(self) -> dict:
        return {
            "action": summarize(self.action_ms),
            "action_server": summarize(self.server_ms),
            "callback": summarize(self.callback_ms),
            "callback_server": summarize(self.callback_server_ms),
        }


def run_interactions(
    app_url: str,
    repeat: int,
    chart_control: str,
    target_id,
    trivial_url: str | None = None,
) -> dict:
    """Time page load, chart change, target edit (and the baseline) repeat times."""
    page, chart, target, trivial = Timings(), Timings(), Timings(), Timings()

    client = DashClient(app_url)
    client.load_page("/")
    chart_values = other_values(
        client.value(chart_control, "value"), client.value(chart_control, "options")
    )
    chart_values.append(client.value(chart_control, "value"))
    targets = target_values(client.value(target_id, "value"))
    baseline = DashClient(trivial_url) if trivial_url else None
    if baseline is not None:
        baseline.load_page("/")

    for i in range(repeat):
        page.add(DashClient(app_url).load_page("/"))
        chart.add(
            client.set_value(
                chart_control, "value", chart_values[i % len(chart_values)]
            ),
            CHART_OUTPUT,
        )
        target.add(client.set_value(target_id, "value", targets[i % len(targets)]))
        if baseline is not None:
            trivial.add(baseline.set_value("text", "value", f"v{i}"))

    results = {
        "page_load": page.summary(),
        "chart_change": chart.summary(),
        "target_edit": target.summary(),
    }
    if baseline is not None:
        results["trivial_callback"] = trivial.summary()
        for name in ("chart_change", "target_edit"):
            for stat in ("p50_ms", "p95_ms"):
                ratio = (
                    results[name]["callback"][stat]
                    / results["trivial_callback"]["callback"][stat]
                )
                results[name][f"ratio_{stat[:3]}"] = round(ratio, 2)
    return results


def workload_of(app_url: str) -> dict:
    """Return the model and sequence the default page shows."""
    client = DashClient(app_url)
    client.load_page("/")
    return {
        "model": client.value("model", "value"),
        "sequence": client.value("sequence", "value"),
    }


def print_table(results: dict) -> None:
    emit(
        "| interaction | client p50 ms | client p95 ms | server p50 ms "
        "| server p95 ms | ratio p50 | ratio p95 |"
    )
    emit("|---|---|---|---|---|---|---|")
    rows = [
        ("page load (all requests)", "page_load", "action", "action_server"),
        (
            "chart change (chart callback)",
            "chart_change",
            "callback",
            "callback_server",
        ),
        ("chart change (all callbacks)", "chart_change", "action", "action_server"),
        ("target edit (table callback)", "target_edit", "callback", "callback_server"),
        ("target edit (all callbacks)", "target_edit", "action", "action_server"),
        ("trivial callback", "trivial_callback", "callback", "callback_server"),
    ]
    for title, name, client_key, server_key in rows:
        if name not in results:
            continue
        client, server = results[name][client_key], results[name][server_key]
        ratios = ("", "")
        if client_key == "callback" and "ratio_p50" in results[name]:
            ratios = (results[name]["ratio_p50"], results[name]["ratio_p95"])
        emit(
            f"| {title} | {client['p50_ms']} | {client['p95_ms']} "
            f"| {server['p50_ms']} | {server['p95_ms']} | {ratios[0]} | {ratios[1]} |"
        )


def main(argv=None) -> None:
    args = parse_args(argv)
    target_id = (
        json.loads(args.target_id)
        if args.target_id.startswith("{")
        else (args.target_id)
    )
    env = {
        "GUNICORN_WORKERS": args.workers,
        "GUNICORN_THREADS": args.threads,
        "DASHBOARD_CACHE": args.cache,
    }
    if args.data:
        env["DATA_PATH"] = str(Path(args.data).resolve())

    OUT.mkdir(exist_ok=True)
    started = time.time()
    with (
        Gunicorn("app:server", OUT / args.label / "app", env) as app,
        Gunicorn("trivial_app:server", OUT / args.label / "trivial", env) as trivial,
    ):
        results = run_interactions(
            app.url, args.repeat, args.chart_control, target_id, trivial.url
        )
        results["settings"] = {**env, "repeat": args.repeat}
        results["startup_s"] = round(app.startup_s, 2)
        results["worker_rss_mb"] = [round(rss) for rss in app.worker_rss_mb()]
    results["wall_s"] = round(time.time() - started, 1)

    path = OUT / f"{args.label}.json"
    path.write_text(json.dumps(results, indent=2))
    print_table(results)
    emit(f"\nwritten to {path}")


if __name__ == "__main__":
    main()
