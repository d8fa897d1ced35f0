"""Module attributes built the first time they are read (PEP 562 ``__getattr__``).

:mod:`vnus.records` and :mod:`vnus.types` each leave the classes a first query seldom needs
to a second module (:mod:`vnus._records_more`, :mod:`vnus._types_more`), imported the first
time one of them is read, and bind them once built.

>>> import vnus.types
>>> vnus.types.Sector is vnus.Sector
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["resolve"]


def resolve(
    namespace: dict[str, Any], name: str, names: Iterable[str], build: Callable[[], None]
) -> Any:
    """The module ``__getattr__`` of *namespace* for the *names* that *build* binds.

    Raises:
        AttributeError: *name* is not one of *names*.
    """
    if name in names:
        build()
        return namespace[name]
    msg = f"module {namespace['__name__']!r} has no attribute {name!r}"
    raise AttributeError(msg)
