"""Page text printed by ``guidance search`` and ``guidance show``: on a terminal the matched words
and headings are bold; piped (to a file, less, another program) it is plain text with no Markdown
marks; NO_COLOR turns the bold off; ``--json`` and ``show --markdown`` keep the Markdown."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from guidance.commands.terminal_text import BOLD_ON, plain_text, show_bold

REPO = Path(__file__).resolve().parents[1]
QUERY = ["sick", "pay"]
ON = ["--on", "2026-11-25"]


def _env(**more) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GUIDANCE_ROOT")}
    env["PYTHONPATH"] = str(REPO)  # this checkout's code, not an installed copy
    env.update(more)
    return env


def _piped(*argv, **env) -> str:
    done = subprocess.run([sys.executable, "-m", "guidance", "--root", str(REPO), *argv], capture_output=True,
                          env=_env(**env), timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()


def _on_a_terminal(*argv, **env) -> str:
    """What the command writes when its output is a terminal (a pseudo-terminal here)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "guidance", "--root", str(REPO), *argv], stdout=follower,
                            stderr=subprocess.DEVNULL, env=_env(COLUMNS="100", **env))
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=300) == 0
    return b"".join(chunks).decode()


def test_search_piped_prints_plain_words_not_markdown_marks():
    out = _piped("search", *QUERY, *ON)
    assert "Sick Pay" in out and "**" not in out and "\x1b[" not in out


def test_search_on_a_terminal_shows_the_matched_words_in_bold():
    out = _on_a_terminal("search", *QUERY, *ON)
    assert f"{BOLD_ON}Sick" in out and "**" not in out


def test_search_on_a_terminal_with_no_color_is_plain():
    out = _on_a_terminal("search", *QUERY, *ON, NO_COLOR="1")
    assert "Sick Pay" in out and "**" not in out and "\x1b[" not in out


def test_search_json_keeps_the_marks():
    hits = json.loads(_piped("search", *QUERY, *ON, "--json"))
    assert any("**" in hit["snippet"] for hit in hits)


def test_show_piped_is_plain_text():
    out = _piped("show", "statutory-sick-pay", *ON)
    assert out.startswith("Statutory Sick Pay (SSP)\n========================\n")
    assert "**" not in out and "\n#" not in out and "](" not in out
    assert "\nSources\n" in out


def test_show_markdown_prints_the_markdown():
    out = _piped("show", "statutory-sick-pay", *ON, "--markdown")
    assert out.startswith("# Statutory Sick Pay (SSP)\n") and "**Sources**" in out


def test_show_on_a_terminal_is_formatted():
    out = _on_a_terminal("show", "statutory-sick-pay", *ON)
    assert "Statutory Sick Pay (SSP)" in out and "**" not in out and "\n# " not in out


def test_plain_text_leaves_out_the_marks():
    text = "# Title\n\n## Part\n\n> Warning: **now**\n\nSee [the page](https://x.example) and `code`, *so*.\n- a_b item\n"
    assert plain_text(text) == ("Title\n=====\n\nPart\n----\n\nWarning: now\n\n"
                                "See the page (https://x.example) and code, so.\n- a_b item\n")


def test_bold_on_a_terminal_only():
    assert show_bold("a **b** c", True) == f"a {BOLD_ON}b\x1b[22m c"
    assert show_bold("a **b** c", False) == "a b c"
