"""Names every doctest may use without importing them."""

import datetime as dt
import importlib.util
from decimal import Decimal

import pytest


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["datetime"] = dt
    doctest_namespace["Decimal"] = Decimal


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


# Doctests of optional extras run only where the extra is installed.
collect_ignore = [
    path
    for path, module in [
        ("src/vnus/_frame.py", "pandas"),
        ("src/vnus/plot.py", "matplotlib"),
        ("src/vnus/_chart.py", "matplotlib"),
    ]
    if not _has(module)
]
