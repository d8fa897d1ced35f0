"""vnus: Vietnam–United States relations as typed, queryable, source-traceable data.

Every name below is loaded on first use, so ``import vnus`` costs almost nothing; the bundled
dataset is read the first time a query needs it.

>>> import vnus
>>> summary = vnus.trade_with_us("Hanoi", 2021)
>>> str(summary.exports.value), summary.exports.evidence[0].source
('US$3.4 billion', 'hanoitimes-2022-10-29')
"""

from __future__ import annotations

# Not imported from typing: ``import vnus`` stays free of the typing module. Type checkers
# treat a module-level TYPE_CHECKING as true.
# The annotation matters: editors' completion (Jedi) skips an `if` on a bare `False`.
TYPE_CHECKING: bool = False

__version__ = "0.1.0"

#: Changes whenever the bundled data changes (see CHANGELOG.md).
DATA_VERSION = "2026.11.25"

# The public names, by the module that defines them: the one list. ``__all__``, ``dir(vnus)``
# and lazy loading derive from it; a test holds the type checkers' imports below equal to it.
_HOMES = {
    "vnus._bundled": (
        "dataset",
        "delegations",
        "indicators",
        "investments",
        "metrics",
        "milestones",
        "place",
        "places",
        "sector",
        "sector_priorities",
        "sectors",
        "source",
        "sources",
        "timeline",
        "trade",
        "trade_with_us",
    ),
    "vnus._dataset": ("Dataset",),
    "vnus._frame": ("to_frame",),
    "vnus.errors": (
        "DataError",
        "DataProblem",
        "InvalidQueryError",
        "NoDataError",
        "QueryTypeError",
        "UnknownNameError",
        "UnknownPlaceError",
        "VnusError",
    ),
    "vnus.records": (
        "Delegation",
        "Indicator",
        "InvestmentFigure",
        "Milestone",
        "MilestoneKind",
        "ProductShare",
        "Record",
        "SectorAmount",
        "SectorPriority",
        "TradeFigure",
    ),
    "vnus.results": ("Results", "TradeSummary"),
    "vnus.types": (
        "Evidence",
        "Flow",
        "Money",
        "PartialDate",
        "Period",
        "Person",
        "Place",
        "PlaceKind",
        "Qualifier",
        "Sector",
        "Source",
        "Status",
    ),
}
#: Public submodules, imported on first attribute access (``vnus.audit.run()``).
_SUBMODULES = ("audit", "errors", "plot", "records", "results", "testing", "types")

_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}
__all__ = sorted([*_HOME_OF, "DATA_VERSION", "__version__"])  # noqa: PLE0605 -- derived

if TYPE_CHECKING:
    from typing import Any

    from vnus import audit as audit
    from vnus import errors as errors
    from vnus import plot as plot
    from vnus import records as records
    from vnus import results as results
    from vnus import testing as testing
    from vnus import types as types
    from vnus._bundled import (
        dataset as dataset,
    )
    from vnus._bundled import (
        delegations as delegations,
    )
    from vnus._bundled import (
        indicators as indicators,
    )
    from vnus._bundled import (
        investments as investments,
    )
    from vnus._bundled import (
        metrics as metrics,
    )
    from vnus._bundled import (
        milestones as milestones,
    )
    from vnus._bundled import (
        place as place,
    )
    from vnus._bundled import (
        places as places,
    )
    from vnus._bundled import (
        sector as sector,
    )
    from vnus._bundled import (
        sector_priorities as sector_priorities,
    )
    from vnus._bundled import (
        sectors as sectors,
    )
    from vnus._bundled import (
        source as source,
    )
    from vnus._bundled import (
        sources as sources,
    )
    from vnus._bundled import (
        timeline as timeline,
    )
    from vnus._bundled import (
        trade as trade,
    )
    from vnus._bundled import (
        trade_with_us as trade_with_us,
    )
    from vnus._dataset import Dataset as Dataset
    from vnus._frame import to_frame as to_frame
    from vnus.errors import (
        DataError as DataError,
    )
    from vnus.errors import (
        DataProblem as DataProblem,
    )
    from vnus.errors import (
        InvalidQueryError as InvalidQueryError,
    )
    from vnus.errors import (
        NoDataError as NoDataError,
    )
    from vnus.errors import (
        QueryTypeError as QueryTypeError,
    )
    from vnus.errors import (
        UnknownNameError as UnknownNameError,
    )
    from vnus.errors import (
        UnknownPlaceError as UnknownPlaceError,
    )
    from vnus.errors import (
        VnusError as VnusError,
    )
    from vnus.records import (
        Delegation as Delegation,
    )
    from vnus.records import (
        Indicator as Indicator,
    )
    from vnus.records import (
        InvestmentFigure as InvestmentFigure,
    )
    from vnus.records import (
        Milestone as Milestone,
    )
    from vnus.records import (
        MilestoneKind as MilestoneKind,
    )
    from vnus.records import (
        ProductShare as ProductShare,
    )
    from vnus.records import (
        Record as Record,
    )
    from vnus.records import (
        SectorAmount as SectorAmount,
    )
    from vnus.records import (
        SectorPriority as SectorPriority,
    )
    from vnus.records import (
        TradeFigure as TradeFigure,
    )
    from vnus.results import Results as Results
    from vnus.results import TradeSummary as TradeSummary
    from vnus.types import (
        Evidence as Evidence,
    )
    from vnus.types import (
        Flow as Flow,
    )
    from vnus.types import (
        Money as Money,
    )
    from vnus.types import (
        PartialDate as PartialDate,
    )
    from vnus.types import (
        Period as Period,
    )
    from vnus.types import (
        Person as Person,
    )
    from vnus.types import (
        Place as Place,
    )
    from vnus.types import (
        PlaceKind as PlaceKind,
    )
    from vnus.types import (
        Qualifier as Qualifier,
    )
    from vnus.types import (
        Sector as Sector,
    )
    from vnus.types import (
        Source as Source,
    )
    from vnus.types import (
        Status as Status,
    )


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        import importlib  # noqa: PLC0415 -- first access only

        return importlib.import_module(f"vnus.{name}")
    module = _HOME_OF.get(name)
    if module is None:
        msg = f"module 'vnus' has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib  # noqa: PLC0415 -- first access only

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups are plain attribute hits
    return value


def __dir__() -> list[str]:
    return sorted([*__all__, *_SUBMODULES])
