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
import errno
import gc
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

import attrs

import vnus.records  # noqa: F401 -- importing it registers the record types
from vnus import types as _types
from vnus._names import normalize
from vnus._role import fields_repr
from vnus._spec import (
    official_refs,
    place_refs,
    record_type_of,
    record_types,
    sector_refs,
    source_refs,
    spec,
    when,
)
from vnus.errors import DataError, DataProblem
from vnus.types import Place, Status

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from vnus.records import Record
    from vnus.types import Official, Sector, Source

__all__ = [
    "FORMAT",
    "MANIFEST",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_PROBLEMS",
    "RawData",
    "bundled_directory",
    "read_directory",
    "read_manifest",
]

T = TypeVar("T")

#: The format number every data file declares.
FORMAT = 1
#: The largest data or seed file read, in bytes.
MAX_FILE_BYTES = 64 * 1024 * 1024

_REQUIRED = frozenset({"sources.json", "places.json", "sectors.json"})
#: Each reference file's type (named: some are built on first use) and the field that keys it.
_REFERENCE_TYPES: dict[str, tuple[str, str]] = {
    "sources.json": ("Source", "id"),
    "places.json": ("Place", "code"),
    "sectors.json": ("Sector", "slug"),
    "officials.json": ("Official", "id"),
}
#: A part of a table kept in several files: ``<table>.<part>.json``.
_PART = re.compile(r"([a-z_]+)\.([a-z0-9]+(?:-[a-z0-9]+)*)\.json", re.ASCII)
#: A pinned source file: a relative path of plain names. (The patterns a first query never
#: needs stay text: ``re`` compiles them on first use and keeps them.)
_SOURCE_FILE = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,200}(?:/[A-Za-z0-9][A-Za-z0-9_.-]{0,200}){0,8}"


def _file_type(name: str) -> tuple[type, str]:
    """The type one data file holds, and the field that keys its records."""
    part = _PART.fullmatch(name)
    if part is not None:
        name = f"{part.group(1)}.json"
    found = _REFERENCE_TYPES.get(name)
    if found is not None:
        return getattr(_types, found[0]), found[1]
    cls = record_type_of(name.removesuffix(".json"))
    if cls is None or spec(cls).file != name:
        cls = next(cls for cls in record_types() if spec(cls).file == name)
    return cls, "id"


_SEED_NAME = r"(?a)[A-Za-z0-9][A-Za-z0-9_.-]{0,200}\.txt"


@attrs.frozen
class RawData:
    """Everything a data directory holds, structured and cross-checked."""

    __repr__ = fields_repr

    sources: tuple[Source, ...]
    places: tuple[Place, ...]
    sectors: tuple[Sector, ...]
    records: tuple[Record, ...]
    seeds: dict[str, str] = attrs.field(eq=False, repr=False)
    officials: tuple[Official, ...] = ()
    #: For each official source, the text of each part a locator can name.
    files: dict[str, dict[str, str]] = attrs.field(factory=dict, eq=False, repr=False)


class _Folder:
    """The few Traversable operations the loader needs, on a plain directory path.

    ``path`` is what the reader opens; it never reads through :meth:`read_bytes`.
    """

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def __truediv__(self, name: str) -> _Folder:
        return _Folder(os.path.join(self.path, name))

    def __fspath__(self) -> str:
        return self.path

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


def read_table(
    directory: Traversable,
    name: str,
    *,
    where: str,
    max_file_bytes: int | None = None,
    parts: bool = True,
) -> tuple[Any, ...]:
    """Read and structure one table of a trusted directory (each of its parts), unchecked.

    *name* is the table's file, such as ``trade.json``; its parts ``trade.<part>.json`` are
    read too, unless *parts* is false. Used for the bundled data, which the test suite
    validates as a whole. Raises :class:`DataError` if the file does not load.
    *max_file_bytes* is the size cap (:data:`MAX_FILE_BYTES` by default).
    """
    problems = _Problems()
    cls, key = _file_type(name)
    records: list[tuple[str, Any]] = []
    with _Reader.open(directory, where, max_file_bytes) as reader:
        for part in parts_of(reader.names(), name) if parts else [name]:
            required = part in _REQUIRED
            raw = _read_records(reader, part, problems, required=required, key=key)
            records += _structure_all(part, raw or [], cls, key, problems)
    if problems:
        raise DataError(
            [
                p if p.file == _MORE else attrs.evolve(p, file=f"{where}/{p.file}")
                for p in problems.listed()
            ]
        )
    return tuple(r for _, r in records)


# --------------------------------------------------------------------------------------------
# Problems
# --------------------------------------------------------------------------------------------

#: The most problems one DataError lists; the rest are counted in one final line.
MAX_PROBLEMS = 1000
_MORE = "\N{HORIZONTAL ELLIPSIS}"


class _Problems(list[DataProblem]):
    """A problem list that keeps the first :data:`MAX_PROBLEMS` and counts the rest."""

    def __init__(self) -> None:
        super().__init__()
        self.more = 0
        self.stopped = False

    def append(self, problem: DataProblem, /) -> None:
        if len(self) < MAX_PROBLEMS:
            super().append(problem)
        else:
            self.more += 1

    @property
    def full(self) -> bool:
        """Whether no more problems are listed: costly checks may stop."""
        return len(self) >= MAX_PROBLEMS

    def listed(self) -> list[DataProblem]:
        """The problems kept, then one line saying how many more were found."""
        if not (self.more or self.stopped):
            return list(self)
        message = f"and {self.more} more problems"
        if self.stopped:
            message += f" found after the first {MAX_PROBLEMS}; checking stopped there"
        return [*self, DataProblem(_MORE, None, None, message)]


#: The most places above a place (city, subdivision, country ... ): deeper chains are refused,
#: so that checking and indexing them stays linear in the number of places.
MAX_PLACE_DEPTH = 16

