"""Read benchmark results from CSV files, InferenceX JSON and database exports.

Accepted inputs, alone or mixed in a folder:

- CSV in the schema of data/benchmarks.csv; columns outside the schema are
  ignored and listed in the report.
- InferenceX result JSON: a list of flat objects, one per benchmark point, as
  the benchmark runner writes them.
- An InferenceX database export: a configs JSON (one object per serving
  configuration) and a benchmark_results JSON (one object per run, pointing to
  its configuration by config_id, with the numbers in a metrics object).

Every reader returns a Dataset. Unreadable, empty, truncated and malformed
files become problems in it instead of exceptions, so one broken file costs
only its own rows. Run `python -m core.ingest --help` for the
command line, which checks files or converts them to the CSV schema.
"""

import argparse
import json
import logging
import re
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from core.data import (
    FILE_REJECTED,
    ROW_REJECTED,
    Dataset,
    duplicated_rows,
    empty_frame,
    problem_frame,
    summarize,
    validate,
)
from core.schema import COLUMN_NAMES, COLUMNS

logger = logging.getLogger(__name__)

DATA_SUFFIXES = (".csv", ".json")
FILE_SKIPPED = "file skipped"
FILE_DECODED = "file decoded as Latin-1"
ROWS_SKIPPED = "rest of file skipped"
_LATIN_1_NOTE = "file is not UTF-8 text; read as Latin-1, save it as UTF-8"

# Columns read as text from a CSV. Numbers are left to the fast C parser, and
# a column it cannot read as numbers is checked one distinct value at a time.
_TEXT_KINDS = ("text", "bool", "date")
_CSV_TEXT_COLUMNS = {c.name: str for c in COLUMNS if c.kind in _TEXT_KINDS}
_BAD_LINE = re.compile(r"Skipping line (\d+): (.*)")

_MODEL_FIELDS = ("infmax_model_prefix", "model_prefix", "model")
_POOL_FIELDS = ("tp", "ep", "dp_attention")
# Database export field names that differ from the benchmark table's.
_CONFIG_RENAMES = {
    "hardware": "hw",
    "spec_method": "spec_decoding",
    "prefill_dp_attn": "prefill_dp_attention",
    "decode_dp_attn": "decode_dp_attention",
}
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


# Files and folders


def load_path(path: Path) -> Dataset:
    """Load a file or every .csv and .json file under a folder."""
    path = Path(path)
    if not path.exists():
        return _file_problem(path, "file or folder not found", FILE_REJECTED)
    if path.is_dir():
        return load_folder(path)
    if path.suffix.lower() == ".json":
        return _combine([load_json_file(path, _sibling_configs(path))])
    return _combine([load_csv(path)])


def load_folder(folder: Path) -> Dataset:
    """Load every data file under folder, pairing database export files."""
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    data_files = [p for p in files if p.suffix.lower() in DATA_SUFFIXES]
    configs = {}
    documents = {}
    results = []
    for path in data_files:
        if path.suffix.lower() != ".json":
            results.append(load_csv(path))
            continue
        parsed, problem = read_json(path)
        if problem is not None:
            results.append(problem)
        elif parsed.kind == "configs":
            configs.update(_config_table(parsed.document))
            results.append(_config_file_entry(path, parsed.document))
        else:
            documents[path] = parsed
    # Results are parsed after every configs file of the folder is known.
    for path, parsed in documents.items():
        results.append(parse_json(parsed, str(path), configs))

    for path in files:
        if path.suffix.lower() not in DATA_SUFFIXES:
            reason = "not a .csv or .json file"
            results.append(_file_problem(path, reason, FILE_SKIPPED))
    if not data_files:
        reason = "folder holds no .csv or .json files"
        results.append(_file_problem(folder, reason, FILE_REJECTED))
    return _combine(results)


def _file_problem(path: Path, reason: str, action: str) -> Dataset:
    problem = problem_frame(str(path), [0], "*", [""], reason, action)
    return Dataset(empty_frame(), problem, [_entry(str(path), "")])


def _entry(source: str, file_format: str) -> dict:
    """Return the sources record of a file from which no row was read."""
    return {
        "source": source,
        "format": file_format,
        "rows_read": 0,
        "rows_loaded": 0,
        "rows_rejected": 0,
        "ignored_columns": [],
    }


def _no_problems() -> pd.DataFrame:
    return problem_frame("", [], "", [], "", "")


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return _no_problems()
    return pd.concat(frames, ignore_index=True)


