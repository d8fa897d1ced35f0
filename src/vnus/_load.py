"""Reading and validating a data directory in the bundled format.

A data directory holds ``sources.json``, ``places.json``, ``sectors.json``, one file per record
type (``<table>.json``, see :data:`vnus.records.RECORD_FILES`; a missing one means no records
of that type) and a
``seeds/`` folder with the text of every source. Each JSON file is
``{"format": 1, "records": [...]}``. Nothing else in the directory is read, and no file name
inside the data can lead outside it.

Every problem found is collected, then raised together as one :class:`~vnus.errors.DataError`;
nothing half-loaded is ever returned.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from vnus._names import normalize
from vnus._spec import place_refs, record_types, sector_refs, spec, when
from vnus.errors import DataError, DataProblem
from vnus.records import Record
from vnus.types import Place, Sector, Source, Status

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["FORMAT", "MAX_FILE_BYTES", "RawData", "bundled_directory", "read_directory"]

T = TypeVar("T")

#: The format number every data file declares.
FORMAT = 1
#: The largest data or seed file read, in bytes.
MAX_FILE_BYTES = 64 * 1024 * 1024

_REQUIRED = frozenset({"sources.json", "places.json", "sectors.json"})
_REFERENCE_TYPES: dict[str, tuple[type, str]] = {
    "sources.json": (Source, "id"),
    "places.json": (Place, "code"),
    "sectors.json": (Sector, "slug"),
}


def _file_type(name: str) -> tuple[type, str]:
    """The type one data file holds, and the field that keys its records."""
    found = _REFERENCE_TYPES.get(name)
    if found is not None:
        return found
    return next(cls for cls in record_types() if spec(cls).file == name), "id"


_SEED_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,200}\.txt", re.ASCII)


@attrs.frozen
class RawData:
    """Everything a data directory holds, structured and cross-checked."""

    sources: tuple[Source, ...]
    places: tuple[Place, ...]
    sectors: tuple[Sector, ...]
    records: tuple[Record, ...]
    seeds: dict[str, str] = attrs.field(eq=False, repr=False)


class _Folder:
    """The few Traversable operations the loader needs, on a plain directory path."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def __truediv__(self, name: str) -> _Folder:
        return _Folder(os.path.join(self.path, name))

    def is_dir(self) -> bool:
        return os.path.isdir(self.path)

    def is_file(self) -> bool:
        return os.path.isfile(self.path)

    def read_bytes(self) -> bytes:
        with open(self.path, "rb") as handle:
            return handle.read()

    def __str__(self) -> str:
        return self.path


def bundled_directory() -> Traversable:
    """Return the package's ``data`` directory.

    For a package installed as files (the usual case) this is the directory beside this
    module, exactly what :func:`importlib.resources.files` returns; importing that function
    and :mod:`pathlib` costs more than the rest of a first query, so a plain path is used
    here and :mod:`importlib.resources` only for other installs (a zip).
    """
    import vnus  # noqa: PLC0415 -- the package, already imported

    locations = list(vnus.__spec__.submodule_search_locations or ())
    if len(locations) == 1:
        candidate = _Folder(os.path.join(locations[0], "data"))
        if candidate.is_dir():
            return candidate  # type: ignore[return-value]  # a Traversable for our purposes
    from importlib.resources import files  # noqa: PLC0415 -- zip or other loaders

    return files("vnus") / "data"


def read_table(directory: Traversable, name: str, *, where: str) -> tuple[Any, ...]:
    """Read and structure one file of a trusted directory, without cross-checks.

    Used for the bundled data, which the test suite validates as a whole. Raises
    :class:`DataError` if the file does not load.
    """
    problems: list[DataProblem] = []
    cls, key = _file_type(name)
    raw = _read_records(directory, name, problems, required=name in _REQUIRED)
    records: list[tuple[str, Any]] = _structure_all(name, raw or [], cls, key, problems)
    if problems:
        raise DataError([attrs.evolve(p, file=f"{where}/{p.file}") for p in problems])
    return tuple(r for _, r in records)


def _os_problem(exc: OSError) -> str:
    return f"cannot be read: {exc.strerror or type(exc).__name__}"