#: The file that lists each part of a table and the place codes in it (see read_manifest).
MANIFEST = "parts.json"


def read_manifest(
    directory: Traversable, *, where: str
) -> dict[str, list[tuple[str, dict[str, frozenset[str]]]]]:
    """Each table's parts, from ``parts.json``: ``{table file: [(part file, codes)]}``.

    ``codes`` maps each place field of the part's records to the codes they name, so that a
    query can skip a part that cannot hold a match. A directory without the file has no
    listed parts. Raises :class:`DataError` if the file is malformed.
    """
    problems = _Problems()
    with _Reader.open(directory, where, None) as reader:
        raw = _read_records(reader, MANIFEST, problems, required=False, key="file")
    listed: dict[str, list[tuple[str, dict[str, frozenset[str]]]]] = {}
    for index, entry in enumerate(raw or []):
        try:
            part, table, places = entry["file"], entry["table"], entry["places"]
            codes = {str(field): frozenset(map(str, values)) for field, values in places.items()}
            if not (isinstance(part, str) and isinstance(table, str)):
                raise TypeError  # noqa: TRY301 -- one message for every malformed entry
        except (KeyError, TypeError, AttributeError):
            msg = 'expected {"file": ..., "table": ..., "places": {field: [codes]}}'
            problems.append(DataProblem(MANIFEST, f"records[{index}]", None, msg))
            continue
        listed.setdefault(table, []).append((part, codes))
    if problems:
        raise DataError([attrs.evolve(p, file=f"{where}/{p.file}") for p in problems.listed()])
    return listed


def parts_of(names: Iterable[str], name: str) -> list[str]:
    """*name* (``trade.json``) and each part of it (``trade.<part>.json``) among *names*.

    *name* comes first whether it exists or not (a missing file is a problem only where it is
    required); the parts follow in sorted order.

    >>> parts_of(["trade.census.json", "trade.json", "sources.json"], "trade.json")
    ['trade.json', 'trade.census.json']
    """
    table = name.removesuffix(".json")
    found = sorted(
        n for n in names if (m := _PART.fullmatch(n)) is not None and m.group(1) == table
    )
    return [name, *found]


def _os_problem(exc: OSError) -> str:
    return f"cannot be read: {exc.strerror or type(exc).__name__}"


def _check_cap(max_file_bytes: object) -> int:
    if max_file_bytes is None:
        return MAX_FILE_BYTES
    if type(max_file_bytes) is not int or max_file_bytes < 1:
        from vnus.errors import InvalidQueryError  # noqa: PLC0415

        shown = repr(max_file_bytes)[:60]
        msg = (
            f"max_file_bytes must be a positive int, got {shown} ({type(max_file_bytes).__name__})"
        )
        raise InvalidQueryError(msg)
    return max_file_bytes


# --------------------------------------------------------------------------------------------
# Reading files: opened first, then checked, never through a link out of the directory
# --------------------------------------------------------------------------------------------

#: What a file that is not a regular file inside the data directory is called in messages.
NOT_REGULAR = "is not a regular file inside the data directory"
_MAX_LINKS = 40
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FILE_FLAGS = (
    os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
) | getattr(os, "O_BINARY", 0)
_DIR_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_DIR_FD = {os.open, os.stat, os.readlink} <= os.supports_dir_fd and bool(_NOFOLLOW)


class _Absent(Exception):  # noqa: N818 -- a signal, never seen by users
    """The name does not exist: for an optional file, no records."""


