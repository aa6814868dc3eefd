"""The sentence that answers the query, with the query's words marked.

Each sentence of the summary and body is scored by the rarity (idf) of the query stems it holds,
so "umbrella" outweighs "pa"; the best one is shown, with its neighbour when it is very short.
Matching words are wrapped in ``MARK_OPEN`` / ``MARK_CLOSE``; ``split_marked`` turns a snippet
back into plain and marked pieces for a screen to style.
"""

from __future__ import annotations

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


def sentences(doc: IndexDoc) -> list[tuple[str, float]]:
    """(sentence, bonus): the summary is the read-out answer, so it starts slightly ahead."""
    out = [(s, 0.15) for s in _SENTENCE_END.split(doc.summary) if s.strip()]
    for block in doc.blocks:
        if block.heading:
            continue
        out.extend((s, 0.0) for s in _SENTENCE_END.split(block.text) if s.strip())
    return out


@lru_cache(maxsize=50_000)
def _stem_of(word: str) -> str:
    word = normalise(word)
    if word.endswith("'s"):
        word = word[:-2]
    return stem(word.replace("'", ""))


#: Sentences and their stems of recently shown documents, by (id, fingerprint): a document's
#: sentences are cut and stemmed once, not on every search that shows it.
_SENTENCE_CACHE: OrderedDict = OrderedDict()
SENTENCE_CACHE_DOCS = 2000


def stemmed_sentences(doc: IndexDoc) -> list[tuple[str, float, frozenset[str]]]:
    """(sentence, bonus, its stems) for each sentence of ``sentences(doc)``, cached."""
    key = (doc.id, doc.fingerprint) if doc.fingerprint else None
    cached = _SENTENCE_CACHE.get(key) if key else None
    if cached is not None:
        _SENTENCE_CACHE.move_to_end(key)
        return cached
    out = [(text, bonus, frozenset(_stem_of(w) for w in WORD.findall(normalise(text)))) for text, bonus in sentences(doc)]
    if key:
        _SENTENCE_CACHE[key] = out
        while len(_SENTENCE_CACHE) > SENTENCE_CACHE_DOCS:
            _SENTENCE_CACHE.popitem(last=False)
    return out


def snippet(doc: IndexDoc, stems: set[str], idf: Callable[[str], float]) -> str:
    """The best sentence for these stems, marked; the summary when nothing matches."""
    candidates = stemmed_sentences(doc)
    if not candidates:
        return ""
    weights = {s: max(idf(s), 0.1) for s in stems}
    best_index, best_score = 0, -1.0
    for index, (text, bonus, sentence_stems) in enumerate(candidates):
        if sentence_stems.isdisjoint(stems):
            score = 0.0
        else:
            score = sum(weights[s] for s in sentence_stems & stems) * (1 + bonus)
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
