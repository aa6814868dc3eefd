"""Spelling correction and word completion against the words the pages actually use.

Fuzzy-expanding every query term is slow and drags in near-misses that spoil ranking, so only a
word the index does not know is corrected, and only to a word it does know. A real English word is
never "corrected" into another ("repaid" is not a typo for "prepaid", though no page says
"repaid"): word frequencies from ``wordfreq`` (its English list ships in the wheel, nothing is
downloaded) decide what is a real word (see ``is_real_word``); a rare word is only corrected to
a far commoner one ("untill" to "until"). Lookup is the
symmetric-delete method: each known word is filed under itself and every one-letter deletion of
itself, and a typed word's own deletions find candidates within two edits (a swap, a dropped or a
doubled letter), which are then confirmed with a true edit distance. The table is built the
first time a correction is needed. When no known word is near, a real English word one edit away
that is another form of a known word is taken ("conntribute" to "contribute", where pages say
"contribution"; see ``Vocabulary._other_form``): a few hundred frequency look-ups, once per
unknown word.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

from guidance.search.analysis import stem

#: Words shorter than this are never corrected: too many short words are one letter apart.
MIN_CORRECT = 3
#: Words shorter than this ("sik", "pya") are corrected only to a word that starts with the same
#: letter and is one dropped letter or one swap of neighbours away ("sick", "pay"): a changed
#: letter in a three-letter word is as likely another word or an abbreviation ("esa", "era").
SHORT_WORD = 4
#: Words this long or longer may be two edits away from what was meant.
TWO_EDITS_FROM = 8
#: Zipf frequency (log10 of uses per billion words) from which a word is certainly a real word:
#: 3 is about once per million words ("repaid" 3.3, "respite" 3.2, "reimbursed" 3.05). Common
#: misspellings stay below it ("untill" 2.97, "recieve" 2.75).
REAL_WORD_ZIPF = 3.0
#: A rarer word that is still in the word list is corrected only to a word this much commoner
#: (1.5 on the Zipf scale is about 30 times as common).
COMMONER_BY = 1.5


def zipf(word: str) -> float:
    """How common ``word`` is in English (``wordfreq``'s Zipf scale, 0 for unknown, ~7 for "the")."""
    from wordfreq import zipf_frequency  # loaded on the first correction only

    return zipf_frequency(word, "en")


def is_real_word(word: str) -> bool:
    """Whether ``word`` is a real English word that must never be corrected into another."""
    return zipf(word) >= REAL_WORD_ZIPF


def _dropped_or_swapped(typed: str, known: str) -> bool:
    """Whether ``typed`` is ``known`` with one letter left out, or two neighbours swapped, and
    starts with the same letter (the only corrections trusted for a very short word)."""
    if typed[:1] != known[:1]:
        return False
    if len(known) == len(typed) + 1:
        return typed in _deletes(known)
    if len(known) == len(typed):
        diff = [i for i, (a, b) in enumerate(zip(typed, known)) if a != b]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == known[diff[1]] and typed[diff[1]] == known[diff[0]]
    return False


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_edit(word: str) -> set[str]:
    """Every word one letter dropped, one neighbour swap or one letter added away from ``word``."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
    added = {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in letters}
    return (_deletes(word) | swaps | added) - {word}


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance (a swap of two neighbours counts as one edit)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2 = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


class Vocabulary:
    """Known words with the number of pages using each."""

    def __init__(self, counts: dict[str, int], extra: set[str] | frozenset = frozenset()):
        self.counts = dict(counts)
        for word in extra:
            self.counts.setdefault(word, 1)
        self._sorted = sorted(self.counts)
        self._stems: set[str] | None = None
        self._table: dict[str, list[str]] | None = None
        self._corrections: dict[str, str | None] = {}

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def __len__(self) -> int:
        return len(self.counts)

    def known(self, word: str) -> bool:
        """A word is known if it, or another form of it ("dismissed" for "dismiss"), is used."""
        if word in self.counts or word.isdigit():
            return True
        if self._stems is None:
            self._stems = {stem(w) for w in self.counts}
        return stem(word) in self._stems

    def correct(self, word: str) -> str | None:
        """The likeliest known word for an unknown one, or None if nothing is close enough or
        ``word`` is a real English word (see ``is_real_word``). Answers are remembered."""
        if len(word) < MIN_CORRECT or self.known(word) or not word.isalpha():
            return None
        if word not in self._corrections:
            if len(self._corrections) > 20_000:
                self._corrections.clear()
            self._corrections[word] = self._correction(word)
        return self._corrections[word]

    def _correction(self, word: str) -> str | None:
        frequency = zipf(word)
        if frequency >= REAL_WORD_ZIPF:
            return None
        better = self._nearest(word) or self._other_form(word)
        if better is None or frequency > 0 and zipf(better) < frequency + COMMONER_BY:
            return None
        return better

    def _nearest(self, word: str) -> str | None:
        limit = 2 if len(word) >= TWO_EDITS_FROM else 1
        table = self._deletion_table()
        candidates = set(table.get(word, ()))
        for deleted in _deletes(word):
            candidates.update(table.get(deleted, ()))
        best = None
        for candidate in candidates:
            distance = edit_distance(word, candidate, limit)
            if distance > limit or len(word) < SHORT_WORD and not _dropped_or_swapped(word, candidate):
                continue
            rank = (distance, candidate[0] != word[0], -self.counts[candidate], candidate)
            if best is None or rank < best[0]:
                best = (rank, candidate)
        return best[1] if best else None

    def _other_form(self, word: str) -> str | None:
        """A real English word one edit away (a letter doubled, dropped or swapped) that is another
        form of a word the pages use: "conntribute" is "contribute", which no page says, though
        pages say "contribution"; "immirant" is "immigrant" (pages say "immigration"). The
        commonest such word wins; very short words are left alone."""
        if len(word) < SHORT_WORD:
            return None
        best, best_zipf = None, 0.0
        for candidate in sorted(_one_edit(word)):
            frequency = zipf(candidate)
            if frequency >= REAL_WORD_ZIPF and frequency > best_zipf and self.known(candidate):
                best, best_zipf = candidate, frequency
        return best

    def complete(self, prefix: str, limit: int = 6) -> list[str]:
        """The most used known words starting with ``prefix`` (as-you-type), most used first."""
        if not prefix:
            return []
        start = bisect.bisect_left(self._sorted, prefix)
        matches = []
        for word in self._sorted[start:start + 5000]:
            if not word.startswith(prefix):
                break
            matches.append(word)
        matches.sort(key=lambda w: (-self.counts[w], len(w), w))
        return matches[:limit]

    def _deletion_table(self) -> dict[str, list[str]]:
        if self._table is None:
            table: dict[str, list[str]] = defaultdict(list)
            for word in self.counts:
                if not word.isalpha() or len(word) < MIN_CORRECT - 1:
                    continue
                table[word].append(word)
                for deleted in _deletes(word):
                    table[deleted].append(word)
            self._table = dict(table)
        return self._table
