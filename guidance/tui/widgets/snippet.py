"""Search snippets as Rich text: the matched words highlighted so the eye lands on the answer."""

from __future__ import annotations

from rich.text import Text

from guidance.search import split_marked


def snippet_text(snippet: str) -> Text:
    return Text.assemble(*((piece, "bold reverse") if match else piece for piece, match in split_marked(snippet or "")))
