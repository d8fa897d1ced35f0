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
TYPE_CHECKING = False

__version__ = "0.1.0"

#: Changes whenever the bundled data changes (see CHANGELOG.md).
DATA_VERSION = "2026.11.25"

if TYPE_CHECKING:
    from typing import Any

    from vnus import audit as audit
    from vnus import errors as errors
    from vnus import plot as plot
    from vnus import records as records
    from vnus import testing as testing
    from vnus import types as types
    from vnus._dataset import (
        Dataset,
        TradeSummary,
        dataset,
        delegations,
        indicators,
        investments,
        milestones,
        place,
        places,
        sector,
        sector_priorities,
        sectors,
        source,
        sources,
        timeline,
        trade,
        trade_with_us,
    )
    from vnus._frame import to_frame
    from vnus.errors import (
        DataError,
        DataProblem,
        InvalidQueryError,
        NoDataError,
        UnknownPlaceError,
        VnusError,
    )
    from vnus.records import (
        Delegation,
        Indicator,
        InvestmentFigure,
        Milestone,
        MilestoneKind,
        ProductShare,
        Record,
        SectorAmount,
        SectorPriority,
        TradeFigure,
    )
    from vnus.types import (
        Evidence,
        Flow,
        Money,
        PartialDate,
        Period,
        Person,
        Place,
        PlaceKind,
        Qualifier,
        Sector,
        Source,
        Status,
    )

_HOMES = {
    "vnus._dataset": (
        "Dataset",
        "TradeSummary",
        "dataset",
        "delegations",
        "indicators",
        "investments",
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
    "vnus._frame": ("to_frame",),
    "vnus.errors": (
        "DataError",
        "DataProblem",
        "InvalidQueryError",
        "NoDataError",
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
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "DATA_VERSION",
    "DataError",
    "DataProblem",
    "Dataset",
    "Delegation",
    "Evidence",
    "Flow",
    "Indicator",
    "InvalidQueryError",
    "InvestmentFigure",
    "Milestone",
    "MilestoneKind",
    "Money",
    "NoDataError",
    "PartialDate",
    "Period",
    "Person",
    "Place",
    "PlaceKind",
    "ProductShare",
    "Qualifier",
    "Record",
    "Sector",
    "SectorAmount",
    "SectorPriority",
    "Source",
    "Status",
    "TradeFigure",
    "TradeSummary",
    "UnknownPlaceError",
    "VnusError",
    "__version__",
    "dataset",
    "delegations",
    "indicators",
    "investments",
    "milestones",
    "place",
    "places",
    "sector",
    "sector_priorities",
    "sectors",
    "source",
    "sources",
    "timeline",
    "to_frame",
    "trade",
    "trade_with_us",
]


#: Public submodules, imported on first attribute access (``vnus.audit.run()``).
_SUBMODULES = frozenset({"audit", "errors", "plot", "records", "testing", "types"})


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
    return list(__all__)
