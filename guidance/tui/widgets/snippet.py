"""Search snippets as Rich text: the matched words highlighted so the eye lands on the answer."""

from __future__ import annotations

from rich.text import Text


def snippet_text(snippet: str) -> Text:
    from guidance.search import split_marked  # loaded with the index, not before the first screen

    return Text.assemble(*((piece, "bold reverse") if match else piece for piece, match in split_marked(snippet or "")))
