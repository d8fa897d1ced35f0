"""The record and value types a query does not read are built the first time they are needed."""

import inspect
import pickle
import subprocess
import sys
import textwrap
import typing
from types import MappingProxyType

import pytest

import vnus
from vnus import records, types
from vnus._spec import record_types

DEFERRED = ("Delegation", "Indicator", "InvestmentFigure", "Milestone", "SectorPriority")


def run(code):
    out = subprocess.run(  # noqa: S603 -- this interpreter, code written by the test
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    return out.stdout.splitlines()


def test_a_trade_query_builds_only_the_types_it_reads():
    lines = run(
        """
        import sys, vnus
        vnus.trade_with_us("Hanoi", 2021)
        print("vnus._records_more" in sys.modules, "vnus._types_more" in sys.modules)
        vnus.milestones(since=2023)
        print("vnus._records_more" in sys.modules, "vnus._types_more" in sys.modules)
        """
    )
    assert lines == ["False False", "True True"]


def test_a_source_query_builds_the_value_types_but_not_the_record_types():
    lines = run(
        """
        import sys, vnus
        vnus.source("bta-2020-07-14")
        print("vnus._records_more" in sys.modules, "vnus._types_more" in sys.modules)
        """
    )
    assert lines == ["False True"]


def test_a_directory_load_reads_every_record_file():
    """Loading a directory builds the deferred types: no file is skipped because of them."""
    lines = run(
        """
        from vnus import _load
        from vnus._spec import spec
        raw = _load.read_directory(_load.bundled_directory(), where="vnus/data")
        print(sorted({spec(type(r)).table for r in raw.records}))
        """
    )
    assert lines == [
        "['delegations', 'indicators', 'investments', 'milestones', 'sector_priorities', 'trade']"
    ]


@pytest.mark.parametrize("name", [*DEFERRED, "MilestoneKind", "SectorAmount"])
def test_deferred_types_are_vnus_records_names(name):
    cls = getattr(records, name)
    assert cls.__module__ == "vnus._records_more"
    assert cls.__qualname__ == name
    assert f"class {name}" in inspect.getsource(cls)
    assert getattr(vnus, name) is cls
    assert name in dir(records)


@pytest.mark.parametrize("helper", ["milestones", "delegations", "investments", "indicators"])
def test_deferred_records_pickle_by_their_public_name(helper):
    """A pickle of a deferred record loads in a process that has not built its type."""
    record = getattr(vnus, helper)()[0]
    assert pickle.loads(pickle.dumps(record)) == record  # noqa: S301 -- our own bytes


def test_record_union_and_files_name_every_record_type():
    assert set(typing.get_args(records.Record)) == set(record_types())
    assert isinstance(records.RECORD_FILES, MappingProxyType)
    assert {cls: name for name, cls in records.RECORD_FILES.items()} == {
        cls: f"{cls.__vnus_table__}.json" for cls in record_types()
    }


def test_record_types_keep_the_declared_order_whenever_built():
    """A type registered before the deferred ones are built still comes after them."""
    lines = run(
        """
        import attrs, sys
        import vnus.records
        from vnus._spec import record_type, record_type_of, record_types
        from vnus.types import Evidence

        @record_type("grants", columns=(("id", "id"),))
        @attrs.frozen(kw_only=True)
        class Grant(vnus.records.RecordBase):
            id: str
            evidence: tuple[Evidence, ...]

        print("vnus._records_more" in sys.modules)
        print(record_type_of("nothing"), record_type_of("grants").__name__)
        print("vnus._records_more" in sys.modules)
        print(record_type_of("milestones").__name__)
        print([t.__name__ for t in record_types()])
        """
    )
    assert lines == [
        "False",
        "None Grant",
        "False",
        "Milestone",
        str(
            [
                "TradeFigure",
                "InvestmentFigure",
                "Milestone",
                "Delegation",
                "SectorPriority",
                "Indicator",
                "Grant",
            ]
        ),
    ]


def test_an_unknown_name_of_the_records_module_is_an_attribute_error():
    with pytest.raises(AttributeError, match=r"'vnus\.records' has no attribute 'Nothing'"):
        records.Nothing  # noqa: B018 -- the access is the test


def test_every_module_passes_its_own_doctests_in_a_fresh_process():
    """doctest.testmod of each module, the deferred ones included, in a process of its own."""
    lines = run(
        """
        import datetime, decimal, doctest, importlib
        flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        names = {"datetime": datetime, "Decimal": decimal.Decimal}
        for name in ("records", "types", "_records_more", "_types_more", "_deferred"):
            module = importlib.import_module(f"vnus.{name}")
            failed, attempted = doctest.testmod(module, extraglobs=names, optionflags=flags)
            print(name, failed, attempted > 0)
        """
    )
    assert lines == [
        "records 0 True",
        "types 0 True",
        "_records_more 0 True",
        "_types_more 0 True",
        "_deferred 0 True",
    ]


def test_the_type_hints_of_every_query_resolve_before_the_types_are_built():
    lines = run(
        """
        import inspect, sys, typing, vnus
        for name, method in inspect.getmembers(vnus.Dataset, inspect.isfunction):
            if not name.startswith("_"):
                typing.get_type_hints(method)
        print(typing.get_type_hints(vnus.milestones)["return"])
        print(typing.get_type_hints(vnus.sources)["return"])
        """
    )
    assert lines == [
        "tuple[vnus._records_more.Milestone, ...]",
        "tuple[vnus._types_more.Source, ...]",
    ]


VALUES = ("Correction", "Official", "Person", "Retrieval", "RetrievedFile", "Sector", "Source")


@pytest.mark.parametrize("name", [*VALUES, "SourceKind"])
def test_deferred_value_types_are_vnus_types_names(name):
    cls = getattr(types, name)
    assert cls.__module__ == "vnus._types_more"
    assert cls.__qualname__ == name
    assert f"class {name}" in inspect.getsource(cls)
    assert getattr(vnus, name) is cls
    assert name in dir(types)


@pytest.mark.parametrize("helper", ["sources", "sectors", "officials"])
def test_deferred_values_pickle_by_their_public_name(helper):
    value = getattr(vnus, helper)()[0]
    assert pickle.loads(pickle.dumps(value)) == value  # noqa: S301 -- our own bytes


def test_an_unknown_name_of_the_types_module_is_an_attribute_error():
    with pytest.raises(AttributeError, match=r"'vnus\.types' has no attribute 'Nothing'"):
        types.Nothing  # noqa: B018 -- the access is the test


def test_threads_that_build_the_deferred_types_at_once_agree():
    """Eight threads reaching for the deferred types together all get the same ones."""
    lines = run(
        """
        import sys, threading
        import vnus
        from vnus._spec import record_type_of, record_types
        barrier = threading.Barrier(8)
        seen, errors = [], []
        def reach(n):
            try:
                barrier.wait()
                if n % 3 == 0:
                    found = record_types()
                elif n % 3 == 1:
                    found = (record_type_of("milestones"), vnus.types.Sector)
                else:
                    found = (vnus.records.Delegation, vnus.milestones(since=2023)[0].__class__)
                seen.append((n % 3, found))
            except BaseException as exc:
                errors.append(repr(exc))
        threads = [threading.Thread(target=reach, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(errors)
        print(len({found for _, found in seen}), len(seen))
        print([t.__name__ for t in record_types()])
        """
    )
    assert lines[0] == "[]"
    assert lines[1] == "3 8"  # one answer per kind of reach
    assert lines[2] == str(
        [
            "TradeFigure",
            "InvestmentFigure",
            "Milestone",
            "Delegation",
            "SectorPriority",
            "Indicator",
        ]
    )
