"""Tests for validation, select_as_of and summarize in core.data."""

import numpy as np
import pandas as pd
import pytest

from core.data import (
    ROW_REJECTED,
    VALUE_BLANKED,
    load_dataset,
    select_as_of,
    summarize,
    validate,
)
from core.schema import COLUMN_NAMES

GOOD_ROW = {
    "model": "dsr1",
    "isl": "1024",
    "osl": "1024",
    "hw": "gb200",
    "framework": "dynamo-trt",
    "precision": "fp4",
    "spec_decoding": "mtp",
    "disagg": "true",
    "is_multinode": "true",
    "conc": "64",
    "num_prefill_gpu": "4",
    "num_decode_gpu": "8",
    "tput_per_gpu": "1000.5",
    "median_intvty": "50",
    "date": "2026-05-22",
}


def table(*changes: dict) -> pd.DataFrame:
    """Return raw text rows: one good row per change, with the change applied."""
    rows = [{**GOOD_ROW, **change} for change in changes]
    return pd.DataFrame(rows, dtype=object)


def test_shipped_data_loads_cleanly():
    dataset = load_dataset()
    assert len(dataset.frame) == 503
    assert dataset.problems.empty
    assert dataset.rejected_rows == 0


def test_shipped_frame_columns_and_types(shipped):
    frame = shipped.frame
    expected = [*COLUMN_NAMES, "line", "total_gpus", "parallelism"]
    assert list(frame.columns) == expected
    assert frame["tput_per_gpu"].dtype == np.float64
    assert frame["conc"].dtype == np.float64
    assert frame["disagg"].dtype == "boolean"
    assert frame["hw"].dtype == "str"
    assert set(frame["spec_decoding"]) == {"mtp", "none"}
    assert set(frame["kind"]) == {"measured", "published"}


def test_validate_keeps_good_rows():
    dataset = validate(table({}, {"conc": "128"}), "t.csv")
    assert len(dataset.frame) == 2
    assert dataset.problems.empty


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("abc", "not a number"),
        ("", "missing required value"),
        ("-5", "zero or negative, must be above 0"),
        ("0", "zero or negative, must be above 0"),
        ("NaN", "not finite (NaN or infinity)"),
        ("inf", "not finite (NaN or infinity)"),
        ("-Infinity", "not finite (NaN or infinity)"),
    ],
)
@pytest.mark.parametrize("column", ["tput_per_gpu", "median_intvty"])
def test_validate_rejects_bad_metric(column, value, reason):
    dataset = validate(table({}, {column: value}), "t.csv")
    assert len(dataset.frame) == 1
    problems = dataset.problems
    assert len(problems) == 1
    assert problems.loc[0, "reason"].startswith(reason)
    assert problems.loc[0, "line"] == 3
    assert problems.loc[0, "column"] == column
    assert problems.loc[0, "action"] == ROW_REJECTED


def test_missing_interactivity_derived_from_tpot():
    raw = table({"median_intvty": "", "median_tpot": "0.02"})
    frame = validate(raw, "t.csv").frame
    assert frame.loc[0, "median_intvty"] == pytest.approx(50.0)


def test_interactivity_falls_back_to_mean_tpot():
    raw = table({"median_intvty": "", "mean_tpot": "0.025"})
    frame = validate(raw, "t.csv").frame
    assert frame.loc[0, "median_intvty"] == pytest.approx(40.0)


def test_zero_tpot_rejects_row():
    dataset = validate(table({}, {"median_intvty": "", "median_tpot": "0"}), "t.csv")
    assert len(dataset.frame) == 1
    reasons = set(dataset.problems["reason"])
    assert "zero or negative, must be above 0" in reasons
    assert set(dataset.problems["action"]) == {ROW_REJECTED}


def test_bad_optional_value_is_blanked():
    dataset = validate(table({"input_tput_per_gpu": "n/a"}), "t.csv")
    assert len(dataset.frame) == 1
    assert np.isnan(dataset.frame.loc[0, "input_tput_per_gpu"])
    assert dataset.problems.loc[0, "action"] == VALUE_BLANKED


