"""Validate benchmark tables, and select and summarise the loaded points.

A bad row is reported with its line, column, value and reason and never stops
the good rows from loading. A bad value in a required column rejects the row;
a bad value in an optional column is blanked and the row kept. Validation works
on whole columns at once (pandas masks), because files of a million rows must
load in seconds.

Reading files and folders lives in core.ingest; load_dataset is the entry point
the page uses.
"""

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from core.gpus import BASES
from core.schema import (
    COLUMN_NAMES,
    COLUMNS,
    COLUMNS_BY_NAME,
    CONFIGURATION_COLUMNS,
    DISAGG_FRAMEWORKS,
    FRAMEWORK_ALIASES,
    REQUIRED_COLUMNS,
)

logger = logging.getLogger(__name__)

SHIPPED_DATA = Path(__file__).resolve().parent.parent / "data" / "benchmarks.csv"

PROBLEM_COLUMNS = ["source", "line", "column", "value", "reason", "action"]

ROW_REJECTED = "row rejected"
VALUE_BLANKED = "value blanked"
FILE_REJECTED = "file rejected"

_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f"}
_LOWERCASE = {"model", "hw", "framework", "precision", "spec_decoding", "kind"}
_NAN_TEXT = {"nan", "+nan", "-nan"}
_DATE_TEXT = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")
# Runner names append a host suffix to the GPU key: gb200-nv_0, b200-multinode-slurm.
_RUNNER_SUFFIX = re.compile(r"[-_].*$")
_TPOT_COLUMNS = ("median_tpot", "mean_tpot")
# Column kinds stored as str in a loaded frame.
_STR = ("text", "date")
# Values that an empty cell stands for.
_TEXT_DEFAULTS = {"spec_decoding": "none", "kind": "measured"}


@dataclass
class Dataset:
    """Validated benchmark points with a report of what was rejected.

    sources has one dict per file read: source, format, rows_read,
    rows_loaded, rows_rejected and ignored_columns (extra columns not in the
    schema).
    """

    frame: pd.DataFrame
    problems: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=PROBLEM_COLUMNS)
    )
    sources: list[dict] = field(default_factory=list)

    @property
    def rejected_rows(self) -> int:
        """Number of rows rejected, counting a row with several problems once."""
        rejected = self.problems[self.problems["action"] == ROW_REJECTED]
        return rejected[["source", "line"]].drop_duplicates().shape[0]


def problem_frame(source, lines, column, values, reason, action) -> pd.DataFrame:
    """Build problem records, one per line, in the layout of Dataset.problems."""
    return pd.DataFrame(
        {
            "source": source,
            "line": np.asarray(lines, dtype="int64"),
            "column": column,
            "value": np.asarray(values, dtype=object),
            "reason": reason,
            "action": action,
        }
    )


