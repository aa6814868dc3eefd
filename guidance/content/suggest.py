"""Near misses: "did you mean `minimum_wage_18_20`?" for a key, id or name typed almost right."""

from __future__ import annotations

import difflib
from typing import Iterable


def near_misses(word: str, known: Iterable[str], count: int = 3) -> list[str]:
    """Up to ``count`` known names closest to ``word``, best first (difflib's ratio >= 0.6).

    A prefix of a known name counts too ("minimum-wag" finds "minimum-wage"), since a slip
    is as often a word cut short as one misspelt.
    """
    known = sorted(set(known))
    close = difflib.get_close_matches(word, known, n=count, cutoff=0.6)
    if close and difflib.SequenceMatcher(None, word, close[0]).ratio() >= 0.9:
        return close[:1]  # one clear winner: a letter missed or swapped
    if len(close) < count and len(word) >= 4:
        close += [name for name in known if name.startswith(word) and name not in close][: count - len(close)]
    return close


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` or ``""``: ready to append to a message."""
    close = near_misses(word, known)
    if not close:
        return ""
    if len(close) == 1:
        return f" (did you mean '{close[0]}'?)"
    return " (did you mean " + ", ".join(f"'{c}'" for c in close[:-1]) + f" or '{close[-1]}'?)"
