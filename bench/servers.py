"""Start and stop gunicorn for the benchmarks, with the repository's config."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """A gunicorn master on 127.0.0.1 started with gunicorn.conf.py."""

    def __init__(self, app_spec: str, log_dir: Path, env: dict[str, str]):
        log_dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.pid_file = log_dir / "gunicorn.pid"
        self.log_path = log_dir / "gunicorn.log"
        full_env = {
            **os.environ,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            # Access lines for every benchmark request would only add I/O.
            "GUNICORN_ACCESS_LOG": "",
            **env,
        }
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--pid",
            str(self.pid_file),
            app_spec,
        ]
        self.started = time.perf_counter()
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT / "bench" if app_spec.startswith("trivial_app") else ROOT,
                env=full_env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.startup_s = self._wait_ready()

    def _wait_ready(self) -> float:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.log_path.read_text(errors="replace")
                raise RuntimeError(f"gunicorn exited early:\n{log[-3000:]}")
            try:
                response = requests.get(self.url + "/health", timeout=5)
                if response.status_code == 200:
                    return time.perf_counter() - self.started
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"gunicorn was not ready within {START_TIMEOUT_S} s")

    def worker_rss_mb(self) -> list[float]:
        master = psutil.Process(self.process.pid)
        return [child.memory_info().rss / 2**20 for child in master.children()]

    def stop(self) -> None:
        if self.process.poll() is None:
            pid = int(self.pid_file.read_text().strip())
            os.kill(pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.kill(pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self) -> "Gunicorn":
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()
