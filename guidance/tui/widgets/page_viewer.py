"""MarkdownViewer whose links go to the app, not to files.

Textual's viewer treats every link as a file path to load. Our pages link with ``page:ID``,
``calc:NAME`` and web addresses, which the screen resolves; only ``#anchor`` links stay here.
"""

from __future__ import annotations

from textual.widgets import Markdown, MarkdownViewer


class PageViewer(MarkdownViewer):
    async def _on_markdown_link_clicked(self, message: Markdown.LinkClicked) -> None:
        message.prevent_default()  # never run MarkdownViewer's own handler (it opens files)
        if message.href.startswith("#"):
            message.stop()
            self.document.goto_anchor(message.href[1:])
        # anything else bubbles up to the screen, which knows what our links mean
