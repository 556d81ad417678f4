"""The panel that reports where the page's data came from and what was rejected."""

import dash_bootstrap_components as dbc
from dash import html

from core.ingest import position_text


def _source_row(entry: dict) -> html.Tr:
    ignored = ", ".join(entry["ignored_columns"]) or "none"
    return html.Tr(
        [
            html.Td(entry["source"]),
            html.Td(entry["format"] or "—"),
            html.Td(f"{entry['rows_loaded']:,}"),
            html.Td(f"{entry['rows_rejected']:,}"),
            html.Td(ignored),
        ]
    )


def _example_text(example: dict, formats: dict) -> str:
    where = position_text(
        formats.get(example["source"], ""), int(example["line"]), example["action"]
    )
    text = f"{example['source']}, {where}"
    if example["column"] != "*":
        text += f": {example['column']} = “{str(example['value'])[:40]}”"
    return text


def _rejected_item(group: dict, formats: dict) -> html.Li:
    examples = "; ".join(
        _example_text({**example, "action": group["action"]}, formats)
        for example in group["examples"]
    )
    return html.Li(
        f"{group['count']:,} × {group['reason']} ({group['action']}). First: {examples}"
    )


def data_sources(summary: dict, expanded: bool = False) -> html.Details:
    """Return a collapsible report of the sources, rows, dates and rejections."""
    dates = summary["date_range"]
    date_text = f"run dates {dates[0]} to {dates[1]}" if dates else "no run dates"
    formats = {entry["source"]: entry["format"] for entry in summary["sources"]}
    parts = [
        html.P(
            f"{summary['total_rows']:,} benchmark points, {date_text}. "
            "Data: SemiAnalysis InferenceX (Apache-2.0) unless loaded from "
            "your own files."
        ),
        dbc.Table(
            [
                html.Thead(
                    html.Tr(
                        [
                            html.Th(name)
                            for name in (
                                "Source",
                                "Format",
                                "Rows loaded",
                                "Rows rejected",
                                "Ignored columns",
                            )
                        ]
                    )
                ),
                html.Tbody([_source_row(entry) for entry in summary["sources"]]),
            ],
            size="sm",
            className="small",
        ),
    ]
    if summary["rejected"]:
        parts.append(html.P("Problems found while loading:", className="mb-1"))
        parts.append(
            html.Ul([_rejected_item(group, formats) for group in summary["rejected"]])
        )
    if summary["gpus_without_basis"]:
        parts.append(
            dbc.Alert(
                "No cost or power basis for "
                + ", ".join(summary["gpus_without_basis"])
                + ": type a $/GPU-hour and kW per GPU above to see their cost "
                "and energy metrics.",
                color="warning",
            )
        )
    title = "Data sources"
    if summary["rejected"]:
        count = sum(group["count"] for group in summary["rejected"])
        noun = "problem" if count == 1 else "problems"
        title += f" ({count:,} {noun} found while loading)"
    return html.Details(
        [html.Summary(title), *parts], open=expanded, className="data-sources"
    )
