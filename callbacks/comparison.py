"""The comparison table: targets typed by the user, costs, and the sequence."""

import logging

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, dcc, html, no_update

from callbacks import data_index
from components import ids
from components.comparison import (
    comparison_section,
    cost_mode_note,
    deviation_note,
    empty_comparison,
    table_rows,
)
from core.compare import (
    comparison_table,
    compute_band,
    data_range,
    default_targets,
    parse_target,
    published_deviations,
    summary_sentence,
)
from core.gpus import BASES
from core.metrics import CostSettings
from core.routes import SpecDecodePage
from core.schema import SEQUENCE_LABELS
from core.state import ViewState, parse_positive_number

logger = logging.getLogger(__name__)

PLAUSIBLE_USD_PER_GPU_HOUR = 100.0
PLAUSIBLE_KW_PER_GPU = 50.0

# Style of the message under a target box: a problem, or information.
FEEDBACK_CLASSES = {True: "invalid-feedback d-block", False: "form-text"}


def _coverage_links(index, page: SpecDecodePage) -> list:
    coverage = index.spec_decode_coverage(page.model, page.hw, page.precision)
    if not coverage:
        return [html.P("No sequence has data for this GPU and precision.")]
    items = []
    for seq, counts in coverage.items():
        items.append(
            html.Li(
                f"{SEQUENCE_LABELS[seq]}: {counts['mtp']} MTP and "
                f"{counts['off']} Off points"
            )
        )
    return [html.P("Workloads with data:", className="mb-1"), html.Ul(items)]


def _as_of_notice(index, as_of: str | None) -> list:
    """Return an alert when the as-of date precedes every measurement."""
    earliest = index.date_range()[0]
    if not as_of or earliest is None or as_of >= earliest:
        return []
    return [
        dbc.Alert(
            f"No measurement is dated on or before {as_of}; the earliest run is "
            f"{earliest}. Only SemiAnalysis' published values remain.",
            color="warning",
        )
    ]


def build_comparison(index, page: SpecDecodePage, state: ViewState, targets):
    """Return the comparison block for a workload, with its targets store."""
    sides = index.sides(page.model, state.seq, page.hw, page.precision, state.as_of)
    band = compute_band(list(sides))
    if band is None:
        message = (
            f"No MTP or Off results for this GPU and precision at "
            f"{SEQUENCE_LABELS[state.seq]}."
        )
        return [
            empty_comparison(message, _coverage_links(index, page)),
            dcc.Store(id=ids.VALID_TARGETS, data={"targets": [], "defaults": []}),
        ]

    notice = _as_of_notice(index, state.as_of)
    defaults = default_targets(band)
    limits = data_range(list(sides))
    chosen = []
    for target in targets or defaults:
        parsed = parse_target(target, band, limits)
        if parsed.value is not None:
            chosen.append(parsed.value)
    chosen = chosen or defaults
    title = f"{sides[0].label} vs {sides[1].label} at {SEQUENCE_LABELS[state.seq]}"
    return [
        *notice,
        comparison_section(title, chosen, band.text, band.describe(sides)),
        dcc.Store(id=ids.VALID_TARGETS, data={"targets": chosen, "defaults": defaults}),
    ]


@callback(
    Output(ids.COMPARISON + "-holder", "children"),
    Input(ids.SEQUENCE, "value"),
    Input(ids.AS_OF, "value"),
    State(ids.PAGE_CONTEXT, "data"),
    prevent_initial_call=True,
)
def rebuild_comparison(seq, as_of, context):
    if not context:
        return no_update
    state = ViewState(seq=seq, as_of=as_of or None)
    return build_comparison(data_index(), SpecDecodePage(**context), state, [])


def cost_settings(basis, tier, usd_text, kw_text) -> tuple[CostSettings, list[str]]:
    """Return the cost settings from the controls and a message per bad value."""
    messages = []
    usd, error = parse_positive_number(usd_text, "$/GPU-hour")
    if error:
        messages.append(error)
    power, error = parse_positive_number(kw_text, "kW per GPU")
    if error:
        messages.append(error)
    # Every GPU in core.gpus costs under $6 per hour and draws under 3 kW; values
    # far beyond that are applied but questioned, as a likely typo.
    if usd is not None and usd > PLAUSIBLE_USD_PER_GPU_HOUR:
        messages.append(f"${usd:,g} per GPU-hour is far above any published price.")
    if power is not None and power > PLAUSIBLE_KW_PER_GPU:
        messages.append(f"{power:,g} kW per GPU is far above any published figure.")
    if basis not in BASES:
        basis = next(iter(BASES))
    if tier not in BASES[basis].tiers:
        tier = next(iter(BASES[basis].tiers))
    return CostSettings(basis, tier, usd, power), messages


