"""Writing a Whoosh segment with the two big text fields' postings gathered in bulk.

Whoosh's own writer takes every posting of every page through a chain of generators into one
"pool" of tuples (field, term, page, weight, value), sorts the pool (millions of tuples for
10,000 pages), then hands the sorted postings one at a time to the codec. For the text and
pair fields, whose postings are nine in ten of all, ``BulkWriter`` instead keeps one list per
term as the pages are added (a page's counts come from ``analyzer.counts``, worked out in one
pass), and at the end writes each term's list straight to the postings file and the term
table, many terms in one write (``_write_terms``): only the terms are sorted. The files
written are the ones Whoosh writes: the same postings, weights, lengths and block layout,
read by the same reader, except that blocks are pickled with a newer protocol
(``PICKLE_PROTOCOL``) and a block under ``SMALL_BLOCK`` bytes is left uncompressed (each block
says whether it is).

Whoosh is not maintained, so this module relies on a few internals of its W3 codec (checked in
``BulkWriter._can_write_bulk``); where they are missing, or when the segment also merges
postings from older segments, the postings go through Whoosh's pool as before. A test builds
the same pages both ways and compares every posting.
"""

from __future__ import annotations

import pickle
import struct
import zlib
from array import array
from collections import defaultdict, deque
from hashlib import md5
from itertools import repeat
from operator import itemgetter, sub

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter, W3TermInfo
from whoosh.filedb.filetables import _lengths, md5_hash
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

#: The W3 posting writer's methods used to hand it a whole block at once (it also keeps the
#: block being filled in ``_ids``, ``_weights``, ``_values`` and ``_maxweight``).
_BLOCK_API = ("_write_block", "_new_block", "finish_postings")
#: Values of the small fields whose postings are kept (``BulkWriter._indexed``).
_INDEX_CACHE = 10_000
#: Blocks are pickled with protocol 3, not Whoosh's 2: protocol 2 has no opcode for bytes and
#: pickles a block's values (bytes) through a call to ``_codecs.encode``, six times slower to
#: write and to read back and twice the size; Whoosh's reader reads any protocol.
PICKLE_PROTOCOL = 3
#: The W3 term table's (``OrderedHashWriter``) attributes ``_add_terms`` writes through.
_TABLE_API = ("dbfile", "buckets", "index", "lastkey", "hashfn")
#: A term's only block is compressed only from this many bytes: zlib saves next to nothing on
#: the few dozen bytes of a term on one or two pages (most word pairs) and costs as much to set
#: up as on a large block. The reader decompresses by each block's own flag.
SMALL_BLOCK = 128


class FastPostingsWriter(W3PostingsWriter):
    """Whoosh's W3 posting writer with its two per-posting loops done by built-ins: the same
    bytes, written faster (a block is written for every word, tens of thousands of times)."""

    def _mini_ids(self):
        ids = self._ids
        if self._byteids or not ids:
            return super()._mini_ids()
        return (ids[0], *map(sub, ids[1:], ids[:-1]))  # gaps, as ``delta_encode`` makes them

    def _mini_weights(self):
        weights = self._weights
        size = len(weights)
        if weights.count(1.0) == size:
            return None
        if weights.count(weights[0]) == size:
            return weights[0]
        return tuple(weights)


