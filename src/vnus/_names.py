"""Name normalisation shared by place and sector lookups."""

from __future__ import annotations

import unicodedata

__all__ = ["normalize"]

# Letters that Unicode does not decompose into a base letter and a mark.
_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L"})


def normalize(text: str) -> str:
    """Fold case, Vietnamese diacritics and runs of white space.

    >>> normalize("  Hà   Nội ") == normalize("ha noi") == "ha noi"
    True
    >>> normalize("Đà Nẵng")
    'da nang'
    """
    if text.isascii():
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())