def _is_file(entry: Traversable, name: str, problems: list[DataProblem]) -> bool | None:
    """Whether *entry* is a file; ``None`` (with a problem noted) if that cannot be known."""
    try:
        return entry.is_file()
    except OSError as exc:
        problems.append(DataProblem(name, None, None, _os_problem(exc)))
        return None


def _exists(entry: Traversable) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _inside(directory: Traversable, entry: Traversable) -> bool:
    """Whether *entry*, links followed, lies inside *directory* (always so in a zip)."""
    path, root = getattr(entry, "path", entry), getattr(directory, "path", directory)
    if not isinstance(path, str | os.PathLike) or not isinstance(root, str | os.PathLike):
        return True
    try:
        real, real_root = os.path.realpath(path), os.path.realpath(root)
    except (OSError, ValueError):
        return False
    return os.path.commonpath([real, real_root]) == real_root


def _read_text(entry: Traversable, name: str, problems: list[DataProblem]) -> str | None:
    try:
        data = entry.read_bytes()
    except OSError as exc:
        problems.append(DataProblem(name, None, None, _os_problem(exc)))
        return None
    if len(data) > MAX_FILE_BYTES:
        msg = f"is {len(data)} bytes; the limit is {MAX_FILE_BYTES}"
        problems.append(DataProblem(name, None, None, msg))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"is not valid UTF-8 (byte {exc.start})"
        problems.append(DataProblem(name, None, None, msg))
        return None


def _read_records(  # noqa: C901, PLR0911 -- one early return per way a file can be wrong
    directory: Traversable, name: str, problems: list[DataProblem], *, required: bool
) -> list[Any] | None:
    """Return the raw ``records`` list of one file, or ``None`` after noting a problem."""
    entry = directory / name
    found = _is_file(entry, name, problems)
    if found is None:
        return None
    if not found:
        if _exists(entry):
            problems.append(DataProblem(name, None, None, "is not a regular file"))
            return None
        if required:
            problems.append(DataProblem(name, None, None, "is missing"))
        return None if required else []
    if not _inside(directory, entry):
        msg = "is a link to a file outside the data directory; expected a file inside it"
        problems.append(DataProblem(name, None, None, msg))
        return None
    text = _read_text(entry, name, problems)
    if text is None:
        return None
    try:
        document = json.loads(text)
    except RecursionError:
        # The C decoder stops at the interpreter's recursion limit, cleanly.
        msg = "nests too deeply to be the bundled format"
        problems.append(DataProblem(name, None, None, msg))
        return None
    except ValueError as exc:
        problems.append(DataProblem(name, None, None, f"is not valid JSON: {exc}"))
        return None
    if not isinstance(document, dict) or set(document) != {"format", "records"}:
        msg = 'expected an object with exactly the keys "format" and "records"'
        problems.append(DataProblem(name, None, None, msg))
        return None
    if document["format"] != FORMAT or type(document["format"]) is not int:
        msg = f"format must be {FORMAT}, got {document['format']!r}"
        problems.append(DataProblem(name, None, "format", msg))
        return None
    records = document["records"]
    if not isinstance(records, list):
        msg = f"records must be an array, got {type(records).__name__}"
        problems.append(DataProblem(name, None, "records", msg))
        return None
    return records


def _label(index: int, raw: object, key: str) -> str:
    label = f"records[{index}]"
    if isinstance(raw, dict) and isinstance(raw.get(key), str):
        label += f" ({key} {raw[key][:80]!r})"
    return label


def _structure_all(
    name: str, raw_records: list[Any], cls: type[T], key: str, problems: list[DataProblem]
) -> list[tuple[str, T]]:
    """Structure every record of one file; note each problem and skip that record.

    The fast structurer handles well-formed files; on the first record it does not accept,
    the whole file goes through the cattrs converter, which names every bad field.
    """
    from vnus._fast import Rejected, structurer  # noqa: PLC0415

    fast = structurer(cls)  # type: ignore[arg-type]  # record classes are hashable
    try:
        values = [fast(raw) for raw in raw_records]
    except Rejected:
        pass
    else:
        return [
            (_label(i, raw, key), value)
            for i, (raw, value) in enumerate(zip(raw_records, values, strict=True))
        ]
    return list(_structure_slowly(name, raw_records, cls, key, problems))


