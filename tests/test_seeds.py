"""The seed articles are the ground truth: they must never change."""

import hashlib
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _sums():
    lines = (SEEDS / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines if line)}


def test_every_seed_matches_its_checksum():
    sums = _sums()
    assert len(sums) == 5
    for name, digest in sums.items():
        actual = hashlib.sha256((SEEDS / name).read_bytes()).hexdigest()
        assert actual == digest, f"seeds/{name} changed"


def test_no_unlisted_seed():
    assert {p.name for p in SEEDS.glob("*.txt")} == set(_sums())


def test_bundled_seeds_are_byte_identical_copies():
    bundled = SEEDS.parent / "src" / "vnus" / "data" / "seeds"
    assert {p.name for p in bundled.glob("*.txt")} == set(_sums())
    for name in _sums():
        assert (bundled / name).read_bytes() == (SEEDS / name).read_bytes(), name
