"""Callbacks: translate between components and core/, nothing more.

Importing a module registers its callbacks with dash.callback.
"""

from flask import current_app

from core.store import DataIndex


def data_index() -> DataIndex:
    """Return the data of the app serving the current request."""
    return current_app.extensions["data_index"]


def register() -> None:
    """Import every callback module, which registers its callbacks."""
    from callbacks import chart, comparison, page  # noqa: F401
