"""Bringing an index up to date with the content: reuse, update the changed pages, or rebuild.

The index remembers each page's fingerprint. When they all match, nothing is done. When a few
pages changed, the current generation is copied and only those pages are replaced (an edit costs
well under a second even with thousands of pages). When many changed, when the index format is
old, or when the index cannot be read, it is built again from scratch.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import shutil
from collections import Counter
from typing import Callable, Protocol

from guidance.search.analysis import BUILT_IN, Equivalents
from guidance.search.documents import DOC_FORMAT, IndexDoc
from guidance.search.store import Generation, IndexStore
from guidance.search.whoosh_index import IndexReader, IndexWriter, distinct_words

#: Bump when the schema changes: an index in another format is rebuilt, never read.
INDEX_FORMAT = f"whoosh-5/doc-{DOC_FORMAT}"
Progress = Callable[[int, int], None]


def index_format(equivalents: Equivalents = BUILT_IN) -> str:
    """``INDEX_FORMAT`` and the fixed names pages are indexed with (``equivalents``): an index
    made with other names holds other terms, so it is rebuilt, never read."""
    names = equivalents.names
    if not names:
        return INDEX_FORMAT
    digest = hashlib.sha1(repr(names).encode("utf-8")).hexdigest()[:12]
    return f"{INDEX_FORMAT}/names-{digest}"


class DocumentSource(Protocol):
    """What the indexer needs from content: cheap fingerprints, and documents on demand."""

    def fingerprints(self) -> dict[str, str]: ...

    def document(self, doc_id: str) -> IndexDoc: ...


def doc_words(doc: IndexDoc, equivalents: Equivalents = BUILT_IN) -> frozenset[str]:
    """The distinct words of a page, for the spelling and completion vocabulary (the words of
    every part, as cut when the page is indexed)."""
    return distinct_words(doc, equivalents)


def title_entry(doc: IndexDoc) -> dict:
    return {"title": doc.title, "keywords": list(doc.keywords), "area": doc.area, "audience": list(doc.audience), "kind": doc.kind}


def is_current(generation: Generation | None, wanted: dict[str, str], equivalents: Equivalents = BUILT_IN) -> bool:
    """Whether ``generation`` holds exactly the ``wanted`` pages, made with ``equivalents``."""
    return generation is not None and generation.meta.get("format") == index_format(equivalents) and generation.docs == wanted


def readable(generation: Generation) -> bool:
    """Whether Whoosh can open the generation and it holds every page it claims to."""
    try:
        reader = IndexReader(generation.folder)
        try:
            return reader.doc_count() == len(generation.docs)
        finally:
            reader.close()
    except Exception:  # any damage to the files means: build again
        return False


def sync(store: IndexStore, source: DocumentSource, force: bool = False, progress: Progress | None = None,
         equivalents: Equivalents = BUILT_IN) -> Generation:
    """Make the store's current generation match ``source``, its pages cut with ``equivalents``
    (the content's fixed names among them), and return it."""
    with store.build_lock():
        wanted = source.fingerprints()
        current = store.current()
        if not force and is_current(current, wanted, equivalents) and readable(current):
            return current
        usable = (not force and current is not None and current.meta.get("format") == index_format(equivalents)
                  and readable(current))
        if usable:
            changed = [i for i, fp in wanted.items() if current.docs.get(i) != fp]
            removed = [i for i in current.docs if i not in wanted]
            if len(changed) + len(removed) <= max(50, len(wanted) // 3):
                try:
                    return _update(store, source, current, wanted, changed, removed, progress, equivalents)
                except Exception:  # a damaged generation that still opened: fall back to a full build
                    pass
        return _build(store, source, wanted, progress, equivalents)


@contextlib.contextmanager
def _few_collections():
    """Python's cycle collector paused for a full build: the build keeps millions of small
    lists alive (every posting until the segment is written) and makes no cycles, so each
    collection would walk them all for nothing (a tenth of a 10,000-page build). Whatever else
    the process makes meanwhile is collected once the build ends."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _build(store: IndexStore, source: DocumentSource, wanted: dict[str, str], progress: Progress | None,
           equivalents: Equivalents) -> Generation:
    with _few_collections():
        return _build_all(store, source, wanted, progress, equivalents)


def _build_all(store: IndexStore, source: DocumentSource, wanted: dict[str, str], progress: Progress | None,
               equivalents: Equivalents) -> Generation:
    scratch = store.scratch()
    try:
        writer = IndexWriter(scratch, create=True, equivalents=equivalents)
        vocab: Counter = Counter()
        titles = {}
        total = len(wanted)
        try:
            for done, doc_id in enumerate(sorted(wanted), start=1):
                _add(writer, source, doc_id, vocab, titles)
                if progress:
                    progress(done, total)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        meta = {"format": index_format(equivalents), "docs": dict(wanted), "vocab": dict(vocab), "titles": titles}
        return store.publish(scratch, meta)
    except BaseException:
        store.discard(scratch)
        raise


def _add(writer, source, doc_id: str, vocab: Counter, titles: dict) -> None:
    """Index one page and note its words (for spelling) and its title (for as-you-type)."""
    doc = source.document(doc_id)
    vocab.update(writer.add(doc))
    if doc.kind == "page":  # titles offered while typing open pages
        titles[doc_id] = title_entry(doc)


def _update(store, source, current: Generation, wanted, changed, removed, progress, equivalents: Equivalents) -> Generation:
    scratch = store.scratch()
    try:
        shutil.copytree(current.folder, scratch, dirs_exist_ok=True)
        (scratch / "meta.json").unlink(missing_ok=True)
        writer = IndexWriter(scratch, create=False, equivalents=equivalents)
        vocab = Counter(current.meta.get("vocab", {}))
        titles = dict(current.meta.get("titles", {}))
        total = len(changed) + len(removed)
        try:
            for done, doc_id in enumerate([*removed, *changed], start=1):
                old = writer.old(doc_id) if doc_id in current.docs else None
                if old is not None:
                    vocab.subtract(doc_words(old, equivalents))
                    writer.remove(doc_id)
                    titles.pop(doc_id, None)
                if doc_id in wanted:
                    _add(writer, source, doc_id, vocab, titles)
                if progress:
                    progress(done, total)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        meta = {"format": index_format(equivalents), "docs": dict(wanted), "vocab": {w: n for w, n in vocab.items() if n > 0}, "titles": titles}
        return store.publish(scratch, meta)
    except BaseException:
        store.discard(scratch)
        raise
