"""The dashboard itself (app:server) under gunicorn with gunicorn.conf.py."""

import json

import requests

import serving


def dash_config(page: str) -> dict:
    start = page.index('<script id="_dash-config" type="application/json">')
    start = page.index(">", start) + 1
    end = page.index("</script>", start)
    return json.loads(page[start:end])


def test_app_health_ok(start_gunicorn):
    server = start_gunicorn("app:server")
    response = requests.get(server.url + "/health", timeout=5)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["rows"] > 0


def test_app_missing_data_503(start_gunicorn, tmp_path):
    missing = tmp_path / "no-such-file.csv"
    server = start_gunicorn("app:server", DATA_PATH=str(missing))
    response = requests.get(server.url + "/health", timeout=5)
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    page = requests.get(server.url + "/", timeout=5)
    assert page.status_code == 200


def test_app_empty_data_503(start_gunicorn, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    server = start_gunicorn("app:server", DATA_PATH=str(empty))
    response = requests.get(server.url + "/health", timeout=5)
    assert response.status_code == 503


def test_app_production_page(start_gunicorn):
    server = start_gunicorn("app:server")
    response = requests.get(server.url + "/", timeout=5)
    assert response.status_code == 200
    config = dash_config(response.text)
    assert config["ui"] is False
    assert config["props_check"] is False
    assert "dash_renderer.dev" not in response.text
    assert ".dev.js" not in response.text
    for name, value in serving.SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
