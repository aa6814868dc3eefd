"""Flow and page texts are shown both in the app and in the terminal, so they never give a key
or command that works in only one of them; each surface gives its own way to raise safeguarding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidance.flows.terminal import HELP, SAFEGUARDING

REPO = Path(__file__).resolve().parents[1]
TEXTS = sorted((REPO / "flows").glob("*.yaml")) + sorted((REPO / "content").rglob("*.md"))
ONE_SURFACE = re.compile(r"Ctrl\+\w|in the terminal|type '\w+' in", re.I)


@pytest.mark.parametrize("path", [p for p in TEXTS if "history" not in p.parts], ids=lambda p: p.name)
def test_no_text_gives_a_key_for_one_surface_only(path):
    found = [line for line in path.read_text(encoding="utf-8").splitlines() if ONE_SURFACE.search(line)]
    assert not found, found


def test_the_terminal_takes_the_word_the_help_texts_use():
    assert "safeguarding" in SAFEGUARDING and "'safeguarding'" in HELP
    helps = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "flows").glob("*.yaml")))
    assert helps.count("choose Safeguarding (it is offered at every step)") == 6
