"""A small Dash app served by gunicorn in the serving tests.

SAMPLE_ROWS sets how many rows its dataset has (default 3, 0 means no data).
"""

import os
import time
from types import SimpleNamespace

import dash
import flask
import pandas as pd
from dash import Input, Output, dcc, html

import serving


def create_app() -> dash.Dash:
    rows = int(os.environ.get("SAMPLE_ROWS", "3"))
    dataset = SimpleNamespace(frame=pd.DataFrame({"value": range(rows)}))

    app = dash.Dash(__name__)
    app.layout = html.Div(
        [
            dcc.Input(id="name", value="analyst"),
            html.Div(id="greeting"),
        ]
    )

    @app.callback(Output("greeting", "children"), Input("name", "value"))
    def greet(name):
        if name == "fail":
            raise RuntimeError("sample callback failure")
        # Long enough that compression applies (responses under 500 bytes
        # are sent as they are).
        return f"Hello {name}. " * 60

    @app.server.route("/slow")
    def slow():
        time.sleep(float(flask.request.args.get("seconds", "2")))
        return "done"

    serving.configure_server(app, dataset)
    return app


server = create_app().server