def _structure_slowly(
    name: str, raw_records: list[Any], cls: type[T], key: str, problems: list[DataProblem]
) -> Iterator[tuple[str, T]]:
    from vnus._convert import error_lines, structure  # noqa: PLC0415 -- cattrs only on errors

    fields = {f.name for f in attrs.fields(cls)}  # type: ignore[arg-type]  # attrs classes
    for index, raw in enumerate(raw_records):
        label = _label(index, raw, key)
        if not isinstance(raw, dict):
            msg = f"expected an object, got {type(raw).__name__}"
            problems.append(DataProblem(name, label, None, msg))
            continue
        try:
            yield label, structure(raw, cls)
        except Exception as exc:  # noqa: BLE001 -- every structuring failure becomes a problem
            for path, message in error_lines(exc):
                field = path
                head = message.split(" ", 1)[0]
                if not field and head in fields:
                    field = head
                problems.append(DataProblem(name, label, field or None, message))


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many acyclic objects.

    Loading creates hundreds of thousands of objects and no cycles; without the pause the
    collector walks them again and again, which makes loading grow faster than linearly.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_directory(directory: Traversable, *, where: str) -> RawData:
    """Read, structure and cross-check every file of a data directory.

    *where* names the directory in messages. Raises :class:`DataError` listing every problem.
    Each file is structured as soon as it is parsed, so only one file's raw JSON is held.
    """
    problems: list[DataProblem] = []
    try:
        is_dir = directory.is_dir()
    except OSError as exc:
        raise DataError([DataProblem(where, None, None, _os_problem(exc))]) from None
    if not is_dir:
        raise DataError([DataProblem(where, None, None, "is not a directory")])

    def load(name: str, cls: type[T], key: str, *, required: bool) -> list[tuple[str, T]]:
        raw = _read_records(directory, name, problems, required=required)
        return _structure_all(name, raw or [], cls, key, problems)

    with gc_paused():
        sources = load("sources.json", Source, "id", required=True)
        places = load("places.json", Place, "code", required=True)
        sectors = load("sectors.json", Sector, "slug", required=True)
        records: list[tuple[str, str, Record]] = []
        for cls in record_types():
            name = spec(cls).file
            loaded: list[tuple[str, Record]] = load(name, cls, "id", required=False)
            records.extend((name, label, value) for label, value in loaded)
        seeds = _read_seeds(directory, sources, problems)
        _check_references(sources, places, sectors, records, seeds, problems)
    if problems:
        raise DataError(problems)
    return RawData(
        sources=tuple(s for _, s in sources),
        places=tuple(p for _, p in places),
        sectors=tuple(s for _, s in sectors),
        records=tuple(r for _, _, r in records),
        seeds=seeds,
    )


def _read_seeds(
    directory: Traversable, sources: list[tuple[str, Source]], problems: list[DataProblem]
) -> dict[str, str]:
    seeds: dict[str, str] = {}
    folder = directory / "seeds"
    for label, source in sources:
        if not _SEED_NAME.fullmatch(source.seed) or ".." in source.seed:
            msg = f"must be a plain file name ending in .txt inside seeds/, got {source.seed!r}"
            problems.append(DataProblem("sources.json", label, "seed", msg))
            continue
        entry = folder / source.seed
        found = _is_file(entry, f"seeds/{source.seed}", problems)
        if found is None:
            continue
        if not found:
            msg = f"names seeds/{source.seed}, which does not exist"
            problems.append(DataProblem("sources.json", label, "seed", msg))
            continue
        if not _inside(directory, entry):
            msg = f"names seeds/{source.seed}, a link to a file outside the data directory"
            problems.append(DataProblem("sources.json", label, "seed", msg))
            continue
        text = _read_text(entry, f"seeds/{source.seed}", problems)
        if text is not None:
            seeds[source.id] = text
    return seeds


def _duplicates(
    items: list[tuple[str, str, str]], what: str, problems: list[DataProblem]
) -> set[str]:
    """Report every repeated key; *items* are (file, label, key)."""
    seen: dict[str, tuple[str, str]] = {}
    for file, label, key in items:
        if key in seen:
            first_file, first_label = seen[key]
            msg = f"duplicate {what} {key!r}, first used by {first_file}: {first_label}"
            problems.append(DataProblem(file, label, what, msg))
        else:
            seen[key] = (file, label)
    return set(seen)