class BulkWriter(SegmentWriter):
    """A Whoosh ``SegmentWriter`` that gathers the postings of ``bulk_fields`` per term.

    ``bulk_fields``: names of indexed fields whose analyzer has ``counts(value) -> {term: [uses,
    weight]}`` and whose format stores the number of uses as a 4-byte value (``Frequency``).
    """

    def __init__(self, ix, bulk_fields: tuple[str, ...], **kwargs):
        super().__init__(ix, **kwargs)
        #: field -> term -> [uses, weight, page, uses, weight, page, ...] in page order: one
        #: flat list a term (no object a posting to make, walk and free), filled by ``map``
        #: (no Python step a posting).
        self._bulk: dict[str, defaultdict[str, list]] = {name: defaultdict(list) for name in bulk_fields}
        self._index_cache: dict[tuple[str, str], list] = {}

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
                        for tbytes, freq, weight, vbytes in self._indexed(fieldname, field, value):
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

    def _indexed(self, fieldname: str, field, value) -> list:
        """``field.index(value)`` worked out once a value for fields whose values repeat from page
        to page (audience, area, kind: a handful of values), every time for unique ones (ids)."""
        if field.unique or not isinstance(value, str) or len(self._index_cache) >= _INDEX_CACHE:
            return field.index(value)
        key = (fieldname, value)
        postings = self._index_cache.get(key)
        if postings is None:
            postings = self._index_cache[key] = list(field.index(value))
        return postings

    def _gather(self, fieldname: str, field, value, docnum: int, fieldboost: float) -> int:
        """File a page's postings of one bulk field under their terms; returns the field length."""
        counts = field.analyzer.counts(value)
        if field.format.field_boost != 1.0 or fieldboost != 1.0:  # the pool's arithmetic:
            boost = field.format.field_boost  # (weight * format boost) * field boost
            counts = {term: [uses, weight * boost * fieldboost] for term, (uses, weight) in counts.items()}
        entries = counts.values()
        postings = list(map(self._bulk[fieldname].__getitem__, counts))
        _consume(map(list.extend, postings, entries))
        _consume(map(list.append, postings, repeat(docnum, len(postings))))
        return sum(map(itemgetter(0), entries)) if field.scorable else 0

    # -- writing the segment -----------------------------------------------------------------

    def _flush_segment(self):
        """Write the segment. Each bulk field's postings are dropped once written: Whoosh's
        writer is held in reference cycles, so whatever it still holds is freed only by the
        cycle collector, which would first walk every posting (a tenth of a large build)."""
        if not self._can_write_bulk():
            self._bulk_into_pool()
            return super()._flush_segment()
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        _write_pooled(fieldwriter, self.schema, self.pool.iter_postings())
        for fieldname in sorted(self._bulk):
            terms = self._bulk[fieldname]
            if terms:
                fieldwriter.start_field(fieldname, self.schema[fieldname])
                _write_field(fieldwriter, terms)
                fieldwriter.finish_field()
            terms.clear()
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
            and hasattr(W3TermInfo, "_struct")
            and not any(getattr(field, "spelling", False) for _, field in self.schema.items())
            and all(hasattr(self.fieldwriter, name) for name in ("_tindex", "_fieldid"))
            and all(hasattr(self.fieldwriter._tindex, name) for name in _TABLE_API)
            and hasattr(self.fieldwriter._tindex.index, "array")
            and not (pooled & self._bulk.keys())
            and (not pooled or not self._bulk or max(pooled) < min(self._bulk))
        )

    def _bulk_into_pool(self) -> None:
        """Whoosh's way: every gathered posting into the pool, to be sorted with the rest."""
        add_post = self.pool.add
        for fieldname, terms in self._bulk.items():
            for term, postings in terms.items():
                tbytes = term.encode("utf-8")
                for uses, weight, docnum in zip(postings[0::3], postings[1::3], postings[2::3]):
                    add_post((fieldname, tbytes, docnum, weight, struct.pack("!I", uses)))
            terms.clear()


def _consume(iterator) -> None:
    """Run an iterator to its end (``map`` of a method, for its effect)."""
    deque(iterator, maxlen=0)


#: Terms written to the postings file and term table in one write each (bounds the bytes held).
_BATCH_TERMS = 4096


def _write_field(fieldwriter, terms: dict[str, list]) -> None:
    """Write one bulk field's terms in order (terms sort as their UTF-8 bytes do: UTF-8 keeps
    the order of code points), a batch at a time (``_write_terms``)."""
    batch: list[tuple[bytes, list]] = []
    for term in sorted(terms):
        batch.append((term.encode("utf-8"), terms[term]))
        if len(batch) == _BATCH_TERMS:
            _write_terms(fieldwriter, batch, _packed_uses)
            batch = []
    if batch:
        _write_terms(fieldwriter, batch, _packed_uses)


def _packed_uses(uses: tuple[int, ...]) -> bytes:
    """A block's values for the bulk fields (``Frequency``: each posting's uses, 4 bytes)."""
    return struct.pack(f"!{len(uses)}I", *uses)


def _write_pooled(fieldwriter, schema, postings) -> None:
    """Write the pool's sorted postings ``(field, term bytes, page, weight, value bytes)`` (the
    small fields: page id, audience, area, kind) the way ``_write_terms`` writes the bulk
    fields, in place of Whoosh's ``FieldWriter.add_postings`` (the same terms and blocks)."""
    field = term = values = None
    batch: list[tuple[bytes, list]] = []
    postings_of_term: list = []
    for fieldname, btext, docnum, weight, value in postings:
        if fieldname != field:
            if batch:
                _write_terms(fieldwriter, batch, values)
                batch = []
            if field is not None:
                fieldwriter.finish_field()
            field, term = fieldname, None
            fieldwriter.start_field(fieldname, schema[fieldname])
            values = _values_of(schema[fieldname].format)
        if btext != term:
            if len(batch) == _BATCH_TERMS:
                _write_terms(fieldwriter, batch, values)
                batch = []
            term, postings_of_term = btext, []
            batch.append((btext, postings_of_term))
        postings_of_term.extend((value, weight, docnum))
    if batch:
        _write_terms(fieldwriter, batch, values)
    if field is not None:
        fieldwriter.finish_field()


