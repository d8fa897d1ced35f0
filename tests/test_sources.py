"""The pinned official source files are copied unchanged: they must never change."""

import hashlib
import re
from pathlib import Path

SOURCES = Path(__file__).resolve().parent.parent / "sources"


def _sums():
    lines = (SOURCES / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines if line)}


def test_every_source_file_matches_its_checksum():
    sums = _sums()
    assert len(sums) == 25
    for name, digest in sums.items():
        actual = hashlib.sha256((SOURCES / name).read_bytes()).hexdigest()
        assert actual == digest, f"sources/{name} changed"


def test_no_unlisted_source_file():
    present = {
        p.relative_to(SOURCES).as_posix()
        for p in SOURCES.rglob("*")
        if p.is_file() and p.name != "SHA256SUMS"
    }
    assert present == set(_sums())


def test_checksums_agree_with_the_readme_table():
    readme = (SOURCES / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"\| `([^`]+)` \| `([0-9a-f]{64})` \|", readme))
    assert len(table) == 24
    sums = _sums()
    for name, digest in table.items():
        assert sums[name] == digest, name
    assert set(sums) - set(table) == {"README.md"}


def test_every_repository_folder_keeps_its_licence():
    for folder in ("historyatstate/travels", "historyatstate/visits", "historyatstate/rdcr"):
        assert (SOURCES / folder / "LICENSE.md").is_file(), folder
    assert (SOURCES / "census-5520" / "PROVENANCE.md").is_file()
