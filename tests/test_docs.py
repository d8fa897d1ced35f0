"""The documentation: every example runs, tables match the data, the site and notebook build."""

import base64
import doctest
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import vnus

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
NOTEBOOK = DOCS / "examples" / "explore.ipynb"

#: Pages that hold no runnable example (autodoc and the included changelog).
WITHOUT_EXAMPLES = {"api.md", "changelog.md", "performance.md"}  # performance: measured tables
#: Optional extras a page's examples need; the page is skipped where one is missing.
NEEDS = {"notebooks.md": ("pandas", "matplotlib"), "gallery.md": ("matplotlib",)}
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _page_id(page):
    return page.name


def test_every_page_is_known():
    names = {p.name for p in PAGES}
    assert {"index.md", "tutorial.md", "api.md", "data.md", "json.md", "provenance.md"} <= names
    assert {"extending.md", "cli.md", "notebooks.md", "changelog.md"} <= names
    assert names >= WITHOUT_EXAMPLES
    assert names >= set(NEEDS)


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_page_examples_run(page):
    """Every >>> example of the page gives the output the page shows."""
    for module in NEEDS.get(page.name, ()):
        pytest.importorskip(module)
    text = page.read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    report: list[str] = []
    result = runner.run(test, out=report.append, clear_globs=True)
    assert result.failed == 0, "".join(report)
    if page.name in WITHOUT_EXAMPLES:
        assert result.attempted == 0
    else:
        assert result.attempted > 0, f"{page.name} has no runnable example"


FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", flags=re.MULTILINE | re.DOTALL)


def _fences(text):
    """Yield (language, body, line number) for every fenced block of a Markdown page."""
    for match in FENCE.finditer(text):
        yield match.group(1).strip(), match.group(2), text.count("\n", 0, match.start()) + 1


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_pycon_blocks_end_with_a_blank_line(page):
    """A pycon block ends in a blank line, so that doctest stops before the closing fence."""
    for language, body, line in _fences(page.read_text(encoding="utf-8")):
        if language == "pycon":
            assert body.endswith("\n\n"), f"{page.name}:{line}: no blank line before the fence"
            assert body.lstrip().startswith(">>>"), f"{page.name}:{line}"


def _console_examples():
    """Each ``$ vnus ...`` or ``$ python -m vnus ...`` line of a console block, with its output."""
    for page in PAGES:
        for language, body, line in _fences(page.read_text(encoding="utf-8")):
            if language != "console":
                continue
            commands = re.split(r"^\$ ", body, flags=re.MULTILINE)[1:]
            for command in commands:
                first, _, output = command.partition("\n")
                words = shlex.split(first, comments=True)
                if words[:3] == ["python", "-m", "vnus"]:
                    yield pytest.param(words[3:], output, id=f"{page.name}:{line}")
                elif words[:1] == ["vnus"]:
                    yield pytest.param(words[1:], output, id=f"{page.name}:{line}")
                else:  # installation commands are instructions, not examples
                    assert words[:4] == ["python", "-m", "pip", "install"], first


