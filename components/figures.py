"""Plotly figures of the inference chart."""

import numpy as np
import plotly.express as px
import plotly.graph_objects as go

from core.chart import Series
from core.metrics import X_METRICS, Y_METRICS

PALETTE = px.colors.qualitative.Plotly + px.colors.qualitative.Dark24
CREDIT = "Data: SemiAnalysis InferenceX"

HOVER = (
    "<b>%{customdata[0]}</b><br>"
    "Date: %{customdata[1]}<br>"
    "%{customdata[2]}<br>"
    "%{customdata[3]}<br>"
    "GPUs: %{customdata[4]}<br>"
    "Parallelism: %{customdata[5]}<br>"
    "Concurrency: %{customdata[6]}<br>"
    "Precision: %{customdata[7]}<br>"
    "Image: %{customdata[8]}<extra></extra>"
)


def _gpu_text(row) -> str:
    total = row["total_gpus"]
    if not np.isfinite(total):
        return "unknown"
    if row["disagg"] is True:
        return (
            f"{total:.0f} ({row['num_prefill_gpu']:.0f} prefill + "
            f"{row['num_decode_gpu']:.0f} decode)"
        )
    return f"{total:.0f}"


def _hover_data(series: Series, x_key: str, y_key: str) -> list[list[str]]:
    x_metric, y_metric = X_METRICS[x_key], Y_METRICS[y_key]
    rows = []
    for _, row in series.points.iterrows():
        rows.append(
            [
                series.label,
                row["date"] if isinstance(row["date"], str) else "unknown",
                f"{x_metric.label}: {row['x']:,.{x_metric.decimals}f} {x_metric.unit}",
                f"{y_metric.label}: {row['y']:,.{y_metric.decimals}f} {y_metric.unit}",
                _gpu_text(row),
                row["parallelism"] or "unknown",
                f"{row['conc']:.0f}",
                str(row["precision"]).upper(),
                row["image"] if isinstance(row["image"], str) else "unknown",
            ]
        )
    return rows


def inference_figure(
    series: list[Series],
    colours: dict[str, str],
    x_key: str,
    y_key: str,
    *,
    log_y: bool,
    optimal_only: bool,
    labels: bool,
) -> go.Figure:
    """Return the scatter of points with one Pareto curve per series."""
    figure = go.Figure()
    for item in series:
        colour = colours.get(item.key, PALETTE[0])
        points = item.points[item.points["on_front"]] if optimal_only else item.points
        figure.add_trace(
            go.Scatter(
                x=item.curve_x,
                y=item.curve_y,
                mode="lines",
                line={"color": colour, "width": 2},
                name=item.label,
                legendgroup=item.key,
                showlegend=False,
                hoverinfo="skip",
            )
        )
        shown = type(item)(item.key, item.label, points, item.curve_x, item.curve_y)
        figure.add_trace(
            go.Scatter(
                x=points["x"],
                y=points["y"],
                mode="markers+text" if labels else "markers",
                text=points["parallelism"].fillna("") if labels else None,
                textposition="top center",
                textfont={"size": 10},
                marker={"color": colour, "size": 8},
                name=item.label,
                legendgroup=item.key,
                customdata=_hover_data(shown, x_key, y_key),
                hovertemplate=HOVER,
            )
        )

    x_metric, y_metric = X_METRICS[x_key], Y_METRICS[y_key]
    figure.update_layout(
        template="plotly_white",
        height=560,
        margin={"l": 70, "r": 20, "t": 30, "b": 60},
        xaxis_title=f"{x_metric.label} ({x_metric.unit})",
        yaxis_title=f"{y_metric.label} ({y_metric.unit})",
        yaxis_type="log" if log_y else "linear",
        legend={
            "itemclick": "toggleothers",
            "itemdoubleclick": "toggle",
            "groupclick": "togglegroup",
            "orientation": "h",
            "y": -0.18,
        },
        annotations=[
            {
                "text": CREDIT,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 1.04,
                "showarrow": False,
                "font": {"size": 10, "color": "#6c757d"},
                "xanchor": "left",
            }
        ],
    )
    return figure


def empty_figure(message: str) -> go.Figure:
    """Return a blank chart that says why it is blank."""
    figure = go.Figure()
    figure.update_layout(
        template="plotly_white",
        height=560,
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": message,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "showarrow": False,
                "font": {"size": 16},
            }
        ],
    )
    return figure
