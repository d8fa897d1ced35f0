r"""Where a located quote must stand in an official source file.

An official source is a JSON-lines table or an XML file. Evidence quoting one carries a
locator; this module turns a file into the text of each locatable part, so that the loader can
check that each quote stands verbatim in the part its locator names:

- JSON lines, one per year: ``year:<YYYY>`` (and ``year:<YYYY>/month:<MM>``, a month of that
  year's line) locate the line whose ``"year"`` is YYYY; the quote stands in the line's text.
- XML records (``<trip>``, ``<visit>``): ``trip:<id>`` and ``visit:<id>`` locate the element
  whose ``<id>`` child is that id.
- A TEI guide: ``div:<xml:id>`` locates a section; ``div:<xml:id>/<type>[<n>]`` the n-th
  division of that type within it.

The text of an XML part is its text content with every run of white space collapsed to one
space, as the build script quotes it.

>>> parts = locate(b'{"year":1994,"exports_year":172.9}\n', "jsonl")
>>> parts["year:1994"]
'{"year":1994,"exports_year":172.9}'
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

__all__ = ["locate", "part_of"]

_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_RECORDS = ("trip", "visit")
_WHITE = re.compile(r"\s+")
_MONTH = re.compile(r"(year:\d{4})/month:(0[1-9]|1[0-2])")


class LocateError(ValueError):
    """A source file does not have the form its format promises."""


def _collapse(text: str) -> str:
    return _WHITE.sub(" ", text).strip()


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def locate(data: bytes, form: str) -> dict[str, str]:
    """The text of every locatable part of a source file, by locator."""
    if form == "jsonl":
        return _lines(data)
    if form == "xml":
        return _elements(data)
    msg = f"unknown format {form!r}; expected 'jsonl' or 'xml'"
    raise LocateError(msg)


def part_of(parts: dict[str, str], locator: str) -> str | None:
    """The text a locator names (a month locator names its year's line), or None."""
    month = _MONTH.fullmatch(locator)
    return parts.get(month.group(1) if month else locator)


def _lines(data: bytes) -> dict[str, str]:
    parts: dict[str, str] = {}
    for number, line in enumerate(data.decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            year = json.loads(line).get("year")
        except (ValueError, AttributeError):
            msg = f"line {number} is not a JSON object"
            raise LocateError(msg) from None
        if type(year) is not int:
            msg = f'line {number} has no integer "year"'
            raise LocateError(msg)
        parts[f"year:{year}"] = line
    return parts


def _elements(data: bytes) -> dict[str, str]:
    try:
        root = ET.fromstring(data)  # noqa: S314 -- a pinned file, its digest checked first
    except ET.ParseError as exc:
        msg = f"is not well-formed XML ({exc})"
        raise LocateError(msg) from None
    parts: dict[str, str] = {}
    for element in root.iter():
        name = _local(str(element.tag))
        if name in _RECORDS:
            ident = next((c.text for c in element if _local(str(c.tag)) == "id"), None)
            if ident:
                parts[f"{name}:{ident.strip()}"] = _collapse("".join(element.itertext()))
        elif name == "div" and element.get(_XML_ID):
            section = element.get(_XML_ID)
            parts[f"div:{section}"] = _collapse("".join(element.itertext()))
            counts: dict[str, int] = {}
            for child in element:
                if _local(str(child.tag)) == "div":
                    kind = child.get("type") or "div"
                    counts[kind] = counts.get(kind, 0) + 1
                    key = f"div:{section}/{kind}[{counts[kind]}]"
                    parts[key] = _collapse("".join(child.itertext()))
    return parts
