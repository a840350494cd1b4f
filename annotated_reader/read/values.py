"""Checks of single values that a pattern cannot make: visible one-line text, real dates, clean addresses.

Used by schema.py (``AfterValidator``); each raises a ``PydanticCustomError`` whose type validate.py turns
into a diagnostic with a hint.
"""

from __future__ import annotations

import calendar
import re
import unicodedata

from pydantic_core import PydanticCustomError

# Invisible characters a one-line field refuses: C0 controls but tab and line ends, DEL, C1 controls (NEL among
# them), the Unicode line and paragraph separators and the noncharacters. They break page front matter and
# hide text from a reviewer; nothing a title, name or source needs.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff]"
    + "".join(f"|{chr(plane * 0x10000 + 0xFFFE)}|{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
)
# What an address must not hold besides: controls and the characters that reorder or hide text (U+202E).
URL_INVISIBLE = re.compile("[\x00-\x20\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
ASCII_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


def _character_name(c: str) -> str:
    return f"U+{ord(c):04X} ({unicodedata.name(c, 'a control character or noncharacter').lower()})"


def visible(value: str) -> str:
    found = INVISIBLE.search(value)
    if found:
        raise PydanticCustomError(
            "invisible_character",
            "invisible character {character} at position {position}",
            {"character": _character_name(found.group()), "position": found.start() + 1},
        )
    return value


def real_date(value: str) -> str:
    if not ASCII_DATE.match(value):
        raise PydanticCustomError("date_digits", "invalid date '{value}'", {"value": value})
    parts = [int(p) for p in value.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise PydanticCustomError(
            "date_range", "invalid date '{value}': there is no month {month}", {"month": parts[1], "value": value}
        )
    if len(parts) > 2 and not 1 <= parts[2] <= calendar.monthrange(parts[0] or 2000, parts[1])[1]:
        raise PydanticCustomError(
            "date_range", "invalid date '{value}': that month has no day {day}", {"day": parts[2], "value": value}
        )
    return value


def clean_url(value: str) -> str:
    found = URL_INVISIBLE.search(value)
    if found:
        raise PydanticCustomError(
            "url_character",
            "invisible character {character} at position {position} of the address",
            {"character": _character_name(found.group()), "position": found.start() + 1},
        )
    return value