class _Refused(Exception):  # noqa: N818 -- becomes a DataProblem
    """The name exists but is not a regular file inside the directory, or is too big."""

    def __init__(self, detail: str, *, regular: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.regular = regular  # a regular file that cannot be used (its size)


def _kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISLNK, "a link"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


_OUTSIDE = "it is a link to a file outside the data directory"
_DANGLING = "it is a link to a missing file"
_LOOP = "it is a loop of links"
_NOT_A_DIRECTORY = "is not a directory"


def _refuse_mode(mode: int) -> None:
    if not stat.S_ISREG(mode):
        msg = f"it is {_kind(mode)}"
        raise _Refused(msg)


class _Reader:
    """Reads files by relative name beneath one data directory, at most the size cap each.

    On a platform with ``dir_fd`` support the directory is opened once, and every name is
    resolved one component at a time relative to an open directory descriptor, each opened
    with ``O_NOFOLLOW``: links are followed by the reader itself and only while they stay
    beneath the directory, so no component can be swapped for a link out between a check and
    the read. The opened descriptor is then checked (``fstat``): a regular file no bigger
    than the cap. A FIFO or device is never opened (and ``O_NONBLOCK`` keeps one swapped in
    from blocking). Other platforms check the resolved path, then check the descriptor.
    Traversables that are not paths (a zip install) are read with the cap.
    """

    def __init__(self, directory: Traversable, root: str | None, cap: int) -> None:
        self.directory = directory
        self.root = root
        self.cap = cap
        self._fd: int | None = None
        self._real_roots: tuple[str, ...] | None = None

    @classmethod
    def open(cls, directory: object, where: str, max_file_bytes: object = None) -> _Reader:
        """Open *directory* for reading; raise :class:`DataError` if it is not one."""
        cap = _check_cap(max_file_bytes)
        if not isinstance(directory, str | os.PathLike):
            reader = cls(directory, None, cap)  # type: ignore[arg-type]  # a Traversable
            reader._check_traversable(where)
            return reader
        root = os.fspath(directory)
        if not isinstance(root, str) or not root:
            what = "path must not be empty" if not root else "path must be text, not bytes"
            raise DataError([DataProblem(where, None, None, what)])
        reader = cls(_Folder(root), root, cap)  # type: ignore[arg-type]  # enough of one
        if not _DIR_FD:
            reader._check_traversable(where)
            return reader
        try:
            reader._fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except (NotADirectoryError, FileNotFoundError, ValueError):
            raise DataError([DataProblem(where, None, None, _NOT_A_DIRECTORY)]) from None
        except OSError as exc:
            raise DataError([DataProblem(where, None, None, _os_problem(exc))]) from None
        return reader

    def _check_traversable(self, where: str) -> None:
        try:
            is_dir = self.directory.is_dir()
        except OSError as exc:
            raise DataError([DataProblem(where, None, None, _os_problem(exc))]) from None
        except ValueError:
            is_dir = False
        if not is_dir:
            raise DataError([DataProblem(where, None, None, _NOT_A_DIRECTORY)])

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def read(self, name: str) -> bytes:
        """Return the bytes of *name* (``/``-separated, relative to the directory).

        Raises :class:`_Absent` if nothing has that name, :class:`_Refused` if it is not a
        regular file inside the directory or is over the cap, :class:`OSError` otherwise.
        """
        parts = name.split("/")
        if self._fd is not None:
            fd = _Walk(self, self._fd, parts).open()
        elif self.root is not None:
            fd = self._open_checked(os.path.join(self.root, *parts))
        else:
            return self._read_traversable(parts)
        try:
            return self._read_fd(fd)
        finally:
            os.close(fd)

    def names(self) -> list[str]:
        """The names in the directory itself (not below it); empty if it cannot be listed."""
        try:
            if self._fd is not None:
                return os.listdir(self._fd)
            if self.root is not None:
                return os.listdir(self.root)
            return [entry.name for entry in self.directory.iterdir()]
        except OSError:
            return []

    def inside(self, target: str) -> str | None:
        """*target*, an absolute link target, relative to the directory; None if outside."""
        if self._real_roots is None:
            assert self.root is not None  # noqa: S101 -- only path readers follow links
            self._real_roots = (os.path.realpath(self.root), os.path.abspath(self.root))
        target = os.path.normpath(target)
        for root in self._real_roots:
            if os.path.commonpath([target, root]) == root:
                return os.path.relpath(target, root)
        return None

    def _open_checked(self, path: str) -> int:
        """Without dir_fd: check the resolved path, open it, then check what was opened."""
        try:
            info = os.stat(path)
        except FileNotFoundError:
            if os.path.islink(path):
                raise _Refused(_DANGLING) from None
            raise _Absent from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise _Refused(_LOOP) from None
            raise
        assert self.root is not None  # noqa: S101 -- only path readers come here
        real, real_root = os.path.realpath(path), os.path.realpath(self.root)
        if os.path.commonpath([real, real_root]) != real_root:
            raise _Refused(_OUTSIDE)
        _refuse_mode(info.st_mode)
        return os.open(real, _FILE_FLAGS)

    def _read_fd(self, fd: int) -> bytes:
        info = os.fstat(fd)
        _refuse_mode(info.st_mode)
        cap = self.cap
        if info.st_size > cap:
            msg = f"is {info.st_size} bytes; the limit is {cap}"
            raise _Refused(msg, regular=True)
        chunks = []
        total = 0
        want = info.st_size + 1  # one more than expected: a file that grew is noticed
        while total <= cap:
            chunk = os.read(fd, min(cap + 1 - total, max(want - total, 1 << 16)))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > cap:
            msg = f"is more than {cap} bytes (it grew while being read); the limit is {cap}"
            raise _Refused(msg, regular=True)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def _read_traversable(self, parts: list[str]) -> bytes:
        entry = self.directory
        for part in parts:
            entry = entry / part
        if not entry.is_file():
            if entry.is_dir():
                raise _Refused("it is a directory")  # noqa: EM101 -- a fixed detail
            raise _Absent
        with entry.open("rb") as handle:
            data = handle.read(self.cap + 1)
        if len(data) > self.cap:
            msg = f"is more than {self.cap} bytes; the limit is {self.cap}"
            raise _Refused(msg, regular=True)
        return bytes(data)


class _Walk:
    """One name resolved beneath the directory descriptor, a component at a time."""

    def __init__(self, reader: _Reader, root: int, parts: list[str]) -> None:
        self.reader = reader
        self.root = root
        self.pending = parts[::-1]
        self.opened: list[int] = []  # directories entered below the root, innermost last
        self.links = 0

    def open(self) -> int:
        try:
            while self.pending:
                fd = self._step(self.pending.pop())
                if fd is not None:
                    return fd
            raise _Refused("it is a directory")  # noqa: EM101 -- a fixed detail
        finally:
            for fd in self.opened:
                os.close(fd)

    def _follow(self) -> None:
        self.links += 1
        if self.links > _MAX_LINKS:
            raise _Refused(_LOOP)

    def _step(self, part: str) -> int | None:  # noqa: C901, PLR0912 -- one branch per kind
        parent = self.opened[-1] if self.opened else self.root
        if part in ("", "."):
            return None
        if part == "..":
            if not self.opened:
                raise _Refused(_OUTSIDE)
            os.close(self.opened.pop())
            return None
        try:
            info = os.stat(part, dir_fd=parent, follow_symlinks=False)
        except FileNotFoundError:
            if self.links:
                raise _Refused(_DANGLING) from None
            raise _Absent from None
        if stat.S_ISLNK(info.st_mode):
            self._follow()
            target = os.readlink(part, dir_fd=parent)
            if os.path.isabs(target):
                inside = self.reader.inside(target)
                if inside is None:
                    raise _Refused(_OUTSIDE)
                while self.opened:
                    os.close(self.opened.pop())
                target = inside
            self.pending.extend(target.split(os.sep)[::-1])
            return None
        last = not self.pending
        if last:
            _refuse_mode(info.st_mode)
        elif not stat.S_ISDIR(info.st_mode):
            msg = f"{part!r} on its path is {_kind(info.st_mode)}, not a directory"
            raise _Refused(msg)
        try:
            fd = os.open(part, _FILE_FLAGS if last else _DIR_FLAGS, dir_fd=parent)
        except OSError as exc:
            if exc.errno not in (errno.ELOOP, errno.EMLINK, errno.ENOTDIR):
                raise
            self._follow()  # swapped for a link since the check: look again
            self.pending.append(part)
            return None
        if last:
            return fd
        self.opened.append(fd)
        return None


def _read_bytes(
    reader: _Reader, name: str, problems: list[DataProblem], *, required: bool
) -> bytes | _AbsentType | None:
    """The bytes of *name*; ``None`` after noting a problem; ABSENT if it does not exist."""
    try:
        return reader.read(name)
    except _Absent:
        if required:
            problems.append(DataProblem(name, None, None, "is missing"))
            return None
        return ABSENT
    except _Refused as exc:
        msg = exc.detail if exc.regular else f"{NOT_REGULAR}: {exc.detail}"
        problems.append(DataProblem(name, None, None, msg))
    except OSError as exc:
        problems.append(DataProblem(name, None, None, _os_problem(exc)))
    except ValueError:  # a NUL in the name: the names read are fixed or checked, so defensive
        problems.append(DataProblem(name, None, None, "cannot be read: invalid name"))
    return None


class _AbsentType:
    __slots__ = ()


#: What :func:`_read_bytes` returns for a name that does not exist.
ABSENT = _AbsentType()


# --------------------------------------------------------------------------------------------
# Parsing: nesting depth, duplicate keys and lone surrogates are refused
# --------------------------------------------------------------------------------------------

#: The deepest nesting of arrays and objects accepted (the bundled format nests less than 10).
MAX_DEPTH = 64
_KEEP = b'[]{}"'
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in _KEEP)
_STRING = rb'"[^"]*"'


