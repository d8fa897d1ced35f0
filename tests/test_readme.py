"""The README's examples run, and its quickstart commands are the ones CI runs."""

import doctest
import re
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