@callback(
    Output(ids.COST_TIER, "options"),
    Output(ids.COST_TIER, "value"),
    Input(ids.COST_BASIS, "value"),
    State(ids.COST_TIER, "value"),
    prevent_initial_call=True,
)
def update_tiers(basis, tier):
    tiers = BASES[basis].tiers
    options = [{"label": label, "value": key} for key, label in tiers.items()]
    return options, tier if tier in tiers else next(iter(tiers))


@callback(
    Output(ids.TABLE_BODY, "children"),
    Output(ids.SUMMARY, "children"),
    Output(ids.COST_MODE_NOTE, "children"),
    Output({"type": "target-feedback", "index": ALL}, "children"),
    Output({"type": "target-feedback", "index": ALL}, "className"),
    Output({"type": "target-input", "index": ALL}, "invalid"),
    Output({"type": "target-input", "index": ALL}, "value"),
    Output(ids.VALID_TARGETS, "data"),
    Output(ids.COST_FEEDBACK, "children"),
    Output(ids.DEVIATION, "children"),
    Input({"type": "target-input", "index": ALL}, "value"),
    Input(ids.COST_MODE, "value"),
    Input(ids.COST_BASIS, "value"),
    Input(ids.COST_TIER, "value"),
    Input(ids.CUSTOM_COST, "value"),
    Input(ids.CUSTOM_POWER, "value"),
    State(ids.SEQUENCE, "value"),
    State(ids.AS_OF, "value"),
    State(ids.PAGE_CONTEXT, "data"),
    State(ids.VALID_TARGETS, "data"),
)
def update_table(texts, cost_mode, basis, tier, usd, kw, seq, as_of, context, valid):
    if not context or not texts:
        return no_update
    index = data_index()
    page = SpecDecodePage(**context)
    sides = list(index.sides(page.model, seq, page.hw, page.precision, as_of or None))
    band = compute_band(sides)
    limits = data_range(sides)
    previous = list((valid or {}).get("targets", []))

    targets, feedback, invalid, values, classes = [], [], [], [], []
    for position, text in enumerate(texts):
        parsed = parse_target(text, band, limits)
        fallback = previous[position] if position < len(previous) else None
        if parsed.value is None:
            keeping = f" Keeping {fallback}." if fallback is not None else ""
            feedback.append(parsed.error + keeping)
            invalid.append(True)
            targets.append(fallback)
            values.append(text)
        else:
            feedback.append(parsed.notice or parsed.info or "")
            invalid.append(parsed.notice is not None)
            targets.append(parsed.value)
            values.append(str(parsed.value))
        classes.append(FEEDBACK_CLASSES[invalid[-1]])

    costs, cost_messages = cost_settings(basis, tier, usd, kw)
    usable = tuple(target for target in targets if target is not None)
    key = ("table", page, seq, as_of or None, usable, costs, cost_mode)
    rows, summary, deviations = index.results.get(
        key, lambda: table_output(sides, band, usable, costs, cost_mode)
    )
    store = {**(valid or {}), "targets": targets}
    return (
        rows,
        summary,
        cost_mode_note(cost_mode),
        feedback,
        classes,
        invalid,
        values,
        store,
        " ".join(cost_messages),
        deviations,
    )


def table_output(sides, band, targets, costs, cost_mode):
    """Return the table body rows, the summary and the published deviations."""
    columns = comparison_table(sides, list(targets), costs, cost_mode)
    labels = {side.key: side.label for side in sides}
    summary = [html.P(summary_sentence(column, sides, band)) for column in columns]
    deviations = [
        html.P(deviation_note(side.label, published_deviations(side)))
        for side in sides
        if not side.published_only
    ]
    return table_rows(columns, labels), summary, deviations
