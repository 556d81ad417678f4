"""Columns of the benchmark table, their types and the rules each value obeys.

The names follow InferenceX's result artifacts, so an export maps onto them
one to one. Empty cells mean "not known", never zero.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column of the benchmark table."""

    name: str
    kind: str  # "text", "int", "float", "bool" or "date"
    required: bool = False  # a row without a valid value is rejected
    positive: bool = False  # numbers must be finite and greater than zero
    non_negative: bool = False  # numbers must be finite and zero or more
    # An invalid value rejects the row even though an empty one is allowed.
    rejects_row: bool = False
    choices: tuple[str, ...] = ()
    description: str = ""


def _statistic_columns() -> tuple[Column, ...]:
    """Return the other latency and interactivity statistics of a result.

    InferenceX result files give median, mean, p90, p99, p99.9 and standard
    deviation of TTFT, TPOT, ITL and end-to-end latency (seconds) and of
    interactivity (tok/s/user). The table above lists the ones the page uses.
    """
    listed = {
        "median_intvty",
        "median_tpot",
        "mean_tpot",
        "median_ttft",
        "mean_ttft",
        "median_e2el",
        "mean_e2el",
    }
    columns = []
    for metric in ("ttft", "tpot", "itl", "e2el", "intvty"):
        unit = "tok/s/user" if metric == "intvty" else "seconds"
        for statistic in ("median", "mean", "p90", "p99", "p99.9", "std"):
            name = f"{statistic}_{metric}"
            if name in listed:
                continue
            columns.append(
                Column(
                    name,
                    "float",
                    positive=statistic != "std",
                    non_negative=statistic == "std",
                    description=unit,
                )
            )
    return tuple(columns)


LATENCY_STATISTICS = _statistic_columns()

COLUMNS = (
    Column("model", "text", required=True, description="model key, e.g. dsr1"),
    Column("isl", "int", required=True, positive=True, description="input tokens"),
    Column("osl", "int", required=True, positive=True, description="output tokens"),
    Column("hw", "text", required=True, description="GPU key, e.g. gb200"),
    Column("framework", "text", description="serving engine"),
    Column("precision", "text", required=True, description="fp4, fp8, ..."),
    Column("spec_decoding", "text", description="mtp or none; empty means none"),
    Column("disagg", "bool"),
    Column("is_multinode", "bool"),
    Column("conc", "int", required=True, positive=True, description="concurrency"),
    Column("num_prefill_gpu", "int", positive=True),
    Column("num_decode_gpu", "int", positive=True),
    Column("prefill_tp", "int", positive=True),
    Column("prefill_ep", "int", positive=True),
    Column("prefill_dp_attention", "bool"),
    Column("prefill_num_workers", "int", positive=True),
    Column("decode_tp", "int", positive=True),
    Column("decode_ep", "int", positive=True),
    Column("decode_dp_attention", "bool"),
    Column("decode_num_workers", "int", positive=True),
    Column(
        "tput_per_gpu",
        "float",
        required=True,
        positive=True,
        description="total tok/s divided by all GPUs",
    ),
    Column("output_tput_per_gpu", "float", positive=True),
    Column("input_tput_per_gpu", "float", positive=True),
    Column(
        "median_intvty",
        "float",
        required=True,
        positive=True,
        description="interactivity, tok/s/user",
    ),
    Column(
        "median_tpot",
        "float",
        positive=True,
        rejects_row=True,
        description="seconds; interactivity is 1 / TPOT",
    ),
    Column(
        "mean_tpot",
        "float",
        positive=True,
        rejects_row=True,
        description="seconds; interactivity is 1 / TPOT",
    ),
    Column("median_ttft", "float", positive=True, description="seconds"),
    Column("mean_ttft", "float", positive=True, description="seconds"),
    Column("median_e2el", "float", positive=True, description="seconds"),
    Column("mean_e2el", "float", positive=True, description="seconds"),
    *LATENCY_STATISTICS,
    Column("cost_per_mtok", "float", positive=True, description="published $/M"),
    Column("tok_s_per_mw", "float", positive=True, description="published"),
    Column("image", "text"),
    Column("date", "date", description="YYYY-MM-DD"),
    Column("run_id", "text"),
    Column("kind", "text", choices=("measured", "published")),
    Column("source", "text"),
)

# Columns that identify one serving configuration. With conc they identify one
# benchmark point, so results that share all of them are reruns of one point.
CONFIGURATION_COLUMNS = (
    "model",
    "isl",
    "osl",
    "hw",
    "framework",
    "precision",
    "spec_decoding",
    "disagg",
    "is_multinode",
    "num_prefill_gpu",
    "num_decode_gpu",
    "prefill_tp",
    "prefill_ep",
    "prefill_dp_attention",
    "prefill_num_workers",
    "decode_tp",
    "decode_ep",
    "decode_dp_attention",
    "decode_num_workers",
)

# Framework names in InferenceX artifacts and the keys the page uses for them.
FRAMEWORK_ALIASES = {
    "trtllm": "trt",
    "dynamo-trtllm": "dynamo-trt",
    "sglang-disagg": "mori-sglang",
}
# Aliases that also mean the run was disaggregated.
DISAGG_FRAMEWORKS = frozenset({"sglang-disagg"})

COLUMNS_BY_NAME = {column.name: column for column in COLUMNS}
REQUIRED_COLUMNS = tuple(column.name for column in COLUMNS if column.required)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)

# Sequence keys used in URLs and controls: (input tokens, output tokens).
SEQUENCES = {"1k1k": (1024, 1024), "8k1k": (8192, 1024), "1k8k": (1024, 8192)}
SEQUENCE_LABELS = {"1k1k": "1k / 1k", "8k1k": "8k / 1k", "1k8k": "1k / 8k"}

# Model keys and the names and URL slugs shown for them.
MODEL_NAMES = {"dsr1": "DeepSeek R1 0528"}
MODEL_SLUGS = {"dsr1": "deepseek-r1"}


def model_slug(model: str) -> str:
    """Return the URL slug of a model key."""
    return MODEL_SLUGS.get(model, model)


def model_name(model: str) -> str:
    """Return the display name of a model key."""
    return MODEL_NAMES.get(model, model)
