"""Plotly figures of the inference chart, built as plain dicts.

Plain dicts skip plotly.graph_objects' validation, which took most of the
chart callback's time; the structure is the same figure JSON.
"""

import plotly.express as px
import plotly.io as pio

from core.chart import HOVER_COLUMNS, Reference, Series
from core.metrics import X_METRICS, Y_METRICS

PALETTE = px.colors.qualitative.Plotly + px.colors.qualitative.Dark24
CREDIT = "Data: SemiAnalysis InferenceX"
# plotly.js cannot resolve template names, so the template is sent as an object.
TEMPLATE = pio.templates["plotly_white"].to_plotly_json()
HEIGHT_PX = 560


def _hover_template(x_key: str, y_key: str, precision: str) -> str:
    x_metric, y_metric = X_METRICS[x_key], Y_METRICS[y_key]
    return (
        "<b>%{fullData.name}</b><br>"
        "Date: %{customdata[0]}<br>"
        f"{x_metric.label}: %{{x:,.{x_metric.decimals}f}} {x_metric.unit}<br>"
        f"{y_metric.label}: %{{y:,.{y_metric.decimals}f}} {y_metric.unit}<br>"
        "GPUs: %{customdata[1]}<br>"
        "Parallelism: %{customdata[2]}<br>"
        "Concurrency: %{customdata[3]}<br>"
        f"Precision: {precision}<br>"
        "Image: %{customdata[4]}<extra></extra>"
    )


def _annotation(text: str, x: float, y: float, **style) -> dict:
    return {
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": x,
        "y": y,
        "showarrow": False,
        **style,
    }


def inference_figure(
    series: list[Series],
    colours: dict[str, str],
    x_key: str,
    y_key: str,
    *,
    log_y: bool,
    optimal_only: bool,
    labels: bool,
    references: tuple[Reference, ...] = (),
    title: str = "",
) -> dict:
    """Return the scatter of points with one Pareto curve per series.

    references are published values, drawn as open diamonds.
    """
    traces = []
    for item in series:
        colour = colours.get(item.key, PALETTE[0])
        points = item.points[item.points["on_front"]] if optimal_only else item.points
        traces.append(
            {
                "type": "scatter",
                "x": item.curve_x,
                "y": item.curve_y,
                "mode": "lines",
                "line": {"color": colour, "width": 2},
                "name": item.label,
                "legendgroup": item.key,
                "showlegend": False,
                "hoverinfo": "skip",
            }
        )
        marker_trace = {
            "type": "scatter",
            "x": points["x"].to_numpy(),
            "y": points["y"].to_numpy(),
            "mode": "markers+text" if labels else "markers",
            "marker": {"color": colour, "size": 8},
            "name": item.label,
            "legendgroup": item.key,
            "customdata": points[list(HOVER_COLUMNS)].to_numpy().tolist(),
            "hovertemplate": _hover_template(x_key, y_key, item.precision.upper()),
        }
        if labels:
            marker_trace["text"] = points["parallelism"].fillna("").tolist()
            marker_trace["textposition"] = "top center"
            marker_trace["textfont"] = {"size": 10}
        traces.append(marker_trace)

    for reference in references:
        traces.append(
            {
                "type": "scatter",
                "x": reference.x,
                "y": reference.y,
                "mode": "markers",
                "marker": {
                    "symbol": "diamond-open",
                    "size": 11,
                    "color": "#495057",
                    "line": {"width": 2},
                },
                "name": reference.label,
                "legendgroup": reference.label,
                "hovertemplate": (
                    "<b>%{fullData.name}</b><br>A point on SemiAnalysis' own "
                    "interpolated curve, not a measurement<br>"
                    f"{X_METRICS[x_key].label}: %{{x:,.0f}}<br>"
                    f"{Y_METRICS[y_key].label}: "
                    f"%{{y:,.{Y_METRICS[y_key].decimals}f}}<extra></extra>"
                ),
            }
        )

    x_metric, y_metric = X_METRICS[x_key], Y_METRICS[y_key]
    layout = {
        "template": TEMPLATE,
        "height": HEIGHT_PX,
        "title": {"text": title, "font": {"size": 14}, "x": 0.5},
        "margin": {"l": 70, "r": 20, "t": 60, "b": 60},
        "xaxis": {"title": {"text": f"{x_metric.label} ({x_metric.unit})"}},
        "yaxis": {
            "title": {"text": f"{y_metric.label} ({y_metric.unit})"},
            "type": "log" if log_y else "linear",
        },
        "legend": {
            "itemclick": "toggleothers",
            "itemdoubleclick": "toggle",
            "groupclick": "togglegroup",
            "orientation": "h",
            "y": -0.18,
        },
        "annotations": [
            _annotation(
                CREDIT, 0, 1.02, font={"size": 10, "color": "#6c757d"}, xanchor="left"
            )
        ],
    }
    return {"data": traces, "layout": layout}


def empty_figure(message: str) -> dict:
    """Return a blank chart with a message explaining why it is blank."""
    return {
        "data": [],
        "layout": {
            "template": TEMPLATE,
            "height": HEIGHT_PX,
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "annotations": [_annotation(message, 0.5, 0.5, font={"size": 16})],
        },
    }
