"""Ranking pages for a list of concepts: BM25 over weighted postings, with phrase and pair evidence.

The engine only has to hand over postings (document numbers with the weight of the word in each)
and the length of each document; the scoring is done here, in plain Python, for three reasons:

- Speed. Scoring through a generic matcher tree costs a method call per posting per node; here
  a word's contribution to every page that uses it is computed once, cached, and added up with
  one loop, so common words ("pay", "employer") cost almost nothing after their first use.
- Correct top-k. Every matching page is scored in full and sorted by (score, document number),
  so the first N results never depend on how many were asked for (block-skipping collectors
  can drop a page whose score they under-estimate).
- Better ranking. A concept (the word typed with its synonyms and completions) is scored as
  one word (see ``Ranker``), and two query words that stand next to each other earn a bonus on
  pages where they do too ("bank holiday", "sleep in", "direct payment").
- Hub votes. Among the best pages, a narrower page gives a little of its score to the general
  page it names as related, when the query names nothing that narrows it (see ``rerank``).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import Iterable, Protocol, Sequence

from guidance.search.query import Alternative, Concept

#: BM25's saturation constant. Words are counted with their part's weight (a title word counts
#: 5, see ``documents.WEIGHTS``), so it is set well above the usual 1.2 that suits plain counts:
#: at 1.2 a word in the title, keywords and summary scored hardly more than one mention in
#: the body, and the weights meant nothing. Repeats within a part already saturate when the
#: page is indexed (``whoosh_index.SATURATE_AFTER``), so this one can be high.
K1 = 10.0
#: How far a page's length discounts its words (0: not at all, 1: in full). Below the usual 0.75:
#: a long page is long because it answers more (a hub page, a full procedure), not because it
#: repeats itself (repeats already saturate), so its words are discounted a little less.
B = 0.65
#: Weight of an adjacent pair of query words found next to each other on a page.
PAIR_BOOST = 0.2
#: Domain words on most pages ("PA", "direct payment", "council", "employer", "care") do not say
#: what is asked. A concept whose typed words are on more than this share of the pages counts
#: for less, falling to ``COMMON_FLOOR`` of its score as its share rises (see
#: ``commonness_weight``), when the query also has a word that says sharply what is asked
#: (see ``subject_lift``); otherwise the domain words are the subject and count again.
COMMON_SHARE = 0.6
COMMON_FLOOR = 0.5
#: A query whose sharpest concept is on at most ``SUBJECT_SHARE_LOW`` of the pages has a word that
#: says what is asked; one whose sharpest is on ``SUBJECT_SHARE_HIGH`` or more has none, and its
#: domain words count as the subject, scored as if on ``SUBJECT_AS_SHARE`` of the pages. Between
#: the two the treatments are blended smoothly (``subject_lift``): a hard step made adding one
#: page flip the order of every query whose sharpest word sat near the step.
SUBJECT_SHARE_LOW = 0.1
SUBJECT_SHARE_HIGH = 0.25
SUBJECT_AS_SHARE = 0.15
#: The best pages by the evidence above are looked at again (see ``Ranker.rerank``): a general
#: page that the narrower pages found beside it name as related is the page about what they
#: share. Only this many are looked at, whatever the limit, so the first N results never depend
#: on the limit.
RERANK_DEPTH = 20
#: Share of its score a narrower page gives to the first page it names as related (the next in
#: its list get half, a third...), when the query names the hub's subject and nothing of what
#: narrows the page ("Holiday for PAs with irregular hours" votes for "Holiday entitlement for
#: PAs" on "how much holiday do I give my staff", not on "holiday with irregular hours").
HUB_VOTE = 0.08
#: Only the first ``VOTERS`` pages, and of those only the ones scoring at least ``VOTER_SHARE`` of
#: the best, vote.
VOTERS = 5
VOTER_SHARE = 0.5
#: A narrower page votes for a related page only when the words saying what is asked that the
#: related page never uses earn the voter at most this share of its score: a page answering a
#: part of the question its related page does not mention ("travel" in "who pays for travel
#: expenses", voting for "legal expenses cover") stands beside that page, not under it.
HUB_MISSING_SHARE = 0.25
#: Pages whose distinctive title words are kept between queries.
DISTINCT_CACHE = 20_000
#: Weight of a concept made from a caller phrase of several words ("pay anything myself",
#: "arrange cover"): the phrase says what is asked, the single words beside it ("sick",
#: "benefits") often only the circumstances, so a page matching the phrase wins over one
#: matching a circumstance as strongly.
PHRASE_WEIGHT = 1.25
#: Weight of a concept of words that frame the question ("best way", "easy"; see ``frames``):
#: searched, so a page saying it can come first among equals, but never the reason a page does.
FRAME_WEIGHT = 0.2
#: The place, at worst, of the best document of a kind the caller asked for (see ``Ranker.rank``):
#: beside the page that answers, so "redundancy calculator" offers the calculator and the page.
WANTED_PLACE = 2
#: Cached postings and concept scores, counted in postings (~100 bytes each).
CACHE_POSTINGS = 400_000
TEXT, PAIRS = "text", "pairs"


class PostingSource(Protocol):
    """What ranking needs from an index."""

    def postings(self, field: str, term: str) -> tuple[Sequence[int], Sequence[float]]: ...

    def doc_lengths(self) -> tuple[dict[int, int], float]: ...


class PageFacts(Protocol):
    """What re-ranking needs besides postings (optional: a source without it is not re-ranked)."""

    def page_facts(self, doc: int) -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
        """(stems of the title, ids of its related pages, subjects it covers) of a document."""

    def doc_number(self, doc_id: str) -> int | None:
        """The document number of a page id (None: not in the index)."""

    def doc_frequency(self, term: str) -> int:
        """How many documents hold ``term``."""


def pair_term(first: str, second: str) -> str:
    """The term under which two adjacent stems are indexed (stems never hold '_')."""
    return f"{first}_{second}"


class Ranker:
    """Scores concepts against one open index; keeps postings and concept scores between queries.

    A concept is scored as one word whose occurrences are those of all its alternatives, each
    counted at its boost, and whose rarity is that of the pages holding any of them (as Lucene
    scores synonyms). So a page using "sack" and "dismiss" is a little more about dismissal than
    one using either; a rare synonym ("local authority" for "council") is not worth more than the
    word the caller said; and a half-typed word that could be many words counts for little.
    """

    def __init__(self, source: PostingSource):
        self.source = source
        self._norms: dict[int, float] | None = None
        self._count = 0
        self._cache: OrderedDict[tuple, dict[int, float]] = OrderedDict()
        self._cached = 0
        self._distinct: dict[int, frozenset[str]] = {}

    def _prepare(self) -> None:
        lengths, average = self.source.doc_lengths()
        average = average or 1.0
        self._count = len(lengths)
        # The length part of BM25's denominator, once per page rather than once per posting.
        self._norms = {doc: K1 * (1 - B + B * length / average) for doc, length in lengths.items()}

    # -- cache -----------------------------------------------------------------------------

    def _cached_value(self, key):
        value = self._cache.get(key)
        if value is not None:
            self._cache.move_to_end(key)
        return value

    def _remember(self, key, value: dict[int, float]) -> dict[int, float]:
        self._cache[key] = value
        self._cached += len(value) + 1
        while self._cached > CACHE_POSTINGS and len(self._cache) > 1:
            _old, dropped = self._cache.popitem(last=False)
            self._cached -= len(dropped) + 1
        return value

    # -- occurrences -----------------------------------------------------------------------

    def weights(self, field: str, term: str) -> dict[int, float]:
        """Page -> weight of ``term`` on it (occurrences counted by the part they are in)."""
        key = ("w", field, term)
        cached = self._cached_value(key)
        if cached is not None:
            return cached
        if self._norms is None:
            self._prepare()
        ids, weights = self.source.postings(field, term)
        return self._remember(key, dict(zip(ids, weights)))

    def alternative_weights(self, alternative: Alternative) -> dict[int, float]:
        """One word, or a phrase: every adjacent pair of its stems must be on the page."""
        stems = alternative.stems
        if len(stems) == 1:
            return self.weights(TEXT, stems[0])
        parts = [self.weights(PAIRS, pair_term(a, b)) for a, b in zip(stems, stems[1:])]
        if len(parts) == 1:
            return parts[0]
        parts.sort(key=len)
        shared = set(parts[0]).intersection(*parts[1:])
        return {doc: min(p[doc] for p in parts) for doc in shared}

    # -- scores ----------------------------------------------------------------------------

    def bm25(self, weights: dict[int, float], df: int | None = None) -> dict[int, float]:
        """BM25 of a (pseudo-)term given its weight on each page; ``df``: the document frequency
        its rarity is judged by (default: the pages it is on)."""
        if not weights:
            return {}
        if self._norms is None:
            self._prepare()
        df = df or len(weights)
        top = math.log(1 + (self._count - df + 0.5) / (df + 0.5)) * (K1 + 1)
        norms = self._norms
        return {doc: top * w / (w + norms[doc]) for doc, w in weights.items()}

    def concept_scores(self, concept: Concept, as_share: float | None = None) -> dict[int, float]:
        """BM25 of a concept on each page holding it; ``as_share``: score it as if it were on
        that share of the pages (a subject word counted again, see ``rank``).

        Its rarity is that of the single word the caller typed, when there is one: "audit" is
        a rare word even though its synonym "check" is on most pages, and its synonyms share
        that rarity (at their lower boost). A typed phrase, or a concept with no typed word, is
        as rare as the pages holding any of its alternatives (a phrase's exact pairs are too
        few to say how common the idea is)."""
        key = ("c", tuple((a.stems, a.boost, a.same_word) for a in concept.alternatives), as_share)
        cached = self._cached_value(key)
        if cached is not None:
            return cached
        blended: dict[int, float] = {}
        own: set[int] = set()
        for alternative in concept.alternatives:
            found = self.alternative_weights(alternative)
            if alternative.boost == 1.0 and len(alternative.stems) == 1:
                own.update(found)
            if not blended and alternative.boost == 1.0:
                blended = dict(found)
                continue
            get, boost = blended.get, alternative.boost
            if alternative.same_word:  # another form of the word: where the form typed is, no more
                for doc, weight in found.items():
                    blended[doc] = max(get(doc, 0.0), weight * boost)
                continue
            for doc, weight in found.items():
                blended[doc] = get(doc, 0.0) + weight * boost
        df = len(own) or None
        if as_share is not None:
            if self._norms is None:
                self._prepare()
            df = max(1, round(as_share * self._count))
        return self._remember(key, self.bm25(blended, df))

    def own_share(self, concept: Concept) -> float:
        """Share of all documents holding the words the caller typed (synonyms left out): how
        common a concept is, so "audit" is not taken for a word on most pages because its
        synonym "check" is. Concepts with no typed word on any page (a phrase searched by its
        page words only) are judged by all their alternatives."""
        key = ("s", tuple((a.stems, a.boost, a.same_word) for a in concept.alternatives))
        cached = self._cached_value(key)
        if cached is not None:
            return cached[0]
        own: set[int] = set()
        for alternative in concept.alternatives:
            if alternative.boost == 1.0:
                own.update(self.alternative_weights(alternative))
        share = len(own) / self._count if own and self._count else self.share(self.concept_scores(concept))
        self._remember(key, {0: share})
        return share

    def pair_scores(self, first: str, second: str) -> dict[int, float]:
        key = ("p", first, second)
        cached = self._cached_value(key)
        if cached is not None:
            return cached
        return self._remember(key, self.bm25(self.weights(PAIRS, pair_term(first, second))))

    def share(self, scores: dict[int, float]) -> float:
        """Share of all documents a concept's scores cover (its document frequency over N)."""
        if self._norms is None:
            self._prepare()
        return len(scores) / self._count if self._count else 0.0

    def rank(self, concepts: list[Concept], pairs: Iterable[tuple[str, str]], allowed: set[int] | None, limit: int,
             doc_weights: dict[int, float] | None = None, wanted: set[int] | None = None) -> list[tuple[int, float]]:
        """(document number, score) best first; ties go to the lower document number.

        ``doc_weights``: documents whose score is multiplied (guided help, calculators and letters
        are offered beside the pages that answer, not above them on equal evidence).
        ``wanted``: documents of a kind the caller asked for ("sick pay calculator"): the best
        of them that matches a word saying what is asked is first or second, whatever else
        scores higher.
        """
        required = [c for c in concepts if c.required and c.alternatives]
        candidates: set[int] | None = None
        for concept in required:
            docs = set(self.concept_scores(concept))
            candidates = docs if candidates is None else candidates & docs
        if allowed is not None:
            candidates = allowed if candidates is None else candidates & allowed
        if candidates is not None and not candidates:
            return []
        chosen = [c for c in concepts if c.alternatives]
        parts = self.concept_parts(chosen)  # caller phrases weighed by ``PHRASE_WEIGHT``
        parts += [(self.pair_scores(first, second), PAIR_BOOST) for first, second in pairs]
        parts = [(scores, weight) for scores, weight in parts if scores]
        if not parts:
            return []
        parts.sort(key=lambda part: (part[1] != 1.0, -len(part[0]), -part[1]))
        totals = dict(parts[0][0]) if parts[0][1] == 1.0 else {}  # the longest list, copied at C speed
        for scores, weight in parts[1:] if totals else parts:
            _add(totals, scores, weight)
        if candidates is not None:
            totals = {doc: totals[doc] for doc in candidates if doc in totals}
        if hasattr(self.source, "page_facts"):
            self.rerank(totals, chosen)
        if doc_weights:
            for doc, weight in doc_weights.items():
                if doc in totals:
                    totals[doc] *= weight
        if wanted:
            wanted = self.saying_what_is_asked(wanted, chosen)
        return _promoted(_best(totals, max(limit, WANTED_PLACE)), totals, wanted)[:limit]

    def saying_what_is_asked(self, docs: set[int], concepts: list[Concept]) -> set[int]:
        """Those of ``docs`` that match a concept on at most ``COMMON_SHARE`` of the pages: a
        calculator matching only "PA" is no answer to "how much holiday does my PA get"."""
        sharp: set[int] = set()
        for concept in concepts:
            if not concept.frame and self.own_share(concept) <= COMMON_SHARE:
                sharp.update(doc for doc in self.concept_scores(concept) if doc in docs)
        return sharp

    def concept_parts(self, chosen: list[Concept]) -> list[tuple[dict[int, float], float]]:
        """(scores, weight) of each concept, its domain words weighed by how sharply the query
        says what is asked.

        A concept on at most ``COMMON_SHARE`` of the pages counts in full. A domain concept (on
        more) counts as a circumstance, at ``commonness_weight`` of its score, when another
        word says sharply what is asked; when none does ("how to apply for direct payments")
        it is the subject, scored as if on ``SUBJECT_AS_SHARE`` of the pages. Between the two,
        ``subject_lift`` of the sharpest concept's share blends them, so adding a page moves
        a close query's order a little, never all at once. Frame words ("best way", "easy")
        count at ``FRAME_WEIGHT`` and are never the sharpest concept.
        """
        frames = [c for c in chosen if c.frame]
        chosen = [c for c in chosen if not c.frame]
        shares = [self.own_share(c) for c in chosen]
        sharpest = min((0.0 if _phrase_only(c) else share for c, share in zip(chosen, shares)), default=1.0)
        lift = subject_lift(sharpest)
        parts: list[tuple[dict[int, float], float]] = [(self.concept_scores(c), FRAME_WEIGHT) for c in frames]
        for concept, share in zip(chosen, shares):
            scores = self.concept_scores(concept)
            phrase = (PHRASE_WEIGHT if concept.caller_phrase else 1.0) * concept.weight
            if share <= COMMON_SHARE:
                parts.append((scores, phrase))
                continue
            if lift < 1.0:
                parts.append((scores, phrase * (1.0 - lift) * commonness_weight(share)))
            if lift > 0.0:
                parts.append((self.concept_scores(concept, SUBJECT_AS_SHARE), phrase * lift))
        return parts

    def rerank(self, totals: dict[int, float], concepts: list[Concept]) -> None:
        """Hub votes, in place, among the ``RERANK_DEPTH`` best pages: a page scoring at least
        ``VOTER_SHARE`` of the best gives ``HUB_VOTE`` of its score (divided by the place in its
        list) to each page it names as related that covers a subject with it, when the hub's
        title has a word the query names or has only the domain's words ("What direct payments
        are": title words on most pages left out), the voter's title words that the hub's lacks
        are all unnamed, the hub's unnamed title words are less specific than the voter's (see
        ``specificity``: rarer words narrow more, so "Declaration of compliance and re-enrolment"
        is narrower than "Workplace pensions: automatic enrolment"), and the hub uses the words
        that earn the voter its score (``holds_what_is_asked``): the query asks about the subject
        the pages share, not about what makes the voter narrower (and the general page never
        votes for a narrower one).
        """
        if not totals or not concepts:
            return
        top = _best(totals, RERANK_DEPTH)
        best = dict(top)
        named: frozenset[str] | None = None
        floor = top[0][1] * VOTER_SHARE
        votes: dict[int, float] = {}
        for doc, score in top[:VOTERS]:
            if score < floor:
                break
            _title, related, covers = self.source.page_facts(doc)
            if not related:
                continue
            mine = self.distinct(doc)
            for place, target in enumerate(related):
                hub = self.source.doc_number(target)
                if hub is None or hub == doc or hub not in best:
                    continue
                _title, _related, hub_covers = self.source.page_facts(hub)
                if covers.isdisjoint(hub_covers):
                    continue
                if named is None:
                    named = frozenset(s for c in concepts for a in c.alternatives for s in a.stems)
                theirs = self.distinct(hub)
                narrower = mine - theirs
                if ((theirs & named or not theirs) and narrower and not narrower & named
                        and self.specificity(theirs - named) < self.specificity(mine - named)
                        and self.holds_what_is_asked(hub, doc, score, concepts)):
                    votes[hub] = votes.get(hub, 0.0) + score * HUB_VOTE / (place + 1)
        for doc, vote in votes.items():
            totals[doc] += vote

    def holds_what_is_asked(self, hub: int, voter: int, voter_score: float, concepts: list[Concept]) -> bool:
        """Whether ``hub`` uses the words saying what is asked (concepts on at most
        ``COMMON_SHARE`` of the pages) that earn ``voter`` its score: a page that answers a part
        of the question its related page does not even mention ("travel" in "who pays for travel
        expenses") is beside that page, not narrower than it. A word the voter merely mentions
        (under ``HUB_MISSING_SHARE`` of its score) does not count."""
        missing = 0.0
        for concept in concepts:
            if concept.frame or self.own_share(concept) > COMMON_SHARE:
                continue
            scores = self.concept_scores(concept)
            if hub not in scores:
                missing += scores.get(voter, 0.0)
        return missing <= HUB_MISSING_SHARE * voter_score

    def specificity(self, title_stems: frozenset[str]) -> float:
        """How narrow a set of title stems makes a page: the sum of their rarities, so a title
        word on few pages ("compliance") narrows more than one on many ("pension")."""
        if self._norms is None:
            self._prepare()
        count = self._count or 1
        return sum(math.log(1 + count / max(1, self.source.doc_frequency(s))) for s in title_stems)

    def distinct(self, doc: int) -> frozenset[str]:
        """A page's title stems that are not on most pages: what it is about, not the domain."""
        found = self._distinct.get(doc)
        if found is None:
            if len(self._distinct) >= DISTINCT_CACHE:
                self._distinct.clear()
            if self._norms is None:
                self._prepare()  # the page count: before it, every title word would look common
            title = self.source.page_facts(doc)[0]
            limit = COMMON_SHARE * self._count
            found = self._distinct[doc] = frozenset(s for s in title if self.source.doc_frequency(s) <= limit)
        return found