def test_hardware_and_framework_normalised():
    raw = table(
        {"hw": "GB200-NV_0", "framework": "dynamo-trtllm"},
        {"hw": "mi355x-amds_2", "framework": "sglang-disagg", "disagg": "false"},
        {"hw": "b200-multinode-slurm", "framework": "trtllm"},
        {"hw": "h200-nb_1", "precision": "FP8", "spec_decoding": ""},
    )
    frame = validate(raw, "t.csv").frame
    assert list(frame["hw"]) == ["gb200", "mi355x", "b200", "h200"]
    assert list(frame["framework"][:3]) == ["dynamo-trt", "mori-sglang", "trt"]
    assert bool(frame.loc[1, "disagg"]) is True
    assert frame.loc[3, "precision"] == "fp8"
    assert frame.loc[3, "spec_decoding"] == "none"


def test_unknown_gpu_loads_and_is_listed():
    dataset = validate(table({}, {"hw": "tpu7x"}), "t.csv")
    assert len(dataset.frame) == 2
    assert summarize(dataset)["gpus_without_basis"] == ["tpu7x"]


def test_duplicate_rows_rejected():
    dataset = validate(table({}, {}, {"conc": "32"}), "t.csv")
    assert len(dataset.frame) == 2
    assert list(dataset.problems["line"]) == [3]
    assert dataset.problems.loc[0, "reason"] == "duplicate of an earlier row"


def test_missing_required_column_rejects_file():
    dataset = validate(table({}).drop(columns=["tput_per_gpu"]), "t.csv")
    assert dataset.frame.empty
    assert dataset.problems.loc[0, "action"] == "file rejected"
    assert dataset.problems.loc[0, "column"] == "tput_per_gpu"


def test_invalid_date_is_blanked():
    dataset = validate(table({"date": "22/05/2026"}), "t.csv")
    assert len(dataset.frame) == 1
    assert pd.isna(dataset.frame.loc[0, "date"])
    assert dataset.problems.loc[0, "reason"] == "not a date in YYYY-MM-DD form"


def reruns() -> pd.DataFrame:
    raw = table(
        {"date": "2026-01-10", "tput_per_gpu": "100"},
        {"date": "2026-03-01", "tput_per_gpu": "200"},
        {"date": "2026-05-01", "tput_per_gpu": "300"},
        {"date": "2026-03-01", "tput_per_gpu": "400", "conc": "128"},
        {"date": "", "tput_per_gpu": "500", "kind": "published"},
    )
    return validate(raw, "t.csv").frame


def test_select_as_of_latest_keeps_newest():
    selected = select_as_of(reruns(), None)
    assert sorted(selected["tput_per_gpu"]) == [300, 400, 500]


def test_select_as_of_date_keeps_newest_before():
    selected = select_as_of(reruns(), "2026-04-01")
    assert sorted(selected["tput_per_gpu"]) == [200, 400, 500]


def test_select_as_of_before_all_keeps_undated():
    selected = select_as_of(reruns(), "2025-01-01")
    assert list(selected["tput_per_gpu"]) == [500]


def test_select_as_of_separates_configurations():
    frame = validate(
        table(
            {"date": "2026-01-01"},
            {"date": "2026-02-01", "decode_tp": "8"},
        ),
        "t.csv",
    ).frame
    assert len(select_as_of(frame, None)) == 2


def test_select_as_of_same_date_keeps_one():
    frame = validate(table({}, {"tput_per_gpu": "900"}), "t.csv").frame
    selected = select_as_of(frame, None)
    assert list(selected["tput_per_gpu"]) == [900]


def test_select_as_of_empty_frame():
    frame = validate(table({}), "t.csv").frame.iloc[0:0]
    assert select_as_of(frame, "2026-01-01").empty


def test_summarize_reports_sources_and_reasons():
    raw = table({}, {"tput_per_gpu": "x"}, {"tput_per_gpu": "y"}, {"date": ""})
    summary = summarize(validate(raw, "t.csv"))
    assert summary["total_rows"] == 2
    assert summary["date_range"] == ("2026-05-22", "2026-05-22")
    assert summary["sources"][0]["rows_loaded"] == 2
    assert summary["sources"][0]["rows_rejected"] == 2
    (group,) = summary["rejected"]
    assert group["reason"] == "not a number"
    assert group["count"] == 2
    assert group["examples"][0] == {
        "source": "t.csv",
        "line": 3,
        "column": "tput_per_gpu",
        "value": "x",
    }


def test_summarize_shipped_data(shipped):
    summary = summarize(shipped)
    assert summary["total_rows"] == 503
    assert summary["date_range"] == ("2025-12-15", "2026-07-20")
    assert summary["rejected"] == []
    assert summary["gpus_without_basis"] == []
