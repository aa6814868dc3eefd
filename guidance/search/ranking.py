"""Ranking pages for a list of concepts: BM25 over weighted postings, with phrase and pair evidence.

The engine only has to hand over postings (document numbers with the weight of the word in each)
and the length of each document; the scoring is done here, in plain Python, for three reasons:

- Speed. Scoring through a generic matcher tree costs a method call per posting per node; here
  a word's contribution to every page that uses it is computed once, cached, and added up with
  one loop, so common words ("pay", "employer") cost almost nothing after their first use.
- Correct top-k. Every matching page is scored in full and sorted by (score, document number),
  so the first N results never depend on how many were asked for (block-skipping collectors
  can drop a page whose score they under-estimate).
- Better ranking. A concept scores the *best* of its alternatives (the word typed, its
  corrections, its synonyms, its completions) instead of their sum, so a page that happens to
  use three synonyms of one word does not outrank a page about the whole question; and two
  query words that stand next to each other earn a bonus on pages where they do too
  ("bank holiday", "sleep in", "direct payment").
"""

from __future__ import annotations

import heapq
import math
from collections import OrderedDict
from typing import Iterable, Protocol, Sequence

from guidance.search.query import Alternative, Concept

K1 = 1.2
B = 0.75
#: Weight of an adjacent pair of query words found next to each other on a page.
PAIR_BOOST = 0.5
#: A concept's other alternatives still count a little (a page using both "sack" and "dismiss"
#: is slightly more about it), but far less than the best one.
TIE_BREAK = 0.1
#: Cached postings, counted in postings; ~100 bytes each.
CACHE_POSTINGS = 400_000
TEXT, PAIRS = "text", "pairs"


class PostingSource(Protocol):
    """What ranking needs from an index."""

    def postings(self, field: str, term: str) -> tuple[Sequence[int], Sequence[float]]: ...

    def doc_lengths(self) -> tuple[dict[int, int], float]: ...


def pair_term(first: str, second: str) -> str:
    """The term under which two adjacent stems are indexed (stems never hold '_')."""
    return f"{first}_{second}"


class Ranker:
    """Scores concepts against one open index; keeps per-term scores between queries."""

    def __init__(self, source: PostingSource):
        self.source = source
        self._lengths: dict[int, int] | None = None
        self._norms: dict[int, float] = {}
        self._count = 0
        self._cache: OrderedDict[tuple[str, str], dict[int, float]] = OrderedDict()
        self._cached = 0

    # -- per-term scores -------------------------------------------------------------------

    def _prepare(self) -> None:
        lengths, average = self.source.doc_lengths()
        average = average or 1.0
        self._lengths = lengths
        self._count = len(lengths)
        # The length part of BM25's denominator, once per page rather than once per posting.
        self._norms = {doc: K1 * (1 - B + B * length / average) for doc, length in lengths.items()}

    def term_scores(self, field: str, term: str) -> dict[int, float]:
        """BM25 contribution of ``term`` to every page holding it (cached, least recently used out)."""
        key = (field, term)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        if self._lengths is None:
            self._prepare()
        ids, weights = self.source.postings(field, term)
        norms = self._norms
        scores: dict[int, float] = {}
        if ids:
            df = len(ids)
            idf = math.log(1 + (self._count - df + 0.5) / (df + 0.5))
            top = idf * (K1 + 1)
            for doc, weight in zip(ids, weights):
                norm = norms.get(doc)
                if norm is not None:
                    scores[doc] = top * weight / (weight + norm)
        self._remember(key, scores)
        return scores

    def _remember(self, key, scores: dict[int, float]) -> None:
        self._cache[key] = scores
        self._cached += len(scores) + 1
        while self._cached > CACHE_POSTINGS and len(self._cache) > 1:
            _old, dropped = self._cache.popitem(last=False)
            self._cached -= len(dropped) + 1

    def alternative_scores(self, alternative: Alternative) -> dict[int, float]:
        """One word, or a phrase: every adjacent pair of its stems must be on the page."""
        stems = alternative.stems
        if len(stems) == 1:
            return self.term_scores(TEXT, stems[0])
        if len(stems) == 2:
            return self.term_scores(PAIRS, pair_term(*stems))
        parts = [self.term_scores(PAIRS, pair_term(a, b)) for a, b in zip(stems, stems[1:])]
        parts.sort(key=len)
        shared = set(parts[0]).intersection(*parts[1:])
        return {doc: sum(p[doc] for p in parts) / len(parts) for doc in shared}

    # -- whole queries ---------------------------------------------------------------------

    def concept_scores(self, concept: Concept) -> dict[int, float]:
        """The best alternative per page, plus a little for the others."""
        scored = [(alt.boost, self.alternative_scores(alt)) for alt in concept.alternatives]
        scored = [(boost, scores) for boost, scores in scored if scores]
        if not scored:
            return {}
        if len(scored) == 1:
            boost, scores = scored[0]
            return scores if boost == 1.0 else {doc: s * boost for doc, s in scores.items()}
        best: dict[int, float] = {}
        total: dict[int, float] = {}
        for boost, scores in scored:
            best_get, total_get = best.get, total.get
            for doc, score in scores.items():
                score *= boost
                total[doc] = total_get(doc, 0.0) + score
                if score > best_get(doc, 0.0):
                    best[doc] = score
        return {doc: top + TIE_BREAK * (total[doc] - top) for doc, top in best.items()}

    def rank(self, concepts: list[Concept], pairs: Iterable[tuple[str, str]], allowed: set[int] | None, limit: int) -> list[tuple[int, float]]:
        """(document number, score) best first; ties go to the lower document number."""
        required = [c for c in concepts if c.required and c.alternatives]
        candidates: set[int] | None = None
        for concept in required:
            docs = set(self.concept_scores(concept))
            candidates = docs if candidates is None else candidates & docs
        if allowed is not None:
            candidates = allowed if candidates is None else candidates & allowed
        if candidates is not None and not candidates:
            return []
        totals: dict[int, float] = {}
        for concept in concepts:
            if concept.alternatives:
                _add(totals, self.concept_scores(concept), 1.0)
        for first, second in pairs:
            _add(totals, self.term_scores(PAIRS, pair_term(first, second)), PAIR_BOOST)
        if candidates is not None:
            items: Iterable = ((doc, totals[doc]) for doc in candidates if doc in totals)
        else:
            items = totals.items()
        return heapq.nsmallest(limit, items, key=lambda item: (-item[1], item[0]))


def _add(totals: dict[int, float], scores: dict[int, float], weight: float) -> None:
    get = totals.get
    if weight == 1.0:
        for doc, score in scores.items():
            totals[doc] = get(doc, 0.0) + score
    else:
        for doc, score in scores.items():
            totals[doc] = get(doc, 0.0) + score * weight
