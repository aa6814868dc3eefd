"""All the letter templates of a content base with the council's details: the one place the CLI,
the mail merge, the checks and the records go to make a letter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from guidance.letters.compose import Letter, LetterError, Sources, compose, fill
from guidance.letters.council import COUNCIL_FILE_NAME, PLACEHOLDER, Council, load_council
from guidance.letters.templates import LetterTemplate, load_templates
from guidance.problems import Problems


@dataclass
class Catalogue:
    base: object
    templates: dict[str, LetterTemplate]
    council: Council
    problems: Problems = field(default_factory=Problems)

    @classmethod
    def load(cls, base) -> "Catalogue":
        problems = Problems()
        content = Path(base.content_dir)
        templates = load_templates(content, base.shown, problems)
        council_path = content / "letters" / COUNCIL_FILE_NAME
        council = load_council(council_path, base.shown(council_path), problems) if templates else PLACEHOLDER
        return cls(base, templates, council, problems)

    @property
    def release(self) -> str:
        return str(self.base.manifest.release)

    def template(self, template_id: str) -> LetterTemplate:
        try:
            return self.templates[template_id]
        except KeyError:
            known = ", ".join(sorted(self.templates)) or "none"
            raise LetterError([("content/letters", None, f"no letter template '{template_id}' (templates: {known})")]) from None

    def make(self, template_id: str, data: dict, on: dt.date, unknown: str = "error", deadlines: bool = False) -> Letter:
        """Fill in and render one letter from raw values, dated ``on``. Raises LetterError.

        ``deadlines``: refuse a ``deadline`` date field before ``on`` (a letter being written)."""
        template = self.template(template_id)
        values = fill(template, data, unknown, deadlines_from=on if deadlines else None)
        return compose(template, values, Sources.from_base(self.base), on, self.release, self.council)

    def example(self, template_id: str, on: dt.date) -> Letter:
        template = self.template(template_id)
        return self.make(template_id, template.examples(), on)

    def sorted_templates(self) -> list[LetterTemplate]:
        return sorted(self.templates.values(), key=lambda t: t.id)
