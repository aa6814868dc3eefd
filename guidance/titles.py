"""Whether what was typed is a whole title: "statutory sick pay" names the sick pay calculator.

One rule for search (a guided help, calculator or letter named in full comes first, in the app and
on the command line alike) and for the command palette (a name typed in full is put first). Words
match in any of their forms, by search's own stems ("redundancies" names "Redundancy pay").
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


def word_form(word: str) -> str:
    """The form a word is matched on, as search matches it: its stem ("redundancies" and
    "redundancy" are one form, "dismissing" and "dismissal" another)."""
    from guidance.search.analysis import stem

    return stem(word)


def same_word(typed: str, title_word: str) -> bool:
    """Whether ``typed`` is ``title_word`` or another form of it ("redundancies", "redundancy")."""
    return typed == title_word or word_form(typed) == word_form(title_word)


def run_at(words: list[str], title: list[str], start: int, open_end: bool) -> bool:
    """Whether ``words`` stand in ``title`` from ``start`` on, each as it is or in another form
    of the word (the last may be begun only, while it is typed)."""
    *whole, last = words
    here = title[start:start + len(words)]
    if len(here) != len(words) or not all(same_word(w, t) for w, t in zip(whole, here)):
        return False
    return same_word(last, here[-1]) or open_end and here[-1].startswith(last)


def holds_words(typed: str, title: str, open_end: bool = True) -> bool:
    """Whether the words typed stand together anywhere in ``title``, in any form of each word
    ("dismissing a pa" in "Dismissing a PA fairly", "redundancies" in "Paying a redundancy")."""
    words, name = title_words(typed), title_words(title)
    return bool(words) and any(run_at(words, name, start, open_end) for start in range(len(name) - len(words) + 1))
