"""The bundled dataset, and the module-level helpers that are its bound methods.

Building the dataset reads nothing: each bundled file is read and indexed the first time a
query needs it (the test suite validates the bundled files as a whole, and a digest pins them).

>>> import vnus
>>> vnus.trade_with_us.__self__ is vnus.dataset()
True
"""

from __future__ import annotations

from typing import Any

from vnus import _load
from vnus._dataset import Dataset

__all__ = [
    "dataset",
    "delegations",
    "disagreements",
    "indicators",
    "investments",
    "metrics",
    "milestones",
    "official",
    "officials",
    "place",
    "places",
    "sector",
    "sector_priorities",
    "sectors",
    "source",
    "sources",
    "timeline",
    "trade",
    "trade_series",
    "trade_with_us",
]

_WHERE = "vnus/data"
_directory = _load.bundled_directory()


def _read(name: str) -> tuple[Any, ...]:
    # Looked up on the module at each call, so a test can count the reads.
    return _load.read_table(_directory, name, where=_WHERE)


_default = Dataset(_read, where=_WHERE)


def dataset() -> Dataset:
    """Return the bundled dataset; its files are read on first use (once, whatever the threads).

    >>> import vnus
    >>> vnus.dataset() is vnus.dataset()
    True
    """
    return _default


trade_with_us = _default.trade_with_us
trade = _default.trade
trade_series = _default.trade_series
disagreements = _default.disagreements
investments = _default.investments
milestones = _default.milestones
delegations = _default.delegations
sector_priorities = _default.sector_priorities
indicators = _default.indicators
metrics = _default.metrics
timeline = _default.timeline
sources = _default.sources
officials = _default.officials
official = _default.official
source = _default.source
places = _default.places
place = _default.place
sectors = _default.sectors
sector = _default.sector
