"""Serving behaviour under real gunicorn with gunicorn.conf.py."""

import json
import os
import signal
import threading
import time

import dash
import pandas as pd
import psutil
import pytest
import requests
from dash import html

import serving


def greeting_payload(name: str) -> dict:
    return {
        "output": "greeting.children",
        "outputs": {"id": "greeting", "property": "children"},
        "inputs": [{"id": "name", "property": "value", "value": name}],
        "changedPropIds": ["name.value"],
        "state": [],
    }


def post_callback(server, name: str, **headers) -> requests.Response:
    return requests.post(
        server.url + "/_dash-update-component",
        json=greeting_payload(name),
        headers=headers,
        timeout=10,
    )


def wait_for(condition, timeout_s: float = 15, step_s: float = 0.1):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step_s)
    return condition()


def test_health_ok_with_rows(sample_server):
    response = requests.get(sample_server.url + "/health", timeout=5)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "rows": 3}
    assert response.headers["Cache-Control"] == "no-store"


def test_health_503_without_rows(start_gunicorn):
    server = start_gunicorn("tests.serving.sample_app:server", SAMPLE_ROWS="0")
    response = requests.get(server.url + "/health", timeout=5)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["rows"] == 0
    assert "no benchmark rows" in body["reason"]


def test_index_still_served(sample_server):
    response = requests.get(sample_server.url + "/", timeout=5)
    assert response.status_code == 200
    assert "_dash-config" in response.text
    other = requests.get(sample_server.url + "/some/page", timeout=5)
    assert other.status_code == 200
    assert "_dash-config" in other.text


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/_dash-dependencies"])
def test_security_headers_on_responses(sample_server, path):
    response = requests.get(sample_server.url + path, timeout=5)
    assert response.status_code == 200
    for name, value in serving.SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name


def test_security_headers_on_callback(sample_server):
    response = post_callback(sample_server, "analyst")
    assert response.status_code == 200
    for name, value in serving.SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name


def asset_urls(page: str) -> list[str]:
    urls = []
    for part in page.split('src="')[1:]:
        url = part.split('"', 1)[0]
        if "_dash-component-suites" in url:
            urls.append(url)
    return urls


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_assets_compressed(sample_server, encoding):
    page = requests.get(sample_server.url + "/", timeout=5).text
    urls = asset_urls(page)
    assert urls, "the index page lists no component-suite scripts"
    for url in urls:
        headers = {"Accept-Encoding": encoding}
        response = requests.get(sample_server.url + url, headers=headers, timeout=10)
        assert response.status_code == 200, url
        if int(response.headers["Content-Length"]) >= 500:
            assert response.headers.get("Content-Encoding") == encoding, url


def test_compressed_asset_repeats_identical(sample_server):
    page = requests.get(sample_server.url + "/", timeout=5).text
    url = max(asset_urls(page), key=len)
    headers = {"Accept-Encoding": "br"}
    first = requests.get(sample_server.url + url, headers=headers, timeout=10)
    second = requests.get(sample_server.url + url, headers=headers, timeout=10)
    assert first.headers.get("Content-Encoding") == "br"
    assert first.content == second.content


def test_callback_json_compressed(sample_server):
    first = post_callback(sample_server, "first", **{"Accept-Encoding": "gzip"})
    second = post_callback(sample_server, "second", **{"Accept-Encoding": "gzip"})
    assert first.headers.get("Content-Encoding") == "gzip"
    assert "first" in first.json()["response"]["greeting"]["children"]
    # Different bodies on one URL must never share a cached compressed copy.
    assert "second" in second.json()["response"]["greeting"]["children"]


def test_callback_error_plain_500(sample_server):
    response = post_callback(sample_server, "fail")
    assert response.status_code == 500
    assert response.text == "Internal server error\n"
    assert "Traceback" not in response.text
    assert "RuntimeError" not in response.text

    log = wait_for(lambda: "sample callback failure" in sample_server.stderr)
    assert log, sample_server.stderr
    stderr = sample_server.stderr
    assert "unhandled error in POST /_dash-update-component" in stderr
    assert "'greeting.children'" in stderr
    assert "RuntimeError: sample callback failure" in stderr


def test_http_errors_keep_status(sample_server):
    response = requests.post(sample_server.url + "/health", timeout=5)
    assert response.status_code == 405


def test_access_log_lines(sample_server):
    requests.get(sample_server.url + "/health", timeout=5)
    logged = wait_for(lambda: '"GET /health HTTP/1.1" 200' in sample_server.stdout)
    assert logged, sample_server.stdout


def test_killed_worker_replaced(sample_server):
    master = psutil.Process(sample_server.master_pid)
    (worker,) = master.children()
    errors = []

    def slow_request():
        try:
            requests.get(sample_server.url + "/slow?seconds=5", timeout=10)
        except requests.RequestException as error:
            errors.append(error)

    thread = threading.Thread(target=slow_request)
    thread.start()
    time.sleep(0.5)
    os.kill(worker.pid, signal.SIGKILL)
    thread.join()
    assert errors, "the request survived its worker being killed"

    def new_worker():
        children = master.children()
        return children and children[0].pid != worker.pid

    assert wait_for(new_worker)
    response = requests.get(sample_server.url + "/health", timeout=5)
    assert response.status_code == 200
    assert post_callback(sample_server, "again").status_code == 200


def test_sigterm_finishes_inflight_request(sample_server):
    results = []

    def slow_request():
        response = requests.get(sample_server.url + "/slow?seconds=2", timeout=10)
        results.append(response)

    thread = threading.Thread(target=slow_request)
    thread.start()
    time.sleep(0.5)
    os.kill(sample_server.master_pid, signal.SIGTERM)
    thread.join()
    returncode = sample_server.process.wait(timeout=30)

    assert returncode == 0
    assert results[0].status_code == 200
    assert results[0].text == "done"
    assert "Shutting down: Master" in sample_server.stderr
    assert "Traceback" not in sample_server.stderr


def test_configure_server_idempotent():
    app = dash.Dash(__name__)
    app.layout = html.Div("page")
    first = type("Dataset", (), {"frame": pd.DataFrame()})()
    second = type("Dataset", (), {"frame": pd.DataFrame({"x": [1, 2]})})()
    serving.configure_server(app, first)
    hooks_before = len(app.server.after_request_funcs[None])
    rules_before = len(list(app.server.url_map.iter_rules()))
    serving.configure_server(app, second)

    assert len(app.server.after_request_funcs[None]) == hooks_before
    assert len(list(app.server.url_map.iter_rules())) == rules_before
    response = app.server.test_client().get("/health")
    assert response.status_code == 200
    assert json.loads(response.data) == {"status": "ok", "rows": 2}


def test_health_replaces_dash_health_endpoint():
    app = dash.Dash(__name__, health_endpoint="health")
    app.layout = html.Div("page")
    empty = type("Dataset", (), {"frame": pd.DataFrame()})()
    serving.configure_server(app, empty)
    response = app.server.test_client().get("/health")
    assert response.status_code == 503


def test_health_without_dataset():
    body, status = serving.health_status(None)
    assert status == 503
    assert body["rows"] == 0
