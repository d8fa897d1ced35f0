"""Hypothesis profiles: a quick default, and a thorough one that CI selects."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("VNUS_HYPOTHESIS_PROFILE", "default"))


import pytest  # noqa: E402 -- after the profiles, which must load first

import vnus  # noqa: E402
from vnus._spec import record_types  # noqa: E402


@pytest.fixture(scope="session")
def bundled():
    """The bundled dataset, loaded by the first test that needs it (never at collection)."""
    return vnus.dataset()


@pytest.fixture(scope="session")
def records(bundled):
    """Every bundled record, of every record type."""
    return tuple(r for cls in record_types() for r in bundled._table(cls).records)
