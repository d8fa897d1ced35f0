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
DATA_VERSION = "2026.11.27.5"

# The public names, by the module that defines them: the one list. ``__all__``, ``dir(vnus)``
# and lazy loading derive from it; a test holds the type checkers' imports below equal to it.
_HOMES = {
    "vnus._bundled": (
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
    ),
    "vnus._dataset": ("Dataset",),
    "vnus._frame": ("to_frame",),
    "vnus._serial": ("from_dict", "from_json", "to_dict", "to_json"),
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
    "vnus.series": ("Disagreement", "SeriesPoint", "TradeSeries"),
    "vnus.types": (
        "Correction",
        "Evidence",
        "Flow",
        "Money",
        "Official",
        "PartialDate",
        "Period",
        "Person",
        "Place",
        "PlaceKind",
        "Qualifier",
        "Retrieval",
        "RetrievedFile",
        "Sector",
        "Source",
        "SourceKind",
        "Status",
    ),
}
#: Public submodules, imported on first attribute access (``vnus.audit.run()``).
_SUBMODULES = ("audit", "errors", "plot", "records", "results", "series", "testing", "types")

_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}
__all__ = sorted([*_HOME_OF, "DATA_VERSION", "__version__"])  # noqa: PLE0605 -- derived

if TYPE_CHECKING:
    from typing import Any

    from vnus import (
        audit as audit,
        errors as errors,
        plot as plot,
        records as records,
        results as results,
        series as series,
        testing as testing,
        types as types,
    )
    from vnus._bundled import (
        dataset as dataset,
        delegations as delegations,
        disagreements as disagreements,
        indicators as indicators,
        investments as investments,
        metrics as metrics,
        milestones as milestones,
        official as official,
        officials as officials,
        place as place,
        places as places,
        sector as sector,
        sector_priorities as sector_priorities,
        sectors as sectors,
        source as source,
        sources as sources,
        timeline as timeline,
        trade as trade,
        trade_series as trade_series,
        trade_with_us as trade_with_us,
    )
    from vnus._dataset import (
        Dataset as Dataset,
    )
    from vnus._frame import (
        to_frame as to_frame,
    )
    from vnus._serial import (
        from_dict as from_dict,
        from_json as from_json,
        to_dict as to_dict,
        to_json as to_json,
    )
    from vnus.errors import (
        DataError as DataError,
        DataProblem as DataProblem,
        InvalidQueryError as InvalidQueryError,
        NoDataError as NoDataError,
        QueryTypeError as QueryTypeError,
        UnknownNameError as UnknownNameError,
        UnknownPlaceError as UnknownPlaceError,
        VnusError as VnusError,
    )
    from vnus.records import (
        Delegation as Delegation,
        Indicator as Indicator,
        InvestmentFigure as InvestmentFigure,
        Milestone as Milestone,
        MilestoneKind as MilestoneKind,
        ProductShare as ProductShare,
        Record as Record,
        SectorAmount as SectorAmount,
        SectorPriority as SectorPriority,
        TradeFigure as TradeFigure,
    )
    from vnus.results import (
        Results as Results,
        TradeSummary as TradeSummary,
    )
    from vnus.series import (
        Disagreement as Disagreement,
        SeriesPoint as SeriesPoint,
        TradeSeries as TradeSeries,
    )
    from vnus.types import (
        Correction as Correction,
        Evidence as Evidence,
        Flow as Flow,
        Money as Money,
        Official as Official,
        PartialDate as PartialDate,
        Period as Period,
        Person as Person,
        Place as Place,
        PlaceKind as PlaceKind,
        Qualifier as Qualifier,
        Retrieval as Retrieval,
        RetrievedFile as RetrievedFile,
        Sector as Sector,
        Source as Source,
        SourceKind as SourceKind,
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
