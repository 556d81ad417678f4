"""Shared fixtures: the shipped data, loaded once per test session."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def shipped():
    from core.data import load_dataset

    return load_dataset()


@pytest.fixture(scope="session")
def index(shipped):
    from core.store import DataIndex

    return DataIndex(shipped)