def _phrase_only(concept: Concept) -> bool:
    """A caller's phrase searched by its page words only ("not doing the job"): it says what is
    asked however many pages its page words are on."""
    return all(a.boost != 1.0 for a in concept.alternatives)


def subject_lift(sharpest: float) -> float:
    """How far a query's domain words are its subject, from its sharpest concept's share of the
    pages (0..1): 0 when that concept is on at most ``SUBJECT_SHARE_LOW`` of the pages (it says
    what is asked), 1 from ``SUBJECT_SHARE_HIGH`` (nothing does), rising smoothly between."""
    if sharpest <= SUBJECT_SHARE_LOW:
        return 0.0
    if sharpest >= SUBJECT_SHARE_HIGH:
        return 1.0
    x = (sharpest - SUBJECT_SHARE_LOW) / (SUBJECT_SHARE_HIGH - SUBJECT_SHARE_LOW)
    return x * x * (3.0 - 2.0 * x)


def commonness_weight(share: float) -> float:
    """1 for a word on few pages, falling to ``COMMON_FLOOR`` for a word on (nearly) all of them.

    The fall is steep at first: a word on a third of the pages already says little about which
    page answers, however much its pages make of it (a title "Minimum wage for personal
    assistants" is no answer to "my personal assistant is not happy").
    """
    if share <= COMMON_SHARE:
        return 1.0
    span = (share - COMMON_SHARE) / (1.0 - COMMON_SHARE)
    return max(COMMON_FLOOR, 1.0 - (1.0 - COMMON_FLOOR) * span ** 0.5)


