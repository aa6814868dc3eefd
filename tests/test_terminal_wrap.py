"""`guidance search` on a terminal breaks its lines between words at the terminal's width (bold
codes take no room); piped output is left as one line a result, for other programs."""

from __future__ import annotations

import io
import re

from guidance.commands.terminal_text import BOLD_OFF, BOLD_ON, wrapped

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def test_lines_break_between_words_and_bold_takes_no_room():
    text = f"Each time you pay your {BOLD_ON}PA{BOLD_OFF}, you work out their tax and National Insurance"
    lines = wrapped(text, 24, "    ").splitlines()
    assert all(len(ESCAPE.sub("", line)) <= 24 for line in lines)
    assert " ".join(ESCAPE.sub("", line).strip() for line in lines) == ESCAPE.sub("", text)
    assert lines[0] == "    Each time you pay"  # "your" would make 25
    assert wrapped("a" * 30, 10, "  ") == "  " + "a" * 30  # never broken inside a word


def test_the_first_line_has_its_own_start():
    assert wrapped("Running PAYE telling HMRC", 16, "    ", " 1. ") == " 1. Running PAYE\n    telling HMRC"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_search_results_fit_the_terminal_and_pipes_keep_one_line(monkeypatch):
    from types import SimpleNamespace

    from guidance.commands import search

    hit = SimpleNamespace(kind="page", kind_label="Page", title="Running PAYE: telling HMRC each payday (RTI)",
                          id="paye-and-rti", snippet="Each time you pay your **PA**, you work out their tax and "
                          "National Insurance and tell HMRC on or before payday.")
    results = SimpleNamespace(hits=[hit], notes=[], suggestion=None, corrections={}, query="tax")
    monkeypatch.setattr(search, "_notes", lambda results: [])
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.delenv("NO_COLOR", raising=False)
    screen = Terminal()
    monkeypatch.setattr("sys.stdout", screen)
    search._print_results(results)
    shown = [ESCAPE.sub("", line) for line in screen.getvalue().splitlines()]
    assert len(shown) > 2 and all(len(line) <= 40 for line in shown)
    assert not any(line.endswith(("yo", "Nation")) for line in shown)
    piped = io.StringIO()
    monkeypatch.setattr("sys.stdout", piped)
    search._print_results(results)
    assert piped.getvalue().splitlines()[1] == ("    Each time you pay your PA, you work out their tax and National "
                                                "Insurance and tell HMRC on or before payday.")
