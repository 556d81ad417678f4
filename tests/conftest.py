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


def pytest_setup_options():
    """Start Chromium headless without reaching for the network."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for argument in (
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--window-size=1400,1000",
    ):
        options.add_argument(argument)
    return options
