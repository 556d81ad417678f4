"""The loaded benchmarks, split by workload, with cached comparison sides.

The frame is split once by (model, input length, output length), so a request
touches only the rows of its workload, however large the file is. Sides and
their splines are cached per process; they depend only on the immutable data
and the request's workload, never on a user.
"""

import os
from functools import lru_cache

import pandas as pd

from core.compare import Side, build_side, spec_decode_specs
from core.data import Dataset, select_as_of
from core.schema import SEQUENCES

CACHE_SIZE = 0 if os.environ.get("DASHBOARD_CACHE", "on").lower() == "off" else 256


class DataIndex:
    """Read-only access to the benchmarks, by workload."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        frame = dataset.frame
        self.partitions = {
            (str(model), int(isl), int(osl)): group
            for (model, isl, osl), group in frame.groupby(
                ["model", "isl", "osl"], sort=True
            )
        }
        self.models = sorted({key[0] for key in self.partitions})
        self.precisions = sorted(frame["precision"].dropna().unique().tolist())
        self.gpus = sorted(frame["hw"].dropna().unique().tolist())
        self.workload = lru_cache(maxsize=CACHE_SIZE)(self._workload)
        self.sides = lru_cache(maxsize=CACHE_SIZE)(self._sides)

    def _workload(self, model: str, seq: str, as_of: str | None) -> pd.DataFrame:
        isl, osl = SEQUENCES[seq]
        frame = self.partitions.get((model, isl, osl))
        if frame is None:
            return self.dataset.frame.iloc[0:0]
        return select_as_of(frame, as_of)

    def _sides(
        self, model: str, seq: str, hw: str, precision: str, as_of: str | None
    ) -> tuple[Side, Side]:
        frame = self.workload(model, seq, as_of)
        first, second = spec_decode_specs(hw, precision)
        return build_side(frame, first), build_side(frame, second)

    def sequences(self, model: str) -> list[str]:
        """Return the sequence keys that have rows for a model."""
        return [
            seq
            for seq, (isl, osl) in SEQUENCES.items()
            if (model, isl, osl) in self.partitions
        ]

    def pages(self) -> list[tuple[str, str, str]]:
        """Return every (model, GPU, precision) that has points."""
        triples = self.dataset.frame[["model", "hw", "precision"]].drop_duplicates()
        return sorted(triples.itertuples(index=False, name=None))

    def spec_decode_pages(self) -> list[tuple[str, str, str]]:
        """Return (model, GPU, precision) triples with MTP and Off points."""
        frame = self.dataset.frame
        sides = frame.groupby(["model", "hw", "precision"])["spec_decoding"].agg(set)
        return [
            (model, hw, precision)
            for (model, hw, precision), specs in sides.items()
            if {"mtp", "none"} <= specs
        ]

    def spec_decode_coverage(self, model: str, hw: str, precision: str) -> dict:
        """Return, per sequence, how many MTP and Off points exist."""
        coverage = {}
        for seq in self.sequences(model):
            sides = self.sides(model, seq, hw, precision, None)
            counts = {side.key: len(side.points) for side in sides}
            if any(counts.values()):
                coverage[seq] = counts
        return coverage

    def date_range(self) -> tuple[str | None, str | None]:
        dates = self.dataset.frame["date"].dropna()
        if dates.empty:
            return None, None
        return str(dates.min()), str(dates.max())
