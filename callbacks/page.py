"""Routing, the page's initial state from the URL, and the URL from the page."""

import logging
from dataclasses import replace

from dash import Input, Output, State, callback, no_update

from callbacks import data_index
from callbacks.chart import CHART_INPUTS, read_settings
from callbacks.comparison import build_comparison
from components import ids
from components.pages import (
    index_page,
    no_data_page,
    not_found_page,
    spec_decode_page,
)
from components.sources import data_sources
from core.routes import (
    SPEC_DECODE_PREFIX,
    SpecDecodePage,
    parse_spec_decode_path,
    spec_decode_path,
)
from core.schema import SEQUENCE_LABELS
from core.state import ViewState, encode_query, parse_query

logger = logging.getLogger(__name__)

DEFAULT_PAGE = SpecDecodePage("dsr1", "gb200", "fp4")


def default_page(index) -> SpecDecodePage | None:
    """Return the page "/" opens: GB200 NVL72 FP4 if the data has it."""
    pages = index.spec_decode_pages() or index.pages()
    if not pages:
        return None
    if (DEFAULT_PAGE.model, DEFAULT_PAGE.hw, DEFAULT_PAGE.precision) in pages:
        return DEFAULT_PAGE
    return SpecDecodePage(*pages[0])


@callback(
    Output(ids.PAGE, "children"),
    Output(ids.PAGE_CONTEXT, "data"),
    Input(ids.URL, "pathname"),
    State(ids.URL, "search"),
)
def render_page(pathname, search):
    index = data_index()
    if index.dataset.frame.empty:
        return no_data_page(data_sources(index.summary, expanded=True)), None
    path = (pathname or "/").rstrip("/") or "/"
    if path == SPEC_DECODE_PREFIX:
        return index_page(index.spec_decode_pages()), None

    page = default_page(index) if path == "/" else None
    if page is None:
        page = parse_spec_decode_path(path, index.pages())
    if page is None:
        logger.info("no page at %s", pathname)
        return not_found_page(pathname, index.spec_decode_pages()), None

    state, notices = parse_query(search, index.precisions)
    sequences = index.sequences(page.model)
    if state.seq not in sequences and sequences:
        notices.append(
            f"No data for sequence {SEQUENCE_LABELS[state.seq]}; showing "
            f"{SEQUENCE_LABELS[sequences[0]]}."
        )
        state = replace(state, seq=sequences[0])
    if not state.precisions:
        state = replace(state, precisions=(page.precision,))

    comparison = build_comparison(index, page, state, list(state.targets))
    layout = spec_decode_page(
        model=page.model,
        hw=page.hw,
        precision=page.precision,
        state=state,
        notices=notices,
        comparison=comparison,
        models=index.models,
        sequences=sequences,
        precisions=index.precisions,
        dates=index.date_range(),
        sources=data_sources(index.summary),
    )
    return layout, page.__dict__


@callback(
    Output(ids.URL, "pathname"),
    Input(ids.MODEL, "value"),
    State(ids.PAGE_CONTEXT, "data"),
    prevent_initial_call=True,
)
def change_model(model, context):
    if not context or model == context["model"]:
        return no_update
    page = SpecDecodePage(model, context["hw"], context["precision"])
    pages = data_index().spec_decode_pages()
    if (page.model, page.hw, page.precision) in pages:
        return spec_decode_path(page)
    return SPEC_DECODE_PREFIX


@callback(
    Output(ids.URL, "search"),
    Input(ids.VALID_TARGETS, "data"),
    *[Input(component, prop) for component, prop in CHART_INPUTS],
    State(ids.PAGE_CONTEXT, "data"),
    prevent_initial_call=True,
)
def sync_url(targets, *values):
    """Write every setting into the query string, leaving out defaults."""
    context = values[-1]
    settings = read_settings(values[:-1])
    targets = targets or {}
    chosen = tuple(targets.get("targets", ()))
    page_precision = (context["precision"],) if context else ()
    costs = settings.costs
    state = ViewState(
        seq=settings.seq,
        targets=() if chosen == tuple(targets.get("defaults", ())) else chosen,
        precisions=() if settings.precisions == page_precision else settings.precisions,
        metric=settings.metric,
        x=settings.x,
        vendors=settings.vendors,
        aggregations=settings.aggregations,
        spec=settings.spec,
        log_y="log" in settings.toggles,
        optimal_only="optimal" in settings.toggles,
        labels="labels" in settings.toggles,
        cost_mode=settings.cost_mode,
        basis=costs.basis,
        tier=costs.tier,
        usd_per_gpu_hour=costs.usd_per_gpu_hour,
        power_kw=costs.power_kw,
        as_of=settings.as_of,
    )
    return encode_query(state)
