"""Names every doctest may use without importing them."""

import datetime as dt
from decimal import Decimal

import pytest


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["datetime"] = dt
    doctest_namespace["Decimal"] = Decimal
