"""The Whoosh side of search: schema, writing documents and running compiled queries.

Whoosh is no longer maintained, so it is kept in this one module: the rest of the package speaks
of documents, concepts and hits, and another engine could replace this file alone.

One text field carries every part of a page, each word weighted by the part it came from (see
``documents.WEIGHTS``): one posting list per word instead of one per field keeps queries fast.
A second field holds each pair of neighbouring words ("bank_holiday"), weighted the same way:
phrases and word-pair bonuses are then single look-ups instead of position checks. Stop words
are skipped, so the phrase "right to work" matches "right work", and no pair spans the end of
a part, a keyword or a sentence.

Whoosh stores and reads postings; ranking is done by ``ranking.Ranker`` from those postings.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate
from dataclasses import dataclass
from pathlib import Path

from guidance.search import _light_whoosh  # noqa: F401  (before Whoosh itself: see that module)
from whoosh import fields, formats, index
from whoosh.system import pack_uint
from whoosh.analysis import Analyzer, Token
from whoosh.codec.whoosh3 import W3Codec

from guidance.search.analysis import BUILT_IN, RUN_MARK, Equivalents, marked_stems_of, stems
from guidance.search.documents import WEIGHTS, IndexDoc, blocks_from_json
from guidance.search.kinds import KIND_WEIGHTS, NAMED_KIND_WEIGHT
from guidance.search.query import Alternative, Concept
from guidance.search.ranking import PAIRS, TEXT, Ranker, pair_term

PART_SEP = "\x1e"
#: Memory (MB) Whoosh's pool may use for postings before it spills them to disk runs, which it
#: merges in Python. The text and pair postings bypass the pool (``whoosh_writer.BulkWriter``)
#: except when an update merges older segments: 512 then holds those in memory too.
POOL_MB = 512
#: Stored documents kept by an open reader (results of recent searches).
STORED_CACHE_DOCS = 5000
WEIGHT_SEP = "\x1f"




def _weighted_parts(value: str):
    """(boost, text) for each part of a weighted text made by ``weighted_text``."""
    for part in value.split(PART_SEP):
        weight, _, text = part.rpartition(WEIGHT_SEP)
        yield (float(weight) if weight else 1.0), text


#: The n-th use of a word within one part counts 1/n (so a page that says "holiday" twenty times
#: in its body is not twenty times about holidays), and uses after this many count nothing.
SATURATE_AFTER = 8


@lru_cache(maxsize=8)
def _analysed(value: str, equivalents: Equivalents = BUILT_IN) -> tuple[tuple[tuple[float, tuple[str, ...]], ...], frozenset[str]]:
    """((boost, stems of the part with ``RUN_MARK`` between runs) for each part, the distinct
    words): a page's text is cut and stemmed once for both fields and for the spelling
    vocabulary, the phrases of ``equivalents`` (the content's fixed names among them) joined."""
    parts = list(_weighted_parts(value))
    stems, words = marked_stems_of([text for _, text in parts], equivalents)  # runs end where ``analysis.RUN_END`` says
    return tuple((boost, tuple(part)) for (boost, _), part in zip(parts, stems)), frozenset(words)


def distinct_words(doc: IndexDoc, equivalents: Equivalents = BUILT_IN) -> frozenset[str]:
    """The distinct words of a document (every part), for the spelling and completion vocabulary."""
    return _analysed(weighted_text(doc), equivalents)[1]


class _CutWith(Analyzer):
    """An analyser cutting text with the phrases of ``equivalents`` joined: the content's own
    (its fixed names among them), given when the index is written (``IndexWriter``). They are
    not stored with the index's schema: an index made with other names is never written to."""

    equivalents: Equivalents = BUILT_IN

    def __init__(self, equivalents: Equivalents = BUILT_IN):
        self.equivalents = equivalents

    def __getstate__(self) -> dict:
        return {key: value for key, value in self.__dict__.items() if key != "equivalents"}


class WeightedAnalyzer(_CutWith):
    """Stems with a boost: input is parts "<weight>\\x1f<text>" joined by "\\x1e".

    Repeats within a part saturate (``SATURATE_AFTER``): a page that mentions a word often is
    not thereby about it; the part the word is in (title, questions, summary) says more.
    """

    def counts(self, value: str) -> dict[str, list]:
        return _text_counts(value, self.equivalents)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        position = start_pos
        for boost, stems in _analysed(value, self.equivalents)[0]:
            seen: dict[str, int] = {}
            for term in stems:
                if term == RUN_MARK:
                    continue
                count = seen.get(term, 0) + 1
                seen[term] = count
                if count > SATURATE_AFTER:
                    position += 1
                    continue
                token.text = term
                token.boost = boost / count
                token.stopped = False
                if positions:
                    token.pos = position
                position += 1
                yield token
            position += 1  # no phrase across the end of a part


def _text_counts(value: str, equivalents: Equivalents = BUILT_IN) -> dict[str, list]:
    """Stem -> [uses, weight]: what ``WeightedAnalyzer`` yields, counted a part at a time.

    The weight is summed in the analyser's order (1/1, then 1/2, ... of the part's boost, part
    after part), so it is the same number to the last bit."""
    counts: dict[str, list] = {}
    get = counts.get
    for boost, stems in _analysed(value, equivalents)[0]:
        sums = _saturated_sums(boost)
        uses = Counter(stems)
        uses.pop(RUN_MARK, None)
        for term, count in uses.items():
            if count > SATURATE_AFTER:
                count = SATURATE_AFTER
            entry = get(term)
            if entry is None:
                counts[term] = [count, sums[count]]
                continue
            entry[0] += count
            weight = entry[1]
            for nth in range(1, count + 1):
                weight += boost / nth
            entry[1] = weight
    return counts


@lru_cache(maxsize=64)
def _saturated_sums(boost: float) -> tuple[float, ...]:
    """[n] = boost/1 + boost/2 + ... + boost/n, added in that order (n up to SATURATE_AFTER)."""
    sums = [0.0, boost / 1]
    for nth in range(2, SATURATE_AFTER + 1):
        sums.append(sums[-1] + boost / nth)
    return tuple(sums)


def _pair_terms(stems: tuple[str, ...]):
    """Pair terms of neighbouring stems of one run (as ``pair_term`` makes them), a stem beside
    itself left out."""
    for first, second in zip(stems, stems[1:]):
        if first != second and first != RUN_MARK and second != RUN_MARK:
            yield pair_term(first, second)


def _pair_counts(value: str, equivalents: Equivalents = BUILT_IN) -> dict[str, list]:
    """Pair term -> [uses, weight]: what ``PairAnalyzer`` yields, counted in one pass (a plain
    loop: faster here than counting with ``Counter`` or chains of ``map``)."""
    counts: dict[str, list] = {}
    get = counts.get
    mark = RUN_MARK
    for boost, stems in _analysed(value, equivalents)[0]:
        for first, second in zip(stems, stems[1:]):
            if first == second or first == mark or second == mark:
                continue
            term = f"{first}_{second}"  # ``pair_term`` written out: a call a pair cost a tenth
            entry = get(term)
            if entry is None:
                counts[term] = [1, boost]
            else:
                entry[0] += 1
                entry[1] += boost
    return counts


class _Counted(formats.Frequency):
    """Whoosh's frequency format, fed counts made in one pass (``_text_counts``/``_pair_counts``)
    instead of one token at a time: the same postings and lengths, in a third of the time."""

    def word_values(self, value, analyzer, **kwargs):
        counter = getattr(analyzer, "counts", None)
        if counter is None:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for term, (uses, weight) in counter(value).items():
            yield term, uses, weight * boost, pack_uint(uses)


class PairAnalyzer(_CutWith):
    """Neighbouring stems as one term each, with the boost of the part they are in."""

    def counts(self, value: str) -> dict[str, list]:
        return _pair_counts(value, self.equivalents)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        position = start_pos
        for boost, stems in _analysed(value, self.equivalents)[0]:
            for term in _pair_terms(stems):
                token.text = term
                token.boost = boost
                token.stopped = False
                if positions:
                    token.pos = position
                position += 1
                yield token


def _text_field(analyzer) -> fields.TEXT:
    field = fields.TEXT(analyzer=analyzer, phrase=False)
    field.format = _Counted()
    return field


def schema(equivalents: Equivalents = BUILT_IN) -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        text=_text_field(WeightedAnalyzer(equivalents)),
        pairs=_text_field(PairAnalyzer(equivalents)),
        audience=fields.KEYWORD(stored=True),
        area=fields.ID(stored=True),
        title=fields.STORED(),
        summary=fields.STORED(),
        covers=fields.STORED(),
        keywords=fields.STORED(),
        topics=fields.STORED(),
        blocks=fields.STORED(),
        fp=fields.STORED(),
        kind=fields.ID(stored=True),
        questions=fields.STORED(),
        related=fields.STORED(),
    )