def _combine(datasets: list[Dataset]) -> Dataset:
    """Join per-file datasets and reject rows duplicated across files."""
    sources = [entry for dataset in datasets for entry in dataset.sources]
    problems = [dataset.problems for dataset in datasets]
    loaded = [dataset for dataset in datasets if len(dataset.frame)]
    if not loaded:
        frame = empty_frame()
    elif len(loaded) == 1:
        frame = loaded[0].frame
    else:
        frame, duplicates = _drop_duplicates_across(loaded)
        problems.append(duplicates)
    return Dataset(frame, _concat(problems), sources)


def _drop_duplicates_across(datasets: list[Dataset]):
    frames = [dataset.frame for dataset in datasets]
    files = np.concatenate(
        [np.full(len(d.frame), d.sources[0]["source"], dtype=object) for d in datasets]
    )
    frame = pd.concat(frames, ignore_index=True)
    duplicated = duplicated_rows(frame)
    problem = problem_frame(
        files[duplicated],
        frame["line"].to_numpy()[duplicated],
        "*",
        [""] * int(duplicated.sum()),
        "duplicate of a row in an earlier file",
        ROW_REJECTED,
    )
    for dataset in datasets:
        source = dataset.sources[0]
        removed = int(duplicated[files == source["source"]].sum())
        source["rows_loaded"] -= removed
        source["rows_rejected"] += removed
    return frame[~duplicated].reset_index(drop=True), problem


# CSV


def load_csv(path: Path) -> Dataset:
    """Read one CSV file in the schema of data/benchmarks.csv and validate it."""
    source = str(path)
    try:
        raw, bad_lines, encoding_note = _read_csv(path)
    except pd.errors.EmptyDataError:
        return _file_dataset(source, "csv", "file is empty")
    except (OSError, pd.errors.ParserError, UnicodeError) as error:
        logger.warning("cannot read %s: %s", source, error)
        return _file_dataset(source, "csv", f"cannot read the file: {error}")

    # NOTE: line numbers assume one physical line per row, so a blank line or
    # a quoted newline before a row shifts the number reported for it.
    skipped = np.array([line for line, _ in bad_lines], dtype="int64")
    lines = np.arange(2, 2 + len(raw) + len(skipped))
    lines = lines[~np.isin(lines, skipped)][: len(raw)]
    dataset = validate(raw, source, lines=lines)
    extra = [
        problem_frame(source, [line], "*", [""], reason, ROW_REJECTED)
        for line, reason in bad_lines
    ]
    if encoding_note:
        extra.append(problem_frame(source, [0], "*", [""], encoding_note, FILE_DECODED))
    if extra:
        dataset.problems = _concat([dataset.problems, *extra])
        dataset.sources[0]["rows_read"] += len(bad_lines)
        dataset.sources[0]["rows_rejected"] += len(bad_lines)
    dataset.sources[0]["format"] = "csv"
    return dataset


def _read_csv(path: Path):
    """Read a CSV, keeping good rows when some lines have too many fields.

    Returns the raw frame, the (line, reason) of each skipped line, and a note
    when the file was not UTF-8.
    """
    with open(path, "rb") as handle:
        start = handle.read(4)
    encodings = ["utf-8-sig"]
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    encodings.append("latin-1")

    for encoding in encodings:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", pd.errors.ParserWarning)
                raw = pd.read_csv(
                    path,
                    dtype=_CSV_TEXT_COLUMNS,
                    keep_default_na=False,
                    na_values=[""],
                    on_bad_lines="warn",
                    encoding=encoding,
                )
            break
        except UnicodeDecodeError:
            continue
    note = _LATIN_1_NOTE if encoding == "latin-1" else ""
    bad_lines = []
    for warning in caught:
        for message in str(warning.message).splitlines():
            match = _BAD_LINE.match(message.strip())
            if match:
                reason = f"malformed line: {match.group(2)}"
                bad_lines.append((int(match.group(1)), reason))
    raw.columns = [str(name).strip() for name in raw.columns]
    return raw, bad_lines, note


def _file_dataset(source: str, file_format: str, reason: str) -> Dataset:
    problem = problem_frame(source, [0], "*", [""], reason, FILE_REJECTED)
    return Dataset(empty_frame(), problem, [_entry(source, file_format)])


# JSON


class JsonFile:
    """A parsed JSON document with notes on how it was read.

    notes are (line, reason, action) records: a non-UTF-8 file read as Latin-1,
    or a truncated list of which only the first items could be read.
    """

    def __init__(self, document, notes: list[tuple[int, str, str]]):
        self.document = document
        self.notes = notes
        self.kind = _json_kind(document)


