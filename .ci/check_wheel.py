"""Check a built wheel and sdist: contents, each file once, and the licence metadata.

Usage: ``check_wheel.py DIST...`` with the ``.whl`` and the ``.tar.gz`` that ``python -m build``
wrote. The five news articles are not MIT: the metadata must say so (a LicenseRef, with its
licence file shipped), and each article must be shipped exactly once in each archive.
"""

import hashlib
import sys
import tarfile
import zipfile
from email.parser import HeaderParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPECTED_LICENSE = (
    "MIT AND CC0-1.0 AND LicenseRef-US-Government-Work AND LicenseRef-Cited-News-Articles"
)
LICENSE_FILES = {
    "LICENSE",
    "LICENSES/LicenseRef-Cited-News-Articles.txt",
    "LICENSES/LicenseRef-US-Government-Work.txt",
}
#: Files whose identical bytes may stand at several paths: each pinned folder of the Office
#: of the Historian keeps its own copy of the same LICENSE.md, as its licence asks.
SAME_BYTES_ALLOWED = {"LICENSE.md"}


def seeds() -> dict[str, str]:
    """The repository's pinned articles: file name -> SHA-256."""
    lines = (ROOT / "seeds" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines if line)}


def check_once(kind: str, files: dict[str, bytes], problems: list[str]) -> None:
    """No name twice; no bytes twice (but the allowed licence copies); every article once."""
    by_digest: dict[str, list[str]] = {}
    for name, data in files.items():
        if not name.endswith("/"):
            by_digest.setdefault(hashlib.sha256(data).hexdigest(), []).append(name)
    problems += [
        f"{kind}: the same file is shipped {len(names)} times: {names}"
        for names in by_digest.values()
        if len(names) > 1 and not all(n.rsplit("/", 1)[-1] in SAME_BYTES_ALLOWED for n in names)
    ]
    for name, digest in seeds().items():
        holders = by_digest.get(digest, [])
        if len(holders) != 1:
            problems.append(f"{kind}: article {name} shipped {len(holders)} times: {holders}")


def check_metadata(kind: str, text: str, problems: list[str]) -> None:
    """The licence expression names the articles' LicenseRef, and every licence file is listed."""
    meta = HeaderParser().parsestr(text)
    if meta["License-Expression"] != EXPECTED_LICENSE:
        problems.append(f"{kind}: License-Expression is {meta['License-Expression']!r}")
    if meta["License"] is not None:
        problems.append(f"{kind}: a legacy License field beside License-Expression")
    listed = set(meta.get_all("License-File") or [])
    if listed != LICENSE_FILES:
        problems.append(f"{kind}: License-File lists {sorted(listed)}, not {sorted(LICENSE_FILES)}")
    if not meta.get_all("Project-URL"):
        problems.append(f"{kind}: no Project-URL")


def check_wheel(path: Path, problems: list[str]) -> None:
    """The wheel: code, data, each article once, the licence files and metadata, no tests."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        files = {n: archive.read(n) for n in names}
    if len(names) != len(set(names)):
        problems.append("wheel: a name stands twice in the archive")
    if "vnus/py.typed" not in files:
        problems.append("wheel: vnus/py.typed is missing")
    if not any(n.startswith("vnus/data/") and n.endswith(".json") for n in names):
        problems.append("wheel: no vnus/data/*.json")
    problems += [f"wheel: test file shipped: {n}" for n in names if n.startswith("tests/")]
    problems += [f"wheel: test file shipped: {n}" for n in names if n.startswith("vnus/tests/")]
    dist_info = next(n.split("/", 1)[0] for n in names if n.endswith(".dist-info/METADATA"))
    for licence in LICENSE_FILES:
        if f"{dist_info}/licenses/{licence}" not in files:
            problems.append(f"wheel: licence file {licence} missing from {dist_info}/licenses/")
    problems += [
        f"wheel: article {name} is not at vnus/data/seeds/{name}"
        for name in seeds()
        if f"vnus/data/seeds/{name}" not in files
    ]
    check_once("wheel", files, problems)
    check_metadata("wheel", files[f"{dist_info}/METADATA"].decode(), problems)
    print(f"wheel ok: {len(names)} files" if not problems else "wheel checked")


def check_sdist(path: Path, problems: list[str]) -> None:
    """The sdist: each file once, the licence files and metadata."""
    with tarfile.open(path) as archive:
        members = [m for m in archive.getmembers() if m.isfile()]
        files = {}
        for member in members:
            handle = archive.extractfile(member)
            if handle is not None:
                files[member.name.split("/", 1)[1]] = handle.read()
    if len(members) != len(files):
        problems.append("sdist: a name stands twice in the archive")
    needed = [*LICENSE_FILES, "pyproject.toml", "README.md", "CHANGELOG.md"]
    problems += [f"sdist: {name} is missing" for name in needed if name not in files]
    check_once("sdist", files, problems)
    check_metadata("sdist", files["PKG-INFO"].decode(), problems)
    print(f"sdist ok: {len(files)} files" if not problems else "sdist checked")


def main(paths: list[str]) -> None:
    """Check one wheel and one sdist; exit with every problem listed."""
    problems: list[str] = []
    kinds = {p: p.endswith(".whl") for p in paths}
    if sorted(kinds.values()) != [False, True]:
        sys.exit("usage: check_wheel.py WHEEL SDIST (one of each)")
    for name, is_wheel in kinds.items():
        (check_wheel if is_wheel else check_sdist)(Path(name), problems)
    if problems:
        sys.exit("distribution check failed:\n  " + "\n  ".join(problems))
    print("licence metadata ok:", EXPECTED_LICENSE)


if __name__ == "__main__":
    main(sys.argv[1:])
