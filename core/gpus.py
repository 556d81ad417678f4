"""GPU cost and power constants, and the GPU names shown to users.

Each basis gives, per GPU, the all-in power in kW per GPU and the cost in US
dollars per GPU-hour for each pricing tier.
"""

from dataclasses import dataclass

GPU_NAMES = {
    "h100": "H100",
    "h200": "H200",
    "b200": "B200",
    "b300": "B300",
    "gb200": "GB200 NVL72",
    "gb300": "GB300 NVL72",
    "mi300x": "MI300X",
    "mi325x": "MI325X",
    "mi355x": "MI355X",
}

GPU_VENDORS = {
    "h100": "nvidia",
    "h200": "nvidia",
    "b200": "nvidia",
    "b300": "nvidia",
    "gb200": "nvidia",
    "gb300": "nvidia",
    "mi300x": "amd",
    "mi325x": "amd",
    "mi355x": "amd",
}

VENDOR_NAMES = {"nvidia": "NVIDIA", "amd": "AMD"}


@dataclass(frozen=True)
class CostBasis:
    """A published set of GPU power and cost figures."""

    key: str
    label: str
    source: str
    tiers: dict[str, str]
    power_kw: dict[str, float]
    usd_per_gpu_hour: dict[str, dict[str, float]]


def _tiered(rows, tier_keys):
    power = {gpu: row[0] for gpu, row in rows.items()}
    costs = {
        tier: {gpu: row[1 + i] for gpu, row in rows.items()}
        for i, tier in enumerate(tier_keys)
    }
    return power, costs


# SemiAnalysis' basis behind the GB200 NVL72 FP4 speculative-decoding page
# (InferenceX, 2026): kW per GPU, then $/GPU-hour for hyperscaler owning,
# neocloud owning and 3-year rental.
_PUBLISHED_PAGE = {
    "h100": (1.73, 1.30, 1.69, 1.30),
    "h200": (1.73, 1.41, 1.74, 1.60),
    "b200": (2.17, 1.95, 2.34, 2.90),
    "b300": (2.17, 2.34, 2.808, 3.48),
    "gb200": (2.10, 2.21, 2.75, 3.30),
    "gb300": (2.10, 2.652, 3.30, 3.96),
    "mi300x": (1.79, 1.12, 1.40, 1.55),
    "mi325x": (2.18, 1.28, 1.59, 1.80),
    "mi355x": (2.65, 1.48, 1.90, 2.10),
}

# SemiAnalysis' public TCO figures of July 2026: kW per GPU, then $/GPU-hour
# for owning and 3-year rental.
_TCO_2026_07 = {
    "h100": (1.37, 1.17, 2.00),
    "h200": (1.37, 1.22, 2.90),
    "b200": (1.71, 1.73, 3.70),
    "b300": (1.90, 2.26, 4.25),
    "gb200": (1.87, 1.86, 4.00),
    "gb300": (2.12, 2.31, 5.00),
    "mi300x": (1.39, 0.95, 1.30),
    "mi325x": (1.69, 1.10, 1.60),
    "mi355x": (2.09, 1.50, 2.90),
}


def _basis(key, label, source, tiers, rows):
    power, costs = _tiered(rows, list(tiers))
    return CostBasis(key, label, source, tiers, power, costs)


BASES = {
    basis.key: basis
    for basis in (
        _basis(
            "published-page",
            "InferenceX GB200 page (2026)",
            "SemiAnalysis InferenceX, GB200 NVL72 FP4 MTP vs Off page, 2026",
            {
                "hyperscaler": "Owning, hyperscaler",
                "neocloud": "Owning, neocloud",
                "rental-3y": "3-year rental",
            },
            _PUBLISHED_PAGE,
        ),
        _basis(
            "tco-2026-07",
            "TCO, July 2026",
            "SemiAnalysis public TCO figures, July 2026",
            {"owning": "Owning", "rental-3y": "3-year rental"},
            _TCO_2026_07,
        ),
    )
}

DEFAULT_BASIS = "published-page"
DEFAULT_TIER = "hyperscaler"


def gpu_name(gpu: str) -> str:
    """Return the display name of a GPU key, or the key itself if unknown."""
    return GPU_NAMES.get(gpu, gpu.upper())


def resolve_cost_and_power(
    gpu: str,
    basis: str = DEFAULT_BASIS,
    tier: str = DEFAULT_TIER,
    usd_per_gpu_hour: float | None = None,
    power_kw: float | None = None,
) -> tuple[float | None, float | None]:
    """Return ($/GPU-hour, kW per GPU) for a GPU; typed values win over the table.

    Either value is None when neither the table nor the user gives it.
    """
    table = BASES[basis]
    cost = usd_per_gpu_hour
    if cost is None:
        cost = table.usd_per_gpu_hour.get(tier, {}).get(gpu)
    power = power_kw if power_kw is not None else table.power_kw.get(gpu)
    return cost, power
