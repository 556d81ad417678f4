"""The page's settings as URL parameters: parsing with notices, and encoding.

Every setting a user can change lives in the query string, so a link
reproduces the view. An invalid value is dropped with a notice that names it;
it never raises.
"""

import math
import re
from dataclasses import asdict, dataclass, fields, replace
from urllib.parse import parse_qs, urlencode

import numpy as np

from core.compare import COST_MODES, DEFAULT_COST_MODE
from core.gpus import BASES, DEFAULT_BASIS, DEFAULT_TIER
from core.metrics import X_METRICS, Y_METRICS
from core.schema import SEQUENCES

VENDORS = ("nvidia", "amd")
AGGREGATIONS = {
    "single": "Single node",
    "multi": "Multi-node",
    "disagg": "Disaggregated",
}
SPEC_OPTIONS = {"mtp": "MTP", "off": "Off"}

MAX_TARGETS = 6
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ViewState:
    """Everything a user set on the page, apart from the route."""

    seq: str = "1k1k"
    targets: tuple[int, ...] = ()
    precisions: tuple[str, ...] = ()  # empty: the page's precision
    metric: str = "tput"
    x: str = "intvty"
    vendors: tuple[str, ...] = VENDORS
    aggregations: tuple[str, ...] = tuple(AGGREGATIONS)
    spec: tuple[str, ...] = tuple(SPEC_OPTIONS)
    log_y: bool = False
    optimal_only: bool = True
    labels: bool = False
    cost_mode: str = DEFAULT_COST_MODE
    basis: str = DEFAULT_BASIS
    tier: str = DEFAULT_TIER
    usd_per_gpu_hour: float | None = None
    power_kw: float | None = None
    as_of: str | None = None


# URL parameter name of each field.
PARAMS = {
    "seq": "seq",
    "targets": "targets",
    "precisions": "precision",
    "metric": "metric",
    "x": "x",
    "vendors": "vendor",
    "aggregations": "agg",
    "spec": "spec",
    "log_y": "log",
    "optimal_only": "optimal",
    "labels": "labels",
    "cost_mode": "cost",
    "basis": "basis",
    "tier": "tier",
    "usd_per_gpu_hour": "usd",
    "power_kw": "kw",
    "as_of": "asof",
}
_FIELD_OF_PARAM = {param: name for name, param in PARAMS.items()}
DEFAULT_STATE = ViewState()


def _split(text: str) -> list[str]:
    return [part.strip().lower() for part in text.split(",") if part.strip()]


def _choice_list(param, text, allowed, notices):
    chosen = _split(text)
    if not chosen:
        return ()  # an explicit empty list: nothing ticked
    bad = [value for value in chosen if value not in allowed]
    if bad:
        notices.append(
            f"Ignored {param}={', '.join(bad)}: use one or more of "
            f"{', '.join(allowed)}."
        )
    good = tuple(dict.fromkeys(value for value in chosen if value in allowed))
    return good or None


def _flag(param, text, notices):
    lowered = text.strip().lower()
    if lowered in ("1", "true", "on", "yes"):
        return True
    if lowered in ("0", "false", "off", "no"):
        return False
    notices.append(f"Ignored {param}={text}: use 1 or 0.")
    return None


def _positive_number(param, text, notices):
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number <= 0:
        notices.append(f"Ignored {param}={text}: use a number greater than zero.")
        return None
    return number


def _targets(text, notices):
    values = []
    for part in text.split(","):
        part = part.strip()
        try:
            number = float(part)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or number <= 0:
            notices.append(
                f"Ignored target “{part}”: use positive numbers in tok/s/user, "
                "separated by commas."
            )
            continue
        values.append(math.floor(number + 0.5))
    if len(values) > MAX_TARGETS:
        notices.append(
            f"Kept the first {MAX_TARGETS} of {len(values)} targets; the table "
            f"has at most {MAX_TARGETS} columns."
        )
    return tuple(values[:MAX_TARGETS]) or None


def parse_query(search: str | None, precisions=()) -> tuple[ViewState, list[str]]:
    """Return the settings in a query string and a notice per ignored value.

    precisions lists the precisions the data has; others are ignored.
    """
    notices: list[str] = []
    query = parse_qs((search or "").lstrip("?"), keep_blank_values=True)
    values = {}
    for param, texts in query.items():
        text = texts[-1]
        if len(texts) > 1:
            notices.append(f"“{param}” appears {len(texts)} times; used the last.")
        name = _FIELD_OF_PARAM.get(param)
        if name is None:
            notices.append(f"Ignored unknown parameter “{param}”.")
            continue
        value = _parse_field(name, param, text, precisions, notices)
        if value is not None:
            values[name] = value

    state = replace(DEFAULT_STATE, **values)
    if state.tier not in BASES[state.basis].tiers:
        if "tier" in values:
            notices.append(
                f"Ignored tier={state.tier}: the {state.basis} basis has "
                f"{', '.join(BASES[state.basis].tiers)}."
            )
        state = replace(state, tier=next(iter(BASES[state.basis].tiers)))
    return state, notices


def _parse_field(name, param, text, precisions, notices):
    single_choices = {
        "seq": tuple(SEQUENCES),
        "metric": tuple(Y_METRICS),
        "x": tuple(X_METRICS),
        "cost_mode": tuple(COST_MODES),
        "basis": tuple(BASES),
        "tier": tuple({tier for basis in BASES.values() for tier in basis.tiers}),
    }
    if name in single_choices:
        allowed = single_choices[name]
        if text.strip().lower() in allowed:
            return text.strip().lower()
        notices.append(f"Ignored {param}={text}: use one of {', '.join(allowed)}.")
        return None
    if name == "targets":
        return _targets(text, notices)
    if name == "precisions":
        return _choice_list(param, text, tuple(precisions), notices)
    if name == "vendors":
        return _choice_list(param, text, VENDORS, notices)
    if name == "aggregations":
        return _choice_list(param, text, tuple(AGGREGATIONS), notices)
    if name == "spec":
        return _choice_list(param, text, tuple(SPEC_OPTIONS), notices)
    if name in ("log_y", "optimal_only", "labels"):
        return _flag(param, text, notices)
    if name in ("usd_per_gpu_hour", "power_kw"):
        return _positive_number(param, text, notices)
    if name == "as_of":
        if _DATE.match(text.strip()):
            return text.strip()
        notices.append(f"Ignored {param}={text}: use a date as YYYY-MM-DD.")
    return None


def encode_query(state: ViewState) -> str:
    """Return the query string for a state, leaving out default values."""
    pairs = []
    defaults = asdict(DEFAULT_STATE)
    for item in fields(ViewState):
        value = getattr(state, item.name)
        if value == defaults[item.name] or value is None:
            continue
        if isinstance(value, bool):
            text = "1" if value else "0"
        elif isinstance(value, tuple):
            text = ",".join(str(part) for part in value)
        elif isinstance(value, float):
            text = np.format_float_positional(value, trim="-")
        else:
            text = str(value)
        pairs.append((PARAMS[item.name], text))
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def parse_positive_number(text, quantity: str) -> tuple[float | None, str | None]:
    """Return (number, None) for a typed positive number, (None, None) for
    empty text, or (None, message) for anything else."""
    raw = "" if text is None else str(text).strip()
    if raw == "":
        return None, None
    try:
        number = float(raw)
    except ValueError:
        number = math.nan
    if "," in raw or not math.isfinite(number) or number <= 0:
        return None, (
            f"Ignored {quantity} “{raw}”: type a plain number greater than zero, "
            "such as 2.5."
        )
    return number, None
