"""Tests for reading files and folders in core.ingest, and its command line."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from core.data import SHIPPED_DATA, load_dataset, select_as_of, summarize
from core.ingest import main

DATA = Path(__file__).resolve().parent.parent / "data"
HEADER = "model,isl,osl,hw,precision,conc,tput_per_gpu,median_intvty,image"
GOOD_LINES = [
    "dsr1,1024,1024,gb200,fp4,64,1000,50,img-a",
    "dsr1,1024,1024,gb200,fp4,128,1500,40,img-a",
]


def write_csv(path: Path, *lines: str, encoding: str = "utf-8") -> Path:
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding=encoding)
    return path


def reasons(dataset) -> set[str]:
    return set(dataset.problems["reason"])


def test_csv_extra_columns_are_listed(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text(
        HEADER + ",notes,gpu_temp\n" + GOOD_LINES[0] + ",fine,71\n", encoding="utf-8"
    )
    dataset = load_dataset(path)
    assert len(dataset.frame) == 1
    assert dataset.sources[0]["ignored_columns"] == ["gpu_temp", "notes"]


def test_csv_missing_required_column(tmp_path):
    path = tmp_path / "no_conc.csv"
    path.write_text("model,isl,osl,hw,precision,tput_per_gpu\n", encoding="utf-8")
    dataset = load_dataset(path)
    assert dataset.frame.empty
    assert dataset.problems.loc[0, "action"] == "file rejected"
    assert "conc" in dataset.problems.loc[0, "column"]


def test_csv_bad_rows_keep_good_rows(tmp_path):
    path = write_csv(
        tmp_path / "mixed.csv",
        GOOD_LINES[0],
        "dsr1,1024,1024,gb200,fp4,256,abc,50,img-a",
        "dsr1,1024,1024,gb200,fp4,512,,50,img-a",
        "dsr1,1024,1024,gb200,fp4,1024,-3,50,img-a",
        "dsr1,1024,1024,gb200,fp4,2048,1000,inf,img-a",
        GOOD_LINES[1],
    )
    dataset = load_dataset(path)
    assert list(dataset.frame["conc"]) == [64, 128]
    rejected = dataset.problems.set_index("line")["reason"]
    assert rejected[3] == "not a number"
    assert rejected[4] == "missing required value"
    assert rejected[5] == "zero or negative, must be above 0"
    assert rejected[6] == "not finite (NaN or infinity)"


def test_csv_line_with_extra_fields(tmp_path):
    path = write_csv(
        tmp_path / "ragged.csv",
        GOOD_LINES[0],
        "dsr1,1024,1024,gb200,fp4,99,1000,50,img-a,surplus",
        "dsr1,1024,1024,gb200,fp4,256,abc,50,img-a",
    )
    dataset = load_dataset(path)
    assert list(dataset.frame["conc"]) == [64]
    lines = dict(zip(dataset.problems["line"], dataset.problems["reason"], strict=True))
    assert lines[3].startswith("malformed line")
    assert lines[4] == "not a number"


def test_csv_duplicate_rows(tmp_path):
    path = write_csv(tmp_path / "dup.csv", GOOD_LINES[0], GOOD_LINES[0])
    dataset = load_dataset(path)
    assert len(dataset.frame) == 1
    assert list(dataset.problems["reason"]) == ["duplicate of an earlier row"]


def test_csv_not_utf8_still_loads(tmp_path):
    path = write_csv(
        tmp_path / "latin1.csv",
        "dsr1,1024,1024,gb200,fp4,64,1000,50,café",
        encoding="latin-1",
    )
    dataset = load_dataset(path)
    assert dataset.frame.loc[0, "image"] == "café"
    assert dataset.problems.loc[0, "action"] == "file decoded as Latin-1"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    dataset = load_dataset(path)
    assert dataset.frame.empty
    assert reasons(dataset) == {"file is empty"}


def test_missing_path(tmp_path):
    dataset = load_dataset(tmp_path / "nowhere.csv")
    assert dataset.frame.empty
    assert reasons(dataset) == {"file or folder not found"}


def test_unknown_gpu_loads(tmp_path):
    path = write_csv(tmp_path / "tpu.csv", "dsr1,1024,1024,tpu7x-pod_3,fp4,64,1000,50,")
    dataset = load_dataset(path)
    assert list(dataset.frame["hw"]) == ["tpu7x"]
    assert summarize(dataset)["gpus_without_basis"] == ["tpu7x"]


def test_folder_with_good_and_broken_file(tmp_path):
    write_csv(tmp_path / "good.csv", *GOOD_LINES)
    (tmp_path / "broken.json").write_text('[{"hw": "b200", "conc": 4', encoding="utf-8")
    (tmp_path / "readme.txt").write_text("notes", encoding="utf-8")
    dataset = load_dataset(tmp_path)
    assert len(dataset.frame) == 2
    by_action = dict(
        zip(dataset.problems["action"], dataset.problems["source"], strict=True)
    )
    assert by_action["file rejected"].endswith("broken.json")
    assert by_action["file skipped"].endswith("readme.txt")


def test_folder_duplicates_across_files(tmp_path):
    write_csv(tmp_path / "a.csv", *GOOD_LINES)
    write_csv(tmp_path / "b.csv", GOOD_LINES[1])
    dataset = load_dataset(tmp_path)
    assert len(dataset.frame) == 2
    problem = dataset.problems.iloc[0]
    assert problem["reason"] == "duplicate of a row in an earlier file"
    assert problem["source"].endswith("b.csv")
    assert dataset.sources[1]["rows_loaded"] == 0


def test_empty_folder(tmp_path):
    dataset = load_dataset(tmp_path)
    assert dataset.frame.empty
    assert reasons(dataset) == {"folder holds no .csv or .json files"}


def test_results_json_older_layout():
    dataset = load_dataset(DATA / "results_v1.json")
    frame = dataset.frame
    assert list(frame["hw"]) == ["b200", "h200"]
    assert list(frame["precision"]) == ["fp4", "fp8"]
    assert list(frame["spec_decoding"]) == ["none", "none"]
    assert list(frame["num_decode_gpu"]) == [4, 8]
    assert list(frame["prefill_tp"]) == [4, 8]
    assert frame.loc[0, "image"] == "lmsysorg/sglang:v0.5.6-cu129"
    assert frame.loc[0, "p99.9_ttft"] == 4.2
    assert frame.loc[1, "median_intvty"] == pytest.approx(50.0)
    assert dataset.sources[0]["ignored_columns"] == ["joules_per_total_token"]


def test_results_json_newer_layout():
    dataset = load_dataset(DATA / "results_v2.json")
    frame = dataset.frame
    assert list(frame["hw"]) == ["gb200", "mi355x"]
    assert list(frame["framework"]) == ["dynamo-trt", "mori-sglang"]
    assert frame["disagg"].tolist() == [True, True]
    assert list(frame["total_gpus"]) == [24, 16]
    assert frame.loc[0, "parallelism"] == "2xDEP4+1xDEP16"
    assert frame.loc[1, "spec_decoding"] == "none"
    (problem,) = dataset.problems.itertuples()
    assert (problem.line, problem.column) == (2, "tput_per_gpu")


def test_truncated_json_keeps_complete_items(tmp_path):
    items = json.loads((DATA / "results_v2.json").read_text(encoding="utf-8"))
    text = json.dumps(items[:2])[:-1] + ', {"hw": "b200", "conc'
    path = tmp_path / "cut.json"
    path.write_text(text, encoding="utf-8")
    dataset = load_dataset(path)
    assert len(dataset.frame) == 2
    problem = dataset.problems.iloc[0]
    assert problem["action"] == "rest of file skipped"
    assert problem["line"] == 2
    assert problem["reason"].startswith("invalid JSON")


def test_json_object_instead_of_list(tmp_path):
    path = tmp_path / "object.json"
    item = json.loads((DATA / "results_v2.json").read_text(encoding="utf-8"))[0]
    path.write_text(json.dumps(item), encoding="utf-8")
    dataset = load_dataset(path)
    assert dataset.frame.empty
    assert dataset.problems.loc[0, "action"] == "file rejected"
    assert "expected a list" in dataset.problems.loc[0, "reason"]


def test_json_items_that_are_not_objects(tmp_path):
    item = json.loads((DATA / "results_v2.json").read_text(encoding="utf-8"))[0]
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([item, 42, "text"]), encoding="utf-8")
    dataset = load_dataset(path)
    assert len(dataset.frame) == 1
    assert list(dataset.problems["line"]) == [1, 2]
    assert set(dataset.problems["reason"]) == {"item is not a JSON object"}


def test_json_not_utf8(tmp_path):
    item = json.loads((DATA / "results_v2.json").read_text(encoding="utf-8"))[1]
    item["image"] = "rocm/sglang:café"
    path = tmp_path / "latin1.json"
    path.write_bytes(json.dumps([item], ensure_ascii=False).encode("latin-1"))
    dataset = load_dataset(path)
    assert dataset.frame.loc[0, "image"] == "rocm/sglang:café"
    assert "file decoded as Latin-1" in set(dataset.problems["action"])


def test_empty_json(tmp_path):
    path = tmp_path / "empty.json"
    path.write_text("  \n", encoding="utf-8")
    assert reasons(load_dataset(path)) == {"file is empty"}


def test_database_export_folder():
    dataset = load_dataset(DATA / "export")
    frame = dataset.frame
    assert len(frame) == 3
    assert sorted(frame["hw"]) == ["b300", "gb200", "gb200"]
    failed = dataset.problems[dataset.problems["column"] == "error"]
    assert len(failed) == 2
    assert set(failed["reason"]) == {"benchmark run failed: server failed to start"}
    orphan = dataset.problems[dataset.problems["column"] == "config_id"]
    assert list(orphan["value"]) == ["999"]
    b300 = frame[frame["hw"] == "b300"].iloc[0]
    assert b300["median_intvty"] == pytest.approx(50.0)
    assert b300["image"] == "lmsysorg/sglang:v0.5.12-cu130"


def test_database_export_as_of():
    frame = load_dataset(DATA / "export").frame
    gb200 = frame[frame["hw"] == "gb200"]
    assert list(select_as_of(gb200, None)["tput_per_gpu"]) == [7300.0]
    assert list(select_as_of(gb200, "2026-06-01")["tput_per_gpu"]) == [7100.5]


def test_export_results_file_finds_configs():
    dataset = load_dataset(DATA / "export" / "benchmark_results.json")
    assert len(dataset.frame) == 3


def test_export_results_without_configs(tmp_path):
    shutil.copy(DATA / "export" / "benchmark_results.json", tmp_path)
    dataset = load_dataset(tmp_path / "benchmark_results.json")
    assert dataset.frame.empty
    assert "configs file" in dataset.problems.loc[0, "reason"]


def test_export_in_one_file(tmp_path):
    document = {
        "configs": json.loads((DATA / "export" / "configs.json").read_text()),
        "benchmark_results": json.loads(
            (DATA / "export" / "benchmark_results.json").read_text()
        ),
    }
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert len(load_dataset(path).frame) == 3


def test_mixed_folder(tmp_path):
    shutil.copytree(DATA / "export", tmp_path / "export")
    shutil.copy(DATA / "results_v1.json", tmp_path)
    shutil.copy(SHIPPED_DATA, tmp_path)
    dataset = load_dataset(tmp_path)
    assert len(dataset.frame) == 503 + 2 + 3
    formats = sorted(entry["format"] for entry in dataset.sources)
    assert formats == ["csv", "inferencex-configs", "inferencex-export", "json"]


def test_check_command_reports_reasons(tmp_path, capsys):
    path = write_csv(
        tmp_path / "mixed.csv", GOOD_LINES[0], "dsr1,1024,1024,gb200,fp4,9,abc,50,"
    )
    assert main(["check", str(path)]) == 0
    output = capsys.readouterr().out
    assert "1 rows accepted, 1 rejected" in output
    assert "1 x row rejected: not a number" in output
    assert "line 3, tput_per_gpu: 'abc'" in output


def test_check_command_fails_without_rows(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.csv")]) == 1
    assert "no usable rows" in capsys.readouterr().err


def test_convert_round_trip(tmp_path):
    output = tmp_path / "out.csv"
    assert main(["convert", str(DATA / "export"), "-o", str(output)]) == 0
    converted = load_dataset(output)
    original = load_dataset(DATA / "export")
    assert converted.problems.empty
    columns = ["hw", "framework", "conc", "tput_per_gpu", "disagg", "date"]
    pd.testing.assert_frame_equal(converted.frame[columns], original.frame[columns])


def test_convert_shipped_data_unchanged(tmp_path):
    output = tmp_path / "out.csv"
    assert main(["convert", str(SHIPPED_DATA), "-o", str(output)]) == 0
    converted = load_dataset(output).frame.drop(columns=["source"])
    original = load_dataset().frame.drop(columns=["source"])
    pd.testing.assert_frame_equal(converted, original)


def test_load_dataset_survives_reader_error(monkeypatch, tmp_path):
    def broken_reader(path):
        raise ValueError("reader bug")

    monkeypatch.setattr("core.ingest.load_path", broken_reader)
    dataset = load_dataset(tmp_path)
    assert dataset.frame.empty
    assert dataset.problems.loc[0, "reason"] == "loading failed: reader bug"