def _concat_problems(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    return pd.concat(frames, ignore_index=True)


# Parsing: each parser takes one raw column, whose cells may be text (CSV) or
# JSON values, and returns the typed values, the mask of empty cells and a list
# of (invalid mask, reason). Text-like columns are parsed once per distinct
# value (pd.factorize), which keeps a million-row column fast.


def _factorize(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        return codes, values.cat.categories.to_numpy(dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes, np.asarray(uniques, dtype=object)


def _take(unique_values: np.ndarray, codes: np.ndarray, missing) -> np.ndarray:
    """Expand per-distinct-value results back to one per row."""
    padded = np.append(unique_values, np.array([missing], dtype=unique_values.dtype))
    return padded[np.where(codes < 0, len(unique_values), codes)]


def _unique_text(uniques: np.ndarray) -> pd.Series:
    """Return the distinct values as stripped text; JSON null becomes ''."""
    values = pd.Series(uniques, dtype=object)
    is_text = np.array([isinstance(value, str) for value in uniques], dtype=bool)
    if is_text.all():
        return values.str.strip()

    def as_text(value) -> str:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    return pd.Series([as_text(value) for value in uniques], dtype=object)


def _parse_number(column, raw: pd.Series):
    is_bool = pd.api.types.is_bool_dtype(raw)
    if pd.api.types.is_numeric_dtype(raw) and not is_bool:
        numbers = raw.to_numpy(dtype=float, na_value=np.nan)
        empty = np.isnan(numbers)
        not_number = np.zeros(len(raw), dtype=bool)
        non_finite = np.isinf(numbers)
    else:
        codes, uniques = _factorize(raw)
        text = _unique_text(uniques)
        is_bool_value = np.array([isinstance(v, bool) for v in uniques], dtype=bool)
        parsed = pd.to_numeric(text.where(~is_bool_value, ""), errors="coerce")
        parsed = parsed.to_numpy(dtype=float, na_value=np.nan)
        unique_empty = (text == "").to_numpy()
        nan_text = text.str.lower().isin(_NAN_TEXT).to_numpy()
        unique_bad = ~unique_empty & np.isnan(parsed) & ~nan_text
        unique_non_finite = ~unique_empty & (np.isinf(parsed) | nan_text)
        numbers = _take(parsed, codes, np.nan)
        empty = _take(unique_empty, codes, True)
        not_number = _take(unique_bad, codes, False)
        non_finite = _take(unique_non_finite, codes, False)

    finite = ~empty & ~not_number & ~non_finite
    checks = [
        (not_number, "not a number"),
        (non_finite, "not finite (NaN or infinity)"),
    ]
    if column.positive:
        checks.append((finite & (numbers <= 0), "zero or negative, must be above 0"))
    if column.non_negative:
        checks.append((finite & (numbers < 0), "negative, must be 0 or more"))
    if column.kind == "int":
        whole = np.round(numbers) == numbers
        checks.append((finite & ~whole, "not a whole number"))
    return numbers, empty, checks


def _parse_bool(column, raw: pd.Series):
    codes, uniques = _factorize(raw)
    text = _unique_text(uniques).str.lower()
    unique_values = np.full(len(uniques), np.nan, dtype=object)
    unique_values[text.isin(_TRUE).to_numpy()] = True
    unique_values[text.isin(_FALSE).to_numpy()] = False
    unique_empty = (text == "").to_numpy()
    unique_bad = ~unique_empty & pd.isna(unique_values)
    values = pd.array(_take(unique_values, codes, np.nan), dtype="boolean")
    empty = _take(unique_empty, codes, True)
    checks = [(_take(unique_bad, codes, False), "not true or false")]
    return values, empty, checks


def _parse_date(column, raw: pd.Series):
    codes, uniques = _factorize(raw)
    text = _unique_text(uniques)
    day = text.str.extract(_DATE_TEXT, expand=False)
    valid = pd.to_datetime(day, format="%Y-%m-%d", errors="coerce").notna()
    unique_empty = (text == "").to_numpy()
    unique_values = day.where(valid).to_numpy(dtype=object)
    unique_bad = ~unique_empty & ~valid.to_numpy()
    values = _take(unique_values, codes, np.nan)
    checks = [(_take(unique_bad, codes, False), "not a date in YYYY-MM-DD form")]
    return values, _take(unique_empty, codes, True), checks


def normalize_hardware(keys: pd.Series) -> pd.Series:
    """Strip runner suffixes from hardware names: gb200-nv_0 becomes gb200."""
    return keys.str.lower().str.replace(_RUNNER_SUFFIX, "", regex=True)


def _parse_text(column, raw: pd.Series):
    codes, uniques = _factorize(raw)
    text = _unique_text(uniques)
    if column.name in _LOWERCASE:
        text = text.str.lower()
    if column.name == "hw":
        text = normalize_hardware(text)
    if column.name in _TEXT_DEFAULTS:
        text = text.replace("", _TEXT_DEFAULTS[column.name])
    unique_empty = (text == "").to_numpy()
    checks = []
    if column.choices:
        unique_bad = ~unique_empty & ~text.isin(column.choices).to_numpy()
        reason = "not one of " + ", ".join(column.choices)
        checks.append((_take(unique_bad, codes, False), reason))
    unique_values = text.where(~unique_empty).to_numpy(dtype=object)
    missing = _TEXT_DEFAULTS.get(column.name, np.nan)
    values = _take(unique_values, codes, missing)
    return values, _take(unique_empty, codes, missing is np.nan), checks


_PARSERS = {
    "int": _parse_number,
    "float": _parse_number,
    "bool": _parse_bool,
    "date": _parse_date,
    "text": _parse_text,
}


def _empty_column(column, length: int):
    if column.kind in ("int", "float"):
        return np.full(length, np.nan)
    if column.kind == "bool":
        return pd.array([pd.NA] * length, dtype="boolean")
    return np.full(length, np.nan, dtype=object)


def missing_required_columns(columns) -> list[str]:
    """Return the required columns absent from a header.

    Interactivity may be absent when a TPOT column is there to derive it from.
    """
    present = set(columns)
    missing = [name for name in REQUIRED_COLUMNS if name not in present]
    if "median_intvty" in missing and present.intersection(_TPOT_COLUMNS):
        missing.remove("median_intvty")
    return missing


def _derive_interactivity(typed: dict, empty: dict) -> None:
    """Fill a missing interactivity from 1 / median TPOT, else 1 / mean TPOT."""
    for tpot_name in _TPOT_COLUMNS:
        tpot = typed[tpot_name]
        fill = empty["median_intvty"] & np.isfinite(tpot) & (tpot > 0)
        if fill.any():
            intvty = typed["median_intvty"].copy()
            intvty[fill] = 1.0 / tpot[fill]
            typed["median_intvty"] = intvty
            empty["median_intvty"] = empty["median_intvty"] & ~fill


def validate(
    raw: pd.DataFrame, source: str, first_line: int = 2, lines=None
) -> Dataset:
    """Validate a table of raw cells and return the usable rows, typed.

    Cells may be text (from CSV) or JSON values. first_line is the file line of
    the first row, so problems can name it. When lines is given, it numbers
    each row instead, and JSON files pass the item's index in the list.
    """
    if lines is None:
        lines = np.arange(first_line, first_line + len(raw))
    lines = np.asarray(lines, dtype="int64")
    summary = {
        "source": source,
        "rows_read": len(raw),
        "rows_loaded": 0,
        "rows_rejected": len(raw),
        "ignored_columns": sorted(set(raw.columns) - set(COLUMN_NAMES)),
    }

    missing = missing_required_columns(raw.columns)
    if missing:
        problem = problem_frame(
            source,
            [lines[0] - 1 if len(lines) else 1],
            ", ".join(missing),
            [""],
            "required column missing from the header",
            FILE_REJECTED,
        )
        return Dataset(empty_frame(), problem, [summary])

    typed, empty, problems = {}, {}, []
    reject = np.zeros(len(raw), dtype=bool)
    for column in COLUMNS:
        if column.name not in raw.columns:
            typed[column.name] = _empty_column(column, len(raw))
            empty[column.name] = np.ones(len(raw), dtype=bool)
            continue
        cells = raw[column.name]
        values, empty[column.name], checks = _PARSERS[column.kind](column, cells)
        rejects = column.required or column.rejects_row
        action = ROW_REJECTED if rejects else VALUE_BLANKED
        for invalid, reason in checks:
            if not invalid.any():
                continue
            problems.append(
                problem_frame(
                    source,
                    lines[invalid],
                    column.name,
                    _cell_text(cells[invalid]),
                    reason,
                    action,
                )
            )
            if rejects:
                reject |= invalid
            else:
                values = _blank(values, invalid)
        typed[column.name] = values

    _derive_interactivity(typed, empty)
    for name in REQUIRED_COLUMNS:
        missing_value = empty[name] & ~reject
        if missing_value.any():
            reason = "missing required value"
            if name == "median_intvty":
                reason += " (no positive TPOT to derive interactivity from)"
            problems.append(
                problem_frame(
                    source,
                    lines[missing_value],
                    name,
                    [""] * int(missing_value.sum()),
                    reason,
                    ROW_REJECTED,
                )
            )
            reject |= missing_value

    frame = _build_frame(typed, raw.index, source)
    frame["line"] = lines
    if reject.any():
        frame = frame[~reject].reset_index(drop=True)
    dataset = Dataset(frame, _concat_problems(problems), [summary])
    dataset = reject_duplicates(dataset, source)
    summary["rows_loaded"] = len(dataset.frame)
    summary["rows_rejected"] = len(raw) - len(dataset.frame)
    dataset.frame = add_derived_columns(dataset.frame)
    return dataset


def _cell_text(cells: pd.Series) -> np.ndarray:
    return np.array(["" if pd.isna(v) else str(v) for v in cells], dtype=object)


def _blank(values, invalid: np.ndarray):
    if isinstance(values, np.ndarray):
        values = values.copy()
        values[invalid] = np.nan
        return values
    values = values.copy()
    values[invalid] = pd.NA
    return values


def _build_frame(typed: dict, index, source: str) -> pd.DataFrame:
    framework = pd.Series(typed["framework"], dtype=object)
    # "sglang-disagg" names MoRI-SGLang runs that were disaggregated.
    disagg_alias = framework.isin(DISAGG_FRAMEWORKS).to_numpy()
    if disagg_alias.any():
        disagg = typed["disagg"].copy()
        disagg[disagg_alias] = True
        typed["disagg"] = disagg
    typed["framework"] = framework.replace(FRAMEWORK_ALIASES).to_numpy()
    source_column = typed["source"]
    typed["source"] = np.where(pd.isna(source_column), source, source_column)

    columns = {}
    for column in COLUMNS:
        values = typed[column.name]
        if column.kind in _STR:
            values = pd.array(values, dtype="str")
        columns[column.name] = values
    return pd.DataFrame(columns, index=index)


# Rows equal in all of these are the same result read twice. The source label
# is left out, so one result found in two files still counts as a duplicate.
DUPLICATE_COLUMNS = [name for name in COLUMN_NAMES if name != "source"]


def duplicated_rows(frame: pd.DataFrame) -> np.ndarray:
    """Mark rows equal in DUPLICATE_COLUMNS to an earlier row.

    Rows are first compared by a hash of their numbers and flags, and only
    rows whose hash repeats are compared in full, which keeps a million rows
    fast. Hashing text columns would cost more than comparing the candidates.
    """
    hashed = [
        name for name in DUPLICATE_COLUMNS if COLUMNS_BY_NAME[name].kind not in _STR
    ]
    hashes = pd.util.hash_pandas_object(frame[hashed], index=False)
    candidates = hashes.duplicated(keep=False).to_numpy()
    duplicated = np.zeros(len(frame), dtype=bool)
    if candidates.any():
        subset = frame.loc[candidates, DUPLICATE_COLUMNS]
        duplicated[candidates] = subset.duplicated(keep="first").to_numpy()
    return duplicated


def reject_duplicates(dataset: Dataset, source: str) -> Dataset:
    """Reject rows of one file that repeat an earlier row of it."""
    frame = dataset.frame
    duplicated = duplicated_rows(frame)
    if not duplicated.any():
        return dataset
    problem = problem_frame(
        source,
        frame["line"].to_numpy()[duplicated],
        "*",
        [""] * int(duplicated.sum()),
        "duplicate of an earlier row",
        ROW_REJECTED,
    )
    kept = frame[~duplicated].reset_index(drop=True)
    problems = _concat_problems([dataset.problems, problem])
    return Dataset(kept, problems, dataset.sources)


def empty_frame() -> pd.DataFrame:
    """Return a frame with every column of a loaded dataset and no rows."""
    raw = pd.DataFrame({name: pd.Series([], dtype=object) for name in COLUMN_NAMES})
    return validate(raw, "empty").frame


def add_derived_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the GPU count and the parallelism label of each point."""
    # A shallow copy is enough: with copy-on-write, new columns leave the
    # caller's frame unchanged.
    frame = frame.copy(deep=False)
    disagg = frame["disagg"].fillna(False).astype(bool)
    prefill = frame["num_prefill_gpu"]
    decode = frame["num_decode_gpu"]
    frame["total_gpus"] = np.where(disagg, prefill + decode, decode)

    # Label each distinct layout once; a large file repeats few layouts.
    layout = frame[_LAYOUT_COLUMNS].assign(disagg=disagg)
    codes = pd.factorize(pd.util.hash_pandas_object(layout, index=False))[0]
    first = np.unique(codes, return_index=True)[1]
    distinct = layout.iloc[first].reset_index(drop=True)
    labels = _parallelism_labels(distinct, distinct["disagg"]).to_numpy(dtype=object)
    frame["parallelism"] = labels[codes] if len(frame) else labels[:0]
    return frame


_LAYOUT_COLUMNS = [
    f"{pool}_{name}"
    for pool in ("prefill", "decode")
    for name in ("tp", "ep", "dp_attention", "num_workers")
]


def _pool_labels(frame: pd.DataFrame, pool: str) -> pd.Series:
    tp = frame[f"{pool}_tp"]
    ep = frame[f"{pool}_ep"]
    dp_attention = frame[f"{pool}_dp_attention"].fillna(False).astype(bool)
    width = np.fmax(tp, ep)
    label = pd.Series("", index=frame.index, dtype=object)
    has_tp = tp.notna()
    label[has_tp] = "TP" + tp[has_tp].astype("Int64").astype(str)
    has_ep = ep.notna() & (ep > 1) & ~dp_attention
    label[has_ep] = "EP" + ep[has_ep].astype("Int64").astype(str)
    dep = dp_attention & width.notna()
    label[dep] = "DEP" + width[dep].astype("Int64").astype(str)
    workers = frame[f"{pool}_num_workers"]
    counted = workers.notna() & (label != "")
    label[counted] = workers[counted].astype("Int64").astype(str) + "x" + label[counted]
    return label


def _parallelism_labels(frame: pd.DataFrame, disagg: pd.Series) -> pd.Series:
    prefill = _pool_labels(frame, "prefill")
    decode = _pool_labels(frame, "decode")
    both = (prefill != "") & (decode != "")
    joined = prefill.where(~both, prefill + "+" + decode)
    return decode.where(~disagg, joined.where(prefill != "", decode))


def load_dataset(path: Path | str | None = None) -> Dataset:
    """Load the shipped data, or the file or folder at path, and log the result.

    Never raises for bad input: a missing path or an unreadable file gives a
    Dataset with the rows that could be loaded and problems saying why.
    """
    # core.ingest imports this module, so it is imported here, not at the top.
    from core.ingest import load_path

    path = Path(path) if path else SHIPPED_DATA
    try:
        dataset = load_path(path)
    except Exception as error:  # noqa: BLE001 (the server must start regardless)
        logger.exception("loading %s failed", path)
        problem = problem_frame(
            str(path), [0], "*", [""], f"loading failed: {error}", FILE_REJECTED
        )
        dataset = Dataset(empty_frame(), problem, [])
    logger.info(
        "loaded %d rows from %s (%d files), rejected %d rows",
        len(dataset.frame),
        path,
        len(dataset.sources),
        dataset.rejected_rows,
    )
    groups = dataset.problems.groupby(["action", "reason", "column"], sort=True)
    for (action, reason, column), group in groups:
        # A blanked optional value is routine; a lost row or file is not.
        level = logging.INFO if action == "value blanked" else logging.WARNING
        if action == "file rejected":
            level = logging.ERROR
        logger.log(level, "%s: %d x %s in %s", action, len(group), reason, column)
    if dataset.frame.empty:
        logger.error(
            "no benchmark rows could be loaded from %s; the dashboard has "
            "nothing to show and /health returns 503",
            path,
        )
    return dataset


def select_as_of(frame: pd.DataFrame, as_of: str | None) -> pd.DataFrame:
    """Keep the newest result of each benchmark point dated on or before as_of.

    A benchmark point is one configuration (CONFIGURATION_COLUMNS) at one
    concurrency. Rows dated after as_of are dropped. Of the rest, the row with
    the latest date is kept, and on a tie the row read last wins. Rows without
    a date (published values) are always kept. as_of is 'YYYY-MM-DD' or None
    for the latest data.
    """
    if frame.empty:
        return frame
    dates = frame["date"]
    undated = dates.isna().to_numpy()
    if as_of is not None:
        on_or_before = (dates <= as_of).fillna(False).to_numpy(dtype=bool)
    else:
        on_or_before = ~undated
    dated = np.flatnonzero(on_or_before & ~undated)
    if dated.size == 0:
        return frame[undated]

    keys = list(CONFIGURATION_COLUMNS) + ["conc"]
    # NOTE: points are matched by a 64-bit hash of their key. Two of n distinct
    # points share a hash with probability about n**2 / 2**65.
    point = pd.util.hash_pandas_object(frame[keys].iloc[dated], index=False)
    date_codes = dates.iloc[dated].to_numpy(dtype=object).astype("U10")
    order = np.lexsort((dated, date_codes, point.to_numpy()))
    sorted_points = point.to_numpy()[order]
    last_of_point = np.append(sorted_points[1:] != sorted_points[:-1], True)
    keep = np.zeros(len(frame), dtype=bool)
    keep[dated[order[last_of_point]]] = True
    keep |= undated
    return frame[keep]


def summarize(dataset: Dataset, examples: int = 3) -> dict:
    """Describe where the data came from and what was rejected, for display.

    Returns a dict with sources, total_rows and date_range (min, max or None).
    rejected has one entry per reason, with its count and first examples.
    gpus_without_basis lists the GPU keys in the data that some basis in
    core.gpus.BASES has no power or cost figure for.
    """
    frame = dataset.frame
    dates = frame["date"].dropna()
    date_range = (dates.min(), dates.max()) if len(dates) else None

    rejected = []
    problems = dataset.problems
    groups = problems.groupby(["action", "reason"], sort=False) if len(problems) else []
    for (action, reason), group in groups:
        rejected.append(
            {
                "reason": reason,
                "action": action,
                "count": len(group),
                "examples": group.head(examples)[
                    ["source", "line", "column", "value"]
                ].to_dict("records"),
            }
        )

    gpus = sorted(frame["hw"].dropna().unique())
    return {
        "sources": [
            {
                "source": entry["source"],
                "format": entry.get("format", ""),
                "rows_loaded": entry.get("rows_loaded", 0),
                "rows_rejected": entry.get("rows_rejected", 0),
                "ignored_columns": entry.get("ignored_columns", []),
            }
            for entry in dataset.sources
        ],
        "total_rows": len(frame),
        "date_range": date_range,
        "rejected": rejected,
        "gpus_without_basis": [gpu for gpu in gpus if not _has_basis(gpu)],
    }


def _has_basis(gpu: str) -> bool:
    for basis in BASES.values():
        if gpu not in basis.power_kw:
            return False
        if any(gpu not in costs for costs in basis.usd_per_gpu_hour.values()):
            return False
    return True
