"""The ``vnus`` command line (``python -m vnus``)."""

from __future__ import annotations

import sys

import vnus


def main(argv: list[str] | None = None) -> int:
    """Print the version; the query commands arrive with the query API."""
    del argv
    sys.stdout.write(f"vnus {vnus.__version__}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
