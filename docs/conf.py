"""Sphinx configuration for the vnus documentation (MyST Markdown, furo theme).

Build with ``sphinx-build -W --keep-going -b html docs /tmp/docs-out``; every example in the
pages also runs as a test (``tests/test_docs.py``).
"""
# ruff: noqa: INP001 -- docs/ is a Sphinx source folder, not a package

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

# Document the code of this checkout, whether or not vnus is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import vnus

project = "vnus"
author = "The vnus authors"
copyright = "the vnus authors; MIT license"  # noqa: A001 -- the name Sphinx reads
version = release = vnus.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
# No intersphinx: the build must work offline.

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_generated", "examples", "Thumbs.db", ".DS_Store"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# vnus.testing imports Hypothesis; its reference is rendered without it (the docs extra does
# not install it).
autodoc_mock_imports = ["hypothesis"]
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "furo"
html_title = f"vnus {release}"
html_static_path: list[str] = []
pygments_style = "sphinx"


# The chart gallery (gallery.md): each chart is drawn by the build, from the call the page
# shows beside it, into _generated/gallery/ (not kept in the repository).

#: Each picture of the gallery: its file name, the vnus.plot function and its arguments.
GALLERY: dict[str, tuple[str, tuple[Any, ...], dict[str, Any]]] = {
    "trade-vietnam": ("trade", ("Vietnam",), {}),
    "trade-hanoi": ("trade", ("Hanoi",), {}),
    "timeline-2013-2019": ("timeline", (), {"since": 2013, "until": 2019}),
    "timeline-2023-2025": ("timeline", (), {"since": 2023, "until": 2025}),
}
GALLERY_DIR = Path(__file__).resolve().parent / "_generated" / "gallery"


def gallery_call(name: str) -> str:
    """The call that draws picture *name*, as gallery.md shows it."""
    function, args, kwargs = GALLERY[name]
    words = [repr(a).replace("'", '"') for a in args]
    words += [f"{key}={value!r}" for key, value in kwargs.items()]
    return f"plot.{function}({', '.join(words)})"


def draw_gallery(_app: object = None) -> None:
    """Draw every picture of the gallery into GALLERY_DIR (each written whole, then renamed)."""
    from vnus import plot  # noqa: PLC0415 -- matplotlib, when the docs are built

    GALLERY_DIR.mkdir(parents=True, exist_ok=True)
    for name, (function, args, kwargs) in GALLERY.items():
        ax = getattr(plot, function)(*args, **kwargs)
        handle, temporary = tempfile.mkstemp(suffix=".png", dir=GALLERY_DIR)
        with os.fdopen(handle, "wb") as out:
            ax.figure.savefig(out, format="png", dpi=100)
        Path(temporary).replace(GALLERY_DIR / f"{name}.png")


def setup(app: Any) -> dict[str, bool]:
    """Draw the gallery when the build starts."""
    app.connect("builder-inited", draw_gallery)
    return {"parallel_read_safe": True}
