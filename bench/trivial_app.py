"""The baseline for latency ratios: one Dash callback that does no work.

It is served with the same gunicorn.conf.py and the same serving.configure_server
as the dashboard, so a ratio to it isolates the dashboard's own work.
"""

import sys
from pathlib import Path
from types import SimpleNamespace

import dash
import pandas as pd
from dash import Input, Output, dcc, html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import serving  # noqa: E402

app = dash.Dash(__name__)
app.layout = html.Div([dcc.Input(id="text", value="a"), html.Div(id="echo")])


@app.callback(Output("echo", "children"), Input("text", "value"))
def echo(text):
    return text


serving.configure_server(app, SimpleNamespace(frame=pd.DataFrame({"row": [1]})))
server = app.server
