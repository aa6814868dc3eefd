"""Letter templates: ``content/letters/<id>.md``, YAML front matter then a Jinja2 body in Markdown.

Loading never raises for an author's mistake: each problem is reported with the file and line,
and one broken template never stops the others loading. Besides the schema, a template is
checked before it is ever filled in: its body must compile in the sandbox and may use only its
own fields and the helpers every letter has (``rate``, ``rate_from``, ``page_ref``, ``explain``,
``require``, ``council``, ``on``), so a misspelt field name is found by ``guidance content check``, not by a reader.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from jinja2 import meta as jinja_meta
from pydantic import BaseModel, ConfigDict, Field, field_validator

from guidance.content.pages import ID_PATTERN, parse_front_matter, read_content_file, text_digest
from guidance.content.render import RenderError, compile_template, environment
from guidance.letters.fields import FIELD_NAME, LetterField
from guidance.problems import Problems

#: Names every template can use besides its fields (see compose.py).
HELPERS = ("rate", "rate_from", "rule", "has_rate", "date", "on", "page_ref", "explain", "require", "council")
#: Fields a letter (not a document) must have: who it is for and the reference in the records.
LETTER_FIELDS = ("recipient_name", "reference")
#: Fields the letter layout prints itself (address block, reference line, sign-off).
LAYOUT_FIELDS = ("recipient_name", "recipient_address", "reference", "officer")


class LetterMeta(BaseModel):
    """The front matter of a letter template (see DESIGN.md, Formats)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=3, max_length=120, description="the heading the reader sees")
    version: int = Field(ge=1)
    audience: Literal["recipient", "pa", "family", "officer"] = Field(description="who reads it")
    kind: Literal["letter", "document"] = Field(
        default="letter",
        description="a letter has the council's address block, a greeting and a sign-off; a document has neither",
    )
    purpose: str | None = Field(default=None, max_length=300, description="when to send it, for officers")
    review_by: dt.date | None = None
    fields: dict[str, LetterField] = Field(default_factory=dict)

    @field_validator("fields")
    @classmethod
    def _field_names(cls, value: dict[str, LetterField]):
        for name in value:
            if not re.match(FIELD_NAME, name):
                raise ValueError(f"field name '{name}' must be lower case letters, digits and _ (like pa_name)")
            if name in HELPERS:
                raise ValueError(f"'{name}' is a helper every letter has; give the field another name")
        for name, spec in value.items():
            if spec.needed_when is not None:
                _check_needed_when(name, spec.needed_when, value)
        return value


def _check_needed_when(name: str, rule, fields: dict) -> None:
    """``rule`` (the field ``name``'s ``needed_when``) names another field, and values it can hold."""
    other = fields.get(rule.field)
    if other is None or rule.field == name:
        raise ValueError(f"field '{name}': needed_when names '{rule.field}', which is not another field of this letter")
    if rule.is_ is not None:
        if other.type != "choice":
            raise ValueError(f"field '{name}': needed_when 'is' needs '{rule.field}' to be a choice field")
        wrong = [v for v in rule.is_ if v not in other.choices]
        if wrong:
            raise ValueError(f"field '{name}': needed_when 'is' gives {', '.join(repr(v) for v in wrong)}, not a choice of '{rule.field}' ({', '.join(other.choices)})")


@dataclass
class LetterTemplate:
    meta: LetterMeta
    path: str
    body: str
    body_line: int
    digest: str
    source: str
    lines: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.meta.id

    def line_of(self, *keys) -> int:
        """Line of a front-matter key, for problems about a field."""
        path = tuple(keys)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1

    def field_line(self, name: str) -> int:
        return self.line_of("fields", name)

    def examples(self) -> dict:
        return {name: spec.example for name, spec in self.meta.fields.items() if spec.example is not None}


def parse_template_text(text: str, shown: str, problems: Problems) -> LetterTemplate | None:
    """Parse one template. Returns None (with problems) when it cannot be used at all."""
    parsed = parse_front_matter(text, LetterMeta, shown, problems)
    if parsed is None:
        return None
    meta, body, body_line, text = parsed.meta, parsed.body, parsed.body_line, parsed.text
    template = LetterTemplate(meta, shown, body, body_line, text_digest(text), text, parsed.doc.lines)
    if not body.strip():
        problems.error(shown, body_line, "the letter has no body text")
        return None
    if not _body_compiles(template, problems):
        return None
    _check_names(template, problems)
    return template


def _body_compiles(template: LetterTemplate, problems: Problems) -> bool:
    try:
        compile_template(template.body)
    except RenderError as exc:
        problems.error(template.path, template.body_line + (exc.line or 1) - 1, exc.message)
        return False
    return True


def _check_names(template: LetterTemplate, problems: Problems) -> None:
    """Every name in the body is a field or a helper; letters name their recipient."""
    used = jinja_meta.find_undeclared_variables(environment().parse(template.body))
    known = set(template.meta.fields) | set(HELPERS)
    for name in sorted(used - known):
        problems.error(template.path, _first_use(template, name), f"'{name}' is not a field of this letter: declare it under 'fields' or fix the spelling")
    for name in sorted(set(template.meta.fields) - used - set(LAYOUT_FIELDS)):
        problems.warning(template.path, template.field_line(name), f"field '{name}' is declared but the letter never uses it")
    if template.meta.kind == "letter":
        for name in LETTER_FIELDS:
            if name not in template.meta.fields:
                problems.error(template.path, template.line_of("fields"), f"a letter needs a '{name}' field (who it is for, and the reference kept in the records)")


def _first_use(template: LetterTemplate, name: str) -> int:
    pattern = re.compile(r"\b" + re.escape(name) + r"\b")
    for number, line in enumerate(template.body.split("\n")):
        if pattern.search(line):
            return template.body_line + number
    return template.body_line


def parse_template(path: Path, shown: str, problems: Problems) -> LetterTemplate | None:
    text = read_content_file(path, shown, problems)
    return None if text is None else parse_template_text(text, shown, problems)


def template_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.md") if not p.name.startswith((".", "_")))


def load_templates(content_dir: Path, shown, problems: Problems) -> dict[str, LetterTemplate]:
    """Every template under ``content/letters``; ``shown(path)`` is how a path appears in messages."""
    templates: dict[str, LetterTemplate] = {}
    for path in template_files(Path(content_dir) / "letters"):
        template = parse_template(path, shown(path), problems)
        if template is None:
            continue
        if template.id != path.stem:
            problems.error(template.path, template.line_of("id"), f"id '{template.id}' must match the file name '{path.stem}.md'")
        if template.id in templates:
            problems.error(template.path, template.line_of("id"), f"duplicate id '{template.id}' (also in {templates[template.id].path})")
            continue
        templates[template.id] = template
    return templates