def _check_references(  # noqa: C901, PLR0912, PLR0917 -- one pass over every reference
    sources: list[tuple[str, Source]],
    places: list[tuple[str, Place]],
    sectors: list[tuple[str, Sector]],
    records: list[tuple[str, str, Record]],
    seeds: dict[str, str],
    problems: list[DataProblem],
) -> None:
    source_ids = _duplicates([("sources.json", lbl, s.id) for lbl, s in sources], "id", problems)
    codes = _duplicates([("places.json", lbl, p.code) for lbl, p in places], "code", problems)
    slugs = _duplicates([("sectors.json", lbl, s.slug) for lbl, s in sectors], "slug", problems)
    _duplicates([(f, lbl, r.id) for f, lbl, r in records], "id", problems)
    published = {s.id: s.published_on for _, s in sources}

    # Places: parents exist, lead to a root without a cycle; names and aliases are unambiguous.
    parent_of = {p.code: p.parent for _, p in places}
    names: dict[str, str] = {}
    for label, place in places:
        if place.parent is not None and place.parent not in codes:
            msg = f"names unknown parent place {place.parent!r}"
            problems.append(DataProblem("places.json", label, "parent", msg))
        seen, code = {place.code}, place.parent
        while code is not None and code in parent_of:
            if code in seen:
                msg = f"parent chain of {place.code!r} loops back to {code!r}"
                problems.append(DataProblem("places.json", label, "parent", msg))
                break
            seen.add(code)
            code = parent_of[code]
        for field, text in [
            ("code", place.code),
            ("name", place.name),
            *(("aliases", a) for a in place.aliases),
        ]:
            key = normalize(text)
            owner = names.setdefault(key, place.code)
            if owner != place.code:
                msg = f"{text!r} already names place {owner!r}; names must be unambiguous"
                problems.append(DataProblem("places.json", label, field, msg))

    sector_names: dict[str, str] = {}
    for label, sector in sectors:
        for field, text in [
            ("slug", sector.slug),
            ("label", sector.label),
            *(("aliases", a) for a in sector.aliases),
        ]:
            owner = sector_names.setdefault(normalize(text), sector.slug)
            if owner != sector.slug:
                msg = f"{text!r} already names sector {owner!r}; names must be unambiguous"
                problems.append(DataProblem("sectors.json", label, field, msg))

    for file, label, record in records:
        for field, code in place_refs(record):
            if code not in codes:
                msg = f"names unknown place {code!r}; expected a code from places.json"
                problems.append(DataProblem(file, label, field, msg))
        for field, slug in sector_refs(record):
            if slug not in slugs:
                msg = f"names unknown sector {slug!r}; expected a slug from sectors.json"
                problems.append(DataProblem(file, label, field, msg))
        for index, evidence in enumerate(record.evidence):
            if evidence.source not in source_ids:
                msg = f"names unknown source {evidence.source!r}"
                problems.append(DataProblem(file, label, f"evidence[{index}].source", msg))
                continue
            seed = seeds.get(evidence.source)
            if seed is not None and evidence.quote not in seed:
                msg = f"quote is not verbatim in the source's seed: {evidence.quote[:80]!r}"
                problems.append(DataProblem(file, label, f"evidence[{index}].quote", msg))
        _check_dates(file, label, record, published, problems)


def _check_dates(
    file: str,
    label: str,
    record: Record,
    published: dict[str, Any],
    problems: list[DataProblem],
) -> None:
    """No event lies after the publication of the source that reports it, unless PLANNED."""
    if not spec(type(record)).has_status or getattr(record, "status", None) is Status.PLANNED:
        return
    field = spec(type(record)).times[0]  # when the event began: a trip's start
    start = getattr(record, field)
    if start is None:
        return
    days = [published[e.source] for e in record.evidence if e.source in published]
    if days and when(record) > max(days):
        msg = (
            f"{start} is after the source's publication "
            f"({max(days)}); an event reported before it happened must be PLANNED"
        )
        problems.append(DataProblem(file, label, field, msg))