def weighted_text(doc: IndexDoc) -> str:
    return PART_SEP.join(f"{WEIGHTS[name]}{WEIGHT_SEP}{text}" for name, text in doc.parts().items() if text)


def doc_fields(doc: IndexDoc, text: str | None = None) -> dict:
    """The fields Whoosh is given for a document; ``text``: its ``weighted_text`` if already made."""
    text = weighted_text(doc) if text is None else text
    return {
        "id": doc.id,
        "kind": doc.kind,
        "questions": list(doc.questions),
        "related": list(doc.related),
        TEXT: text,
        PAIRS: text,  # the same text, analysed into neighbouring word pairs
        "audience": " ".join(doc.audience),
        "area": doc.area,
        "title": doc.title,
        "summary": doc.summary,
        "covers": list(doc.covers),
        "keywords": list(doc.keywords),
        "topics": doc.topics,
        "blocks": doc.blocks_json(),
        "fp": doc.fingerprint,
    }


def doc_from_fields(stored: dict) -> IndexDoc:
    return IndexDoc(
        id=stored["id"],
        title=stored.get("title", ""),
        summary=stored.get("summary", ""),
        covers=list(stored.get("covers", [])),
        audience=(stored.get("audience") or "").split(),
        area=stored.get("area", ""),
        keywords=list(stored.get("keywords", [])),
        topics=stored.get("topics", ""),
        blocks=blocks_from_json(stored.get("blocks", "[]")),
        fingerprint=stored.get("fp", ""),
        questions=list(stored.get("questions", []) or []),
        kind=stored.get("kind") or "page",
        related=list(stored.get("related", []) or []),
    )


