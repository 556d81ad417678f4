"""The dashboard's Dash app: `create_app()` builds it, `server` serves it.

Run with `gunicorn -c gunicorn.conf.py app:server`. DATA_PATH names a file or
folder of benchmark results to load in place of the shipped data.
"""

import logging
import os

import dash
import flask

import callbacks
from components.pages import shell
from core.data import load_dataset
from core.routes import SPEC_DECODE_PREFIX, parse_spec_decode_path
from core.store import DataIndex
from serving import configure_server

logger = logging.getLogger(__name__)


def create_app(data_path: str | None = None) -> dash.Dash:
    """Load the data and return the app with its layout and callbacks."""
    dataset = load_dataset(data_path or os.environ.get("DATA_PATH") or None)
    app = dash.Dash(
        __name__,
        title="MTP vs Off: inference comparisons",
        external_stylesheets=[],
        suppress_callback_exceptions=True,
        update_title=None,
    )
    app.layout = shell
    app.server.extensions["data_index"] = DataIndex(dataset)
    callbacks.register()
    configure_server(app, dataset)
    app.server.before_request(_reject_unknown_pages)
    return app


def _reject_unknown_pages():
    """Return HTTP 404 for a direct request of an unknown page.

    The page itself still renders and lists the valid pages. Only the status
    differs, so link checkers and scripts see the error.
    """
    path = flask.request.path.rstrip("/") or "/"
    if path in ("/", SPEC_DECODE_PREFIX, "/health"):
        return None
    # Dash's own routes (layout, callbacks, bundles) and assets start so.
    if path.startswith(("/_", "/assets/")):
        return None
    index = flask.current_app.extensions["data_index"]
    if path.startswith(SPEC_DECODE_PREFIX + "/") and (
        parse_spec_decode_path(path, index.pages()) is not None
    ):
        return None
    app = flask.current_app.extensions["dash_app"]
    return app.index(), 404


def _build() -> dash.Dash:
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    app = create_app()
    app.server.extensions["dash_app"] = app
    _register_script_paths(app)
    app.server.extensions["data_index"].warm()
    return app


def _register_script_paths(app: dash.Dash) -> None:
    """Render the index page once so every worker can serve the JS bundles.

    Dash records which component-suite files it may serve while rendering the
    index page. Under gunicorn a worker that has not rendered it yet returns
    500 for a bundle request, so the page is rendered here, before the fork.
    """
    with app.server.test_request_context("/"):
        app.index()


app = _build()
server = app.server
