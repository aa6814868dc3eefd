"""Whether what was typed is a whole title: "statutory sick pay" names the sick pay calculator.

One rule for search (a guided help, calculator or letter named in full comes first, in the app and
on the command line alike) and for the command palette (a name typed in full is put first).
"""

from __future__ import annotations

import re

WORD_PATTERN = re.compile(r"[a-z0-9£]+(?:['\u2019][a-z]+)?")


def title_words(text: str) -> list[str]:
    """The words of a title or of what was typed, lower case, punctuation left out."""
    return WORD_PATTERN.findall(" ".join(text.lower().split()))


def is_whole_title(typed: str, title: str, open_end: bool = True) -> bool:
    """Whether the words typed are all of ``title`` in order (punctuation and case do not count;
    the last word may be unfinished while it is being typed, ``open_end``)."""
    words, name = title_words(typed), title_words(title)
    return bool(words) and len(words) == len(name) and run_at(words, name, 0, open_end)


def run_at(words: list[str], title: list[str], start: int, open_end: bool) -> bool:
    """Whether ``words`` stand in ``title`` from ``start`` on (the last may be begun only)."""
    *whole, last = words
    here = title[start:start + len(words)]
    return here[:-1] == whole and (here[-1] == last or open_end and here[-1].startswith(last))