class _Codec(W3Codec):
    """Whoosh's own format without per-block length statistics: they serve Whoosh's block-skipping
    scorers, which ``ranking`` does not use, and looking up a length for every posting was a
    third of the time an index build took. Page lengths are still stored (``doc_lengths``)."""

    length_stats = False

    def postings_writer(self, dbfile, byteids=False):
        from guidance.search.whoosh_writer import FastPostingsWriter  # writing only: a search starts quicker

        return FastPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                  compression=self._compression, inlinelimit=self._inlinelimit)


class IndexWriter:
    """Adds, replaces and removes documents in one index folder, then commits once; pages are cut
    with the phrases of ``equivalents`` joined (the content's fixed names among them)."""

    def __init__(self, folder: Path, create: bool, equivalents: Equivalents = BUILT_IN):
        self.equivalents = equivalents
        self.index = index.create_in(str(folder), schema(equivalents)) if create else index.open_dir(str(folder))
        from guidance.search.whoosh_writer import BulkWriter  # writing only: a search starts quicker

        self.writer = BulkWriter(self.index, (TEXT, PAIRS), limitmb=POOL_MB, timeout=30.0, codec=_Codec())
        # The writer's schema is read back from the folder, where the analysers keep no names.
        for name in (TEXT, PAIRS):
            self.writer.schema[name].analyzer.equivalents = equivalents

    def old(self, doc_id: str) -> IndexDoc | None:
        with self.index.searcher() as searcher:
            stored = searcher.document(id=doc_id)
        return doc_from_fields(stored) if stored else None

    def remove(self, doc_id: str) -> None:
        self.writer.delete_by_term("id", doc_id)

    def add(self, doc: IndexDoc) -> frozenset[str]:
        """Add a document; returns its distinct words (``distinct_words``), cut as it was indexed."""
        text = weighted_text(doc)
        self.writer.add_document(**doc_fields(doc, text))
        return _analysed(text, self.equivalents)[1]

    def commit(self) -> None:
        self.writer.commit()
        self.index.close()

    def cancel(self) -> None:
        self.writer.cancel()
        self.index.close()


@dataclass
class RawHit:
    doc: IndexDoc
    score: float