def _too_deep(data: bytes) -> bool:
    r"""Whether the JSON text *data* nests arrays and objects more than MAX_DEPTH deep.

    A linear pre-scan, so that the decoder (which recurses) never sees deep input: escapes
    are dropped, then everything but brackets and quotes, then every string; what is left
    are the brackets outside strings. Removing each innermost pair once per pass takes as
    many passes as the nesting is deep; brackets never closed count as depth too. (UTF-8
    never uses the bytes of ``"``, ``\\``, brackets or braces inside a multibyte character.)
    """
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    brackets = data.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    if b'"' in brackets:
        brackets = re.sub(_STRING, b"", brackets)
        brackets = brackets.split(b'"', 1)[0]  # an unterminated string ends the text
    brackets = brackets.replace(b"{", b"[").replace(b"}", b"]")
    for _ in range(MAX_DEPTH):
        if b"[]" not in brackets:
            break
        brackets = brackets.replace(b"[]", b"")
    else:
        if b"[]" in brackets:
            return True
    return brackets.count(b"[") > MAX_DEPTH


class _DuplicateKeyError(ValueError):
    pass


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKeyError
    return result


class _Duplicated(dict[str, Any]):
    """An object whose text repeats keys (only built to report them)."""

    duplicates: list[str]


def _noting_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    noted = _Duplicated(result)
    seen: set[str] = set()
    noted.duplicates = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
    return noted


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_object)
_NOTING_DECODER = json.JSONDecoder(object_pairs_hook=_noting_object)


