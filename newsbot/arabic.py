"""Arabic spelling variants folded to one form, so that words compare equal however they were typed.

Alef with hamza or madda and alef wasla become a bare alef, alef maqsura a ya, ta marbuta a ha; harakat,
the superscript alef and tatweel are removed; Arabic-Indic and Persian digits become ASCII digits.
Dates, the spam signals and anything else that matches Arabic words use this one table.
"""

from __future__ import annotations

LETTERS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
MARKS = [*range(0x064B, 0x0660), 0x0670, 0x0640]  # harakat and other combining marks, superscript alef, tatweel
DIGITS = {0x0660 + n: str(n) for n in range(10)} | {0x06F0 + n: str(n) for n in range(10)}
FOLDING = str.maketrans({**LETTERS, **dict.fromkeys(MARKS), **DIGITS})


def fold_arabic(text: str) -> str:
    """``text`` with its Arabic spelling variants folded (other characters unchanged)."""
    return text.translate(FOLDING)
