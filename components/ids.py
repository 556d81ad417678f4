"""Component ids, defined once and imported by layouts, callbacks and tests."""

URL = "url"
PAGE = "page"
PAGE_CONTEXT = "page-context"
URL_NOTICES = "url-notices"

# Workload and cost controls, shared by the table and the chart.
MODEL = "model"
SEQUENCE = "sequence"
AS_OF = "as-of"
COST_MODE = "cost-mode"
COST_BASIS = "cost-basis"
COST_TIER = "cost-tier"
CUSTOM_COST = "custom-cost"
CUSTOM_POWER = "custom-power"
COST_FEEDBACK = "cost-feedback"

# The comparison.
COMPARISON = "comparison"
BAND = "band"
SUMMARY = "summary"
TABLE_BODY = "table-body"
VALID_TARGETS = "valid-targets"
COST_MODE_NOTE = "cost-mode-note"
DEVIATION = "published-deviation"

# The inference chart.
CHART = "chart"
CHART_NOTE = "chart-note"
PRECISIONS = "precisions"
Y_METRIC = "y-metric"
X_METRIC = "x-metric"
VENDORS = "vendors"
AGGREGATIONS = "aggregations"
SPEC = "spec"
TOGGLES = "toggles"
CSV_BUTTON = "csv-button"
CSV_DOWNLOAD = "csv-download"
CSV_FEEDBACK = "csv-feedback"
DATA_SOURCES = "data-sources"


def target_input(index: int) -> dict:
    """Return the id of the target box of one table column."""
    return {"type": "target-input", "index": index}


def target_feedback(index: int) -> dict:
    """Return the id of the message under one target box."""
    return {"type": "target-feedback", "index": index}