def _is_text(value: str) -> bool:
    r"""Whether *value* holds no lone surrogate (which JSON's ``\\ud800`` escapes allow)."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _path_key(key: str) -> str:
    return key if key.isidentifier() and key.isascii() else repr(key)


def _findings(
    value: Any, path: str, check: Callable[[Any], list[str]]
) -> Iterator[tuple[str, str]]:
    """Yield ``(path, message)`` for *value* and everything inside it (depth is bounded)."""
    for message in check(value):
        yield path, message
    if isinstance(value, dict):
        for key, item in value.items():
            sub = _path_key(key) if isinstance(key, str) and _is_text(key) else "?"
            yield from _findings(item, f"{path}.{sub}" if path else sub, check)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _findings(item, f"{path}[{index}]", check)


def _report(
    document: Any,
    name: str,
    key: str | None,
    check: Callable[[Any], list[str]],
    problems: list[DataProblem],
) -> None:
    """Note a problem for every finding of *check*, naming the record where there is one."""
    records = document.get("records") if isinstance(document, dict) else None
    if isinstance(document, dict):
        problems.extend(DataProblem(name, None, None, message) for message in check(document))
        for top, value in document.items():
            if value is records and isinstance(records, list):
                continue
            for path, message in _findings(value, _path_key(top) if _is_text(top) else "?", check):
                problems.append(DataProblem(name, None, path, message))
    else:
        for path, message in _findings(document, "", check):
            problems.append(DataProblem(name, None, path or None, message))
    if isinstance(records, list):
        for index, raw in enumerate(records):
            label = _label(index, raw, key) if key else f"records[{index}]"
            for path, message in _findings(raw, "", check):
                problems.append(DataProblem(name, label, path or None, message))


def _duplicate_keys(value: Any) -> list[str]:
    if isinstance(value, _Duplicated):
        return [f"duplicate key {k!r}; each key may appear once" for k in value.duplicates]
    return []


def _surrogates(value: Any) -> list[str]:
    if isinstance(value, str) and not _is_text(value):
        return [f"holds a lone surrogate, which is not text: {value[:80]!r}"]
    if isinstance(value, dict):
        return [
            f"key {k!r} holds a lone surrogate, which is not text"
            for k in value
            if isinstance(k, str) and not _is_text(k)
        ]
    return []


_FAILED = _AbsentType()


def _parse(  # noqa: PLR0911 -- one return per way a file can be wrong
    data: bytes, name: str, key: str | None, problems: list[DataProblem]
) -> Any:
    """Decode and parse *data*; ``_FAILED`` after noting a problem."""
    if _too_deep(data):
        msg = f"nests too deeply to be the bundled format (more than {MAX_DEPTH} levels)"
        problems.append(DataProblem(name, None, None, msg))
        return _FAILED
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(DataProblem(name, None, None, f"is not valid UTF-8 (byte {exc.start})"))
        return _FAILED
    try:
        document = _DECODER.decode(text)
    except _DuplicateKeyError:
        _report(_NOTING_DECODER.decode(text), name, key, _duplicate_keys, problems)
        return _FAILED
    except RecursionError:  # pragma: no cover -- the pre-scan bounds the depth
        msg = "nests too deeply to be the bundled format"
        problems.append(DataProblem(name, None, None, msg))
        return _FAILED
    except ValueError as exc:
        problems.append(DataProblem(name, None, None, f"is not valid JSON: {exc}"))
        return _FAILED
    # A lone surrogate can only come from a \uD800-\uDFFF escape: look only then.
    if b"\\" in data and (b"\\ud" in data or b"\\uD" in data):
        count = len(problems) + getattr(problems, "more", 0)
        _report(document, name, key, _surrogates, problems)
        if len(problems) + getattr(problems, "more", 0) != count:
            return _FAILED
    return document


def _read_records(  # noqa: PLR0911 -- one early return per way a file can be wrong
    reader: _Reader,
    name: str,
    problems: list[DataProblem],
    *,
    required: bool,
    key: str | None,
) -> list[Any] | None:
    """Return the raw ``records`` list of one file.

    That is ``[]`` if an optional file does not exist, ``None`` after noting a problem.
    """
    data = _read_bytes(reader, name, problems, required=required)
    if data is None:
        return None
    if isinstance(data, _AbsentType):
        return []
    document = _parse(data, name, key, problems)
    del data
    if document is _FAILED:
        return None
    if not isinstance(document, dict) or set(document) != {"format", "records"}:
        msg = 'expected an object with exactly the keys "format" and "records"'
        problems.append(DataProblem(name, None, None, msg))
        return None
    if document["format"] != FORMAT or type(document["format"]) is not int:
        msg = f"format must be {FORMAT}, got {_short(document['format'])}"
        problems.append(DataProblem(name, None, "format", msg))
        return None
    records = document["records"]
    if not isinstance(records, list):
        msg = f"records must be an array, got {type(records).__name__}"
        problems.append(DataProblem(name, None, "records", msg))
        return None
    return records


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."  # noqa: PLR2004


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
    from vnus._fast import Rejected, forget, structurer  # noqa: PLC0415

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
    finally:
        forget()  # what the structurer shared is held by the records built
    return list(_structure_slowly(name, raw_records, cls, key, problems))


def _structure_slowly(
    name: str, raw_records: list[Any], cls: type[T], key: str, problems: list[DataProblem]
) -> Iterator[tuple[str, T]]:
    from vnus._convert import error_lines, structure  # noqa: PLC0415 -- cattrs only on errors

    fields = {f.name for f in attrs.fields(cls)}  # type: ignore[arg-type]  # attrs classes
    for index, raw in enumerate(raw_records):
        if not isinstance(raw, dict):
            msg = f"expected an object, got {type(raw).__name__}"
            problems.append(DataProblem(name, _label(index, raw, key), None, msg))
            continue
        if isinstance(problems, _Problems) and problems.full:
            problems.stopped = True  # the costly check of each record stops at the cap
            continue
        label = _label(index, raw, key)
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
    (The collector is left as it was found: freezing the heap after a load would spare its
    next full collection, but would exempt every object of the caller's process too.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Loaded:
    """What one file gave: its records, and what is known about those that failed.

    (A plain class: an attrs class here would cost every first query more than it saves.)
    """

    __slots__ = ("failed", "items", "unchecked")

    def __init__(
        self,
        items: list[tuple[str, Any]],
        *,
        failed: bool = False,
        unchecked: set[str] | None = None,
    ) -> None:
        self.items = items
        self.failed = failed  # the file as a whole did not load
        #: Keys of records that did not structure.
        self.unchecked: set[str] = set() if unchecked is None else unchecked


def read_directory(
    directory: Traversable | str | os.PathLike[str],
    *,
    where: str,
    max_file_bytes: int | None = None,
    base: RawData | None = None,
) -> RawData:
    """Read, structure and cross-check every file of a data directory.

    *where* names the directory in messages; *max_file_bytes* caps the size of each file
    read (:data:`MAX_FILE_BYTES` by default). Raises :class:`DataError` listing every problem
    (at most :data:`MAX_PROBLEMS`, then how many more). Each file is structured as soon as it
    is parsed, so only one file's raw JSON is held.

    With *base* (checked data, such as the bundled data), the directory adds to it: its
    records may name what *base* holds, no key may be one *base* uses (see
    :mod:`vnus._extend`), no reference file is required, and the result holds both.
    """
    problems = _Problems()
    with _Reader.open(directory, where, max_file_bytes) as reader:

        def load(name: str, cls: type[T], key: str, *, required: bool) -> _Loaded:
            raw = _read_records(reader, name, problems, required=required, key=key)
            if raw is None:
                return _Loaded([], failed=True)
            items = _structure_all(name, raw, cls, key, problems)
            loaded = _Loaded(items)
            if len(items) != len(raw):
                done = {label for label, _ in items}
                loaded.unchecked = {
                    raw_record[key]
                    for index, raw_record in enumerate(raw)
                    if isinstance(raw_record, dict)
                    and isinstance(raw_record.get(key), str)
                    and _label(index, raw_record, key) not in done
                }
            return loaded

        names = reader.names()

        def load_table(name: str, cls: type[T], key: str, *, required: bool) -> _Loaded:
            """Every part of one reference table, as one; labels name the part they are in."""
            whole = _Loaded([])
            for part in parts_of(names, name):
                loaded = load(part, cls, key, required=required and part == name)
                prefix = "" if part == name else f"{part}: "
                whole.items += [(prefix + label, value) for label, value in loaded.items]
                whole.failed = whole.failed or loaded.failed
                whole.unchecked |= loaded.unchecked
            return whole

        with gc_paused():
            alone = base is None  # beside a base, the directory needs no reference file
            sources = load_table("sources.json", _types.Source, "id", required=alone)
            places = load("places.json", Place, "code", required=alone)
            sectors = load("sectors.json", _types.Sector, "slug", required=alone)
            officials = load_table("officials.json", _types.Official, "id", required=False)
            records: list[tuple[str, str, Record]] = []
            for cls in record_types():
                for part in parts_of(names, spec(cls).file):
                    loaded = load(part, cls, "id", required=False)
                    records.extend((part, label, value) for label, value in loaded.items)
            seeds = _read_seeds(reader, sources.items, problems)
            files = _read_files(reader, sources.items, problems)
            if base is not None:
                from vnus import _extend  # noqa: PLC0415 -- only beside a base

                records = _extend.check_clashes(
                    base, sources, places, sectors, officials, records, problems
                )
                sources = _extend.joined(base.sources, sources)
                places = _extend.joined(base.places, places)
                sectors = _extend.joined(base.sectors, sectors)
                officials = _extend.joined(base.officials, officials)
                seeds = {**base.seeds, **seeds}
                files = {**base.files, **files}
            _check_references(
                sources, places, sectors, records, seeds, problems, files=files, officials=officials
            )
    if problems:
        raise DataError(problems.listed())
    return RawData(
        sources=tuple(s for _, s in sources.items),
        places=tuple(p for _, p in places.items),
        sectors=tuple(s for _, s in sectors.items),
        records=(base.records if base is not None else ()) + tuple(r for _, _, r in records),
        seeds=seeds,
        officials=tuple(o for _, o in officials.items),
        files=files,
    )


def _read_files(
    reader: _Reader, sources: list[tuple[str, Source]], problems: list[DataProblem]
) -> dict[str, dict[str, str]]:
    """For each official source, the text of each part of its file that a locator can name.

    The file is ``sources/<file>`` in the data directory; its SHA-256 must be the source's.
    """
    import hashlib  # noqa: PLC0415 -- official sources only (OpenSSL costs a first query)

    from vnus._official import LocateError, locate  # noqa: PLC0415 -- official sources only

    files: dict[str, dict[str, str]] = {}
    for label, source in sources:
        if source.file is None:
            continue
        if not re.fullmatch(_SOURCE_FILE, source.file) or ".." in source.file.split("/"):
            msg = f"must be a relative path of plain names inside sources/, got {source.file!r}"
            problems.append(DataProblem("sources.json", label, "file", msg))
            continue
        name = f"sources/{source.file}"
        try:
            data = reader.read(name)
        except _Absent:
            msg = f"names {name}, which does not exist"
            problems.append(DataProblem("sources.json", label, "file", msg))
            continue
        except _Refused as exc:
            problems.append(DataProblem(name, None, None, exc.detail))
            continue
        except OSError as exc:
            problems.append(DataProblem(name, None, None, _os_problem(exc)))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != source.sha256:
            msg = f"{name} has SHA-256 {digest}, not the source's {source.sha256}"
            problems.append(DataProblem("sources.json", label, "sha256", msg))
            continue
        try:
            files[source.id] = locate(data, source.format or "")
        except (LocateError, UnicodeDecodeError) as exc:
            problems.append(DataProblem(name, None, None, str(exc)))
    return files


def seed_name_problem(seed: str) -> str | None:
    """Why *seed* cannot name a file in ``seeds/``, or ``None`` if it can."""
    if not re.fullmatch(_SEED_NAME, seed) or ".." in seed:
        return f"must be a plain file name ending in .txt inside seeds/, got {seed!r}"
    return None


def _read_seeds(  # noqa: C901, PLR0912 -- one branch per way a seed can be wrong
    reader: _Reader, sources: list[tuple[str, Source]], problems: list[DataProblem]
) -> dict[str, str]:
    """The text of each source's seed by source id; each seed file is read once."""
    seeds: dict[str, str] = {}
    read: dict[str, str | None] = {}  # seed name -> its text, or None if it did not load
    refused: dict[str, str] = {}  # seed name -> why it cannot be read, said per source
    for label, source in sources:
        name = source.seed
        if name is None:
            continue
        why = seed_name_problem(name)
        if why is not None:
            problems.append(DataProblem("sources.json", label, "seed", why))
            continue
        if name not in read and name not in refused:
            try:
                data = reader.read(f"seeds/{name}")
            except _Absent:
                refused[name] = f"names seeds/{name}, which does not exist"
            except _Refused as exc:
                if exc.regular:
                    problems.append(DataProblem(f"seeds/{name}", None, None, exc.detail))
                    read[name] = None
                else:
                    refused[name] = f"names seeds/{name}, which {NOT_REGULAR}: {exc.detail}"
            except (OSError, ValueError) as exc:
                why = _os_problem(exc) if isinstance(exc, OSError) else "cannot be read"
                problems.append(DataProblem(f"seeds/{name}", None, None, why))
                read[name] = None
            else:
                try:
                    read[name] = data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    msg = f"is not valid UTF-8 (byte {exc.start})"
                    problems.append(DataProblem(f"seeds/{name}", None, None, msg))
                    read[name] = None
                del data
        if name in refused:
            problems.append(DataProblem("sources.json", label, "seed", refused[name]))
            continue
        text = read[name]
        if text is not None:
            seeds[source.id] = text
    return seeds