def _values_of(posting_format):
    """How ``W3PostingsWriter._mini_values`` stores a block's value bytes for this format (it
    keeps only the non-empty ones)."""
    size = posting_format.fixed_value_size()
    if size is None or size < 0:
        return lambda values: tuple(value for value in values if value)
    if size == 0:
        return lambda values: None
    return b"".join


#: What a W3 term's block info and term info hold for lengths when none are kept.
_NO_MIN_LENGTH, _NO_MAX_LENGTH = length_to_byte(None), length_to_byte(0)


def _write_terms(fieldwriter, terms: list[tuple[bytes, list]], values) -> None:
    """Write terms (``[(term bytes, [value, weight, page, value, ...]), ...]`` in order) straight to
    the postings file and the term table, in one write each: what ``start_term``, one
    ``add_posting`` a posting and ``finish_term`` write for each (see
    ``W3PostingsWriter._write_block``, ``W3TermInfo.add_block`` and ``to_bytes``), without the
    calls in between, except that a block under ``SMALL_BLOCK`` bytes is not compressed.
    ``values``: a block's values (the first item of each posting) -> what the block stores."""
    postwriter = fieldwriter._postwriter
    limit = postwriter._blocklimit
    level = postwriter._compression
    prefix = pack_ushort(fieldwriter._fieldid)
    pack_info = W3TermInfo._struct.pack
    postfile = postwriter._postfile
    offset = postfile.tell()
    chunks: list[bytes] = []
    entries: list[tuple[bytes, bytes]] = []
    for btext, postings in terms:
        start = offset
        size = len(postings) // 3
        chunks.append(WHOOSH3_HEADER_MAGIC)
        offset += len(WHOOSH3_HEADER_MAGIC)
        total = max_weight = 0
        for first in range(0, size, limit):
            block = postings[3 * first:3 * (first + limit)] if size > limit else postings
            info, data, weight, block_max = _block(block, level, values)
            length = len(info) + len(data)
            chunks.append(pack_int(length if first + limit < size else -length))  # negative: the last block
            chunks.append(info)
            chunks.append(data)
            offset += 4 + length
            total += weight
            max_weight = max(max_weight, block_max)
        terminfo = pack_info(False, total, size, 0, _NO_MAX_LENGTH, max_weight, postings[2], postings[-1])
        entries.append((prefix + btext, terminfo + pack_long(start) + pack_int(offset - start)))
    postfile.write(b"".join(chunks))
    _add_terms(fieldwriter._tindex, entries)


def _block(postings: list, level: int, values) -> tuple[bytes, bytes, float, float]:
    """(info bytes, data bytes, sum of weights, max weight) of one block of postings, as
    ``W3PostingsWriter._write_block`` makes them (``FastPostingsWriter`` minifies the same)."""
    firsts, weights, ids = postings[0::3], postings[1::3], postings[2::3]
    size = len(ids)
    floats = array("f", weights)
    if floats.count(1.0) == size:
        mini_weights = None
    elif floats.count(floats[0]) == size:
        mini_weights = floats[0]
    else:
        mini_weights = tuple(floats)
    gaps = (ids[0], *map(sub, ids[1:], ids[:-1]))
    data = pickle.dumps((gaps, mini_weights, values(firsts)), PICKLE_PROTOCOL)
    compression = level if len(data) >= SMALL_BLOCK else 0
    if compression:
        data = zlib.compress(data, compression)
    max_weight = max(0, max(weights))
    info = pickle.dumps((size, ids[-1], max_weight, compression, _NO_MIN_LENGTH, _NO_MAX_LENGTH), PICKLE_PROTOCOL)
    return info, data, sum(floats), max_weight


def _add_terms(table, entries: list[tuple[bytes, bytes]]) -> None:
    """``OrderedHashWriter.add`` for many (key, value) pairs in increasing key order, in one
    write (the same records, positions, hashes and key index)."""
    if entries[0][0] <= table.lastkey:
        raise ValueError(f"Keys must increase: {table.lastkey!r}..{entries[0][0]!r}")
    dbfile = table.dbfile
    fast_md5 = table.hashfn is md5_hash
    hashfn = table.hashfn
    buckets = table.buckets
    position = dbfile.tell()
    positions = []
    records = []
    for key, value in entries:
        record = _lengths.pack(len(key), len(value)) + key + value
        records.append(record)
        positions.append(position)
        digest = int.from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big") if fast_md5 else hashfn(key)
        buckets[digest & 255].append((digest, position))
        position += len(record)
    dbfile.write(b"".join(records))
    _extend_positions(table.index, positions)
    table.lastkey = entries[-1][0]


def _extend_positions(index, positions: list[int]) -> None:
    """``GrowableArray.extend`` at once when the numbers fit its type, else one at a time (it
    widens its type as needed)."""
    numbers = index.array
    if isinstance(numbers, array):
        try:
            numbers.extend(array(numbers.typecode, positions))
            return
        except OverflowError:
            pass
    for number in positions:
        index.append(number)
