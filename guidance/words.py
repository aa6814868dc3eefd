"""Counts in words for whatever the product says: "1 row", "2 rows", "1 call", "3 tools"."""

from __future__ import annotations


def counted(count, singular: str, plural: str | None = None) -> str:
    """``count`` and the noun that agrees with it: ``counted(1, "row")`` is "1 row",
    ``counted(3, "row")`` "3 rows", ``counted(2, "day of suspension", "days of suspension")``
    "2 days of suspension". A count that is not a whole one (1.5 weeks) takes the plural."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"
