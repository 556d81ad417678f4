"""Controls of the workload, the costs and the inference chart."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from core.compare import COST_MODES
from core.gpus import BASES, VENDOR_NAMES
from core.metrics import X_METRICS, Y_METRICS
from core.schema import SEQUENCE_LABELS, model_name
from core.state import AGGREGATIONS, SPEC_OPTIONS, ViewState


def _labelled(label: str, control, width: int = 3) -> dbc.Col:
    return dbc.Col(
        [dbc.Label(label, className="small fw-semibold mb-1"), control], md=width
    )


def workload_controls(
    state: ViewState, models: list[str], model: str, sequences, dates
):
    """Return the model, sequence and as-of controls, which drive the whole page."""
    return dbc.Row(
        [
            _labelled(
                "Model",
                dcc.Dropdown(
                    id=ids.MODEL,
                    options=[{"label": model_name(m), "value": m} for m in models],
                    value=model,
                    clearable=False,
                ),
            ),
            _labelled(
                "Sequence (input / output)",
                dcc.Dropdown(
                    id=ids.SEQUENCE,
                    options=[
                        {"label": label, "value": seq, "disabled": seq not in sequences}
                        for seq, label in SEQUENCE_LABELS.items()
                    ],
                    value=state.seq,
                    clearable=False,
                ),
            ),
            _labelled(
                "Data as of",
                dbc.Input(
                    id=ids.AS_OF,
                    type="date",
                    value=state.as_of or "",
                    min=dates[0],
                    max=dates[1],
                    debounce=True,
                ),
            ),
        ],
        className="g-3 mb-3",
    )


def cost_controls(state: ViewState) -> dbc.Row:
    """Return the cost mode, basis, tier and custom $/GPU-hour and kW inputs."""
    basis = BASES[state.basis]
    return dbc.Row(
        [
            _labelled(
                "Cost in the table",
                dbc.RadioItems(
                    id=ids.COST_MODE,
                    options=[
                        {
                            "label": key.replace("published", "as published"),
                            "value": key,
                        }
                        for key in COST_MODES
                    ],
                    value=state.cost_mode,
                    inline=True,
                ),
            ),
            _labelled(
                "Cost and power basis",
                dcc.Dropdown(
                    id=ids.COST_BASIS,
                    options=[{"label": b.label, "value": k} for k, b in BASES.items()],
                    value=state.basis,
                    clearable=False,
                ),
            ),
            _labelled(
                "Cost tier",
                dcc.Dropdown(
                    id=ids.COST_TIER,
                    options=[{"label": v, "value": k} for k, v in basis.tiers.items()],
                    value=state.tier,
                    clearable=False,
                ),
                2,
            ),
            _labelled(
                "Custom $/GPU-hour",
                dbc.Input(
                    id=ids.CUSTOM_COST,
                    type="text",
                    inputMode="decimal",
                    placeholder="from the basis",
                    value=""
                    if state.usd_per_gpu_hour is None
                    else f"{state.usd_per_gpu_hour:g}",
                    debounce=True,
                ),
                2,
            ),
            _labelled(
                "Custom kW per GPU",
                dbc.Input(
                    id=ids.CUSTOM_POWER,
                    type="text",
                    inputMode="decimal",
                    placeholder="from the basis",
                    value="" if state.power_kw is None else f"{state.power_kw:g}",
                    debounce=True,
                ),
                2,
            ),
            dbc.Col(
                html.Div(id=ids.COST_FEEDBACK, className="small text-danger"), md=12
            ),
        ],
        className="g-3 mb-3",
    )


def _checklist(component_id, options: dict, value) -> dbc.Checklist:
    return dbc.Checklist(
        id=component_id,
        options=[{"label": label, "value": key} for key, label in options.items()],
        value=list(value),
        inline=True,
    )


def chart_controls(state: ViewState, precisions: list[str]) -> html.Div:
    """Return the chart's own controls; they never change the table."""
    toggles = [
        key
        for key, on in (
            ("log", state.log_y),
            ("optimal", state.optimal_only),
            ("labels", state.labels),
        )
        if on
    ]
    return html.Div(
        [
            dbc.Row(
                [
                    _labelled(
                        "Y metric",
                        dcc.Dropdown(
                            id=ids.Y_METRIC,
                            options=[
                                {"label": f"{m.label} ({m.unit})", "value": k}
                                for k, m in Y_METRICS.items()
                            ],
                            value=state.metric,
                            clearable=False,
                        ),
                        4,
                    ),
                    _labelled(
                        "X axis",
                        dcc.Dropdown(
                            id=ids.X_METRIC,
                            options=[
                                {"label": f"{m.label} ({m.unit})", "value": k}
                                for k, m in X_METRICS.items()
                            ],
                            value=state.x,
                            clearable=False,
                        ),
                    ),
                    _labelled(
                        "Precision",
                        _checklist(
                            ids.PRECISIONS,
                            {p: p.upper() for p in precisions},
                            state.precisions,
                        ),
                    ),
                ],
                className="g-3 mb-2",
            ),
            dbc.Row(
                [
                    _labelled(
                        "Vendor", _checklist(ids.VENDORS, VENDOR_NAMES, state.vendors)
                    ),
                    _labelled(
                        "Aggregation",
                        _checklist(ids.AGGREGATIONS, AGGREGATIONS, state.aggregations),
                        4,
                    ),
                    _labelled(
                        "Speculative decoding",
                        _checklist(ids.SPEC, SPEC_OPTIONS, state.spec),
                        2,
                    ),
                    _labelled(
                        "Display",
                        _checklist(
                            ids.TOGGLES,
                            {
                                "log": "Log y",
                                "optimal": "Hide non-optimal",
                                "labels": "Labels",
                            },
                            toggles,
                        ),
                    ),
                ],
                className="g-3 mb-2",
            ),
        ],
        className="chart-controls",
    )
