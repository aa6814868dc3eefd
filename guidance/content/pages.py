"""Pages: Markdown files with YAML front matter, parsed with markdown-it-py and checked by pydantic.

A page is parsed on its own and never raises: whatever is wrong is returned as problems with the
file and line, so one broken page cannot stop the rest of the content base loading.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from guidance.problems import Problems
from guidance.yamlio import ContentYamlError, load_yaml, validate

if TYPE_CHECKING:  # imported when a page is first parsed: pages loaded from the cache need no parser
    from markdown_it import MarkdownIt

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PAGE_LINK = "page:"
AUDIENCES = ("recipient", "officer")
_RATE_CALL = re.compile(r"""(?:rate|rule)\(\s*["']([^"']+)["']""")  # rate(), has_rate(), rule()


class Source(BaseModel):
    """Where a rule comes from: a title plus a web address or a legal citation (or both)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3)
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    citation: str | None = None

    @model_validator(mode="after")
    def _has_reference(self):
        if not self.url and not self.citation:
            raise ValueError("a source needs a url or a citation")
        return self


#: One caller question in a page's ``questions:`` list.
Question = Annotated[str, Field(min_length=5, max_length=300)]


class PageMeta(BaseModel):
    """The front matter of a page (see DESIGN.md, Formats)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=3, max_length=120)
    summary: str = Field(min_length=10, max_length=600)
    covers: list[str] = Field(min_length=1, max_length=3)
    audience: list[Literal["recipient", "officer"]] = Field(min_length=1)
    version: int = Field(ge=1)
    updated: dt.date
    review_by: dt.date
    owner: str = Field(min_length=2)
    sources: list[Source] = Field(min_length=1)
    related: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    #: Questions callers ask in their own words that this page answers (from public FAQs and
    #: forums); search weighs them like keywords, so everyday wording reaches the page.
    questions: list[Question] = Field(default_factory=list)

    @field_validator("audience", mode="before")
    @classmethod
    def _audience_list(cls, value):
        if value == "both":
            return list(AUDIENCES)
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _dates_in_order(self):
        if self.review_by < self.updated:
            raise ValueError("review_by is before updated")
        return self


@dataclass
class Page:
    """A parsed page: its front matter, its (unrendered) body and where things are in the file."""

    meta: PageMeta
    area: str
    path: str
    body: str
    body_line: int
    digest: str
    links: list[tuple[str, int]] = field(default_factory=list)
    rate_keys: list[tuple[str, int]] = field(default_factory=list)
    lines: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.meta.id

    def line_of(self, *keys) -> int:
        """Line of a front-matter key, for problems about a field."""
        return self.lines.get(tuple(keys), 1)


@lru_cache(maxsize=1)
def markdown() -> "MarkdownIt":
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").use(front_matter_plugin).enable("table")


def text_digest(text: str) -> str:
    """Hash of a page's text, used by the lock file to spot edits made without a version bump."""
    normal = text.replace("\r\n", "\n").strip() + "\n"
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _split(text: str, shown: str, problems: Problems):
    """Parse once; return (front matter text, body text, body's first line, links) or None."""
    if not text.strip():
        problems.error(shown, 1, "empty file: a page needs front matter and a body")
        return None
    tokens = markdown().parse(text)
    first = tokens[0] if tokens else None
    if first is None or first.type != "front_matter":
        if text.lstrip("\ufeff").startswith("---"):
            problems.error(shown, 1, "front matter is not closed: add a line '---' after it")
        else:
            problems.error(shown, 1, "no front matter: a page must start with a line '---'")
        return None
    end = first.map[1]
    body = "\n".join(text.split("\n")[end:])
    return first.content, body, end + 1, _links(tokens[1:])


def _links(tokens) -> list[tuple[str, int]]:
    """Links to other pages (``page:ID``), with the file line of the block holding each."""
    out = []
    for token in tokens:
        for child in token.children or []:
            if child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                if href.startswith(PAGE_LINK):
                    out.append((href[len(PAGE_LINK):], (token.map[0] + 1) if token.map else 1))
    return out


def _rate_keys(body: str, body_line: int) -> list[tuple[str, int]]:
    out = []
    for number, line in enumerate(body.split("\n")):
        for match in _RATE_CALL.finditer(line):
            out.append((match.group(1), body_line + number))
    return out


def read_content_file(path: Path, shown: str, problems: Problems) -> str | None:
    """A content file's text, or None with a problem naming the line of the first bad byte."""
    try:
        raw = path.read_bytes()
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(shown, line, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8")
    except OSError as exc:
        problems.error(shown, None, f"cannot read file: {exc.strerror}")
    return None


def parse_page(path: Path, area: str, shown: str, problems: Problems) -> Page | None:
    """Parse one page file. Returns None (with problems) when it cannot be used at all."""
    text = read_content_file(path, shown, problems)
    return None if text is None else parse_page_text(text, area, shown, problems)


@dataclass
class FrontMatterFile:
    """A Markdown file with validated front matter: what pages and letter templates share."""

    meta: object
    doc: object
    body: str
    body_line: int
    links: list[tuple[str, int]]
    text: str


def parse_front_matter(text: str, model, shown: str, problems: Problems) -> FrontMatterFile | None:
    """Split, parse and validate front matter against ``model``; None (with problems) if unusable."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    parts = _split(text, shown, problems)
    if parts is None:
        return None
    front, body, body_line, links = parts
    try:
        doc = load_yaml(front, offset=1)
    except ContentYamlError as exc:
        problems.error(shown, exc.line, exc.message)
        return None
    if not isinstance(doc.data, dict):
        problems.error(shown, 2, "front matter must be a set of 'key: value' lines")
        return None
    meta = validate(model, doc, shown, problems)
    if meta is None:
        return None
    return FrontMatterFile(meta, doc, body, body_line, links, text)


def parse_page_text(text: str, area: str, shown: str, problems: Problems) -> Page | None:
    parsed = parse_front_matter(text, PageMeta, shown, problems)
    if parsed is None:
        return None
    if not parsed.body.strip():
        problems.error(shown, parsed.body_line, "the page has no body text")
    return Page(
        meta=parsed.meta,
        area=area,
        path=shown,
        body=parsed.body,
        body_line=parsed.body_line,
        digest=text_digest(parsed.text),
        links=parsed.links,
        rate_keys=_rate_keys(parsed.body, parsed.body_line),
        lines=parsed.doc.lines,
    )