# --------------------------------------------------------------------------------------------
# Finding many quotes in one text without a scan per quote
# --------------------------------------------------------------------------------------------

#: Above this many characters scanned (quotes times text length), quotes are found through
#: an index of the quotes instead of one scan of the text each.
_SCAN_BUDGET = 1 << 26
#: (anchor length, stride): quotes of at least anchor + stride - 1 characters are indexed.
_TIERS = ((16, 16), (8, 8))


def find_quotes(text: str, quotes: Iterable[str], *, every: bool = False) -> dict[str, list[int]]:
    """Where each of *quotes* stands in *text*: the first start, or with *every* all starts.

    A quote that does not stand in *text* is left out. Few quotes in a short text are found
    with :meth:`str.find`. Otherwise the long quotes are indexed by their substrings of an
    anchor length at each offset below a stride, and the text is looked up once every stride
    characters: every occurrence of a quote covers exactly one such position, where the
    text of each length indexed under that anchor is looked up in a set of the quotes. So the
    text is read once for all quotes, not once per quote.
    """
    pending = set(quotes)
    found: dict[str, list[int]] = {}
    if len(pending) * len(text) > _SCAN_BUDGET:
        for anchor, stride in _TIERS:
            tier = {q for q in pending if len(q) >= anchor + stride - 1}
            if tier:
                _find_indexed(text, tier, anchor, stride, found, every=every)
                pending -= tier
    for quote in pending:
        start = text.find(quote)
        if start != -1:
            starts = found[quote] = [start]
            while every and (start := text.find(quote, start + 1)) != -1:
                starts.append(start)
    return found


