"""The parts of a page written for one audience only ("## For officers"), left out for the other.

Which headings start such a part is team-edited data (``audience_sections`` in the settings, see
``Settings.audience_headings``). ``AudienceParts`` is the one walk over a page's headings that
says which part a heading opens; search marks its blocks with it (never quoting a part to the
other audience) and ``for_audience`` leaves the other audience's parts out of a page.
"""

from __future__ import annotations

from collections.abc import Mapping


class AudienceParts:
    """Which audience's part the headings read so far have opened.

    ``sections``: heading text (any case or spacing) -> the audience its part is for. A part
    runs from its heading to the next heading of the same or a higher level (a smaller level
    number); a part may hold another audience's part under a lower heading, and the outer part
    goes on after it. Feed each heading in the page's order to ``heading``; ``audience`` is then
    the audience of the innermost part being read, or None outside every such part."""

    def __init__(self, sections: Mapping[str, str] | None):
        self._marked = {_key(k): v for k, v in (sections or {}).items()}
        self._open: list[tuple[int, str]] = []  # (heading level, audience), outermost first

    def __bool__(self) -> bool:
        return bool(self._marked)

    @property
    def audience(self) -> str | None:
        return self._open[-1][1] if self._open else None

    def heading(self, level: int, text: str) -> str | None:
        """Read a heading of ``level`` (1 for ``#``) with ``text``; returns ``audience`` after it."""
        while self._open and level <= self._open[-1][0]:
            self._open.pop()
        owner = self._marked.get(_key(text))
        if owner is not None:
            self._open.append((level, owner))
        return self.audience


def heading_level(token) -> int:
    """The level of a markdown-it ``heading_open`` token: 1 for ``h1`` ... 6 for ``h6``."""
    return int(token.tag[1:]) if token.tag[1:].isdigit() else 1


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def for_audience(markdown_text: str, sections: Mapping[str, str], audience: str | None) -> str:
    """``markdown_text`` without the parts written for an audience other than ``audience``.

    ``sections``: as for ``AudienceParts``. ``audience`` None (an officer, or no mode) keeps
    everything. Code blocks are never read as headings."""
    parts = AudienceParts(sections)
    if not audience or not parts:
        return markdown_text
    from guidance.content.pages import markdown

    lines = markdown_text.split("\n")
    drop: list[tuple[int, int]] = []
    start: int | None = None  # first line of a part being left out
    tokens = markdown().parse(markdown_text)
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.map is None:
            continue
        text = tokens[index + 1].content if index + 1 < len(tokens) else ""
        owner = parts.heading(heading_level(token), text)
        leaving = owner is not None and owner != audience
        if start is not None and not leaving:
            drop.append((start, token.map[0]))
            start = None
        elif start is None and leaving:
            start = token.map[0]
    if start is not None:
        drop.append((start, len(lines)))
    for first, end in reversed(drop):
        del lines[first:end]
    return "\n".join(lines).rstrip("\n") + ("\n" if markdown_text.endswith("\n") else "")
