import numpy as np
import pandas as pd
import pytest

from core.gpus import BASES, resolve_cost_and_power
from core.metrics import (
    CostSettings,
    joules_per_token,
    tokens_per_megawatt,
    usd_per_mtok,
    y_values,
)


def test_cost_formula():
    assert usd_per_mtok(2.21, 11333.0) == pytest.approx(2.21e6 / (3600 * 11333.0))


def test_power_and_energy_formulas():
    assert tokens_per_megawatt(2100.0, 2.1) == pytest.approx(1e6)
    assert joules_per_token(2100.0, 2.1) == pytest.approx(1.0)


def test_published_page_constants():
    basis = BASES["published-page"]
    assert basis.power_kw["gb200"] == 2.10
    assert basis.usd_per_gpu_hour["hyperscaler"]["gb200"] == 2.21
    assert basis.usd_per_gpu_hour["neocloud"]["b300"] == 2.808
    assert basis.usd_per_gpu_hour["rental-3y"]["mi355x"] == 2.10


def test_tco_constants():
    basis = BASES["tco-2026-07"]
    assert basis.power_kw["gb300"] == 2.12
    assert basis.usd_per_gpu_hour["owning"]["h200"] == 1.22
    assert basis.usd_per_gpu_hour["rental-3y"]["b200"] == 3.70


def test_typed_values_override_table():
    assert resolve_cost_and_power("gb200", usd_per_gpu_hour=3.0, power_kw=1.5) == (
        3.0,
        1.5,
    )
    assert resolve_cost_and_power("gb200") == (2.21, 2.10)
    assert resolve_cost_and_power("h999") == (None, None)


def _frame():
    return pd.DataFrame(
        {
            "hw": ["gb200", "b200", "unknown"],
            "tput_per_gpu": [1000.0, 2000.0, 3000.0],
            "output_tput_per_gpu": [500.0, np.nan, 1500.0],
            "input_tput_per_gpu": [np.nan] * 3,
        }
    )


def test_cost_metric_per_gpu():
    costs = y_values(_frame(), "cost", CostSettings())
    assert costs[0] == pytest.approx(2.21e6 / 3600 / 1000)
    assert costs[1] == pytest.approx(1.95e6 / 3600 / 2000)
    assert np.isnan(costs[2])


def test_output_cost_uses_output_throughput():
    costs = y_values(_frame(), "cost_output", CostSettings())
    assert costs[0] == pytest.approx(2.21e6 / 3600 / 500)
    assert np.isnan(costs[1])


def test_custom_values_apply_to_unknown_gpu():
    settings = CostSettings(usd_per_gpu_hour=1.0, power_kw=1.0)
    assert y_values(_frame(), "power", settings)[2] == pytest.approx(3000 * 1000)
    assert y_values(_frame(), "cost", settings)[2] == pytest.approx(1e6 / 3600 / 3000)
