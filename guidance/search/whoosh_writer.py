"""Writing a Whoosh segment with the two big text fields' postings gathered in bulk.

Whoosh's own writer takes every posting of every page through a chain of generators into one
"pool" of tuples (field, term, page, weight, value), sorts the pool (millions of tuples for
10,000 pages), then hands the sorted postings one at a time to the codec. For the text and
pair fields, whose postings are nine in ten of all, ``BulkWriter`` instead keeps one list per
term as the pages are added (a page's counts come from ``analyzer.counts``, worked out in one
pass), and writes each term's list in blocks of the codec's size at the end: only the terms are
sorted. The files written are the ones Whoosh writes: the same postings, weights, lengths and
block layout, read by the same reader.

Whoosh is not maintained, so this module relies on a few internals of its W3 codec's posting
writer (``_BLOCK_API``); where they are missing, or when the segment also merges postings from
older segments, the postings go through Whoosh's pool as before.
"""

from __future__ import annotations

import struct
from array import array

from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter
from whoosh.writing import SegmentWriter

#: The W3 posting writer's methods used to hand it a whole block at once (it also keeps the
#: block being filled in ``_ids``, ``_weights``, ``_values`` and ``_maxweight``).
_BLOCK_API = ("_write_block", "_new_block", "finish_postings")


class _Postings:
    """One term's postings in page order: page numbers, weights (as Python floats, as Whoosh's
    pool keeps them until a block is written) and uses (the Frequency format's value)."""

    __slots__ = ("ids", "weights", "uses")

    def __init__(self):
        self.ids = array("I")
        self.weights: list[float] = []
        self.uses = array("I")


class BulkWriter(SegmentWriter):
    """A Whoosh ``SegmentWriter`` that gathers the postings of ``bulk_fields`` per term.

    ``bulk_fields``: names of indexed fields whose analyzer has ``counts(value) -> {term: [uses,
    weight]}`` and whose format stores the number of uses as a 4-byte value (``Frequency``).
    """

    def __init__(self, ix, bulk_fields: tuple[str, ...], **kwargs):
        super().__init__(ix, **kwargs)
        self._bulk: dict[str, dict[str, _Postings]] = {name: {} for name in bulk_fields}

    def add_document(self, **fields):
        """Whoosh's ``add_document`` for a schema without term vectors or separate spelling,
        with the bulk fields' postings kept per term instead of sent to the pool."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        add_post = self.pool.add
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    if fieldname in self._bulk:
                        length = self._gather(fieldname, field, value, docnum, fieldboost)
                    else:
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if field.scorable:
                                length += freq
                            add_post((fieldname, tbytes, docnum, weight * fieldboost, vbytes))
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _gather(self, fieldname: str, field, value, docnum: int, fieldboost: float) -> int:
        """File a page's postings of one bulk field under their terms; returns the field length."""
        terms = self._bulk[fieldname]
        boost = field.format.field_boost
        length = 0
        for term, (uses, weight) in field.analyzer.counts(value).items():
            postings = terms.get(term)
            if postings is None:
                postings = terms[term] = _Postings()
            postings.ids.append(docnum)
            # The same arithmetic as the pool's way: (weight * format boost) * field boost.
            postings.weights.append(weight * boost * fieldboost)
            postings.uses.append(uses)
            length += uses
        return length if field.scorable else 0

    # -- writing the segment -----------------------------------------------------------------

    def _flush_segment(self):
        if not self._can_write_bulk():
            self._bulk_into_pool()
            return super()._flush_segment()
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        fieldwriter.add_postings(self.schema, None, self.pool.iter_postings())
        for fieldname in sorted(self._bulk):
            terms = self._bulk[fieldname]
            if not terms:
                continue
            fieldwriter.start_field(fieldname, self.schema[fieldname])
            for btext, term in sorted((term.encode("utf-8"), term) for term in terms):
                fieldwriter.start_term(btext)
                _write_term(fieldwriter._postwriter, terms[term])
                fieldwriter.finish_term()
            fieldwriter.finish_field()
        fieldwriter.close()

    def _can_write_bulk(self) -> bool:
        """Whether the bulk fields can be written after the pool's: the pool holds none of their
        postings (no older segment merged in), its fields all sort before them, and the codec
        is Whoosh's W3 without length statistics."""
        pooled = self.pool.fieldnames
        return (
            isinstance(self.codec, W3Codec)
            and not self.codec.length_stats
            and all(hasattr(W3PostingsWriter, name) for name in _BLOCK_API)
            and not (pooled & self._bulk.keys())
            and (not pooled or not self._bulk or max(pooled) < min(self._bulk))
        )

    def _bulk_into_pool(self) -> None:
        """Whoosh's way: every gathered posting into the pool, to be sorted with the rest."""
        add_post = self.pool.add
        for fieldname, terms in self._bulk.items():
            for term, postings in terms.items():
                tbytes = term.encode("utf-8")
                for docnum, weight, uses in zip(postings.ids, postings.weights, postings.uses):
                    add_post((fieldname, tbytes, docnum, weight, struct.pack("!I", uses)))
            terms.clear()


def _write_term(postwriter, postings: _Postings) -> None:
    """Hand a W3 posting writer one term's postings a block at a time, as ``add_posting`` would
    have filled and written them: every full block but the last written here, the last one left
    buffered for ``finish_postings``."""
    limit = postwriter._blocklimit
    total = len(postings.ids)
    for start in range(0, total, limit):
        if start:
            postwriter._write_block()
        end = min(start + limit, total)
        weights = postings.weights[start:end]
        postwriter._ids = postings.ids[start:end]
        postwriter._weights = array("f", weights)
        postwriter._values = [struct.pack(f"!{end - start}I", *postings.uses[start:end])]
        postwriter._maxweight = max(0, max(weights))