@pytest.mark.parametrize(("arguments", "output"), list(_console_examples()))
def test_console_examples_print_what_the_page_shows(arguments, output):
    """The command line, run as the page shows it, prints the page's output."""
    result = subprocess.run(  # noqa: S603 -- the interpreter running the tests, fixed module
        [sys.executable, "-m", "vnus", *arguments],
        capture_output=True,
        check=False,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == output


# --------------------------------------------------------------------------------------------
# Tables that list the data
# --------------------------------------------------------------------------------------------


def sector_table():
    """The sector vocabulary as the Markdown table data.md shows."""
    lines = ["| slug | label | broader | aliases |", "| --- | --- | --- | --- |"]
    lines += [
        f"| `{s.slug}` | {s.label} | {', '.join(f'`{b}`' for b in s.broader)} "
        f"| {'; '.join(s.aliases)} |".replace("|  |", "| |")
        for s in vnus.sectors()
    ]
    return "\n".join(lines)


def test_data_page_lists_the_sector_vocabulary():
    """data.md's sector table is generated from sectors.json: this test prints the new one."""
    text = (DOCS / "data.md").read_text(encoding="utf-8")
    found = text.split("<!-- sectors -->\n", 1)[1].split("\n<!-- /sectors -->", 1)[0]
    expected = sector_table()
    assert found.strip() == expected, f"replace the table in docs/data.md with:\n{expected}"


# --------------------------------------------------------------------------------------------
# The Sphinx site
# --------------------------------------------------------------------------------------------


def test_sphinx_site_builds_without_warnings(tmp_path):
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_parser")
    pytest.importorskip("furo")
    out = tmp_path / "html"
    result = subprocess.run(  # noqa: S603 -- the interpreter running the tests, fixed module
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            "-d",
            str(tmp_path / "doctrees"),
            str(DOCS),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    api = (out / "api.html").read_text(encoding="utf-8")
    for name in ("vnus.trade_with_us", "vnus.Dataset", "vnus.plot.timeline", "vnus.audit.run"):
        assert f'id="{name}"' in api, name
    assert {p.stem for p in PAGES} <= {p.stem for p in out.glob("*.html")}
    assert "Keep a Changelog" in (out / "changelog.html").read_text(encoding="utf-8")
    assert (out / "_downloads").is_dir()  # the notebook is offered for download
    for name in ("vnus.trade_with_us", "vnus.milestones", "vnus.indicators", "vnus.Dataset.select"):
        start = api.index(f'id="{name}"')
        entry = api[start : api.find('<dl class="py', start + 1)]
        for section in ("Parameters", "Returns", "Raises"):
            assert f'{section}<span class="colon">:</span>' in entry, (name, section)
    assert "partnership" in api[api.index('id="vnus.milestones"') :]
    gallery = (out / "gallery.html").read_text(encoding="utf-8")
    for name in _gallery_conf().GALLERY:
        shown = re.search(rf'<img [^>]*src="(_images/{re.escape(name)}[^"]*\.png)"', gallery)
        assert shown, name
        picture = (out / shown.group(1)).read_bytes()
        assert picture.startswith(b"\x89PNG\r\n\x1a\n")
        assert len(picture) > 10_000, name  # a drawn chart, not an empty image


def _gallery_conf():
    """docs/conf.py as a module (its GALLERY and the calls the page must show)."""
    spec = importlib.util.spec_from_file_location("docs_conf", DOCS / "conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gallery_page_shows_each_picture_under_the_call_that_draws_it():
    """gallery.md shows every picture the build draws, each after a block with its call."""
    conf = _gallery_conf()
    text = (DOCS / "gallery.md").read_text(encoding="utf-8")
    blocks = list(_fences(text))
    images = [
        (i, language.split()[1])
        for i, (language, _, _) in enumerate(blocks)
        if language.startswith("{image}")
    ]
    assert [path for _, path in images] == [f"_generated/gallery/{n}.png" for n in conf.GALLERY]
    for (index, _), name in zip(images, conf.GALLERY, strict=True):
        language, body, _ = blocks[index - 1]
        assert language == "pycon"
        assert f">>> ax = {conf.gallery_call(name)}\n" in body, name


# --------------------------------------------------------------------------------------------
# The example notebook
# --------------------------------------------------------------------------------------------


def test_notebook_is_stored_without_outputs():
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    cells = notebook["cells"]
    assert any(c["cell_type"] == "markdown" for c in cells)
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code
    for cell in code:
        assert cell["outputs"] == []
        assert cell["execution_count"] is None


def test_notebook_runs_without_error(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    for module in ("pandas", "matplotlib"):
        pytest.importorskip(module)
    # The kernel imports vnus from this checkout, installed or not.
    paths = [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, paths)))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # silences jupyter_core's migration notice
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert any("<table>" in o["data"]["text/html"] for o in html)
    assert len(images) >= 2  # the trade and timeline charts
    charts = _chart_cells(notebook)
    assert len(charts) >= 3


def _png_size(data):
    """Width and height of a base64 PNG, read from its header."""
    raw = base64.b64decode(data)
    assert raw.startswith(b"\x89PNG\r\n\x1a\n")
    return int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")


def _chart_cells(notebook):
    """A cell that ends with a chart shows exactly one picture of it, at the chart's shape."""
    charts = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        last = cell.source.strip().splitlines()[-1]
        images = [o["data"]["image/png"] for o in cell.outputs if "image/png" in o.get("data", {})]
        if last.startswith("plot.") and not last.endswith(";"):
            assert len(images) == 1, cell.source  # the chart shows itself, once
            width, height = _png_size(images[0])
            if last.startswith("plot.trade("):
                assert abs(width / height - 8 / 4.5) < 0.02  # the trade chart's 8 x 4.5 inches
            else:
                assert height > width / 10  # one row per event
            charts.append(cell)
        elif "plt.subplots(" in cell.source:
            assert len(images) == 1, cell.source  # pyplot shows the figure; no second picture
            width, height = _png_size(images[0])
            assert width > 2 * height  # two charts side by side (pyplot trims the margins)
        elif "plot." not in cell.source:
            assert images == [], cell.source
    return charts
