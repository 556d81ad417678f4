"""The pinned comparison: band, caveat, summary sentences and the table."""

import dash_bootstrap_components as dbc
from dash import html

from components import ids
from core.compare import COST_MODES, ROW_LABELS, TABLE_ROWS, TargetColumn

CAVEAT = (
    "MTP acceptance rates differ between engines, and each side pools every "
    "engine and deployment of this GPU and precision, so a gap between the "
    "curves can mix engine effects with speculative-decoding effects."
)


def target_header(index: int, target: int) -> html.Th:
    """Return a table header cell with an editable target box."""
    return html.Th(
        [
            dbc.Input(
                id=ids.target_input(index),
                value=str(target),
                type="text",
                inputMode="decimal",
                debounce=True,
                size="sm",
                className="target-input",
                placeholder=f"target {index + 1}",
            ),
            html.Div("tok/s/user", className="small text-muted"),
            html.Div(id=ids.target_feedback(index), className="form-text"),
        ],
        className="target-header",
    )


def comparison_table(targets: list[int]) -> dbc.Table:
    """Return the table with a target box per column and an empty body."""
    header = html.Thead(
        html.Tr(
            [html.Th("Target interactivity", className="align-top")]
            + [target_header(index, target) for index, target in enumerate(targets)]
        )
    )
    return dbc.Table(
        [header, html.Tbody(id=ids.TABLE_BODY)],
        bordered=True,
        className="comparison-table align-middle",
    )


def _cell(side_label: str, cell, target: int, row: str) -> html.Div:
    value = html.Span(
        cell.text,
        className="cell-value",
        **{"data-side": cell.side, "data-metric": row, "data-target": str(target)},
    )
    classes = "side-value" + (" better" if cell.better else "")
    title = None
    if cell.beyond_data:
        classes += " beyond-data"
        title = "The target is outside this side's data: its edge value is shown."
    # The label is bare text, styled by .side-value: one component fewer per
    # cell keeps the table callback's response small.
    return html.Div([side_label, value], className=classes, title=title)


def table_rows(columns: list[TargetColumn], side_labels: dict) -> list[html.Tr]:
    """Return the body rows: one per metric, both sides in every cell."""
    rows = []
    for row in TABLE_ROWS:
        cells = [html.Th(ROW_LABELS[row], scope="row")]
        for column in columns:
            cells.append(
                html.Td(
                    [
                        _cell(side_labels[key], cell, column.target, row)
                        for key, cell in column.cells[row].items()
                    ]
                )
            )
        rows.append(html.Tr(cells))
    return rows


def comparison_section(
    title: str, targets: list[int], band_text: str, band_source: str
) -> html.Div:
    """Return the comparison block; its values are filled by a callback."""
    return html.Div(
        [
            html.H2(title, className="h4"),
            html.P(
                [
                    "Comparison band: ",
                    html.Strong(band_text, id=ids.BAND),
                    f" ({band_source}).",
                ]
            ),
            dbc.Alert(CAVEAT, color="warning", className="caveat py-2"),
            html.Div(id=ids.SUMMARY, className="summary"),
            comparison_table(targets),
            html.P(id=ids.COST_MODE_NOTE, className="small text-muted"),
            html.Div(id=ids.DEVIATION, className="small text-muted"),
        ],
        id=ids.COMPARISON,
    )


def empty_comparison(message: str, links: list) -> html.Div:
    """Return the block shown when neither side has points."""
    return html.Div(
        [dbc.Alert([html.P(message, className="mb-1"), *links], color="info")],
        id=ids.COMPARISON,
    )


def cost_mode_note(cost_mode: str) -> str:
    """Return the sentence naming the cost mode the table uses."""
    note = f"Cost mode: {COST_MODES[cost_mode]}."
    if cost_mode == "published":
        note += (
            " Cost and throughput are splined separately in this mode, so the "
            "cost ratio between the sides can differ from the throughput ratio."
        )
    return note


def deviation_note(side_label: str, deviations) -> str:
    """Return one line comparing a side's spline with the published values."""
    if not deviations:
        return ""
    parts = [
        f"{d.interactivity:.0f} tok/s/user: {d.interpolated:,.1f} vs "
        f"{d.published:,.1f} ({d.percent:+.3f} %)"
        for d in deviations
    ]
    return (
        f"{side_label} interpolation against SemiAnalysis' published values "
        f"(tok/s/GPU): " + "; ".join(parts) + "."
    )
