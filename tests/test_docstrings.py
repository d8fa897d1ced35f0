"""The API reference: every public function and method says its arguments, result and errors."""

import builtins
import inspect
import re

import pytest

import vnus
from vnus import audit, types


def _public():
    """(name, function) for each public function and method the reference documents."""
    found = [
        (f"Dataset.{name}", member)
        for name, member in vars(vnus.Dataset).items()
        if not name.startswith("_") and inspect.isfunction(getattr(vnus.Dataset, name))
    ]
    found += [(f"Dataset.{name}", getattr(vnus.Dataset, name)) for name in ("from_directory",)]
    found.append(("dataset", vnus.dataset))
    found += [(f"plot.{name}", getattr(vnus.plot, name)) for name in vnus.plot.__all__]
    found += [
        (f"audit.{name}", getattr(audit, name))
        for name in audit.__all__
        if inspect.isfunction(getattr(audit, name))
    ]
    found += [(f"AuditReport.{n}", getattr(audit.AuditReport, n)) for n in ("summary", "lines")]
    for cls in (types.PartialDate, types.Period):
        found += [
            (f"{cls.__name__}.{name}", getattr(cls, name))
            for name, member in vars(cls).items()
            if not name.startswith("_")
            and (inspect.isfunction(member) or isinstance(member, classmethod))
        ]
    return sorted(dict(found).items())


PUBLIC = _public()


def sections(doc):
    """The Google-style sections of a docstring: name to its lines."""
    found, current = {}, None
    for line in inspect.cleandoc(doc).splitlines():
        if re.fullmatch(r"(Args|Returns|Raises|Yields):", line):
            current = found.setdefault(line[:-1], [])
        elif current is not None and (line.startswith("    ") or not line):
            if line:
                current.append(line)
        else:
            current = None
    return found


def arguments(function):
    return [
        ("**" if p.kind is p.VAR_KEYWORD else "") + p.name
        for p in inspect.signature(function).parameters.values()
        if p.name not in {"self", "cls"}
    ]


def test_the_list_covers_the_query_helpers():
    names = dict(PUBLIC)
    for helper in ("trade_with_us", "trade", "milestones", "indicators", "select", "metrics"):
        assert f"Dataset.{helper}" in names
    assert len(PUBLIC) > 35


#: The audit's text helpers take text and a record as they come and check neither: they say
#: what they return, and raise what ``re`` and ``attrs`` raise on other types.
UNCHECKED = {"audit.dateline", "audit.find_mentions", "audit.quote_values", "audit.record_numbers"}


@pytest.mark.parametrize(("name", "function"), PUBLIC, ids=[n for n, _ in PUBLIC])
def test_every_public_function_documents_args_returns_and_raises(name, function):
    """Args lists every parameter, in order; Returns says what; Raises, where it takes any."""
    found = sections(function.__doc__ or "")
    assert found.get("Returns") or found.get("Yields"), f"{name}: no Returns section"
    wanted = arguments(function)
    if not wanted:
        assert "Args" not in found
        return
    listed = [
        line.strip().split(":", 1)[0]
        for line in found.get("Args", [])
        if re.match(r"    [*\w]+:", line)
    ]
    assert listed == wanted, name
    if name in UNCHECKED:
        return
    assert found.get("Raises"), f"{name}: no Raises section"
    for line in found["Raises"]:
        if re.match(r"    \w+:", line):
            error = line.strip().split(":", 1)[0]
            assert error in vars(vnus.errors) or error in vars(builtins), error


def entry(function, argument):
    """The text of one argument's entry under Args, with its continuation lines."""
    lines = sections(function.__doc__)["Args"]
    start = next(i for i, line in enumerate(lines) if line.startswith(f"    {argument}:"))
    text = [lines[start]]
    text += [line for line in lines[start + 1 :] if line.startswith("        ")]
    return " ".join(line.strip() for line in text)


def test_allowed_values_are_listed():
    """Flow names, milestone kinds and the bundled metrics stand in their entries."""
    for function in (vnus.Dataset.trade, vnus.Dataset.trade_series):
        text = entry(function, "flow")
        assert all(f'``"{flow.value}"``' in text for flow in vnus.Flow)
    kinds = entry(vnus.Dataset.milestones, "kind")
    assert all(f"``{kind.name.lower()}``" in kinds for kind in vnus.MilestoneKind)
    metrics = entry(vnus.Dataset.indicators, "metric")
    assert set(re.findall(r"``([a-z0-9-]+)``", metrics)) == set(vnus.metrics())
    for function in (vnus.Dataset.trade, vnus.Dataset.milestones, vnus.Dataset.timeline):
        assert "a year" in entry(function, "as_of")
