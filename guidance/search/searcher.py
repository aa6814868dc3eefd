"""``Searcher``: the search interface the commands and the app use.

    searcher = Searcher.open(root_or_base, on)
    results = searcher.search("hoilday pay irregualr", audience="officer", limit=10)
    results.hits[0].id, results.hits[0].snippet, results.suggestion
    searcher.suggest("holiday p")          # titles while typing, no ranking engine involved

Opening reuses the cached index when the content has not changed, updates the pages that did,
and rebuilds a damaged index. A searcher stays open for many queries; before each one it checks
(one ``stat``) whether another process has published a newer index and moves to it.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import datetime as dt
import json
import os
import threading
from pathlib import Path
from typing import Iterable

from guidance.search.analysis import BUILT_IN, Equivalents, is_stop, join_equivalents, raw_words, stem
from guidance.search.definitions import DEFINITION_REACH, asked_subjects, explaining_page_first
from guidance.search.documents import ContentSource
from guidance.search.indexer import DocumentSource, Progress, index_format, is_current, sync
from guidance.search.kinds import KIND_LABELS, KINDS, split_index_id
from guidance.search.query import build_query
from guidance.search.ranking import COMMON_SHARE
from guidance.search.results import Hit, Results, Suggestion
from guidance.search.snippets import snippet
from guidance.search.spelling import Vocabulary
from guidance.search.store import Generation, IndexStore
from guidance.search.synonyms import MATCHING_FORMAT as SYNONYMS_MATCHING_FORMAT, Synonyms, load_synonyms
from guidance.search.whoosh_index import IndexReader

AUDIENCES = ("recipient", "officer")
MAX_LIMIT = 100
#: Beside the pointer: which generation was current for which content files, as on which date,
#: so a new process can search without loading the content (see ``Searcher.open_unchanged``).
STAMP_FILE = "stamp.json"


def nothing_found(kinds: Iterable[str] | None) -> str:
    """What a search found none of, in the names of the kinds asked for: "no letter matches",
    "no guided help or calculator matches"; "nothing matches" when every kind was searched."""
    chosen = [k for k in KINDS if kinds is not None and k in kinds]
    if not chosen or len(chosen) == len(KINDS):
        return "nothing matches"
    names = [KIND_LABELS[k].lower() for k in chosen]
    return "no " + (" or ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " or " + names[-1]) + " matches"


class SearchError(RuntimeError):
    """Search cannot run (the index cannot be built or read); the message says why."""


class Searcher:
    def __init__(self, store: IndexStore, source: DocumentSource, synonyms: Synonyms):
        self.store = store
        self.source = source
        self.synonyms = synonyms
        # The content's fixed names are one term each, in its pages as in questions: this
        # searcher's own, handed to whatever cuts its pages and questions into terms (another
        # searcher, over other content, may be searching meanwhile with other names).
        self.equivalents: Equivalents = synonyms.equivalents
        self.generation: Generation | None = None
        self._reader: IndexReader | None = None
        self._stamp = None
        self.vocabulary = Vocabulary({})
        self._titles: "_TitleIndex | None" = None
        #: The taxonomy's areas, when opened by ``open_unchanged`` from a stamp that has them.
        self.areas: tuple[str, ...] | None = None
        # The app searches from worker threads, and a search still running when the next key
        # arrives must not share the index's open files with it: one search at a time.
        self._lock = threading.RLock()

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, base_or_root, on: dt.date, progress: Progress | None = None, store: IndexStore | None = None) -> "Searcher":
        """Open search over a content base (or the root folder holding ``content/``) as on ``on``."""
        base = base_or_root
        if isinstance(base_or_root, (str, Path)):
            from guidance.content.base import ContentBase

            base = ContentBase.load(Path(base_or_root))
        synonyms = load_synonyms(base.content_dir)
        searcher = cls.from_source(ContentSource(base, on), synonyms, store or IndexStore.for_root(base.root), progress)
        if not base.problems.errors:
            searcher._remember_stamp(base.root, on, sorted(base.taxonomy.areas))
        return searcher

    @classmethod
    def open_unchanged(cls, root, on: dt.date, store: IndexStore | None = None) -> "Searcher | None":
        """Open the index without loading the content, if nothing under the root has changed
        since a full ``open`` for the same date found it current; else None (use ``open``).

        "Unchanged" means the same files with the same sizes and modification times (content,
        flows, the calculators' list), the same date (figures are effective-dated) and the same
        index format. This is what keeps a cold ``guidance search`` quick.
        """
        root = Path(root)
        store = store or IndexStore.for_root(root)
        try:
            remembered = json.loads((store.folder / STAMP_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        generation = store.current()
        if (
            not isinstance(remembered, dict)
            or generation is None
            or remembered.get("generation") != generation.folder.name
            or remembered.get("files") != content_files_stamp(root, on)
            or remembered.get("synonyms_format") != SYNONYMS_MATCHING_FORMAT
        ):
            return None
        try:
            synonyms = Synonyms.from_json(remembered["synonyms"], remembered["frame_words"], remembered["names"])
        except (KeyError, TypeError, ValueError):
            synonyms = load_synonyms(root / "content")
        if generation.meta.get("format") != index_format(synonyms.equivalents):
            return None
        searcher = cls(store, _Unchanged(generation.docs), synonyms)
        areas = remembered.get("areas")
        searcher.areas = tuple(areas) if isinstance(areas, list) and all(isinstance(a, str) for a in areas) else None
        return searcher if searcher._attach(generation) else None

    def _remember_stamp(self, root, on: dt.date, areas: list[str]) -> None:
        """Note that this generation is current for the content as it is now, with the
        taxonomy's areas (so ``--area`` is checked without the content): best effort."""
        from guidance.fileio import atomic_write_text

        record = {"generation": self.generation.folder.name, "files": content_files_stamp(Path(root), on),
                  "synonyms": self.synonyms.to_json(), "synonyms_format": SYNONYMS_MATCHING_FORMAT,
                  "frame_words": self.synonyms.frames.to_json(),
                  "names": [list(name) for name in self.synonyms.names],
                  "areas": list(areas)}
        try:
            atomic_write_text(self.store.folder / STAMP_FILE, json.dumps(record))
        except OSError:
            pass  # an unwritable cache only costs the next cold search its shortcut

    @classmethod
    def from_source(cls, source: DocumentSource, synonyms: Synonyms, store: IndexStore, progress: Progress | None = None) -> "Searcher":
        """Open over any document source (benchmarks use synthetic ones)."""
        searcher = cls(store, source, synonyms)
        searcher._open(progress)
        return searcher

    def _open(self, progress: Progress | None) -> None:
        generation = self.store.current()
        if is_current(generation, self.source.fingerprints(), self.equivalents) and self._attach(generation):
            return
        try:
            if self._attach(sync(self.store, self.source, progress=progress, equivalents=self.equivalents)):
                return
            if self._attach(sync(self.store, self.source, force=True, progress=progress, equivalents=self.equivalents)):
                return
        except OSError as exc:
            raise SearchError(f"cannot write the search index in {self.store.folder}: {exc.strerror or exc}") from None
        raise SearchError(f"the search index in {self.store.folder} cannot be read even after rebuilding it")

    def _attach(self, generation: Generation) -> bool:
        """Switch to ``generation``; False (keeping the old one) if it cannot be opened."""
        stamp = self.store.stamp()
        try:
            reader = IndexReader(generation.folder, self.equivalents)
            if reader.doc_count() != len(generation.docs):
                reader.close()
                return False
        except Exception:  # damaged files: the caller rebuilds
            return False
        if self._reader is not None:
            self._reader.close()
        self._reader, self.generation, self._stamp = reader, generation, stamp
        self.vocabulary = Vocabulary(generation.meta.get("vocab", {}), self.synonyms.words | self.equivalents.words)
        self._titles = None
        return True

    def _follow_pointer(self) -> None:
        """Move to a generation another process published since this one was opened."""
        stamp = self.store.stamp()
        if stamp == self._stamp:
            return
        generation = self.store.current()
        if (generation and generation.meta.get("format") == index_format(self.equivalents)
                and generation.folder != self.generation.folder):
            self._attach(generation)
        else:
            self._stamp = stamp

    def _recover(self, rebuild: bool) -> None:
        """After a failed query: reopen the newest published index, or rebuild a damaged one."""
        generation = None if rebuild else self.store.current()
        if generation is not None and self._attach(generation):
            return
        if not self._attach(sync(self.store, self.source, force=True, equivalents=self.equivalents)):
            raise SearchError(f"the search index in {self.store.folder} cannot be read even after rebuilding it")

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def __enter__(self) -> "Searcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- searching ---------------------------------------------------------------------------

    def search(self, text: str, audience: str | None = None, area: str | None = None, limit: int = 10, as_you_type: bool = False,
               kinds: Iterable[str] | None = None, exact: bool = False) -> Results:
        """Pages, guided help, calculators and letters, best first, each hit marked by ``kind``.

        ``as_you_type``: the last word may be unfinished. ``kinds``: only these kinds (see
        ``kinds.KINDS``; None for all). ``exact``: search the words as typed, never corrected
        (a correction is always reported in ``Results.corrections``, so a screen can offer this).
        The first N results are the same whatever the limit: every matching document is scored.
        Raises ValueError for an unknown audience or kind.
        """
        if audience is not None and audience not in AUDIENCES:
            raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not '{audience}'")
        chosen = None if kinds is None else tuple(sorted(set(kinds)))
        if chosen is not None and not set(chosen) <= set(KINDS):
            raise ValueError(f"kinds must be among {', '.join(KINDS)}, not {', '.join(k for k in chosen if k not in KINDS)}")
        with self._lock:
            outcome = self._search(text, audience, area, limit, as_you_type, chosen, exact)
            if chosen is None or set(chosen) - {"page"}:
                outcome = self._named_first(text, outcome, audience, area, chosen, as_you_type and not exact)
            return outcome

    def _named_first(self, text: str, outcome: Results, audience, area, kinds, open_end: bool) -> Results:
        """A guided help, calculator or letter whose whole title was typed ("statutory sick pay")
        comes first, as the command palette puts a name typed in full first; found by its own
        kind when the words ranked it below the results asked for."""
        from guidance.titles import is_whole_title

        def named(hit: Hit) -> bool:
            return hit.kind != "page" and is_whole_title(text, hit.title, open_end)

        if not outcome.hits or named(outcome.hits[0]):
            return outcome
        found = next((hit for hit in outcome.hits if named(hit)), None)
        if found is None:
            tools = tuple(k for k in (kinds or KINDS) if k != "page")
            more = self._search(text, audience, area, 5, open_end, tools, not open_end)
            found = next((hit for hit in more.hits if named(hit)), None)
        if found is None:
            return outcome
        rest = [hit for hit in outcome.hits if (hit.kind, hit.id) != (found.kind, found.id)]
        return dataclasses.replace(outcome, hits=[found, *rest][:max(len(outcome.hits), 1)])

    def _search(self, text: str, audience: str | None, area: str | None, limit: int, as_you_type: bool,
                kinds: tuple[str, ...] | None = None, exact: bool = False) -> Results:
        limit = max(1, min(int(limit), MAX_LIMIT))
        self._follow_pointer()
        query = build_query(text or "", self.vocabulary, self.synonyms, as_you_type, correct=not exact)
        if not query.concepts:
            note = "type a word or two to search" if not raw_words(query.text) else "those are all very common words: add a word that says what the question is about"
            return Results(query.text, [], None, [*query.notes, note])
        asked = query.corrected_text or query.text
        reach = max(limit, QUESTION_REACH, DEFINITION_REACH if asked_subjects(asked, self.equivalents) else 0)
        raw = self._run(lambda reader: reader.search(query.concepts, audience, area, reach, query.pairs, kinds, query.named_kinds))
        raw = explaining_page_first(asked, raw, self._is_domain_word, self.equivalents)
        raw = asked_as_written_first(asked, raw, self.equivalents)[:limit]
        stems = query.stems
        hits = [
            Hit(
                id=split_index_id(r.doc.id)[1],
                title=r.doc.title,
                score=round(r.score, 4),
                snippet=snippet(r.doc, stems, self._reader.idf, audience),
                covers=list(r.doc.covers),
                summary=r.doc.summary,
                area=r.doc.area,
                audience=list(r.doc.audience),
                kind=r.doc.kind,
            )
            for r in raw
        ]
        notes = list(query.notes)
        if not hits:
            notes.append(f"{nothing_found(kinds)}: try other words" + (" or remove the filters" if audience or area or kinds else ""))
        else:
            notes += self._unmatched_notes(query)
        return Results(query.text, hits, query.corrected_text, notes, dict(query.corrections))

    def _is_domain_word(self, stem: str) -> bool:
        """Whether a stem is on most documents ("pa", "dp"): a word of the domain, not of a subject."""
        count = self._reader.doc_count() or 1
        return self._reader.doc_frequency(stem) > COMMON_SHARE * count

    def _unmatched_notes(self, query) -> list[str]:
        """A note for each whole word typed that nothing in the index uses ("furlough"): the
        results then match only the other words, and the officer must know that before reading
        one out. A word still being typed (shown with "…") is not judged."""
        missing = self._run(lambda reader: [c.label for c in query.concepts
                                            if not c.label.endswith("…") and not reader.ranker.concept_scores(c)])
        missing += query.unknown
        return [f'nothing here uses "{label}": these results match only your other words' for label in missing]

    def _run(self, action):
        """Run a query; if the index fails, reopen it, then rebuild it, before giving up."""
        try:
            return action(self._reader)
        except Exception:  # a damaged or swept index
            pass
        for rebuild in (False, True):
            self._recover(rebuild)
            try:
                return action(self._reader)
            except Exception as exc:
                error = exc
        raise SearchError(f"search failed even after rebuilding the index: {error}")

    def suggest(self, text: str, limit: int = 8, audience: str | None = None, area: str | None = None) -> list[Suggestion]:
        """Page titles for what has been typed so far: every word must begin a title or keyword word."""
        with self._lock:
            self._follow_pointer()
            if self._titles is None:
                self._titles = _TitleIndex(self.generation.meta.get("titles", {}))
            titles = self._titles
        return titles.suggest(text, max(1, min(int(limit), MAX_LIMIT)), audience, area)

    # -- facts -------------------------------------------------------------------------------

    def document_frequency(self, stem: str) -> int:
        """How many indexed documents use a stem (0: no page, flow, calculator or letter does)."""
        with self._lock:
            self._follow_pointer()
            return self._run(lambda reader: reader.doc_frequency(stem))

    @property
    def page_count(self) -> int:
        """Pages in the index (flows, calculators and letters not counted)."""
        return count_pages(self.generation.docs) if self.generation else 0


#: How far down the results a page is looked at for a question of its own that the caller asked
#: nearly word for word, and how near "nearly" is: the share of the words (stems, little words
#: left out) that the two have in common, of all the words in either (Jaccard).
QUESTION_REACH = 5
QUESTION_LIKENESS = 0.8


#: Little words left out when two questions are compared. The others stay: "why" is not "what
#: ... for", "should I" is not "is your", though search itself passes over them.
FILLERS = frozenset("a an the to of for and or in on at by do does did is are am be been it this that".split())


@functools.lru_cache(maxsize=8192)
def _question_stems(text: str, equivalents: Equivalents) -> frozenset[str]:
    """The words of a question as compared with a page's questions: stems, ``FILLERS`` left out,
    equivalents ("personal assistant" and "PA", the content's fixed names) joined."""
    return frozenset(stem(w) for w in join_equivalents(raw_words(text), equivalents) if w not in FILLERS)


def asked_as_written_first(text: str, ranked: list, equivalents: Equivalents = BUILT_IN) -> list:
    """``ranked`` (results with ``.doc.questions``) with the one page among the first
    ``QUESTION_REACH`` that lists the caller's question nearly word for word among its
    ``questions:`` put first: the team wrote it there as a question that page answers. The
    likeness must be at least ``QUESTION_LIKENESS`` and the question at least three words; the best
    likeness wins, ties in the order ranked. The rest keep their order."""
    asked = _question_stems(text, equivalents)
    if len(asked) < 3 or len(ranked) < 2:
        return ranked
    best, best_place = QUESTION_LIKENESS, None
    for place, result in enumerate(ranked[:QUESTION_REACH]):
        for question in getattr(result.doc, "questions", None) or ():
            words = _question_stems(question, equivalents)
            likeness = len(asked & words) / len(asked | words)
            if likeness > best or (likeness == best and best_place is None):
                best, best_place = likeness, place
    if not best_place:  # none, or already first
        return ranked
    return [ranked[best_place], *ranked[:best_place], *ranked[best_place + 1:]]


def count_pages(doc_ids) -> int:
    """How many of the index ids are pages (the others are "<kind>:<id>")."""
    return sum(split_index_id(doc_id)[0] == "page" for doc_id in doc_ids)


class _Unchanged:
    """The document source of an index opened by ``open_unchanged``: its pages are current, and
    a rebuild (after damage) needs the content, so it says so rather than guessing."""

    def __init__(self, docs: dict[str, str]):
        self.docs = dict(docs)

    def fingerprints(self) -> dict[str, str]:
        return self.docs

    def document(self, doc_id: str):
        raise SearchError("the search index must be rebuilt from the content: search again")


#: Folders under the root that nothing search reads (see ``content_files_stamp``).
_NOT_SEARCHED = frozenset({os.path.join("content", "history")})


def content_files_stamp(root: Path, on: dt.date) -> dict:
    """{relative path: [size, mtime_ns]} of everything search reads from a root, and the date.

    One ``stat`` a file (from the directory listing), no file read: a few milliseconds for the
    shipped content, checked by every cold search. ``content/history`` (the superseded text of
    released pages, a folder a page) is left out: nothing search shows is read from it, and a
    release that adds to it also changes the pages and the lock file."""
    files: dict[str, list[int]] = {}

    def walk(folder: str, prefix: str) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                if prefix + entry.name not in _NOT_SEARCHED:
                    walk(entry.path, f"{prefix}{entry.name}{os.sep}")
            else:
                st = entry.stat()
                files[prefix + entry.name] = [st.st_size, st.st_mtime_ns]

    for part in ("content", "flows"):
        walk(os.path.join(root, part), part + os.sep)
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for name in ("registry.py", "subjects.py"):
        try:
            st = os.stat(os.path.join(package, "calculators", name))
            files[f"<code>/{name}"] = [st.st_size, st.st_mtime_ns]
        except OSError:
            pass
    # The search code itself: what is remembered (the synonyms as parsed) is in its terms, so
    # another version of it (an upgrade, an edit) takes the long way once.
    with os.scandir(os.path.dirname(os.path.abspath(__file__))) as listing:
        for entry in listing:
            if entry.name.endswith(".py"):
                st = entry.stat()
                files[f"<code>/search/{entry.name}"] = [st.st_size, st.st_mtime_ns]
    return {"on": on.isoformat(), "files": files}


class _TitleIndex:
    """Title and keyword words -> pages, with a sorted word list for prefix lookups."""

    def __init__(self, titles: dict[str, dict]):
        self.titles = titles
        self.pages_of: dict[str, set[str]] = {}
        self.in_title: dict[str, set[str]] = {}
        for page_id, entry in titles.items():
            title_words = set(raw_words(entry.get("title", "")))
            for word in title_words | set(raw_words(" ".join(entry.get("keywords", [])))):
                self.pages_of.setdefault(word, set()).add(page_id)
                if word in title_words:
                    self.in_title.setdefault(word, set()).add(page_id)
        self.words = sorted(self.pages_of)

    def _starting(self, prefix: str) -> set[str]:
        pages: set[str] = set()
        for index in range(bisect.bisect_left(self.words, prefix), len(self.words)):
            word = self.words[index]
            if not word.startswith(prefix):
                break
            pages |= self.pages_of[word]
        return pages

    def suggest(self, text: str, limit: int, audience: str | None, area: str | None) -> list[Suggestion]:
        typed = [w for w in raw_words(text or "") if not is_stop(w)]
        if not typed:
            return []
        finished = typed if (text or "").endswith((" ", "\t")) else typed[:-1]
        partial = None if finished is typed else typed[-1]
        pages: set[str] | None = None
        for word in finished:
            found = self.pages_of.get(word, set())
            pages = found if pages is None else pages & found
        if partial:
            found = self._starting(partial)
            pages = found if pages is None else pages & found
        chosen = []
        for page_id in pages or ():
            entry = self.titles[page_id]
            if audience and audience not in entry.get("audience", []) or area and entry.get("area") != area:
                continue
            in_title = sum(page_id in self.in_title.get(w, ()) for w in finished)
            chosen.append((-in_title, len(entry["title"]), entry["title"], page_id))
        chosen.sort()
        return [Suggestion(page_id, self.titles[page_id]["title"], self.titles[page_id].get("area", "")) for *_, page_id in chosen[:limit]]


def index_status(base, on: dt.date, store: IndexStore | None = None) -> dict:
    """Where the index is, whether it matches the content, how big it is (nothing is built)."""
    store = store or IndexStore.for_root(base.root)
    generation = store.current()
    status = {"folder": str(store.folder), "exists": generation is not None}
    if generation is None:
        return status
    wanted = ContentSource(base, on).fingerprints()
    status.update(
        generation=str(generation.folder),
        pages=count_pages(generation.docs),
        others=len(generation.docs) - count_pages(generation.docs),
        size_bytes=store.size_bytes(generation),
        built_mtime=generation.folder.stat().st_mtime,
        up_to_date=is_current(generation, wanted, content_equivalents(base)),
        changed_pages=sorted(i for i in set(wanted) | set(generation.docs) if wanted.get(i) != generation.docs.get(i)),
    )
    return status


def build_index(base, on: dt.date, progress: Progress | None = None, store: IndexStore | None = None) -> Generation:
    """Rebuild the whole index now (``guidance index build``)."""
    store = store or IndexStore.for_root(base.root)
    return sync(store, ContentSource(base, on), force=True, progress=progress, equivalents=content_equivalents(base))


def content_equivalents(base) -> Equivalents:
    """The phrases a content base's pages are indexed with: the built-in ones and its fixed names
    (``names.FILE_NAME``), as ``Searcher.open`` reads them."""
    from guidance.problems import Problems
    from guidance.search.names import load_names

    return Equivalents(load_names(base.content_dir, Problems()))
