"""What the index holds for one page, made from the page as rendered on a date.

A page is indexed as weighted parts (title above keywords and callers' questions above summary
above headings above the first paragraph above the rest of the body) plus the taxonomy's description of the subjects it covers, which names
the subject in the words an officer might use. The body is kept as plain-text blocks for snippets.
Flows, calculators and letters are indexed the same way (see ``kinds``), marked by ``kind``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Mapping

from guidance.search.kinds import (
    FLOW, KIND_LABELS, LETTER, PAGE, calculator_fields, flow_fields, letter_fields, other_fingerprints, split_index_id,
)

#: Weight of each part of a page in ranking: a word in the title says more than one in the body.
#: ``questions`` are the questions callers ask in their own words (a page's ``questions:``): whole
#: sentences, so beside the words that say what is asked they hold the circumstances and domain
#: words of one caller ("my PA", "my direct payment"); they weigh a little less than the chosen
#: ``keywords`` so a page is not lifted above the page about a word by a question that mentions it.
#: ``lead`` is the first paragraph of the body (``LEAD_BLOCKS``): pages answer first and explain
#: after, so a page saying a word in its opening is more about it than one saying it in passing.
WEIGHTS = {"title": 5.0, "keywords": 4.0, "questions": 3.0, "summary": 2.5, "topics": 1.5, "headings": 2.0, "lead": 1.5, "body": 1.0}
#: How many of the body's first blocks (headings not counted) make its ``lead``.
LEAD_BLOCKS = 1

#: Bump when what a document holds changes (or which words are stop words), so old indexes are rebuilt.
DOC_FORMAT = 16


@dataclass
class Block:
    """A paragraph, list item, table row or heading of the rendered body, as plain text."""

    text: str
    heading: bool = False
    #: Who the part of the page holding this block is written for ("officer" under a page's
    #: "For officers" heading, see ``audience_sections`` in the settings); None: everyone.
    audience: str | None = None

    def shown_to(self, audience: str | None) -> bool:
        """Whether a reader of ``audience`` (None: anyone, as an officer's unfiltered search)
        may be shown this block: never one written for the other audience."""
        return audience is None or self.audience is None or self.audience == audience


@dataclass
class IndexDoc:
    id: str
    title: str
    summary: str
    covers: list[str]
    audience: list[str]
    area: str
    keywords: list[str] = field(default_factory=list)
    topics: str = ""
    blocks: list[Block] = field(default_factory=list)
    fingerprint: str = ""
    questions: list[str] = field(default_factory=list)
    #: "page", "flow", "calculator" or "letter" (see ``kinds``).
    kind: str = "page"
    #: Ids of the pages this one points readers on to (a page's ``related:``): a narrower page
    #: names the general page on its subject, so the pages a query finds vote for their hub.
    related: list[str] = field(default_factory=list)

    def parts(self) -> dict[str, str]:
        """Text of each weighted part (see WEIGHTS). A body of no more than ``LEAD_BLOCKS``
        blocks (a made-up page, a short flow) is all body: its opening is all it says."""
        body = [b.text for b in self.blocks if not b.heading]
        lead = LEAD_BLOCKS if len(body) > LEAD_BLOCKS else 0
        return {
            "title": self.title,
            "keywords": " . ".join(self.keywords),
            "questions": " . ".join(self.questions),
            "summary": self.summary,
            "topics": self.topics,
            "headings": " . ".join(b.text for b in self.blocks if b.heading),
            "lead": "\n".join(body[:lead]),
            "body": "\n".join(body[lead:]),
        }

    def blocks_json(self) -> str:
        return json.dumps([[b.text, b.heading, b.audience] for b in self.blocks], ensure_ascii=False)


def blocks_from_json(text: str) -> list[Block]:
    return [Block(item[0], bool(item[1]), item[2] if len(item) > 2 else None) for item in json.loads(text or "[]")]


def plain_blocks(markdown_text: str, sections: Mapping[str, str] | None = None) -> list[Block]:
    """Rendered Markdown as plain-text blocks: no markup left to confuse words or snippets.

    ``sections``: heading text (any case) -> the audience the part under it is written for
    ("For officers" -> "officer"); each block of such a part, its heading included, is marked
    with that audience, up to the next heading of the same or a higher level."""
    from guidance.content.audience_parts import AudienceParts, heading_level
    from guidance.content.pages import markdown  # only when pages are indexed: a search opens quickly

    parts = AudienceParts(sections)
    blocks: list[Block] = []
    row: list[str] | None = None
    heading = 0
    for token in markdown().parse(markdown_text):
        if token.type == "heading_open":
            heading = heading_level(token)
        elif token.type == "heading_close":
            heading = 0
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            if row and any(row):
                blocks.append(Block(": ".join(c for c in row if c), audience=parts.audience))
            row = None
        elif token.type == "inline":
            text = _inline_text(token)
            if heading:
                parts.heading(heading, text)
            if row is not None:
                row.append(text)
            elif text:
                blocks.append(Block(text, bool(heading), parts.audience))
    return blocks


def _inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def fingerprint(*parts: object) -> str:
    digest = hashlib.blake2b(digest_size=12)
    for part in (DOC_FORMAT, *parts):
        digest.update(repr(part).encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


class ContentSource:
    """The pages of a content base as index documents for one date.

    ``fingerprints()`` is cheap (no rendering): a page's file digest plus the values of the rates
    it quotes on that date and the taxonomy text of its subjects. Only pages whose fingerprint
    changed are rendered again, so opening an up-to-date index costs almost nothing.
    """

    def __init__(self, base, on: dt.date):
        self.base = base
        self.on = on
        self._prints: dict[str, str] | None = None
        self._subjects: dict[str, str] | None = None

    @property
    def root(self):
        return self.base.root

    def fingerprints(self) -> dict[str, str]:
        if self._prints is None:
            prints = {page.id: self._fingerprint(page) for page in self.base.pages.values()}
            prints.update(other_fingerprints(self.base.root, self.base.content_dir, fingerprint, self.base.settings.model.calculators))
            self._prints = prints
        return self._prints

    def _fingerprint(self, page) -> str:
        figures = []
        for key, _line in sorted(set(page.rate_keys)):
            try:
                figures.append((key, str(self.base.rates.value(key, self.on))))
            except Exception:  # an unknown key or a date before the first period: shown as an error
                figures.append((key, "?"))
        return fingerprint(page.digest, page.area, figures, self._topics(page), self._sections())

    def _sections(self) -> dict[str, str]:
        """Heading -> audience of the parts of pages written for one audience (the settings)."""
        return self.base.settings.audience_headings()

    def _topics(self, page) -> str:
        if self._subjects is None:
            self._subjects = self.base.taxonomy.keys
        texts = []
        for key in page.meta.covers:
            text = self._subjects.get(key, "")
            texts.append(f"{key.replace('_', ' ')}: {text}" if text else key.replace("_", " "))
        return " . ".join(texts)

    def document(self, page_id: str) -> IndexDoc:
        """The index document for an index id (a page id, or "<kind>:<id>"). KeyError if unknown."""
        kind, doc_id = split_index_id(page_id)
        if kind != PAGE:
            return self._other(kind, doc_id, page_id)
        from guidance.content.export import page_record

        page = self.base.pages[page_id]
        record = page_record(self.base, page, self.on)
        return IndexDoc(
            id=record["id"],
            title=record["title"],
            summary=" ".join(record["summary"].split()),
            covers=record["covers"],
            audience=record["audience"],
            area=record["area"],
            keywords=record["keywords"],
            topics=self._topics(page),
            blocks=plain_blocks(record["text"], self._sections()),
            fingerprint=self.fingerprints()[page_id],
            questions=list(getattr(page.meta, "questions", None) or []),
            related=list(getattr(page.meta, "related", None) or []),
        )

    def _other(self, kind: str, doc_id: str, key: str) -> IndexDoc:
        if kind == FLOW:
            fields = flow_fields(self.base.root, doc_id)
        elif kind == LETTER:
            fields = letter_fields(self.base.content_dir, doc_id)
        else:
            fields = calculator_fields(doc_id, self.base.settings.model.calculators)
        if fields is None:  # a broken file: indexed by its name only, so the index still builds
            fields = {"title": doc_id.replace("-", " ").replace("_", " "), "summary": "", "audience": [], "headings": []}
        covers = fields.get("covers", [])
        if self._subjects is None:
            self._subjects = self.base.taxonomy.keys
        topics = " . ".join(f"{c.replace('_', ' ')}: {self._subjects.get(c, '')}" for c in covers)
        summary = fields["summary"] or " ".join(f"Works out figures for: {self._subjects.get(c, c)}" for c in covers[:1])
        return IndexDoc(
            id=key,
            title=fields["title"],
            summary=summary,
            covers=list(covers),
            audience=fields["audience"],
            area="",
            keywords=[KIND_LABELS[kind], *fields.get("keywords", [])],
            topics=topics,
            blocks=[Block(h, True) for h in fields["headings"]],
            fingerprint=self.fingerprints().get(key, ""),
            kind=kind,
        )

