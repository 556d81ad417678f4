"""The inference chart: its figure, its options and the CSV of its points."""

import logging
from dataclasses import dataclass

import pandas as pd
from dash import Input, Output, State, callback, dcc, no_update

from callbacks import data_index
from callbacks.comparison import cost_settings
from components import ids
from components.figures import PALETTE, empty_figure, inference_figure
from core.chart import (
    aggregation_of,
    build_series,
    published_references,
    select_points,
)
from core.gpus import GPU_VENDORS
from core.metrics import CostSettings, available_x_metrics, available_y_metrics
from core.schema import SEQUENCE_LABELS, model_name
from core.state import AGGREGATIONS, SPEC_OPTIONS

logger = logging.getLogger(__name__)

CHART_INPUTS = [
    (ids.SEQUENCE, "value"),
    (ids.AS_OF, "value"),
    (ids.PRECISIONS, "value"),
    (ids.Y_METRIC, "value"),
    (ids.X_METRIC, "value"),
    (ids.VENDORS, "value"),
    (ids.AGGREGATIONS, "value"),
    (ids.SPEC, "value"),
    (ids.TOGGLES, "value"),
    (ids.COST_MODE, "value"),
    (ids.COST_BASIS, "value"),
    (ids.COST_TIER, "value"),
    (ids.CUSTOM_COST, "value"),
    (ids.CUSTOM_POWER, "value"),
]


@dataclass(frozen=True)
class ChartSettings:
    """The chart's settings, read from its controls."""

    seq: str
    as_of: str | None
    precisions: tuple
    metric: str
    x: str
    vendors: tuple
    aggregations: tuple
    spec: tuple
    toggles: tuple
    cost_mode: str
    costs: CostSettings


def read_settings(values) -> ChartSettings:
    (seq, as_of, precisions, metric, x, vendors, aggregations, spec, toggles) = values[
        :9
    ]
    cost_mode, basis, tier, usd, kw = values[9:]
    costs, _ = cost_settings(basis, tier, usd, kw)
    return ChartSettings(
        seq,
        as_of or None,
        tuple(precisions or ()),
        metric,
        x,
        tuple(vendors or ()),
        tuple(aggregations or ()),
        tuple(spec or ()),
        tuple(toggles or ()),
        cost_mode,
        costs,
    )


def _colours(index) -> dict[str, str]:
    """Give every series of the whole file a fixed colour, so filters keep them."""
    return {
        key: PALETTE[position % len(PALETTE)]
        for position, key in enumerate(index.series_keys)
    }


def visible_points(index, model, settings: ChartSettings) -> pd.DataFrame:
    frame = index.chart_points(model, settings.seq, settings.as_of)
    return select_points(
        frame,
        settings.precisions,
        settings.vendors,
        settings.aggregations,
        settings.spec,
    )


def _empty_reason(settings: ChartSettings) -> str | None:
    for name, chosen in (
        ("precision", settings.precisions),
        ("vendor", settings.vendors),
        ("aggregation", settings.aggregations),
        ("speculative-decoding setting", settings.spec),
    ):
        if not chosen:
            return f"Select at least one {name} to see points."
    return None


@callback(
    Output(ids.CHART, "figure"),
    Output(ids.CHART_NOTE, "children"),
    *[Input(component, prop) for component, prop in CHART_INPUTS],
    State(ids.PAGE_CONTEXT, "data"),
)
def update_chart(*values):
    context = values[-1]
    if not context:
        return no_update, no_update
    settings = read_settings(values[:-1])
    index = data_index()
    model = context["model"]
    return index.results.get(
        ("chart", model, settings), lambda: chart_output(index, model, settings)
    )