def read_json(path: Path) -> tuple[JsonFile | None, Dataset | None]:
    """Return (JsonFile, None), or (None, Dataset) saying why reading failed.

    A truncated list keeps the items before the point where parsing failed.
    """
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        logger.warning("cannot read %s: %s", source, error)
        return None, _file_dataset(source, "json", f"cannot read the file: {error}")
    if not data.strip():
        return None, _file_dataset(source, "json", "file is empty")

    notes = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            notes.append((0, _LATIN_1_NOTE, FILE_DECODED))

    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        reason = f"invalid JSON at line {error.lineno} column {error.colno}: "
        reason += error.msg
        document = _salvage_list(text)
        if not document:
            return None, _file_dataset(source, "json", reason)
        notes.append((len(document), reason, ROWS_SKIPPED))
    return JsonFile(document, notes), None


def _salvage_list(text: str) -> list:
    """Decode the complete items at the start of a broken top-level JSON list."""
    stripped = text.lstrip()
    if not stripped.startswith("["):
        return []
    decoder = json.JSONDecoder()
    position = len(text) - len(stripped) + 1
    items = []
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        try:
            item, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError:
            return items
        items.append(item)


def _json_kind(document) -> str:
    if isinstance(document, dict):
        if "configs" in document and "benchmark_results" in document:
            return "export"
        return "object"
    if not isinstance(document, list):
        return "scalar"
    first = next((item for item in document if isinstance(item, dict)), {})
    if "config_id" in first or "metrics" in first:
        return "benchmark_results"
    if "id" in first and "hw" not in first and "hw" in _snake_keys(first):
        return "configs"
    return "results"


def load_json_file(path: Path, configs: dict | None = None) -> Dataset:
    """Read one JSON file of any accepted kind and validate its rows."""
    parsed, problem = read_json(path)
    if problem is not None:
        return problem
    if parsed.kind == "configs":
        return _config_file_entry(path, parsed.document)
    return parse_json(parsed, str(path), configs or {})


def parse_json(parsed: JsonFile, source: str, configs: dict) -> Dataset:
    """Validate a parsed JSON file; configs maps a config id to its fields."""
    document, kind = parsed.document, parsed.kind
    if kind == "export":
        configs = {**configs, **_config_table(document["configs"])}
        document, kind = document["benchmark_results"], "benchmark_results"
        if not isinstance(document, list):
            return _file_dataset(source, "json", "benchmark_results is not a list")
    if kind == "object":
        reason = "top level is an object; expected a list with one object per result"
        return _file_dataset(source, "json", reason)
    if kind == "scalar":
        reason = "top level is not a list; expected one object per result"
        return _file_dataset(source, "json", reason)
    if kind == "benchmark_results" and not configs:
        reason = (
            "benchmark_results need the configs file of the same database export;"
            " put both files in one folder"
        )
        return _file_dataset(source, "json", reason)

    indices = np.arange(len(document))
    is_object = np.array([isinstance(item, dict) for item in document], dtype=bool)
    records = [item for item in document if isinstance(item, dict)]
    problems = [_non_objects(document, is_object, source)]
    indices = indices[is_object]
    if kind == "benchmark_results":
        raw, indices, failed = _results_from_export(records, indices, configs, source)
        problems.append(failed)
    else:
        raw = result_frame(records)

    if len(raw.columns):
        dataset = validate(raw, source, lines=indices)
    else:
        dataset = Dataset(empty_frame(), _no_problems(), [_entry(source, "json")])
    for line, reason, action in parsed.notes:
        problems.append(problem_frame(source, [line], "*", [""], reason, action))

    rejected_early = sum(int((p["action"] == ROW_REJECTED).sum()) for p in problems)
    dataset.problems = _concat([dataset.problems, *problems])
    entry = dataset.sources[0]
    entry["format"] = "inferencex-export" if kind == "benchmark_results" else "json"
    entry["rows_read"] = len(document)
    entry["rows_rejected"] = entry.get("rows_rejected", 0) + rejected_early
    if not len(dataset.frame) and not len(dataset.problems):
        dataset.problems = problem_frame(
            source, [0], "*", [""], "file holds no results", FILE_REJECTED
        )
    return dataset


def _non_objects(document: list, is_object: np.ndarray, source: str):
    positions = np.flatnonzero(~is_object)
    return problem_frame(
        source,
        positions,
        "*",
        [str(document[i])[:60] for i in positions],
        "item is not a JSON object",
        ROW_REJECTED,
    )


# InferenceX result rows


