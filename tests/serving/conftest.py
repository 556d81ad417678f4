"""Start gunicorn with the repository's gunicorn.conf.py on a free local port."""

import pytest

from tests.gunicorn_server import GunicornServer


@pytest.fixture
def start_gunicorn(tmp_path):
    """Return a function that starts gunicorn and waits until it accepts requests."""
    servers = []

    def start(app_spec: str, **env: str) -> GunicornServer:
        server = GunicornServer(app_spec, tmp_path / f"server{len(servers)}", env)
        servers.append(server)
        server.wait_ready()
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def sample_server(start_gunicorn):
    return start_gunicorn("tests.serving.sample_app:server")
