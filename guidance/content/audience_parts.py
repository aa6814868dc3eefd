"""The parts of a page written for one audience only ("## For officers"), left out for the other.

Which headings start such a part is team-edited data (``audience_sections`` in the settings, see
``Settings.audience_headings``); search already never quotes them to the other audience.
"""

from __future__ import annotations

from collections.abc import Mapping


def for_audience(markdown_text: str, sections: Mapping[str, str], audience: str | None) -> str:
    """``markdown_text`` without the parts written for an audience other than ``audience``.

    ``sections``: heading text (any case or spacing) -> the audience its part is for. A part
    runs from its heading to the next heading of the same or a higher level. ``audience`` None
    (an officer, or no mode) keeps everything. Code blocks are never read as headings."""
    if not audience or not sections:
        return markdown_text
    from guidance.content.pages import markdown

    marked = {" ".join(k.split()).casefold(): v for k, v in sections.items()}
    lines = markdown_text.split("\n")
    drop: list[tuple[int, int]] = []
    part: tuple[int, int] | None = None  # (level, first line) of a part being left out
    tokens = markdown().parse(markdown_text)
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.map is None:
            continue
        level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        if part is not None and level <= part[0]:
            drop.append((part[1], token.map[0]))
            part = None
        text = " ".join(tokens[index + 1].content.split()).casefold() if index + 1 < len(tokens) else ""
        owner = marked.get(text)
        if part is None and owner is not None and owner != audience:
            part = (level, token.map[0])
    if part is not None:
        drop.append((part[1], len(lines)))
    for start, end in reversed(drop):
        del lines[start:end]
    return "\n".join(lines).rstrip("\n") + ("\n" if markdown_text.endswith("\n") else "")