def result_frame(records: list[dict]) -> pd.DataFrame:
    """Map InferenceX result objects onto the columns of the benchmark table.

    Older files give one tp, ep and dp_attention for both pools; newer ones
    give prefill_ and decode_ fields.
    """
    raw = pd.DataFrame.from_records(records)
    if raw.empty:
        return raw

    model = pd.Series(np.nan, index=raw.index, dtype=object)
    for name in reversed(_MODEL_FIELDS):
        if name in raw:
            given = raw[name].where(raw[name].astype(str).str.strip() != "")
            model = given.where(given.notna(), model)
    raw = raw.drop(columns=[n for n in _MODEL_FIELDS if n in raw])
    raw["model"] = model

    if "image" in raw:
        # Artifact names encode "/" in image names as "#".
        image = raw["image"]
        is_text = image.map(lambda value: isinstance(value, str)).astype(bool)
        raw["image"] = image.where(~is_text, image.astype(str).str.replace("#", "/"))
    # InferenceX writes 0 workers for a pool that is not disaggregated.
    for name in ("prefill_num_workers", "decode_num_workers"):
        if name in raw:
            raw[name] = raw[name].mask(raw[name].isin([0, "0"]))
    if "tp" in raw:
        raw = _expand_single_pool(raw)
    if "github_run_id" in raw and "run_id" not in raw:
        raw = raw.rename(columns={"github_run_id": "run_id"})
    return raw


def _expand_single_pool(raw: pd.DataFrame) -> pd.DataFrame:
    """Copy older rows' single tp/ep/dp_attention into both pools.

    Their GPU count is tp x ep in each pool, as InferenceX's own importer
    counts it.
    """
    # NOTE: for a single-node run with expert parallelism inside the tensor
    # parallel group (TP4 with EP4 on 4 GPUs) tp x ep overcounts the GPUs.
    raw = raw.copy()
    older = raw["tp"].notna()
    for name in ("prefill_tp", "decode_tp"):
        if name in raw:
            older &= raw[name].isna()
    tp = pd.to_numeric(raw["tp"], errors="coerce")
    ep = pd.to_numeric(raw.get("ep", pd.Series(1, index=raw.index)), errors="coerce")
    gpus = tp * ep.fillna(1)
    for pool in ("prefill", "decode"):
        for name in _POOL_FIELDS:
            if name not in raw:
                continue
            target = f"{pool}_{name}"
            current = (
                raw[target] if target in raw else pd.Series(np.nan, index=raw.index)
            )
            raw[target] = current.astype(object).where(~older, raw[name])
        target = f"num_{pool}_gpu"
        current = raw[target] if target in raw else pd.Series(np.nan, index=raw.index)
        missing = older & current.isna()
        raw[target] = current.astype(object).where(~missing, gpus)
    return raw.drop(columns=[n for n in _POOL_FIELDS if n in raw])


# Database export


def _snake_keys(record: dict) -> dict:
    renamed = {}
    for key, value in record.items():
        snake = _CAMEL_BOUNDARY.sub("_", str(key)).lower()
        renamed[_CONFIG_RENAMES.get(snake, snake)] = value
    return renamed


def _config_table(configs) -> dict:
    """Index configuration objects by id, with benchmark table field names."""
    table = {}
    if not isinstance(configs, list):
        return table
    for config in configs:
        if isinstance(config, dict) and "id" in config:
            fields = _snake_keys(config)
            table[str(fields.pop("id"))] = fields
    return table


def _config_file_entry(path: Path, configs: list) -> Dataset:
    entry = _entry(str(path), "inferencex-configs")
    entry["rows_read"] = len(configs)
    entry["configs"] = len(_config_table(configs))
    return Dataset(empty_frame(), _no_problems(), [entry])


