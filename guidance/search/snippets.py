"""The sentence that answers the query, with the query's words marked.

Each sentence of the summary and body is scored by the rarity (idf) of the query stems it holds,
so "umbrella" outweighs "pa"; the best one is shown, with its neighbour when it is very short.
Matching words are wrapped in ``MARK_OPEN`` / ``MARK_CLOSE``; ``split_marked`` turns a snippet
back into plain and marked pieces for a screen to style.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from functools import lru_cache
from typing import Callable

from guidance.search.analysis import WORD, normalise, stem
from guidance.search.documents import IndexDoc

MARK_OPEN = "**"
MARK_CLOSE = "**"
MAX_CHARS = 260
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9£\"'(])")
_WORD_SPAN = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*")


def sentences(doc: IndexDoc, audience: str | None = None) -> list[tuple[str, float]]:
    """(sentence, bonus): the summary is the read-out answer, so it starts slightly ahead.
    Never a sentence of a part written for the other audience than ``audience`` (None: any)."""
    out = [(s, 0.15) for s in _SENTENCE_END.split(doc.summary) if s.strip()]
    for block in doc.blocks:
        if block.heading or not block.shown_to(audience):
            continue
        out.extend((s, 0.0) for s in _SENTENCE_END.split(block.text) if s.strip())
    return out


@lru_cache(maxsize=50_000)
def _stem_of(word: str) -> str:
    word = normalise(word)
    if word.endswith("'s"):
        word = word[:-2]
    return stem(word.replace("'", ""))


#: Letters at the end of a stem that may not be in its word: the Porter stemmer only replaces a
#: word's ending, and what it puts in its place adds at most two letters of its own ("hoping" ->
#: "hope", "sensibility" -> "sensibl"). So a word can have a query's stem only if it begins with
#: that stem less its last two letters, and only such words need stemming to choose a sentence
#: (checked over the words of the content and over a large English word list, see the tests).
STEM_NEW_LETTERS = 2

#: Sentences and their words of recently shown documents, by (id, fingerprint): a document's
#: sentences are cut once, not on every search that shows it.
_SENTENCE_CACHE: OrderedDict = OrderedDict()
SENTENCE_CACHE_DOCS = 2000


def sentence_words(doc: IndexDoc, audience: str | None = None) -> list[tuple[str, float, tuple[str, ...]]]:
    """(sentence, bonus, its words as ``_stem_of`` stems them) for each sentence of
    ``sentences(doc, audience)``, cached."""
    key = _cache_key(doc, audience)
    cached = _SENTENCE_CACHE.get(key) if key else None
    if cached is not None:
        _SENTENCE_CACHE.move_to_end(key)
        return cached
    out = []
    for text, bonus in sentences(doc, audience):
        plain = normalise(text)
        found = WORD.findall(plain)
        out.append((text, bonus, tuple(map(_cleaned, found)) if "'" in plain else tuple(found)))
    if key:
        _SENTENCE_CACHE[key] = out
        while len(_SENTENCE_CACHE) > SENTENCE_CACHE_DOCS:
            _SENTENCE_CACHE.popitem(last=False)
    return out


def _cache_key(doc: IndexDoc, audience: str | None) -> tuple | None:
    """What a document's sentences are cached under: they differ by the reader's audience."""
    return (doc.id, doc.fingerprint, audience) if doc.fingerprint else None


def _cleaned(word: str) -> str:
    """A normalised word as ``_stem_of`` stems it: no possessive "'s", no apostrophes."""
    if word.endswith("'s"):
        word = word[:-2]
    return word.replace("'", "")


def stem_starts(stems: set[str]) -> tuple[str, ...]:
    """What a word must begin with to have one of ``stems`` (see ``STEM_NEW_LETTERS``)."""
    return tuple({s[:max(0, len(s) - STEM_NEW_LETTERS)] for s in stems})


#: Each sentence's stems, for documents shown more than once (the app shows the same pages on
#: every keystroke): stemmed once, then each search is a set intersection a sentence.
_STEMS_CACHE: OrderedDict = OrderedDict()


def _sentence_stems(doc: IndexDoc, candidates: list, audience: str | None = None) -> list[frozenset[str]] | None:
    """The stems of each sentence when this document has been shown before in this process
    (made on its second showing, kept after); None on its first, when stemming only the words
    that could match is quicker (a single search from the command line shows each page once)."""
    key = _cache_key(doc, audience)
    if key is None:
        return None
    cached = _STEMS_CACHE.get(key)
    if cached is not None:
        _STEMS_CACHE.move_to_end(key)
        return cached
    if _SEEN.get(key) is None:
        _SEEN[key] = True
        while len(_SEEN) > SENTENCE_CACHE_DOCS:
            _SEEN.popitem(last=False)
        return None
    made = [frozenset(map(stem, words)) for _text, _bonus, words in candidates]
    _STEMS_CACHE[key] = made
    while len(_STEMS_CACHE) > SENTENCE_CACHE_DOCS:
        _STEMS_CACHE.popitem(last=False)
    return made


_SEEN: OrderedDict = OrderedDict()


def snippet(doc: IndexDoc, stems: set[str], idf: Callable[[str], float], audience: str | None = None) -> str:
    """The best sentence for these stems, marked; the summary when nothing matches. For a
    reader of ``audience``, never a sentence written for the other audience (None: any)."""
    candidates = sentence_words(doc, audience)
    if not candidates:
        return ""
    weights = {s: max(idf(s), 0.1) for s in stems}
    starts = stem_starts(stems)
    stemmed = _sentence_stems(doc, candidates, audience)
    best_index, best_score = 0, -1.0
    for index, (text, bonus, words) in enumerate(candidates):
        if stemmed is not None:
            found = stemmed[index] & stems
        else:  # only words that could have a query stem are stemmed (see ``STEM_NEW_LETTERS``)
            found = {found for w in words if w.startswith(starts) and (found := stem(w)) in stems}
        # fsum: the score does not depend on the order a set of stems happens to be in
        score = math.fsum(weights[s] for s in found) * (1 + bonus) if found else 0.0
        if score > best_score:
            best_index, best_score = index, score
    text = candidates[best_index][0]
    if len(text) < 60 and best_index + 1 < len(candidates):
        text = f"{text} {candidates[best_index + 1][0]}"
    return mark(_shorten(text, stems), stems)


def _shorten(text: str, stems: set[str]) -> str:
    if len(text) <= MAX_CHARS:
        return text
    first = next((m.start() for m in _WORD_SPAN.finditer(text) if _stem_of(m.group()) in stems), 0)
    start = max(0, min(first - 60, len(text) - MAX_CHARS))
    if start:
        start = text.find(" ", start) + 1
    end = text.rfind(" ", 0, start + MAX_CHARS)
    end = end if end > start else start + MAX_CHARS
    return ("…" if start else "") + text[start:end].strip() + "…"


def mark(text: str, stems: set[str]) -> str:
    def wrap(match: re.Match) -> str:
        word = match.group()
        return f"{MARK_OPEN}{word}{MARK_CLOSE}" if _stem_of(word) in stems else word

    return _WORD_SPAN.sub(wrap, text)


def split_marked(snippet_text: str) -> list[tuple[str, bool]]:
    """A marked snippet as (text, is_match) pieces, for a screen to style."""
    pieces = []
    for index, part in enumerate(snippet_text.split(MARK_OPEN)):
        if part:
            pieces.append((part, index % 2 == 1))
    return pieces