def chart_output(index, model: str, settings: ChartSettings):
    """Return the chart's figure and the note under its controls."""
    reason = _empty_reason(settings)
    if reason:
        return empty_figure(reason), reason

    points = visible_points(index, model, settings)
    series = build_series(
        points, settings.x, settings.metric, settings.costs, settings.cost_mode
    )
    references = []
    if settings.x == "intvty":
        references = published_references(
            index.workload(model, settings.seq, settings.as_of),
            (settings.precisions, settings.vendors, settings.spec),
            settings.metric,
            settings.costs,
            settings.cost_mode,
        )
    if not series and not references:
        message = (
            f"No points at {SEQUENCE_LABELS[settings.seq]} match these filters "
            "(or none has this metric); widen the filters or pick another metric."
        )
        return empty_figure(message), message
    figure = inference_figure(
        series,
        _colours(index),
        settings.x,
        settings.metric,
        log_y="log" in settings.toggles,
        optimal_only="optimal" in settings.toggles,
        labels="labels" in settings.toggles,
        references=tuple(references),
        title=f"{model_name(model)}, {SEQUENCE_LABELS[settings.seq]}",
    )
    optimal_only = "optimal" in settings.toggles
    count = sum(
        int(item.points["on_front"].sum()) if optimal_only else len(item.points)
        for item in series
    )
    note = (
        f"{count} points in {len(series)} series. Click a legend entry to show "
        "only that series; click it again to show all."
    )
    if not series:
        note = (
            f"No measured points at {SEQUENCE_LABELS[settings.seq]} match these "
            "filters; only SemiAnalysis' published values are drawn."
        )
    if references:
        note += (
            " Open diamonds are SemiAnalysis' published values: points on its "
            "own interpolated curves, not measurements."
        )
    return figure, note


def _options(labels: dict, available) -> list[dict]:
    return [
        {"label": label, "value": key, "disabled": key not in available}
        for key, label in labels.items()
    ]


@callback(
    Output(ids.PRECISIONS, "options"),
    Output(ids.Y_METRIC, "options"),
    Output(ids.X_METRIC, "options"),
    Output(ids.VENDORS, "options"),
    Output(ids.AGGREGATIONS, "options"),
    Output(ids.SPEC, "options"),
    Input(ids.SEQUENCE, "value"),
    Input(ids.AS_OF, "value"),
    State(ids.PRECISIONS, "options"),
    State(ids.Y_METRIC, "options"),
    State(ids.X_METRIC, "options"),
    State(ids.VENDORS, "options"),
    State(ids.PAGE_CONTEXT, "data"),
)
def update_options(seq, as_of, precisions, y_options, x_options, vendors, context):
    """Disable the options that have no data in this workload."""
    if not context:
        return (no_update,) * 6
    measured = data_index().chart_points(context["model"], seq, as_of or None)
    labels = {option["value"]: option["label"] for option in precisions}
    y_labels = {option["value"]: option["label"] for option in y_options}
    x_labels = {option["value"]: option["label"] for option in x_options}
    vendor_labels = {option["value"]: option["label"] for option in vendors}
    spec_present = {
        "mtp" if value == "mtp" else "off" for value in measured["spec_decoding"]
    }
    return (
        _options(labels, set(measured["precision"])),
        _options(y_labels, available_y_metrics(measured)),
        _options(x_labels, available_x_metrics(measured)),
        _options(vendor_labels, set(measured["hw"].map(GPU_VENDORS))),
        _options(AGGREGATIONS, set(aggregation_of(measured))),
        _options(SPEC_OPTIONS, spec_present),
    )


@callback(
    Output(ids.CSV_DOWNLOAD, "data"),
    Output(ids.CSV_FEEDBACK, "children"),
    Input(ids.CSV_BUTTON, "n_clicks"),
    *[State(component, prop) for component, prop in CHART_INPUTS],
    State(ids.PAGE_CONTEXT, "data"),
    prevent_initial_call=True,
)
def download_csv(_clicks, *values):
    context = values[-1]
    settings = read_settings(values[:-1])
    index = data_index()
    points = visible_points(index, context["model"], settings)
    series = build_series(
        points, settings.x, settings.metric, settings.costs, settings.cost_mode
    )
    optimal_only = "optimal" in settings.toggles
    frame = index.workload(context["model"], settings.seq, settings.as_of)
    frames = []
    for item in series:
        visible = item.points[item.points["on_front"]] if optimal_only else item.points
        rows = frame.loc[visible.index].assign(
            series=item.label, x=visible["x"], y=visible["y"]
        )
        frames.append(rows)
    if not frames:
        return no_update, (
            "No measured points are visible, so there is nothing to download; "
            "widen the filters."
        )
    table = pd.concat(frames).rename(
        columns={"x": f"x_{settings.x}", "y": settings.metric}
    )
    table = table.drop(columns=["line"]).assign(credit="SemiAnalysis InferenceX")
    name = f"{context['model']}-{settings.seq}-{settings.metric}-points.csv"
    return dcc.send_data_frame(table.to_csv, name, index=False), ""
