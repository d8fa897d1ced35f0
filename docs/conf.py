"""Sphinx configuration for the vnus documentation (MyST Markdown, furo theme).

Build with ``sphinx-build -W --keep-going -b html docs /tmp/docs-out``; every example in the
pages also runs as a test (``tests/test_docs.py``).
"""
# ruff: noqa: INP001 -- docs/ is a Sphinx source folder, not a package

from __future__ import annotations

import sys
from pathlib import Path

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
exclude_patterns = ["_build", "examples", "Thumbs.db", ".DS_Store"]

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