def _best(totals: dict[int, float], limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best (document, score), by score then document number: a total order, so
    the first N are the same whatever the limit."""
    if len(totals) > limit:
        threshold = sorted(totals.values())[-limit]
        chosen = [(doc, score) for doc, score in totals.items() if score >= threshold]
    else:
        chosen = list(totals.items())
    chosen.sort(key=lambda item: (-item[1], item[0]))
    return chosen[:limit]


def _promoted(ranked: list[tuple[int, float]], totals: dict[int, float], wanted: set[int] | None) -> list[tuple[int, float]]:
    """``ranked`` with the best-scoring ``wanted`` document among ``totals`` moved up to place
    ``WANTED_PLACE`` when it is lower (or not in ``ranked``); its score is left as it was."""
    if not wanted or any(doc in wanted for doc, _score in ranked[:WANTED_PLACE]):
        return ranked
    found = [(-score, doc) for doc, score in totals.items() if doc in wanted]
    if not found:
        return ranked
    score, doc = min(found)
    rest = [item for item in ranked if item[0] != doc]
    return rest[:WANTED_PLACE - 1] + [(doc, -score)] + rest[WANTED_PLACE - 1:]


def _add(totals: dict[int, float], scores: dict[int, float], weight: float) -> None:
    get = totals.get
    if weight == 1.0:
        for doc, score in scores.items():
            totals[doc] = get(doc, 0.0) + score
    else:
        for doc, score in scores.items():
            totals[doc] = get(doc, 0.0) + score * weight