class IndexReader:
    """An open index: one Whoosh reader kept for many queries (opening one costs ~10 ms). No
    Whoosh searcher is made: ranking is ours, and not importing Whoosh's query machinery keeps
    a cold search quick.

    It hands postings and page lengths to a ``Ranker``, which keeps each word's scores between
    queries, and fetches the stored fields of the pages that made the top.
    """

    def __init__(self, folder: Path, equivalents: Equivalents = BUILT_IN):
        #: The phrases the index's pages were cut with (its content's fixed names among them).
        self.equivalents = equivalents
        self.index = index.open_dir(str(folder), readonly=True)
        self.reader = self.index.reader()
        self.ranker = Ranker(self)
        self._filters: dict[tuple, set[int] | None] = {}
        self._kind_weights: dict[int, float] | None = None
        self._docs: dict[int, IndexDoc] = {}
        self._idf: dict[str, float] = {}
        self._facts: dict[int, tuple] = {}
        self._numbers: dict[str, int | None] = {}
        self._df: dict[str, int] = {}

    def close(self) -> None:
        try:
            self.reader.close()
            self.index.close()
        except Exception:  # already closed, or its files are gone: nothing left to release
            pass

    def doc_count(self) -> int:
        return self.reader.doc_count()

    def idf(self, term: str) -> float:
        """Rarity of a stem, for snippets: Whoosh's formula, log(N / (df + 1)) + 1."""
        value = self._idf.get(term)
        if value is None:
            count = self.reader.doc_count_all()
            value = self._idf[term] = math.log(count / (self.reader.doc_frequency(TEXT, term) + 1)) + 1
        return value

    # -- what the ranker reads -------------------------------------------------------------

    def postings(self, field: str, term: str) -> tuple[list[int], list[float]]:
        """Document numbers holding ``term`` and its weight in each; deleted pages left out."""
        ids: list[int] = []
        weights: list[float] = []
        for segment, offset in self.reader.leaf_readers():
            if (field, term) not in segment:
                continue
            _read_postings(segment, field, term, offset, ids, weights)
        return ids, weights

    def doc_lengths(self) -> tuple[dict[int, float], float]:
        """Words in each live page's text field, and the average."""
        lengths: dict[int, int] = {}
        for segment, offset in self.reader.leaf_readers():
            deleted = segment.deleted_docs_set if segment.has_deletions() else ()
            for docnum in range(segment.doc_count_all()):
                if docnum not in deleted:
                    lengths[docnum + offset] = segment.doc_field_length(docnum, TEXT, 0)
        average = sum(lengths.values()) / len(lengths) if lengths else 1.0
        # Guided help, calculators and letters are short, and BM25 favours short documents: they
        # are scored as if of average length, so a word in their title is not worth more than in
        # the title of the page that answers.
        for doc in self.kind_weights():
            if doc in lengths:
                lengths[doc] = average
        return lengths, average

    def kind_weights(self) -> dict[int, float]:
        """Document number -> ``KIND_WEIGHTS`` of its kind, for the documents that are not pages."""
        if self._kind_weights is None:
            weights: dict[int, float] = {}
            for kind, weight in KIND_WEIGHTS.items():
                for doc in self.postings("kind", kind)[0]:
                    weights[doc] = weight
            self._kind_weights = weights
        return self._kind_weights

    def allowed(self, audience: str | None, area: str | None, kinds: tuple[str, ...] | None = None) -> set[int] | None:
        """Documents passing the filters (None: no filter), computed once per set of filters."""
        key = (audience, area, kinds)
        if key not in self._filters:
            allowed = None
            for field, value in (("audience", audience), ("area", area)):
                if value:
                    docs = set(self.postings(field, value)[0])
                    allowed = docs if allowed is None else allowed & docs
            if kinds is not None:
                docs = set()
                for kind in kinds:
                    docs.update(self.postings("kind", kind)[0])
                allowed = docs if allowed is None else allowed & docs
            self._filters[key] = allowed
        return self._filters[key]

    def search(self, concepts: list[Concept], audience: str | None, area: str | None, limit: int,
               pairs: list[tuple[str, str]] = (), kinds: tuple[str, ...] | None = None,
               named_kinds: Iterable[str] = ()) -> list[RawHit]:
        """``named_kinds``: kinds the caller named, weighed by ``NAMED_KIND_WEIGHT`` instead of
        ``KIND_WEIGHTS``, the best of them first or second (``Ranker.rank``)."""
        allowed = self.allowed(audience, area, kinds)
        weights = self.kind_weights()
        wanted: set[int] = set()
        for kind in named_kinds:
            wanted.update(self.postings("kind", kind)[0])
        if wanted:
            weights = {**weights, **{doc: NAMED_KIND_WEIGHT for doc in wanted}}
        ranked = self.ranker.rank(concepts, pairs, allowed, limit, weights, wanted)
        if not ranked and any(c.required for c in concepts):
            ranked = self.ranker.rank(_relaxed(concepts), pairs, allowed, limit, weights, wanted)
        return [RawHit(self.document(doc), score) for doc, score in ranked]

    def page_facts(self, docnum: int) -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
        """(title stems, related page ids, subjects covered) of a document, for ``Ranker.rerank``;
        read from the stored fields without decoding the page's text."""
        found = self._facts.get(docnum)
        if found is None:
            if len(self._facts) >= STORED_CACHE_DOCS:
                self._facts.clear()
            stored = self.reader.stored_fields(docnum)
            found = self._facts[docnum] = (frozenset(stems(stored.get("title", ""), self.equivalents)),
                                           tuple(stored.get("related", None) or ()), frozenset(stored.get("covers", None) or ()))
        return found

    def doc_number(self, doc_id: str) -> int | None:
        """The live document number of an index id (None: not in the index), for hub votes."""
        if doc_id not in self._numbers:
            if len(self._numbers) >= STORED_CACHE_DOCS:
                self._numbers.clear()
            live = self.postings("id", doc_id)[0]  # deleted (replaced) versions left out
            self._numbers[doc_id] = live[0] if live else None
        return self._numbers[doc_id]

    def doc_frequency(self, term: str) -> int:
        """How many documents hold a stem (deleted ones included: a rough count is enough)."""
        value = self._df.get(term)
        if value is None:
            value = self._df[term] = self.reader.doc_frequency(TEXT, term)
        return value

    def document(self, docnum: int) -> IndexDoc:
        """The stored document, read once per open index (a generation never changes)."""
        doc = self._docs.get(docnum)
        if doc is None:
            if len(self._docs) >= STORED_CACHE_DOCS:
                self._docs.clear()
            doc = self._docs[docnum] = doc_from_fields(self.reader.stored_fields(docnum))
        return doc


