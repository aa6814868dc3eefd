"""The Whoosh side of search: schema, writing documents and running compiled queries.

Whoosh is no longer maintained, so it is kept in this one module: the rest of the package speaks
of documents, concepts and hits, and another engine could replace this file alone.

One text field carries every part of a page, each word weighted by the part it came from (see
``documents.WEIGHTS``): one posting list per word instead of one per field keeps queries fast.
Stop words take no position, so a phrase such as "right to work" matches "right work".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from whoosh import fields, index, query as wq, scoring
from whoosh.analysis import Analyzer, Token

from guidance.search.analysis import words, stem
from guidance.search.documents import WEIGHTS, IndexDoc, blocks_from_json, Block
from guidance.search.query import Alternative, Concept

PART_SEP = "\x1e"
WEIGHT_SEP = "\x1f"


class WeightedAnalyzer(Analyzer):
    """Stems with a boost: input is parts "<weight>\\x1f<text>" joined by "\\x1e"."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        position = start_pos
        for part in value.split(PART_SEP):
            weight, _, text = part.rpartition(WEIGHT_SEP)
            boost = float(weight) if weight else 1.0
            for word in words(text):
                token.text = stem(word)
                token.boost = boost
                token.stopped = False
                if positions:
                    token.pos = position
                position += 1
                yield token
            position += 1  # no phrase across the end of a part


def schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        text=fields.TEXT(analyzer=WeightedAnalyzer(), phrase=True),
        audience=fields.KEYWORD(stored=True),
        area=fields.ID(stored=True),
        title=fields.STORED(),
        summary=fields.STORED(),
        covers=fields.STORED(),
        keywords=fields.STORED(),
        topics=fields.STORED(),
        blocks=fields.STORED(),
        fp=fields.STORED(),
    )


def weighted_text(doc: IndexDoc) -> str:
    return PART_SEP.join(f"{WEIGHTS[name]}{WEIGHT_SEP}{text}" for name, text in doc.parts().items() if text)


def doc_fields(doc: IndexDoc) -> dict:
    return {
        "id": doc.id,
        "text": weighted_text(doc),
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
    )


class IndexWriter:
    """Adds, replaces and removes documents in one index folder, then commits once."""

    def __init__(self, folder: Path, create: bool):
        self.index = index.create_in(str(folder), schema()) if create else index.open_dir(str(folder))
        self.writer = self.index.writer(limitmb=128, timeout=30.0)

    def old(self, doc_id: str) -> IndexDoc | None:
        with self.index.searcher() as searcher:
            stored = searcher.document(id=doc_id)
        return doc_from_fields(stored) if stored else None

    def remove(self, doc_id: str) -> None:
        self.writer.delete_by_term("id", doc_id)

    def add(self, doc: IndexDoc) -> None:
        self.writer.add_document(**doc_fields(doc))

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
    """An open index: one Whoosh searcher kept for many queries (opening one costs ~10 ms)."""

    def __init__(self, folder: Path):
        self.index = index.open_dir(str(folder), readonly=True)
        self.searcher = self.index.searcher(weighting=scoring.BM25F(B=0.75, K1=1.2))

    def close(self) -> None:
        try:
            self.searcher.close()
            self.index.close()
        except Exception:  # already closed, or its files are gone: nothing left to release
            pass

    def doc_count(self) -> int:
        return self.searcher.doc_count()

    def idf(self, term: str) -> float:
        return self.searcher.idf("text", term)

    def search(self, concepts: list[Concept], audience: str | None, area: str | None, limit: int) -> list[RawHit]:
        compiled = compile_concepts(concepts)
        if compiled is None:
            return []
        restrict = _filter(audience, area)
        hits = self.searcher.search(compiled, limit=limit, filter=restrict)
        if hits.scored_length() == 0 and any(c.required for c in concepts):
            relaxed = compile_concepts(_relaxed(concepts))
            hits = self.searcher.search(relaxed, limit=limit, filter=restrict)
        return [RawHit(doc_from_fields(hit.fields()), float(hit.score)) for hit in hits]


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


def _filter(audience: str | None, area: str | None):
    terms = []
    if audience:
        terms.append(wq.Term("audience", audience))
    if area:
        terms.append(wq.Term("area", area))
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else wq.And(terms)


def _alternative(alt) -> wq.Query:
    if len(alt.stems) == 1:
        return wq.Term("text", alt.stems[0], boost=alt.boost)
    return wq.Phrase("text", list(alt.stems), boost=alt.boost)


def _concept(concept: Concept) -> wq.Query:
    alternatives = [_alternative(a) for a in concept.alternatives]
    # Not DisjunctionMax: in Whoosh 2.7.5 it gives pages the score of matches they do not have.
    return alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)


def compile_concepts(concepts: list[Concept]) -> wq.Query | None:
    """Required concepts (quoted phrases) must match; the rest rank pages by how much they match."""
    required = [_concept(c) for c in concepts if c.required and c.alternatives]
    optional = [_concept(c) for c in concepts if not c.required and c.alternatives]
    if not required and not optional:
        return None
    loose = None
    if optional:
        loose = optional[0] if len(optional) == 1 else wq.Or(optional)
    if not required:
        return loose
    must = required[0] if len(required) == 1 else wq.And(required)
    return must if loose is None else wq.AndMaybe(must, loose)
