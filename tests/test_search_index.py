"""The search index: built once, reused, updated page by page, rebuilt when damaged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from guidance.content.base import ContentBase
from guidance.search import Searcher, build_index, index_status
from guidance.search.documents import ContentSource
from guidance.search.store import IndexStore
from guidance.search.synonyms import load_synonyms
from search_support import AFTER_RISE, ON, PAGES, CountingSource, make_root, write_page


@pytest.fixture
def root(tmp_path) -> Path:
    return make_root(tmp_path / "root")


def open_counting(root: Path, on=ON):
    base = ContentBase.load(root, use_cache=False)
    source = CountingSource(ContentSource(base, on))
    searcher = Searcher.from_source(source, load_synonyms(base.content_dir), IndexStore.for_root(root))
    return searcher, source


def test_first_open_builds_every_page_and_the_index_lives_in_the_user_cache(root, private_user_dirs):
    searcher, source = open_counting(root)
    assert sorted(source.rendered) == sorted(page_id for _area, page_id in PAGES)
    assert str(searcher.generation.folder).startswith(str(private_user_dirs / "xdg_cache_home"))
    assert searcher.search("umbrella").ids == ["dbs-checks"]


def test_unchanged_content_reuses_the_index_without_rendering(root):
    first, _ = open_counting(root)
    second, source = open_counting(root)
    assert source.rendered == []
    assert second.generation.folder == first.generation.folder


def test_an_edit_reindexes_only_the_changed_page(root):
    open_counting(root)
    fields = dict(PAGES[("employment", "dbs-checks")], summary="Ask for a criminal record check through a registered broker once you have offered the job.")
    fields["body"] = "## Brokers\n\nA registered broker processes the check for you."
    write_page(root, "employment", "dbs-checks", fields, version=2)
    searcher, source = open_counting(root)
    assert source.rendered == ["dbs-checks"]
    assert searcher.search("broker").ids == ["dbs-checks"]
    assert searcher.search("fewer").ids == []  # a word only the old text had
    assert searcher.page_count == len(PAGES)
    ids = searcher.search("pa", limit=50).ids
    assert len(ids) == len(set(ids)), "an updated page must not come back twice"


def test_a_removed_page_leaves_the_index_and_a_new_one_joins(root):
    open_counting(root)
    (root / "content" / "employment" / "dbs-checks.md").unlink()
    write_page(root, "employment", "right-to-work", dict(PAGES[("employment", "dbs-checks")], title="Right to work checks", summary="Check a passport or share code before your PA starts work.", body="## Documents\n\nSee the original passport."))
    searcher, source = open_counting(root)
    assert source.rendered == ["right-to-work"]
    assert "dbs-checks" not in searcher.search("criminal record check", limit=50).ids
    assert searcher.search("passport").ids == ["right-to-work"]
    assert searcher.vocabulary.complete("fewe") == []


def test_a_new_rate_in_force_reindexes_only_the_pages_quoting_it(root):
    open_counting(root, ON)
    searcher, source = open_counting(root, AFTER_RISE)
    assert source.rendered == ["minimum-wage"]
    assert "13.10" in searcher.search("national living wage")[0].snippet


def test_a_corrupt_index_is_rebuilt_not_a_crash(root):
    first, _ = open_counting(root)
    first.close()
    for file in first.generation.folder.iterdir():
        if file.suffix in (".seg", ".toc") or file.name.endswith(".trm"):
            file.write_bytes(b"\x00garbage" * 10)
    searcher, source = open_counting(root)
    assert len(source.rendered) == len(PAGES)
    assert searcher.search("umbrella").ids == ["dbs-checks"]


@pytest.mark.parametrize("damage", ["pointer", "meta", "missing-generation"])
def test_a_half_written_or_missing_index_is_rebuilt(root, damage):
    first, _ = open_counting(root)
    first.close()
    store = IndexStore.for_root(root)
    if damage == "pointer":
        store.pointer.write_text('{"generation": ', encoding="utf-8")
    elif damage == "meta":
        (first.generation.folder / "meta.json").write_text("{", encoding="utf-8")
    else:
        import shutil

        shutil.rmtree(first.generation.folder)
    searcher, source = open_counting(root)
    assert len(source.rendered) == len(PAGES)
    assert searcher.search("sick pay")[0].id == "sick-pay"


def test_a_searcher_left_open_follows_a_rebuild_by_another_process(root):
    searcher, _ = open_counting(root)
    old = searcher.generation.folder
    write_page(root, "employment", "dbs-checks", dict(PAGES[("employment", "dbs-checks")], body="## Brokers\n\nA registered broker processes it."), version=2)
    base = ContentBase.load(root, use_cache=False)
    build_index(base, ON)
    assert searcher.search("broker").ids == ["dbs-checks"]
    assert searcher.generation.folder != old


def test_a_query_against_a_damaged_open_index_recovers(root):
    searcher, _ = open_counting(root)
    searcher._reader.close()  # as if the files had gone away under it
    assert searcher.search("umbrella").ids == ["dbs-checks"]


def test_status_reports_folder_size_and_freshness(root):
    base = ContentBase.load(root, use_cache=False)
    assert index_status(base, ON)["exists"] is False
    build_index(base, ON)
    status = index_status(base, ON)
    assert status["exists"] and status["up_to_date"] and status["pages"] == len(PAGES) and status["size_bytes"] > 0
    assert index_status(base, AFTER_RISE)["changed_pages"] == ["minimum-wage"]


READER = textwrap.dedent(
    """
    import sys
    from guidance.search import Searcher
    from search_support import ON
    searcher = Searcher.open(sys.argv[1], ON)
    failures = 0
    for n in range(60):
        for query, want in (("umbrela", "dbs-checks"), ("sack my carer", "dismissing-a-pa"), ("hoilday irregular", "holiday-irregular-hours")):
            ids = searcher.search(query).ids
            if not ids or ids[0] != want:
                failures += 1
    print(failures)
    """
)

REBUILDER = textwrap.dedent(
    """
    import sys
    import guidance.search.store as store
    from guidance.content.base import ContentBase
    from guidance.search import build_index
    from search_support import ON
    store.GRACE_SECONDS = 0.0  # sweep replaced generations at once: readers must cope
    base = ContentBase.load(sys.argv[1], use_cache=False)
    for n in range(6):
        build_index(base, ON)
    print("built")
    """
)


def test_two_readers_keep_working_while_a_third_process_rebuilds(root):
    base = ContentBase.load(root, use_cache=False)
    build_index(base, ON)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parent))
    run = lambda script: subprocess.Popen([sys.executable, "-c", script, str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    readers = [run(READER), run(READER)]
    rebuilder = run(REBUILDER)
    outputs = [p.communicate(timeout=300) for p in (*readers, rebuilder)]
    for process, (out, err) in zip((*readers, rebuilder), outputs):
        assert process.returncode == 0, err
    assert [o[0].strip() for o in outputs] == ["0", "0", "built"]
    status = index_status(base, ON)
    assert status["up_to_date"]


def test_a_new_process_searches_without_loading_unchanged_content(root):
    base = ContentBase.load(root, use_cache=False)
    with Searcher.open(base, ON) as full:
        expected = [(h.kind, h.id) for h in full.search("holiday pay").hits]
    quick = Searcher.open_unchanged(root, ON)
    assert quick is not None
    with quick:
        assert [(h.kind, h.id) for h in quick.search("holiday pay").hits] == expected
    assert Searcher.open_unchanged(root, AFTER_RISE) is None  # figures are effective-dated


def test_any_change_under_the_root_sends_a_new_process_the_long_way(root):
    with Searcher.open(ContentBase.load(root, use_cache=False), ON):
        pass
    fields = dict(PAGES[("employment", "dbs-checks")], summary="Ask for a criminal record check through a registered broker once you have offered the job.")
    write_page(root, "employment", "dbs-checks", fields, version=2)
    assert Searcher.open_unchanged(root, ON) is None
    with Searcher.open(ContentBase.load(root, use_cache=False), ON) as full:
        assert full.search("broker").ids == ["dbs-checks"]
    assert Searcher.open_unchanged(root, ON).search("broker").ids == ["dbs-checks"]
    (root / "flows").mkdir(exist_ok=True)
    (root / "flows" / "new.yaml").write_text("id: new\n", encoding="utf-8")
    assert Searcher.open_unchanged(root, ON) is None


def test_superseded_page_text_is_not_stat_by_the_short_way_but_a_style_folder_is(root):
    # content/history holds released pages' old text, which no search reads: a new version
    # there keeps the short way; any other folder under content/ (style rules) does not.
    with Searcher.open(ContentBase.load(root, use_cache=False), ON):
        pass
    (root / "content" / "history" / "dbs-checks").mkdir(parents=True)
    (root / "content" / "history" / "dbs-checks" / "v1.md").write_text("old text\n", encoding="utf-8")
    assert Searcher.open_unchanged(root, ON) is not None
    (root / "content" / "style").mkdir()
    (root / "content" / "style" / "words.yaml").write_text("{}\n", encoding="utf-8")
    assert Searcher.open_unchanged(root, ON) is None


def test_content_with_errors_is_never_searched_the_short_way(root):
    from guidance.search.searcher import STAMP_FILE

    with Searcher.open(ContentBase.load(root, use_cache=False), ON):
        pass
    stamp = IndexStore.for_root(root).folder / STAMP_FILE
    before = stamp.read_text(encoding="utf-8")
    (root / "content" / "employment" / "broken.md").write_text("---\nid: broken\n---\nno front matter to speak of\n", encoding="utf-8")
    base = ContentBase.load(root, use_cache=False)
    assert base.problems.errors
    with Searcher.open(base, ON):
        pass
    assert stamp.read_text(encoding="utf-8") == before  # not vouched for: the long way warns each time
    assert Searcher.open_unchanged(root, ON) is None


def test_the_short_way_keeps_the_caller_words_without_reading_the_synonyms_file_again(root):
    with Searcher.open(ContentBase.load(root, use_cache=False), ON) as full:
        expected = full.synonyms.entries
        answer = full.search("sack my carer").ids
    quick = Searcher.open_unchanged(root, ON)
    assert quick.synonyms.entries == expected and quick.search("sack my carer").ids == answer == ["dismissing-a-pa"] + answer[1:]


def _index_contents(folder: Path) -> dict:
    """Everything a search reads from an index: each word's postings and counts, page lengths
    and stored pages."""
    from guidance.search.whoosh_index import IndexReader

    reader = IndexReader(folder)
    try:
        whoosh = reader.reader
        out = {"lengths": reader.doc_lengths(), "stored": [whoosh.stored_fields(n) for n in range(whoosh.doc_count_all())]}
        for field in ("text", "pairs", "id", "kind", "audience", "area"):
            for raw in whoosh.lexicon(field):
                term = raw.decode("utf-8")
                out[field, term] = (reader.postings(field, term), whoosh.doc_frequency(field, term), whoosh.frequency(field, term))
        return out
    finally:
        reader.close()


def test_the_index_written_in_bulk_holds_exactly_what_whooshs_own_writer_writes(root, tmp_path, monkeypatch):
    import dataclasses

    from whoosh.codec.whoosh3 import W3Codec

    from guidance.search import whoosh_index, whoosh_writer

    content = ContentSource(ContentBase.load(root, use_cache=False), ON)
    pages = [content.document(doc_id) for doc_id in sorted(content.fingerprints())]
    # 60 copies: common words have more postings than a block holds, rare ones a single posting.
    docs = [dataclasses.replace(doc, id=f"{doc.id}-{n}") for n in range(60) for doc in pages]

    def build(folder: Path) -> dict:
        folder.mkdir()
        writer = whoosh_index.IndexWriter(folder, create=True)
        for doc in docs:
            writer.add(doc)
        writer.commit()
        return _index_contents(folder)

    bulk = build(tmp_path / "bulk")
    monkeypatch.setattr(whoosh_writer.BulkWriter, "_can_write_bulk", lambda self: False)
    monkeypatch.setattr(whoosh_index._Codec, "postings_writer", W3Codec.postings_writer)
    pooled = build(tmp_path / "pooled")
    assert max(len(value[0][0]) for key, value in pooled.items() if key[0] == "text") > 128
    assert bulk.keys() == pooled.keys()
    assert [key for key in pooled if bulk[key] != pooled[key]] == []


def test_caller_phrases_remembered_by_an_older_matching_are_not_used_the_short_way(root):
    """The short way keeps caller phrases as stems; stems made by an older way of matching
    ("who can i employ" before the asker's person was made one) would silently stop meeting
    what callers type, so such a stamp sends a new process the long way, which renews it."""
    import json

    from guidance.search.searcher import STAMP_FILE

    with Searcher.open(ContentBase.load(root, use_cache=False), ON):
        pass
    stamp = IndexStore.for_root(root).folder / STAMP_FILE
    record = json.loads(stamp.read_text(encoding="utf-8"))
    record.pop("synonyms_format", None)  # as written before the matching changed
    stamp.write_text(json.dumps(record), encoding="utf-8")
    assert Searcher.open_unchanged(root, ON) is None
    with Searcher.open(ContentBase.load(root, use_cache=False), ON):
        pass
    assert Searcher.open_unchanged(root, ON) is not None
