"""The public surface: one list of names, and every view of it derived from or equal to it."""

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import vnus

INIT = Path(vnus.__file__)


def _static_imports():
    """(module, name) pairs the type checkers' block of vnus/__init__.py imports."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
    )
    pairs = set()
    for node in ast.walk(block):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("vnus"):
            for alias in node.names:
                assert alias.asname == alias.name, f"{alias.name} must be re-exported as itself"
                pairs.add((node.module, alias.name))
    return pairs


def test_the_type_checkers_view_equals_the_one_list():
    homes = {(module, name) for module, names in vnus._HOMES.items() for name in names}
    submodules = {("vnus", name) for name in vnus._SUBMODULES}
    assert _static_imports() == homes | submodules


def test_all_is_derived_from_the_one_list():
    names = {name for names in vnus._HOMES.values() for name in names}
    assert set(vnus.__all__) == names | {"DATA_VERSION", "__version__"}
    assert list(vnus.__all__) == sorted(vnus.__all__)


def test_every_public_name_resolves_to_its_home():
    for module, names in vnus._HOMES.items():
        home = importlib.import_module(module)
        for name in names:
            assert getattr(vnus, name) is getattr(home, name), name


def test_dir_shows_names_and_submodules():
    shown = dir(vnus)
    assert set(vnus.__all__) <= set(shown)
    for submodule in ("audit", "plot", "testing", "records", "types", "errors", "results"):
        assert submodule in shown
        assert getattr(vnus, submodule).__name__ == f"vnus.{submodule}"


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        vnus.nope  # noqa: B018 -- the access is the test


def test_import_vnus_loads_no_submodule():
    code = "import sys, vnus; print(sorted(m for m in sys.modules if m.startswith('vnus')))"
    out = subprocess.run(  # noqa: S603 -- this interpreter, code written by the test
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "['vnus']"


def test_helpers_are_bound_methods_of_the_bundled_dataset():
    for name in vnus._HOMES["vnus._bundled"]:
        if name == "dataset":
            continue
        helper = getattr(vnus, name)
        assert helper.__self__ is vnus.dataset(), name
        assert helper.__func__ is getattr(vnus.Dataset, name), name


def test_editors_complete_the_public_names():
    """Static completion (Jedi, used by IPython and editors) sees the lazily loaded names."""
    jedi = pytest.importorskip("jedi")
    script = jedi.Script("import vnus\nvnus.trade_w", path=str(INIT.parent.parent / "x.py"))
    assert "trade_with_us" in [c.name for c in script.complete(2, 12)]
    script = jedi.Script("import vnus\nvnus.pl", path=str(INIT.parent.parent / "x.py"))
    assert {"plot", "place", "places"} <= {c.name for c in script.complete(2, 7)}


def test_the_bundled_helpers_are_the_ones_listed():
    from vnus import _bundled  # noqa: PLC0415

    assert set(_bundled.__all__) == set(vnus._HOMES["vnus._bundled"])
