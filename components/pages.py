"""Page layouts: the app shell, the comparison page, the index and not found."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.controls import chart_controls, cost_controls, workload_controls
from core.gpus import gpu_name
from core.routes import SPEC_DECODE_PREFIX, SpecDecodePage, spec_decode_path
from core.schema import model_name


def page_link(page: tuple[str, str, str]) -> html.Li:
    """Return a list item linking to one MTP-vs-Off page."""
    return html.Li(
        dcc.Link(page_title(*page), href=spec_decode_path(SpecDecodePage(*page)))
    )


def page_title(model: str, hw: str, precision: str) -> str:
    return (
        f"{gpu_name(hw)} {precision.upper()}: MTP vs Off speculative decoding, "
        f"{model_name(model)}"
    )


def shell() -> html.Div:
    """Return the layout every route shares; the route fills the page."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.PAGE_CONTEXT),
            dbc.Navbar(
                dbc.Container(
                    [
                        dbc.NavbarBrand("Inference comparisons", href="/"),
                        dbc.Nav(
                            [dbc.NavLink("All GPUs", href=SPEC_DECODE_PREFIX)],
                            navbar=True,
                        ),
                    ]
                ),
                color="dark",
                dark=True,
                className="mb-3",
            ),
            dbc.Container(id=ids.PAGE, fluid="lg"),
            html.Footer(
                dbc.Container(
                    "The shipped benchmark data is SemiAnalysis InferenceX "
                    "(Apache-2.0); the Data sources panel lists what this page "
                    "loaded.",
                    className="small text-muted py-3",
                )
            ),
        ]
    )


def notices_alert(notices: list[str]):
    """Return an alert listing ignored URL parameters, or nothing."""
    if not notices:
        return html.Div(id=ids.URL_NOTICES)
    return dbc.Alert(
        [
            html.Strong("Some link settings were ignored:"),
            html.Ul([html.Li(n) for n in notices]),
        ],
        id=ids.URL_NOTICES,
        color="secondary",
        dismissable=True,
    )


def spec_decode_page(
    *,
    model,
    hw,
    precision,
    state,
    notices,
    comparison,
    models,
    sequences,
    precisions,
    dates,
    sources,
):
    """Return the MTP-vs-Off page: workload, comparison, then the chart."""
    return html.Div(
        [
            html.H1(page_title(model, hw, precision), className="h3"),
            notices_alert(notices),
            workload_controls(state, models, model, sequences, dates),
            cost_controls(state),
            dcc.Loading(
                html.Div(comparison, id=ids.COMPARISON + "-holder"), delay_show=400
            ),
            html.H2("Inference chart", className="h4 mt-4"),
            chart_controls(state, precisions),
            html.Div(id=ids.CHART_NOTE, className="small text-muted"),
            dcc.Graph(
                id=ids.CHART,
                config={
                    "displaylogo": False,
                    "toImageButtonOptions": {
                        "format": "png",
                        "filename": f"{model}-{hw}-{precision}-inference",
                        "scale": 2,
                    },
                },
            ),
            dbc.Button(
                "Download visible points (CSV)",
                id=ids.CSV_BUTTON,
                color="secondary",
                size="sm",
            ),
            dcc.Download(id=ids.CSV_DOWNLOAD),
            html.Span(id=ids.CSV_FEEDBACK, className="small text-danger ms-2"),
            html.Div(sources, id=ids.DATA_SOURCES, className="mt-4"),
        ]
    )


def index_page(pages: list[tuple[str, str, str]]) -> html.Div:
    """Return the list of GPU and precision pages with data on both sides."""
    items = [page_link(page) for page in pages]
    return html.Div(
        [
            html.H1("MTP vs Off speculative decoding", className="h3"),
            html.P("Pages with benchmark points on both sides:"),
            html.Ul(items) if items else html.P("No GPU has data on both sides."),
        ]
    )


def not_found_page(path: str, pages) -> html.Div:
    """Return the page for an unknown route, with links to the valid ones."""
    return html.Div(
        [
            html.H1("Page not found", className="h3"),
            dbc.Alert(
                f"There is no comparison at “{path}”. Pick one of these:",
                color="warning",
            ),
            html.Ul([page_link(page) for page in pages]),
        ]
    )


def no_data_page(sources) -> html.Div:
    """Return the page shown when no benchmark row could be loaded at all."""
    return html.Div(
        [
            html.H1("No benchmark data", className="h3"),
            dbc.Alert(
                "No benchmark row could be loaded, so there is nothing to "
                "compare. The report below says what was wrong with each file; "
                "fix the data (or DATA_PATH) and restart the server.",
                color="danger",
            ),
            sources,
        ]
    )
