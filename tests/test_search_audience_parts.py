"""A snippet never quotes a part of a page written for the other audience: a recipient's search
never shows the "For officers" section (the headings are ``audience_sections`` in the settings)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from guidance.cli import main
from guidance.search import Searcher
from guidance.search.documents import plain_blocks
from search_support import PAGES, make_root, open_shipped

ON = dt.date(2026, 6, 1)

RESERVE = {
    "title": "Keeping money back",
    "summary": "Keep some money in the account for bills that come later.",
    "covers": "[direct_payments_basics]",
    "audience": "both",
    "keywords": "[reserve]",
    "body": """
        ## Why keep money back

        Some bills come once a year, so keep money aside for them.

        ## For officers

        Agree the zebracontingency with the recipient and record it.

        ### Recording it

        Write the agreed zebracontingency on the case file.

        ## For you

        Ask your council about your own zebracontingency if you are unsure.
        """,
}


@pytest.fixture
def searcher(tmp_path):
    pages = {**PAGES, ("care_act", "keeping-money-back"): RESERVE}
    root = make_root(tmp_path / "root", pages=pages)
    (root / "content" / "settings.yaml").write_text(
        "audience_sections:\n  officer: [For officers]\n  recipient: [For you]\n", encoding="utf-8")
    with Searcher.open(root, ON) as opened:
        yield opened


def test_blocks_under_an_audience_heading_are_marked_until_the_next_heading_as_high():
    blocks = plain_blocks(RESERVE["body"].replace("\n        ", "\n"), {"For officers": "officer", "for you": "recipient"})
    shown = {b.text: b.audience for b in blocks}
    assert shown["Some bills come once a year, so keep money aside for them."] is None
    assert shown["For officers"] == "officer"
    assert shown["Agree the zebracontingency with the recipient and record it."] == "officer"
    assert shown["Write the agreed zebracontingency on the case file."] == "officer"  # a sub-heading stays in the part
    assert shown["Ask your council about your own zebracontingency if you are unsure."] == "recipient"


def test_a_recipient_never_sees_a_snippet_from_the_officers_part(searcher):
    hit = searcher.search("zebracontingency", audience="recipient").hits[0]
    assert hit.id == "keeping-money-back"
    assert "council about your own" in hit.snippet
    assert "Agree the" not in hit.snippet and "case file" not in hit.snippet


def test_an_officer_never_sees_a_snippet_from_the_recipients_part(searcher):
    hit = searcher.search("zebracontingency", audience="officer").hits[0]
    assert hit.id == "keeping-money-back"
    assert "council about your own" not in hit.snippet
    assert "zebracontingency" in hit.snippet


def test_with_no_audience_any_part_may_be_quoted(searcher):
    hit = searcher.search("agree zebracontingency record").hits[0]
    assert "Agree the" in hit.snippet.replace("**", "")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, ON)


def officer_sentences() -> set[str]:
    from search_support import REPO_ROOT

    found = set()
    for path in (REPO_ROOT / "content").glob("*/*.md"):
        text = path.read_text(encoding="utf-8")
        part = text.split("## For officers", 1)[1] if "## For officers" in text else ""
        part = part.split("\n## ", 1)[0]
        found.update(line.lstrip("-0123456789. ").strip() for line in part.splitlines() if len(line.strip()) > 20)
    return found


@pytest.mark.parametrize("question", ["contingency", "record the contingency", "agree the contingency plan at each review"])
def test_shipped_content_quotes_no_officers_section_to_a_recipient(shipped, question):
    quoted = officer_sentences()
    assert "Agree the contingency with the recipient and record it." in quoted
    hits = shipped.search(question, audience="recipient", limit=20).hits
    assert hits
    for hit in hits:
        plain = hit.snippet.replace("**", "")
        assert not any(sentence in plain or plain.rstrip("…") in sentence for sentence in quoted if len(plain) > 20), (hit.id, plain)


def test_the_command_line_recipient_search_quotes_no_officers_section(tmp_path, capsys):
    from search_support import REPO_ROOT

    code = main(["--root", str(REPO_ROOT), "search", "contingency", "--audience", "recipient", "--json", "--on", "2026-06-01", "--limit", "20"])
    out = capsys.readouterr().out
    assert code == 0
    snippets = [hit["snippet"].replace("**", "") for hit in json.loads(out)]
    assert snippets
    for text in snippets:
        assert "Agree the contingency with the recipient" not in text
        assert "Ask to see the contingency plan at each review" not in text
