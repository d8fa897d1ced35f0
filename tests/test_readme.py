"""The README's examples run, and its quickstart commands are the ones CI runs."""

import doctest
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def test_readme_examples_run():
    result = doctest.testfile(
        str(README), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted >= 3
    assert result.failed == 0


def test_quickstart_has_exactly_two_commands():
    text = README.read_text(encoding="utf-8")
    quickstart = text.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = [c.strip() for c in re.findall(r"```sh\n(.+?)\n *```", quickstart, flags=re.DOTALL)]
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "python -m vnus trade Hanoi 2021" in commands[0]
    assert "pytest" in commands[1]


def test_readme_console_examples_print_what_it_shows():
    """Each ``$ vnus ...`` line of a console block prints the output the README shows."""
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL)
    examples = [block.split("\n", 1) for block in blocks if block.startswith("$ vnus ")]
    assert examples
    for first, output in examples:
        result = subprocess.run(  # noqa: S603 -- the interpreter running the tests
            [sys.executable, "-m", "vnus", *shlex.split(first)[2:]],
            capture_output=True,
            check=False,
            encoding="utf-8",
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout == output, first