def _find_indexed(
    text: str,
    quotes: set[str],
    anchor: int,
    stride: int,
    found: dict[str, list[int]],
    *,
    every: bool,
) -> None:
    # anchor text -> the (offset of the anchor in a quote, length of that quote) it stands for
    index: dict[str, set[tuple[int, int]]] = {}
    for quote in quotes:
        for offset in range(stride):
            index.setdefault(quote[offset : offset + anchor], set()).add((offset, len(quote)))
    hits = [i for i in range(0, len(text) - anchor + 1, stride) if text[i : i + anchor] in index]
    for position in hits:
        for offset, length in index[text[position : position + anchor]]:
            start = position - offset
            if start < 0:
                continue
            candidate = text[start : start + length]
            if candidate in quotes:
                starts = found.setdefault(candidate, [])
                if every or not starts:
                    starts.append(start)


def _duplicates(
    items: list[tuple[str, str, str]], what: str, problems: list[DataProblem]
) -> set[str]:
    """Report every repeated key; *items* are (file, label, key)."""
    keys = {key for _, _, key in items}
    if len(keys) == len(items):  # the common case: nothing to report
        return keys
    seen: dict[str, tuple[str, str]] = {}
    for file, label, key in items:
        if key in seen:
            first_file, first_label = seen[key]
            msg = f"duplicate {what} {key!r}, first used by {first_file}: {first_label}"
            problems.append(DataProblem(file, label, what, msg))
        else:
            seen[key] = (file, label)
    return set(seen)


def _check_references(  # noqa: C901, PLR0912, PLR0915, PLR0917 -- one pass over every reference
    sources_loaded: _Loaded,
    places_loaded: _Loaded,
    sectors_loaded: _Loaded,
    records: list[tuple[str, str, Record]],
    seeds: dict[str, str],
    problems: list[DataProblem],
    *,
    files: dict[str, dict[str, str]],
    officials: _Loaded,
) -> None:
    """Check every reference between files.

    A reference into a file that did not load is not checked (its problem is reported
    already, and every reference into it would only repeat that); a reference to a record
    that is there but did not structure counts as known.
    """
    from vnus._iso3166 import COUNTRIES, country_code  # noqa: PLC0415 -- a full load only
    from vnus._spec import direct_refs  # noqa: PLC0415 -- beside the other checks' helpers

    sources, places, sectors = sources_loaded.items, places_loaded.items, sectors_loaded.items
    source_ids = _duplicates([("sources.json", lbl, s.id) for lbl, s in sources], "id", problems)
    codes = _duplicates([("places.json", lbl, p.code) for lbl, p in places], "code", problems)
    slugs = _duplicates([("sectors.json", lbl, s.slug) for lbl, s in sectors], "slug", problems)
    _duplicates([(f, lbl, r.id) for f, lbl, r in records], "id", problems)
    codes |= places_loaded.unchecked
    slugs |= sectors_loaded.unchecked
    source_ids |= sources_loaded.unchecked
    official_ids = _duplicates(
        [("officials.json", lbl, o.id) for lbl, o in officials.items], "id", problems
    )
    official_ids |= officials.unchecked
    published = {s.id: s.published_on for _, s in sources}
    located = {s.id for _, s in sources if s.file is not None}
    found = _found_quotes(sources, records, seeds)

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
            if len(seen) > MAX_PLACE_DEPTH:
                msg = (
                    f"parent chain of {place.code!r} is longer than {MAX_PLACE_DEPTH} places; "
                    "expected a country within a few steps"
                )
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
            country = country_code(text) if text.isupper() else None
            own = {place.code, COUNTRIES.get(place.code, (None,))[0]}
            if country is not None and text not in own:
                msg = (
                    f"{text!r} is the ISO 3166-1 code of {country}; an abbreviation must not "
                    "name another place"
                )
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
    _check_sector_links(sectors, slugs, problems)

    # Each kind of reference a record type declares, and the keys it must be one of. A reference
    # into a file that did not load is not checked: that file's own problem is reported.
    kinds = [
        (place_refs, places_loaded, codes, "place", "a code from places.json"),
        (sector_refs, sectors_loaded, slugs, "sector", "a slug from sectors.json"),
        (source_refs, sources_loaded, source_ids, "source", "an id from sources.json"),
        (official_refs, officials, official_ids, "official", "an id from officials.json"),
    ]
    # Per record type, each kind checked: the fields that hold all its references, or None
    # where they must be walked for (see direct_refs).
    plans: dict[type, list[tuple[tuple[str, ...] | None, Any, set[str], str, str]]] = {}
    for file, label, record in records:
        plan = plans.get(type(record))
        if plan is None:
            plan = plans[type(record)] = [
                (direct_refs(type(record), what), refs, known, what, expected)
                for refs, loaded, known, what, expected in kinds
                if not loaded.failed
            ]
        for fields, refs, known, what, expected in plan:
            if fields is None:
                pairs = list(refs(record))
            else:
                pairs = []
                for name in fields:
                    value = getattr(record, name)
                    if isinstance(value, tuple):
                        pairs += [(name, key) for key in value if key not in known]
                    elif value is not None and value not in known:
                        pairs.append((name, value))
            for field, key in pairs:
                if key not in known:
                    msg = f"names unknown {what} {key!r}; expected {expected}"
                    problems.append(DataProblem(file, label, field, msg))
        for index, evidence in enumerate(record.evidence):
            if sources_loaded.failed:
                break
            if evidence.source not in source_ids:
                msg = f"names unknown source {evidence.source!r}"
                problems.append(DataProblem(file, label, f"evidence[{index}].source", msg))
                continue
            if (evidence.source in located) != (evidence.locator is not None):
                msg = (
                    "needs a locator: the source is an official file"
                    if evidence.locator is None
                    else "must have no locator: the source is an article"
                )
                problems.append(DataProblem(file, label, f"evidence[{index}].locator", msg))
                continue
            if evidence.locator is not None:
                _check_located(file, label, index, evidence, files, problems)
                continue
            quotes = found.get(evidence.source)
            if quotes is not None and evidence.quote not in quotes:
                msg = f"quote is not verbatim in the source's seed: {evidence.quote[:80]!r}"
                problems.append(DataProblem(file, label, f"evidence[{index}].quote", msg))
        _check_dates(file, label, record, published, problems)


