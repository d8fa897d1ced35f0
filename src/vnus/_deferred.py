"""Module attributes built the first time they are read (PEP 562 ``__getattr__``).

:mod:`vnus.records` and :mod:`vnus.types` each leave the classes a first query seldom needs
to a second module, imported the first time one of them is read. The classes keep the public
module as their ``__module__``, and are bound in it once built.

>>> import vnus.types
>>> vnus.types.Sector.__module__
'vnus.types'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["resolve"]


def _examples(cls: type) -> list[tuple[str, object]]:
    """The methods of *cls* whose docstrings hold examples, as ``(".name", function)``."""
    return [
        (f".{name}", value)
        for name, value in vars(cls).items()
        if callable(value) and ">>>" in (getattr(value, "__doc__", None) or "")
    ]


def resolve(
    namespace: dict[str, Any], name: str, names: Iterable[str], build: Callable[[], None]
) -> Any:
    """The module ``__getattr__`` of *namespace* for the *names* that *build* binds.

    ``__test__`` is doctest's: it reads a module's ``__dict__`` and then ``__test__``, so the
    built classes and their methods (whose globals are the defining module's) are found under
    the public module whether or not they were built before.

    Raises:
        AttributeError: *name* is neither one of *names* nor ``__test__``.
    """
    names = tuple(names)
    if name in names:
        build()
        return namespace[name]
    if name == "__test__":
        build()
        kinds = [namespace[n] for n in names if isinstance(namespace[n], type)]
        return {
            f"{kind.__name__}{method}": value
            for kind in kinds
            for method, value in [("", kind), *_examples(kind)]
        }
    msg = f"module {namespace['__name__']!r} has no attribute {name!r}"
    raise AttributeError(msg)
