"""Production setup of the Flask server under the Dash app.

`configure_server` adds what a public deployment needs and Dash does not
provide by default. It registers a health route that fails when no data was
loaded, sends security headers, compresses responses, and logs unexpected
errors while returning a plain 500 message instead of a traceback.
"""

import logging
import time

import dash
import flask
from flask_compress import Compress
from werkzeug.exceptions import HTTPException

logger = logging.getLogger(__name__)

# Sent on every response. The CSP sets no script-src or style-src, because
# Dash's index page contains an inline config script and inline styles.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'; base-uri 'self'; "
    "object-src 'none'",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}

# Compressed copies of these responses are kept per worker: their URLs carry
# a version fingerprint (Dash's bundle version, or ?m=<mtime> on assets), so
# the body behind one URL never changes.
_CACHED_ASSET_PREFIXES = ("_dash-component-suites/", "assets/")

_EXTENSION_KEY = "dashboard_serving"


def configure_server(app: dash.Dash, dataset) -> None:
    """Add health, security headers, compression and error handling to app.

    dataset needs a `.frame` (pandas DataFrame) and may be None when nothing
    could be loaded. A second call on the same app only replaces the dataset
    that /health reports on.
    """
    server = app.server
    state = server.extensions.get(_EXTENSION_KEY)
    if state is not None:
        state["dataset"] = dataset
        return
    state = {"dataset": dataset}
    server.extensions[_EXTENSION_KEY] = state

    if server.debug:
        logger.warning("Flask debug mode is on: never serve this to users")

    prefix = app.config.routes_pathname_prefix
    _register_health_route(server, prefix + "health", state)
    # Flask runs after_request functions last-registered first, so the timing
    # registered here includes compression and the other headers.
    server.before_request(_start_timer)
    server.after_request(_add_server_timing)
    server.after_request(_add_security_headers)
    _enable_compression(
        app, tuple(prefix + cached for cached in _CACHED_ASSET_PREFIXES)
    )
    server.register_error_handler(Exception, _handle_unexpected_error)


def health_status(dataset) -> tuple[dict, int]:
    """Return the /health JSON body and HTTP status for dataset."""
    frame = getattr(dataset, "frame", None)
    rows = 0 if frame is None else len(frame)
    if rows > 0:
        return {"status": "ok", "rows": rows}, 200

    reason = "no benchmark rows could be loaded; the server log names the cause"
    body = {"status": "unavailable", "rows": 0, "reason": reason}
    problems = getattr(dataset, "problems", None)
    if problems is not None and "reason" in problems:
        body["problems"] = sorted(set(problems["reason"].astype(str)))[:5]
    return body, 503


def _register_health_route(server: flask.Flask, path: str, state: dict) -> None:
    def health():
        body, status = health_status(state["dataset"])
        response = flask.jsonify(body)
        response.status_code = status
        response.headers["Cache-Control"] = "no-store"
        return response

    # Dash(health_endpoint="health") registers a route that always returns 200.
    # Replace its view so the path reports whether data was loaded.
    for rule in server.url_map.iter_rules():
        if rule.rule == path:
            server.view_functions[rule.endpoint] = health
            return
    # Werkzeug ranks a static path above Dash's "/<path:path>" catch-all
    # whatever the registration order, so this route wins over the index page.
    server.add_url_rule(path, endpoint="dashboard_health", view_func=health)


def _start_timer() -> None:
    flask.g.request_start = time.perf_counter()


def _add_server_timing(response: flask.Response) -> flask.Response:
    # Server-Timing lets a browser or a benchmark separate server time from
    # network time; "app" is the time spent in Flask, in milliseconds.
    start = flask.g.get("request_start")
    if start is not None:
        elapsed_ms = (time.perf_counter() - start) * 1000
        response.headers.add("Server-Timing", f"app;dur={elapsed_ms:.2f}")
    return response


def _add_security_headers(response: flask.Response) -> flask.Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


class _AssetCompressionCache:
    """Flask-Compress cache that stores only fingerprinted Dash assets.

    Flask-Compress looks up every compressed response in its cache, including
    callback POSTs whose bodies differ per request, so keys for other paths
    are never stored. Memory is bounded by the number of asset files.
    """

    def __init__(self, cached_prefixes: tuple[str, ...]) -> None:
        self._cached_prefixes = cached_prefixes
        self._data: dict[str, bytes] = {}

    def _is_asset(self, key: str) -> bool:
        _algorithm, _, path = key.partition(";")
        return path.startswith(self._cached_prefixes)

    def get(self, key: str) -> bytes | None:
        return self._data.get(key) if self._is_asset(key) else None

    def set(self, key: str, value: bytes) -> None:
        if self._is_asset(key):
            self._data[key] = value


def _compression_cache_key(request: flask.Request) -> str:
    # The method is part of the key so that only GET paths can match the
    # asset prefix.
    if request.method != "GET":
        return f"{request.method} {request.full_path}"
    return request.full_path


def _enable_compression(app: dash.Dash, cached_prefixes: tuple[str, ...]) -> None:
    if app.config.compress:
        # Dash(compress=True) already registered Flask-Compress.
        return
    server = app.server
    # On plotly.min.js (4.8 MB), brotli level 4 output is 4 % smaller than gzip
    # level 6 and takes less CPU time (brotli 1.2.1, measured on this project).
    server.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    server.config.setdefault(
        "COMPRESS_CACHE_BACKEND", lambda: _AssetCompressionCache(cached_prefixes)
    )
    server.config.setdefault("COMPRESS_CACHE_KEY", _compression_cache_key)
    Compress(server)


def _handle_unexpected_error(error: Exception):
    if isinstance(error, HTTPException):
        # 404, 405 and other HTTP errors keep Werkzeug's own response.
        return error

    request = flask.request
    output = ""
    if request.path.endswith("_dash-update-component"):
        body = request.get_json(silent=True) or {}
        output = f" (callback output {body.get('output')!r})"
    logger.exception("unhandled error in %s %s%s", request.method, request.path, output)
    return flask.Response("Internal server error\n", status=500, mimetype="text/plain")
