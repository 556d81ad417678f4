"""The loaded benchmarks, split by workload, with cached comparison sides.

The frame is split once by (model, input length, output length), so a request
touches only the rows of its workload, however large the file is. Sides and
their splines are cached per process; they depend only on the immutable data
and the request's workload, never on a user.
"""

import atexit
import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from functools import lru_cache

import pandas as pd
from cachelib import FileSystemCache

from core.chart import CHART_COLUMNS, SERIES_COLUMNS, add_hover_columns, series_key
from core.compare import Side, build_side, spec_decode_specs
from core.data import Dataset, select_as_of, summarize
from core.schema import SEQUENCES

CACHE_ON = os.environ.get("DASHBOARD_CACHE", "on").lower() != "off"
CACHE_SIZE = 256 if CACHE_ON else 0
RESULT_CACHE_SIZE = 512 if CACHE_ON else 0
SHARED_CACHE_FILES = 5000


class ResultCache:
    """An LRU of computed results per process, backed by a folder all share.

    Keys are hashable settings whose repr is stable across processes. The
    folder is made when the data is loaded, which gunicorn's preload does in
    the master, so every worker reads what another one computed. A new start
    makes a new folder, so results of other data are never read.
    """

    def __init__(self, size: int, shared_dir: str | None = None):
        self.size = size
        self.entries: OrderedDict = OrderedDict()
        self.lock = threading.Lock()
        self.shared = None
        if size and shared_dir:
            self.shared = FileSystemCache(
                shared_dir, threshold=SHARED_CACHE_FILES, default_timeout=0
            )

    def get(self, key, compute):
        """Return the cached result for key, computing and storing it if absent."""
        if self.size == 0:
            return compute()
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]

        value = self.shared.get(repr(key)) if self.shared else None
        if value is None:
            value = compute()
            if self.shared:
                self.shared.set(repr(key), value)
        with self.lock:
            self.entries[key] = value
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value


def _shared_cache_dir() -> str | None:
    """Make the folder the worker processes share results through."""
    if not CACHE_ON:
        return None
    folder = tempfile.mkdtemp(prefix="dashboard-cache-")
    # Only the process that made the folder removes it: gunicorn workers end
    # with os._exit, which skips atexit handlers.
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


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
        self.chart_points = lru_cache(maxsize=CACHE_SIZE)(self._chart_points)
        self.sides = lru_cache(maxsize=CACHE_SIZE)(self._sides)
        self.results = ResultCache(RESULT_CACHE_SIZE, _shared_cache_dir())

        # Page loads need these facts about the whole file, so they are
        # computed once instead of scanning a large file on every request.
        triples = frame[["model", "hw", "precision"]].drop_duplicates()
        self._pages = sorted(triples.itertuples(index=False, name=None))
        self._spec_decode_pages = self._find_spec_decode_pages()
        dates = frame["date"].dropna()
        self._date_range = (
            (str(dates.min()), str(dates.max())) if len(dates) else (None, None)
        )
        self.summary = summarize(dataset)
        combos = frame[SERIES_COLUMNS].drop_duplicates()
        self.series_keys = sorted(
            series_key(row) for row in combos.itertuples(index=False)
        )

    def _workload(self, model: str, seq: str, as_of: str | None) -> pd.DataFrame:
        isl, osl = SEQUENCES[seq]
        frame = self.partitions.get((model, isl, osl))
        if frame is None:
            return self.dataset.frame.iloc[0:0]
        return select_as_of(frame, as_of)

    def _chart_points(self, model: str, seq: str, as_of: str | None) -> pd.DataFrame:
        """Return the measured points of a workload, narrowed for the chart."""
        frame = self.workload(model, seq, as_of)
        measured = frame.loc[frame["kind"] == "measured", list(CHART_COLUMNS)]
        return add_hover_columns(measured)

    def _sides(
        self, model: str, seq: str, hw: str, precision: str, as_of: str | None
    ) -> tuple[Side, Side]:
        frame = self.workload(model, seq, as_of)
        first, second = spec_decode_specs(hw, precision)
        return build_side(frame, first), build_side(frame, second)

    def warm(self) -> None:
        """Compute every workload's points and every page's sides now.

        Called before gunicorn forks, so the workers share these results
        copy-on-write instead of each computing them on its first requests.
        """
        for model in self.models:
            for seq in self.sequences(model):
                self.chart_points(model, seq, None)
        for model, hw, precision in self.pages():
            for seq in self.sequences(model):
                self.sides(model, seq, hw, precision, None)

    def sequences(self, model: str) -> list[str]:
        """Return the sequence keys that have rows for a model."""
        return [
            seq
            for seq, (isl, osl) in SEQUENCES.items()
            if (model, isl, osl) in self.partitions
        ]

    def pages(self) -> list[tuple[str, str, str]]:
        """Return every (model, GPU, precision) that has points."""
        return self._pages

    def spec_decode_pages(self) -> list[tuple[str, str, str]]:
        """Return (model, GPU, precision) triples with MTP and Off points."""
        return self._spec_decode_pages

    def _find_spec_decode_pages(self) -> list[tuple[str, str, str]]:
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
        return self._date_range