def _check_sector_links(
    sectors: list[tuple[str, Sector]], slugs: set[str], problems: list[DataProblem]
) -> None:
    """The sector hierarchy: known slugs, ``narrower`` the inverse of ``broader``, no loop."""
    by_slug = {s.slug: s for _, s in sectors}
    for label, sector in sectors:
        for field, inverse in (("broader", "narrower"), ("narrower", "broader")):
            for index, other in enumerate(getattr(sector, field)):
                if other not in slugs:
                    msg = f"names unknown sector {other!r}; expected a slug from sectors.json"
                    problems.append(DataProblem("sectors.json", label, f"{field}[{index}]", msg))
                    continue
                found = by_slug.get(other)
                if found is not None and sector.slug not in getattr(found, inverse):
                    msg = (
                        f"names {other!r}, whose {inverse} does not name {sector.slug!r}; "
                        f"each of broader and narrower must be the inverse of the other"
                    )
                    problems.append(DataProblem("sectors.json", label, f"{field}[{index}]", msg))
    for label, sector in sectors:
        path = _broader_loop(sector.slug, by_slug)
        if path:
            msg = "broader chain loops: " + " -> ".join(path)
            problems.append(DataProblem("sectors.json", label, "broader", msg))


def _broader_loop(start: str, by_slug: Mapping[str, Sector]) -> list[str]:
    """A chain of broader links from *start* back to itself, or [] if there is none."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        slug, path = stack.pop()
        found = by_slug.get(slug)
        for parent in found.broader if found is not None else ():
            if parent == start:
                return [*path, parent]
            if parent not in seen:
                seen.add(parent)
                stack.append((parent, [*path, parent]))
    return []


def _check_located(  # noqa: PLR0917 -- the place of one piece of evidence, and the files
    file: str,
    label: str,
    index: int,
    evidence: Any,
    files: dict[str, dict[str, str]],
    problems: list[DataProblem],
) -> None:
    """A located quote stands verbatim in the part of the source file its locator names."""
    from vnus._official import part_of  # noqa: PLC0415 -- official sources only

    parts = files.get(evidence.source)
    if parts is None:  # the file did not load: its problem is reported already
        return
    text = part_of(parts, evidence.locator)
    if text is None:
        msg = f"locator {evidence.locator!r} names no part of the source's file"
        problems.append(DataProblem(file, label, f"evidence[{index}].locator", msg))
    elif evidence.quote not in text:
        msg = f"quote is not verbatim in {evidence.locator}: {evidence.quote[:80]!r}"
        problems.append(DataProblem(file, label, f"evidence[{index}].quote", msg))


def _found_quotes(
    sources: list[tuple[str, Source]],
    records: list[tuple[str, str, Record]],
    seeds: dict[str, str],
) -> dict[str, set[str]]:
    """For each source with a seed, which of the quotes citing it stand in that seed.

    The quotes are gathered per seed file, so each seed is searched once for all of them.
    """
    seed_of = {s.id: s.seed for _, s in sources if s.id in seeds and s.seed is not None}
    wanted: dict[str, set[str]] = {}
    for _, _, record in records:
        for evidence in record.evidence:
            seed = seed_of.get(evidence.source)
            if seed is not None:
                wanted.setdefault(seed, set()).add(evidence.quote)
    text_of = {seed_of[sid]: text for sid, text in seeds.items() if sid in seed_of}
    in_seed = {seed: set(find_quotes(text_of[seed], quotes)) for seed, quotes in wanted.items()}
    return {sid: in_seed.get(seed, set()) for sid, seed in seed_of.items()}


def _check_dates(
    file: str,
    label: str,
    record: Record,
    published: dict[str, Any],
    problems: list[DataProblem],
) -> None:
    """No event lies after the publication of the source that reports it, unless PLANNED."""
    description = spec(type(record))
    if not description.has_status or getattr(record, "status", None) is Status.PLANNED:
        return
    field = description.times[0]  # when the event began: a trip's start
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
