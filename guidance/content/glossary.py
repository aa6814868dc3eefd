"""The glossary: plain definitions of the terms a caller meets (PAYE, ET3, best interests...).

Shown on demand in the app and used by the letter checks, which want jargon explained on first
use. One file, ``content/glossary.yaml``: a list of terms with definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from guidance.problems import Problems
from guidance.yamlio import ContentYamlError, load_yaml, pydantic_problems, read_text


class GlossaryEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    term: str = Field(min_length=2)
    definition: str = Field(min_length=10)
    aliases: list[str] = Field(default_factory=list)
    page: str | None = None

    @property
    def names(self) -> list[str]:
        return [self.term, *self.aliases]


@dataclass
class Glossary:
    entries: list[GlossaryEntry]
    lines: dict[str, int]

    def lookup(self, word: str) -> GlossaryEntry | None:
        wanted = word.strip().lower()
        for entry in self.entries:
            if any(name.lower() == wanted for name in entry.names):
                return entry
        return None

    def found_in(self, text: str) -> list[GlossaryEntry]:
        """Entries whose term or alias appears in ``text`` as a whole word, in order of first use."""
        hits = []
        for entry in self.entries:
            positions = [m.start() for name in entry.names for m in [_word(name).search(text)] if m]
            if positions:
                hits.append((min(positions), entry))
        return [entry for _, entry in sorted(hits, key=lambda pair: pair[0])]


def _word(name: str) -> re.Pattern:
    flags = 0 if name.isupper() else re.I  # acronyms match only in capitals ("DBS", not "dbs")
    return re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", flags)


def load_glossary(path: Path, shown: str, problems: Problems) -> Glossary:
    if not path.is_file():
        return Glossary([], {})
    try:
        doc = load_yaml(read_text(path))
    except ContentYamlError as exc:
        problems.error(shown, exc.line, exc.message)
        return Glossary([], {})
    if not isinstance(doc.data, list):
        problems.error(shown, 1, "the glossary must be a list of entries with term and definition")
        return Glossary([], {})
    entries, lines, seen = [], {}, {}
    for index, raw in enumerate(doc.data):
        try:
            entry = GlossaryEntry.model_validate(raw)
        except ValidationError as exc:
            for line, message in pydantic_problems(exc, doc, (index,)):
                problems.error(shown, line, message)
            continue
        line = doc.line_of(index)
        for name in entry.names:
            if name.lower() in seen:
                problems.error(shown, line, f"'{name}' is defined twice (also on line {seen[name.lower()]})")
            seen[name.lower()] = line
        entries.append(entry)
        lines[entry.term] = line
    return Glossary(entries, lines)