def _read_postings(segment, field: str, term: str, offset: int, ids: list[int], weights: list[float]) -> None:
    """Append a segment's postings a block at a time where the codec allows (many times faster
    than stepping a matcher posting by posting), else the public, slower way."""
    matcher = segment.postings(field, term)
    deleted = segment.deleted_docs_set if segment.has_deletions() else None
    leaf = getattr(matcher, "child", matcher)
    if all(hasattr(leaf, name) for name in _BLOCK_API):
        while leaf.is_active():
            if leaf._data is None:
                leaf._read_data()
            raw = leaf._data[0]
            block = list(raw) if leaf._byteids else list(accumulate(raw))  # ids are stored as gaps
            leaf._read_weights()
            if deleted is None and offset == 0:
                ids.extend(block)
                weights.extend(leaf._weights)
            else:
                for docnum, weight in zip(block, leaf._weights):
                    if deleted is None or docnum not in deleted:
                        ids.append(docnum + offset)
                        weights.append(weight)
            leaf._next_block()
        return
    while matcher.is_active():
        ids.append(matcher.id() + offset)
        weights.append(matcher.weight())
        matcher.next()


#: The block-reading internals of Whoosh's W3 codec that ``_read_postings`` relies on.
_BLOCK_API = ("_data", "_read_data", "_byteids", "_read_weights", "_weights", "_next_block")


def _relaxed(concepts: list[Concept]) -> list[Concept]:
    """A quoted phrase that matches nowhere becomes its words, so the caller still sees something."""
    out = []
    for concept in concepts:
        if not concept.required:
            out.append(concept)
            continue
        for alternative in concept.alternatives:
            out.extend(Concept(s, [Alternative((s,), alternative.boost)]) for s in alternative.stems)
    return out
