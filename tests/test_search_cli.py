"""``guidance search`` and ``guidance index`` from the command line."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from guidance.cli import main
from search_support import make_root


@pytest.fixture
def root(tmp_path):
    return str(make_root(tmp_path / "root"))


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_is_a_list_of_hits_best_first(root, capsys):
    code, out, err = run(capsys, "--root", root, "search", "hoilday", "irregular", "--json", "--on", "2026-06-01")
    assert code == 0
    hits = json.loads(out)
    assert hits[0]["id"] == "holiday-irregular-hours"
    assert set(hits[0]) == {"id", "kind", "title", "score", "snippet", "covers"}
    assert hits[0]["kind"] == "page"
    assert hits[0]["covers"] == ["holiday"]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert "Showing results for: holiday irregular" in err


def test_text_output_names_pages_and_snippets(root, capsys):
    code, out, _ = run(capsys, "--root", root, "search", "sack", "my", "carer", "--limit", "1")
    assert code == 0
    assert out.splitlines()[0] == " 1. Dismissing a personal assistant fairly  [dismissing-a-pa]"
    assert len([line for line in out.splitlines() if line[:3].strip().rstrip(".").isdigit()]) == 1


def test_filters_reach_the_search(root, capsys):
    code, out, _ = run(capsys, "--root", root, "search", "pa", "--audience", "officer", "--json", "--limit", "50")
    assert code == 0 and "dbs-checks" not in {h["id"] for h in json.loads(out)}
    code, out, _ = run(capsys, "--root", root, "search", "council", "--area", "care_act", "--json")
    assert [h["id"] for h in json.loads(out)] == ["what-are-direct-payments"]


def test_batch_answers_one_json_line_per_query_line(root, tmp_path, capsys):
    questions = tmp_path / "q.txt"
    questions.write_text('dbs umbrela\n\n"pay\nsick pay\n', encoding="utf-8")
    code, out, _ = run(capsys, "--root", root, "search", "--batch", str(questions), "--limit", "3")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["query"] for r in rows] == ["dbs umbrela", "", '"pay', "sick pay"]
    assert rows[0]["results"][0]["id"] == "dbs-checks" and rows[0]["suggestion"] == "dbs umbrella"
    assert rows[1]["results"] == []
    assert rows[3]["results"][0]["id"] == "sick-pay" and len(rows[3]["results"]) <= 3


def test_user_mistakes_are_messages_not_tracebacks(root, tmp_path, capsys):
    code, _, err = run(capsys, "--root", root, "search")
    assert code == 1 and "say what to search for" in err
    code, _, err = run(capsys, "--root", root, "search", "pay", "--area", "gardening")
    assert code == 1 and "unknown area 'gardening'" in err and "care_act" in err
    code, _, err = run(capsys, "--root", root, "search", "--batch", str(tmp_path / "missing.txt"))
    assert code == 1 and "cannot read" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["--root", root, "search", "pay", "--limit", "0"])
    assert exit_info.value.code == 2
    code, out, err = run(capsys, "--root", root, "search", "AND", "OR", "--json")
    assert code == 0 and json.loads(out) == [] and "common words" in err


def test_index_build_and_status(root, capsys):
    code, out, _ = run(capsys, "--root", root, "index", "status")
    assert code == 0 and "No search index yet" in out
    code, out, err = run(capsys, "--root", root, "index", "build", "--on", "2026-06-01")
    assert code == 0 and out.startswith("Indexed 7 pages and 7 tools (guided help, calculators and letters)") and "14/14" in err
    code, out, _ = run(capsys, "--root", root, "index", "status", "--json", "--on", "2026-06-01")
    status = json.loads(out)
    assert status["pages"] == 7 and status["up_to_date"] is True and status["size_bytes"] > 0 and status["age_seconds"] >= 0
    code, out, _ = run(capsys, "--root", root, "index", "status", "--on", "2027-05-01")
    assert "out of date (1 page changed" in out


def test_the_search_command_does_not_import_textual(root):
    script = textwrap.dedent(
        f"""
        import sys
        from guidance.cli import main
        code = main(["--root", {root!r}, "search", "holiday", "--json"])
        assert code == 0
        print(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=dict(os.environ), timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


#: Packages a search has no use for: the app, the records database, spreadsheets, name lists.
NEVER_FOR_A_SEARCH = ("textual", "sqlalchemy", "alembic", "openpyxl", "faker", "docx")
#: What the short way (nothing changed since the last search) must not load either: the content
#: loader and its readers, the real-word list (no word to correct) and the numbers' kinds.
NOT_FOR_AN_UNCHANGED_SEARCH = ("yaml", "pydantic", "jinja2", "markdown_it", "wordfreq", "guidance.content.base",
                               "guidance.kinds", "guidance.calculators", "guidance.problems")


def _imported_by_a_search(root: str, *words: str) -> set[str]:
    """The modules a new ``python -m guidance --root ROOT search WORDS`` process imported, as
    the command runs it (``runpy``, so ``main`` runs as a whole process), seen at its end."""
    script = textwrap.dedent(
        f"""
        import runpy, sys
        sys.argv = ["guidance", "--root", {root!r}, "search", *{list(words)!r}, "--json"]
        try:
            runpy.run_module("guidance", run_name="__main__", alter_sys=True)
        except SystemExit as exit:
            assert not exit.code, exit.code
        print("\\n".join(sorted(sys.modules)), file=sys.stderr)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=dict(os.environ), timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["id"] == "sick-pay"
    return set(done.stderr.split())


def _loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m in packages or m.startswith(tuple(f"{p}." for p in packages)))


def test_a_cold_search_imports_only_what_it_needs(root):
    first = _imported_by_a_search(root, "sick", "pay")  # builds the index from the content
    assert _loaded(first, NEVER_FOR_A_SEARCH) == []
    assert "guidance.content.base" in first and "yaml" in first  # the check below can see them
    again = _imported_by_a_search(root, "sick", "pay")  # nothing changed: the short way
    assert _loaded(again, NEVER_FOR_A_SEARCH + NOT_FOR_AN_UNCHANGED_SEARCH) == []
    assert "guidance.search.searcher" in again


def test_batch_names_lines_that_are_not_utf8_and_answers_the_rest(root, tmp_path, capsys):
    questions = tmp_path / "q.bin"
    questions.write_bytes(b"sick pay\n\xff\xfe\x00bad\n")
    code, out, err = run(capsys, "--root", root, "search", "--batch", str(questions), "--limit", "1")
    assert code == 1
    assert f"{questions}:2: error: not UTF-8 text (byte 1); line skipped" in err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["query"] for row in rows] == ["sick pay", None]  # one line out for each line in
    assert rows[1]["line"] == 2 and "not UTF-8" in rows[1]["error"]


def _ids(capsys, root, *words):
    code, out, err = run(capsys, "--root", root, "search", "--on", "2026-06-01", "--json", *words)
    assert code == 0, err
    return [hit["id"] for hit in json.loads(out)]


def _same_size_edit(root):
    path = os.path.join(root, "content", "employment", "dbs-checks.md")
    text = open(path, encoding="utf-8").read()
    stat = os.stat(path)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace("umbrella body once", "registered brokers"))
    assert os.path.getsize(path) == stat.st_size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    return ["registered", "broker"], ["dbs-checks"]


def _resized_at_the_old_time(root):
    path = os.path.join(root, "content", "employment", "dbs-checks.md")
    stat = os.stat(path)
    text = open(path, encoding="utf-8").read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace("umbrella body once", "licensed broker once"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as a copy that keeps times would
    return ["licensed", "broker"], ["dbs-checks"]


def _page_added(root):
    from search_support import PAGES, write_page

    fields = dict(PAGES[("employment", "sick-pay")], title="Parental leave for a PA", keywords="[paternity]",
                  summary="A PA may take unpaid parental leave to care for a child.", covers="[sickness]")
    write_page(Path(root), "employment", "parental-leave", fields)
    return ["parental", "leave"], ["parental-leave"]


def _page_removed(root):
    os.remove(os.path.join(root, "content", "employment", "dbs-checks.md"))
    return ["umbrella", "body"], []


def _synonym_added(root):
    path = os.path.join(root, "content", "synonyms.yaml")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("vetting: [criminal record]\n")
    return ["vetting"], ["dbs-checks"]


@pytest.mark.parametrize("change", [_same_size_edit, _resized_at_the_old_time, _page_added, _page_removed, _synonym_added])
def test_a_search_after_any_content_change_sees_it(root, capsys, change):
    # Each search is a new run of the command; the second may take the short way (no content
    # loaded) only while no content file has changed in size or time.
    from guidance.search.searcher import Searcher

    before = _ids(capsys, root, "umbrella", "body")
    assert before[:1] == ["dbs-checks"] and _ids(capsys, root, "umbrella", "body") == before
    assert Searcher.open_unchanged(root, dt.date(2026, 6, 1)) is not None
    words, expected = change(root)
    assert _ids(capsys, root, *words)[:len(expected) or None] == expected
    assert _ids(capsys, root, *words)[:len(expected) or None] == expected  # and the short way again


def test_an_area_is_checked_without_loading_the_content_when_nothing_changed(root, capsys, monkeypatch):
    from guidance.content.base import ContentBase

    full = _ids(capsys, root, "--area", "care_act", "council")
    assert full == ["what-are-direct-payments"]

    def no_loading(*args, **kwargs):
        raise AssertionError("the content was loaded")

    monkeypatch.setattr(ContentBase, "load", no_loading)
    assert _ids(capsys, root, "--area", "care_act", "council") == full
    monkeypatch.undo()
    code, _, err = run(capsys, "--root", root, "search", "--area", "nowhere", "council")
    assert code == 1 and "unknown area 'nowhere': choose one of care_act, employment" in err
