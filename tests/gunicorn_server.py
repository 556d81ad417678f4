"""A gunicorn server started with the repository's gunicorn.conf.py for tests."""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class GunicornServer:
    """A gunicorn master started with gunicorn.conf.py, stopped by its pid."""

    def __init__(self, app_spec: str, tmp_path: Path, env: dict[str, str]):
        tmp_path.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.pid_file = tmp_path / "gunicorn.pid"
        self.stdout_path = tmp_path / "stdout.log"
        self.stderr_path = tmp_path / "stderr.log"
        full_env = {
            **os.environ,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_THREADS": "2",
            **env,
        }
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(REPO / "gunicorn.conf.py"),
            "--pid",
            str(self.pid_file),
            app_spec,
        ]
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.process = subprocess.Popen(
                command, cwd=REPO, env=full_env, stdout=out, stderr=err
            )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.process.returncode}:\n{self.stderr}"
                )
            try:
                requests.get(self.url + "/health", timeout=2)
                return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise TimeoutError(
            f"gunicorn did not accept requests within {START_TIMEOUT_S} s:\n"
            + self.stderr
        )

    @property
    def master_pid(self) -> int:
        return int(self.pid_file.read_text().strip())

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text(errors="replace")

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def stop(self, timeout_s: float = 30) -> int:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return self.process.returncode


@contextmanager
def serving(app_spec: str, tmp_path: Path, env: dict[str, str]):
    """Start gunicorn, yield it once it accepts requests, and always stop it."""
    server = GunicornServer(app_spec, tmp_path, env)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()
