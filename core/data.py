"""Load the benchmark table and validate it row by row.

A bad row is reported with its line, column, value and reason and never stops
the good rows from loading. A bad value in a required column rejects the row;
a bad value in an optional column is blanked and the row kept.
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from core.schema import COLUMNS, COLUMN_NAMES, REQUIRED_COLUMNS

logger = logging.getLogger(__name__)

SHIPPED_DATA = Path(__file__).resolve().parent.parent / "data" / "benchmarks.csv"

PROBLEM_COLUMNS = ["source", "line", "column", "value", "reason", "action"]

_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f"}
_LOWERCASE = {"model", "hw", "framework", "precision", "spec_decoding", "kind"}


@dataclass
class Dataset:
    """Validated benchmark points with a report of what was rejected."""

    frame: pd.DataFrame
    problems: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=PROBLEM_COLUMNS)
    )
    sources: list[dict] = field(default_factory=list)

    @property
    def rejected_rows(self) -> int:
        rejected = self.problems[self.problems["action"] == "row rejected"]
        return rejected[["source", "line"]].drop_duplicates().shape[0]


def _problem_frame(source, lines, column, values, reason, action) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": source,
            "line": np.asarray(lines),
            "column": column,
            "value": np.asarray(values, dtype=object),
            "reason": reason,
            "action": action,
        }
    )


def _parse_column(column, text: pd.Series):
    """Return (parsed values, mask of invalid cells, reason) for one column."""
    if column.kind in ("int", "float"):
        numbers = pd.to_numeric(text, errors="coerce").astype(float)
        empty = text == ""
        finite = np.isfinite(numbers)
        invalid = ~empty & ~finite
        reason = "not a finite number"
        if column.positive:
            invalid |= finite & (numbers <= 0)
            reason = "not a finite number greater than zero"
        if column.kind == "int":
            invalid |= finite & (numbers != np.round(numbers))
            reason += " (whole numbers only)"
        return numbers.where(~invalid & ~empty), invalid, reason

    if column.kind == "bool":
        lowered = text.str.lower()
        values = pd.Series(pd.NA, index=text.index, dtype="boolean")
        values[lowered.isin(_TRUE)] = True
        values[lowered.isin(_FALSE)] = False
        invalid = (text != "") & values.isna()
        return values, invalid, "not true or false"

    if column.kind == "date":
        parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        invalid = (text != "") & parsed.isna()
        values = text.where(~invalid & (text != ""))
        return values, invalid, "not a date in YYYY-MM-DD form"

    values = text.str.lower() if column.name in _LOWERCASE else text
    invalid = pd.Series(False, index=text.index)
    reason = ""
    if column.choices:
        invalid = (values != "") & ~values.isin(column.choices)
        reason = "not one of " + ", ".join(column.choices)
    return values.where((values != "") & ~invalid), invalid, reason


def validate(raw: pd.DataFrame, source: str, first_line: int = 2) -> Dataset:
    """Validate a table of text cells and return the usable rows, typed.

    first_line is the file line of the first row, so problems can name it.
    """
    missing = [name for name in REQUIRED_COLUMNS if name not in raw.columns]
    if missing:
        problem = _problem_frame(
            source,
            [1],
            ", ".join(missing),
            [""],
            "required column missing from the header",
            "file rejected",
        )
        return Dataset(_empty_frame(), problem)

    raw = raw.fillna("").astype(str).apply(lambda values: values.str.strip())
    lines = np.arange(first_line, first_line + len(raw))
    typed = {}
    problems = []
    reject = np.zeros(len(raw), dtype=bool)
    for column in COLUMNS:
        if column.name not in raw.columns:
            typed[column.name] = _parse_column(column, pd.Series("", index=raw.index))[0]
            continue
        text = raw[column.name]
        values, invalid, reason = _parse_column(column, text)
        invalid = np.asarray(invalid, dtype=bool)
        if column.required:
            empty = np.asarray(text == "", dtype=bool)
            if empty.any():
                problems.append(
                    _problem_frame(
                        source,
                        lines[empty],
                        column.name,
                        text[empty],
                        "missing required value",
                        "row rejected",
                    )
                )
            reject |= empty
        if invalid.any():
            action = "row rejected" if column.required else "value blanked"
            problems.append(
                _problem_frame(
                    source, lines[invalid], column.name, text[invalid], reason, action
                )
            )
            if column.required:
                reject |= invalid
        typed[column.name] = values

    frame = pd.DataFrame(typed, index=raw.index)
    frame["spec_decoding"] = frame["spec_decoding"].fillna("none")
    frame["kind"] = frame["kind"].fillna("measured")
    frame["source"] = frame["source"].fillna(source)
    frame["line"] = lines

    duplicated = frame.duplicated(subset=list(COLUMN_NAMES), keep="first") & ~reject
    if duplicated.any():
        problems.append(
            _problem_frame(
                source,
                lines[duplicated.to_numpy()],
                "*",
                [""] * int(duplicated.sum()),
                "duplicate of an earlier row",
                "row rejected",
            )
        )
        reject |= duplicated.to_numpy()

    frame = frame[~reject].reset_index(drop=True)
    report = (
        pd.concat(problems, ignore_index=True)
        if problems
        else pd.DataFrame(columns=PROBLEM_COLUMNS)
    )
    extra = sorted(set(raw.columns) - set(COLUMN_NAMES))
    summary = {
        "source": source,
        "rows_read": len(raw),
        "rows_loaded": len(frame),
        "ignored_columns": extra,
    }
    return Dataset(add_derived_columns(frame), report, [summary])


def _empty_frame() -> pd.DataFrame:
    raw = pd.DataFrame({name: pd.Series([], dtype=str) for name in COLUMN_NAMES})
    return validate(raw, "empty").frame


def add_derived_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the GPU count and the parallelism label of each point."""
    frame = frame.copy()
    disagg = frame["disagg"].fillna(False).astype(bool)
    prefill = frame["num_prefill_gpu"]
    decode = frame["num_decode_gpu"]
    frame["total_gpus"] = np.where(disagg, prefill + decode, decode)
    frame["parallelism"] = _parallelism_labels(frame, disagg)
    return frame


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


def load_csv(path: Path) -> Dataset:
    """Read one CSV file in the schema of data/benchmarks.csv and validate it."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    return validate(raw, str(path))


def load_dataset(path: Path | str | None = None) -> Dataset:
    """Load the shipped data, or the CSV at path, and log what was loaded."""
    path = Path(path) if path else SHIPPED_DATA
    dataset = load_csv(path)
    logger.info(
        "loaded %d rows from %s, rejected %d",
        len(dataset.frame),
        path,
        dataset.rejected_rows,
    )
    for (reason, column), group in dataset.problems.groupby(["reason", "column"]):
        logger.info("%d rows: %s in %s", len(group), reason, column)
    return dataset
