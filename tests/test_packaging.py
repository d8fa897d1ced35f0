"""Packaging: install lines that work from a clone, and licence metadata that names every part.

The built wheel and sdist themselves are checked by ``.ci/check_wheel.py`` in CI.
"""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PAGES = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted((ROOT / "src" / "vnus").glob("*.py")),
]
#: The arguments of a pip install command, up to the end of its line, code span or command.
PIP_INSTALL = re.compile(r"pip install ([^`\n&;|]*)")


def test_every_install_line_installs_from_the_clone():
    """vnus is on no index: every `pip install` of vnus names a path, never `vnus[...]`."""
    lines = [
        (page.name, match.group(1))
        for page in PAGES
        for match in PIP_INSTALL.finditer(page.read_text(encoding="utf-8"))
    ]
    assert len(lines) >= 5
    for page, arguments in lines:
        assert "vnus[" not in arguments, (page, arguments)
        assert not re.search(r"(^|\s)vnus(\s|$)", arguments), (page, arguments)


def test_each_licence_reference_has_its_text_and_each_text_its_reference():
    expression = PROJECT["license"]
    refs = set(re.findall(r"LicenseRef-[A-Za-z0-9.-]+", expression))
    texts = {p.stem for p in (ROOT / "LICENSES").glob("*.txt")}
    assert refs == texts
    assert expression.split(" AND ")[0] == "MIT"
    shipped = {p for pattern in PROJECT["license-files"] for p in ROOT.glob(pattern)}
    assert shipped == {ROOT / "LICENSE", *(ROOT / "LICENSES" / f"{t}.txt" for t in texts)}


def test_the_articles_licence_names_every_article():
    sums = (ROOT / "seeds" / "SHA256SUMS").read_text(encoding="utf-8").split()[1::2]
    text = (ROOT / "LICENSES" / "LicenseRef-Cited-News-Articles.txt").read_text(encoding="utf-8")
    assert sums
    assert [name for name in sums if name not in text] == []
    assert "not covered by the MIT license" in text


def test_the_release_policy_is_linked_from_the_index_and_the_readme():
    assert "docs/releases.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    toctrees = re.findall(r"```\{toctree\}(.*?)```", index, flags=re.DOTALL)
    assert any(re.search(r"^releases$", t, flags=re.MULTILINE) for t in toctrees)
