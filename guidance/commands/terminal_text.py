"""Page text on the command line as a reader sees it: bold shown as bold on a terminal, and plain
words (no Markdown marks such as ``**``, ``#`` or ``[..](..)``) when the output goes to a file or
another program, where the marks would only be clutter. ``NO_COLOR`` (https://no-color.org) turns
the terminal's bold off too. JSON output and ``--markdown`` keep the Markdown as it is written.
"""

from __future__ import annotations

import os
import re

BOLD_ON, BOLD_OFF = "\x1b[1m", "\x1b[22m"
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__", re.DOTALL)
_ITALIC = re.compile(r"(?<![\w*])\*(?![\s*])(.+?)(?<![\s*])\*(?![\w*])|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)")
_LINK = re.compile(r"!?\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_CODE = re.compile(r"`([^`]+)`")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")


def bold_wanted(stream) -> bool:
    """Whether ``stream`` is a terminal that may show bold: not when piped or written to a file,
    nor when ``NO_COLOR`` is set (to anything but an empty string)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def show_bold(text: str, bold: bool) -> str:
    """``**words**`` as bold on a terminal (``bold``), else as the words alone."""
    return _BOLD.sub(lambda m: f"{BOLD_ON}{m[1] or m[2]}{BOLD_OFF}" if bold else (m[1] or m[2]), text)


_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def wrapped(text: str, width: int, indent: str = "", first: str | None = None) -> str:
    """``text`` broken between words into lines of at most ``width`` characters as seen (bold
    codes take no room), each after ``indent`` (the first after ``first`` when given). A word
    longer than a line has a line of its own, unbroken."""
    lines, line, seen = [], first if first is not None else indent, 0
    room = max(width - len(line), 1)
    for word in text.split():
        size = len(_ESCAPE.sub("", word))
        if seen and seen + 1 + size > room:
            lines.append(line)
            line, seen, room = indent, 0, max(width - len(indent), 1)
        line, seen = (f"{line} {word}", seen + 1 + size) if seen else (line + word, size)
    lines.append(line)
    return "\n".join(lines)


def terminal_width(stream) -> int | None:
    """The width of the terminal ``stream`` writes to, or None when it is not a terminal (piped
    output is never broken into lines: other programs do that)."""
    import shutil

    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return None
    return shutil.get_terminal_size((80, 24)).columns


def plain_text(markdown: str) -> str:
    """Markdown as plain text a person reads as it is: headings underlined (``=`` under the
    title, ``-`` under a section), quote marks, bold, italic and code marks left out, and a link
    as its words with the address after them in brackets; lists and paragraphs as written."""
    lines = []
    for line in markdown.splitlines():
        heading = _HEADING.match(line)
        if heading:
            words = _inline(heading[2])
            lines.append(words)
            if len(heading[1]) <= 2:
                lines.append(("=" if len(heading[1]) == 1 else "-") * len(words))
            continue
        lines.append(_inline(_QUOTE.sub("", line)))
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")


def _inline(text: str) -> str:
    """One line's inline marks left out (see :func:`plain_text`)."""
    text = _CODE.sub(r"\1", text)
    text = _LINK.sub(lambda m: m[1] if m[2].startswith("#") else f"{m[1]} ({m[2]})", text)
    text = _BOLD.sub(lambda m: m[1] or m[2], text)
    text = _ITALIC.sub(lambda m: m[1] or m[2], text)
    return _ESCAPED.sub(r"\1", text)