def _results_from_export(records, indices, configs: dict, source: str):
    """Join benchmark_results to their configs; drop failed runs and orphans.

    Returns the raw rows, the list index of each row and the problems found.
    """
    results = pd.DataFrame.from_records(records)
    problems = []
    if "error" in results:
        error = results["error"]
        failed = (error.notna() & (error.astype(str).str.strip() != "")).to_numpy()
        messages = error[failed].astype(str)
        for message, group in results[failed].groupby(messages):
            problems.append(
                problem_frame(
                    source,
                    indices[group.index.to_numpy()],
                    "error",
                    group["error"].astype(str),
                    "benchmark run failed: " + message[:80],
                    ROW_REJECTED,
                )
            )
        results = results[~failed]

    config_key = results.get("config_id", pd.Series(np.nan, index=results.index))
    config_key = config_key.astype(str)
    known = config_key.isin(configs.keys()).to_numpy()
    if (~known).any():
        problems.append(
            problem_frame(
                source,
                indices[results.index.to_numpy()[~known]],
                "config_id",
                config_key[~known],
                "config_id not found in the configs file",
                ROW_REJECTED,
            )
        )
    results = results[known]

    config_fields = pd.DataFrame.from_records(
        [configs[key] for key in config_key[known]], index=results.index
    )
    metrics = pd.DataFrame.from_records(
        [m if isinstance(m, dict) else {} for m in results.get("metrics", [])],
        index=results.index,
    )
    own = results.drop(
        columns=["metrics", "error", "config_id", "run_url"], errors="ignore"
    )
    # A field set on the result wins over its config's; a metric fills the rest.
    merged = own.combine_first(config_fields).combine_first(metrics)
    raw = result_frame(merged.to_dict("records"))
    lines = indices[results.index.to_numpy()]
    return raw, lines, _concat(problems)


def _sibling_configs(path: Path) -> dict:
    """Find the configs of a database export next to its benchmark_results."""
    configs = {}
    for candidate in sorted(path.parent.glob("*.json")):
        if candidate == path or "config" not in candidate.name.lower():
            continue
        parsed, problem = read_json(candidate)
        if problem is None and parsed.kind == "configs":
            configs.update(_config_table(parsed.document))
    return configs


# Command line


def format_report(dataset: Dataset, examples: int = 3) -> str:
    """Describe, per file, the rows accepted and rejected with examples."""
    out = []
    problems = dataset.problems
    for entry in dataset.sources:
        source = entry["source"]
        out.append(
            f"{source} ({entry.get('format') or 'unknown format'}): "
            f"{entry['rows_loaded']} rows accepted, "
            f"{entry['rows_rejected']} rejected"
        )
        if entry["ignored_columns"]:
            out.append("  ignored columns: " + ", ".join(entry["ignored_columns"]))
        own = problems[problems["source"] == source]
        for (action, reason), group in own.groupby(["action", "reason"], sort=False):
            out.append(f"  {len(group)} x {action}: {reason}")
            for row in group.head(examples).itertuples(index=False):
                position = position_text(entry.get("format", ""), row.line, action)
                out.append(f"    {position}, {row.column}: {row.value!r}")

    summary = summarize(dataset)
    out.append(f"total: {summary['total_rows']} rows loaded")
    if summary["date_range"]:
        out.append("dates: {} to {}".format(*summary["date_range"]))
    if summary["gpus_without_basis"]:
        gpus = ", ".join(summary["gpus_without_basis"])
        out.append(f"GPUs without a cost or power basis: {gpus}")
    return "\n".join(out) + "\n"


def position_text(file_format: str, line: int, action: str) -> str:
    if line == 0 and action != ROW_REJECTED:
        return "file"
    if file_format == "csv":
        return f"line {line}"
    return f"item {line}"


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write loaded rows in the schema of data/benchmarks.csv."""
    table = frame[list(COLUMN_NAMES)].copy()
    for column in COLUMNS:
        values = table[column.name]
        if column.kind == "int":
            table[column.name] = values.round().astype("Int64")
        elif column.kind == "bool":
            text = values.map({True: "true", False: "false"})
            table[column.name] = text.astype(object)
    table.to_csv(path, index=False)


def main(argv: list[str] | None = None) -> int:
    """Run the check or convert command; return the process exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m core.ingest",
        description="Check or convert benchmark result files for the dashboard.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check", help="report the rows accepted and rejected in a file or folder"
    )
    check.add_argument("path", type=Path, help="CSV or JSON file, or a folder")
    check.add_argument(
        "--examples", type=int, default=3, help="examples shown per reason"
    )
    convert = commands.add_parser(
        "convert", help="write the accepted rows as a CSV in the dashboard schema"
    )
    convert.add_argument("path", type=Path, help="CSV or JSON file, or a folder")
    convert.add_argument(
        "-o", "--output", type=Path, required=True, help="CSV file to write"
    )
    args = parser.parse_args(argv)

    dataset = load_path(args.path)
    if args.command == "check":
        sys.stdout.write(format_report(dataset, args.examples))
    else:
        sys.stderr.write(format_report(dataset))
        if len(dataset.frame):
            write_csv(dataset.frame, args.output)
            sys.stdout.write(f"wrote {len(dataset.frame)} rows to {args.output}\n")
    if dataset.frame.empty:
        sys.stderr.write(f"error: no usable rows found in {args.path}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
