"""A letter body as a short list of blocks (headings, paragraphs, list items) with styled runs.

Plain text and Word cannot take Markdown, so the body is parsed once (markdown-it, with raw HTML
switched off so a value typed into a field can never become markup) and each format writes the
same blocks its own way. Letters need little: headings, paragraphs, bulleted and numbered lists,
bold and italic. Links keep their words; a page link prints the words only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    kind: str  # heading | paragraph | bullet | number
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # heading level, or list depth (0 = top)
    number: int | None = None  # for numbered list items

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


_INLINE = re.compile(r"([\\`*_\[\]<>!&~|])")


def markdown_text(value: str) -> str:
    """``value`` as Markdown that reads back as exactly that text, never as markup.

    Characters Markdown gives a meaning inside a line are backslash-escaped; so are the marks
    that start a heading, quote or list at the start of a line (``#``, ``>``, ``-``, ``+``,
    ``=``, ``1.``), and spaces that would indent a line into code are dropped. A line break becomes a hard line break, so a multi-line field keeps its lines
    and never starts a new block. Apostrophes, commas and hyphens inside words stay as typed.
    """
    text = re.sub(r"(?m)^[ \t]+", "", value.replace("\r\n", "\n").replace("\r", "\n"))  # no indented code blocks
    text = _INLINE.sub(r"\\\1", text)
    text = re.sub(r"(?m)^([#>+=-])", r"\\\1", text)
    text = re.sub(r"(?m)^(\d+)([.)])", r"\1\\\2", text)
    return text.replace("\n", "\\\n")


@lru_cache(maxsize=1)
def letter_markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def to_blocks(body: str) -> list[Block]:
    tokens = letter_markdown().parse(body)
    blocks: list[Block] = []
    lists: list[list] = []  # stack of [kind, next number]
    pending: Block | None = None
    for token in tokens:
        if token.type == "heading_open":
            pending = Block("heading", level=int(token.tag[1]))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrs.get("start", 1) or 1) if token.type == "ordered_list_open" else 0
            lists.append(["bullet" if token.type == "bullet_list_open" else "number", start])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            kind, number = lists[-1]
            pending = Block(kind, level=len(lists) - 1, number=number if kind == "number" else None)
            if kind == "number":
                lists[-1][1] += 1
        elif token.type == "paragraph_open" and pending is None:
            pending = Block("paragraph")
        elif token.type == "inline":
            block = pending or Block("paragraph")
            if block.runs:  # a second paragraph in one list item
                blocks.append(block)
                block = Block("paragraph", level=block.level)
            block.runs = _runs(token.children or [])
            blocks.append(block)
            pending = block if block.kind in ("bullet", "number") else None
        elif token.type == "list_item_close":
            pending = None
        elif token.type == "hr":
            blocks.append(Block("rule"))
    return blocks


def _runs(children) -> list[Run]:
    runs: list[Run] = []
    bold = italic = False
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind in ("text", "code_inline", "html_inline"):
            runs.append(Run(child.content, bold, italic))
        elif kind == "softbreak":
            runs.append(Run(" ", bold, italic))
        elif kind == "hardbreak":
            runs.append(Run("\n", bold, italic))
    return _merge(runs)


def _merge(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].italic) == (run.bold, run.italic):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.italic)
        else:
            out.append(run)
    return out
