"""The plain-language gate: readability scores and a list of words to avoid.

GOV.UK writes for a reading age of 9. We measure with textstat's Flesch reading ease (higher is
easier; 60-70 is plain English) and words per sentence, on the text a reader sees: Markdown is
reduced to its words, and each heading, list item and table cell counts as its own sentence.
Thresholds live in ``content/style/readability.yaml`` so a team can tighten them; the defaults
below are used when that file is absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from guidance.problems import Problems
from guidance.yamlio import ContentYamlError, load_yaml, read_text

DEFAULTS = {
    "min_reading_ease_summary": 50,
    "min_reading_ease_body": 50,
    "max_words_per_sentence_average": 20,
    "max_words_in_a_sentence": 35,
}

_TERMINAL = re.compile(r"[.!?:;]$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass
class Style:
    thresholds: dict = field(default_factory=lambda: dict(DEFAULTS))
    #: phrase (lower case) -> plainer word
    plain_words: dict[str, str] = field(default_factory=dict)
    _patterns: list = field(default_factory=list, repr=False)

    def __post_init__(self):
        self._patterns = [
            (re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", re.I), phrase, better)
            for phrase, better in sorted(self.plain_words.items(), key=lambda kv: -len(kv[0]))
        ]

    def plain_word_hits(self, text: str) -> list[tuple[int, str, str]]:
        """(line offset within text, phrase, suggestion) for every word to avoid."""
        hits = []
        for number, line in enumerate(text.split("\n")):
            for pattern, phrase, better in self._patterns:
                if pattern.search(line):
                    hits.append((number, phrase, better))
        return hits


def load_style(content: Path, shown, problems: Problems) -> Style:
    style_dir = content / "style"
    plain: dict[str, str] = {}
    thresholds = dict(DEFAULTS)
    words_file = style_dir / "plain_words.yaml"
    data = _read(words_file, shown, problems)
    if isinstance(data, dict):
        plain = {str(k).lower(): str(v) for k, v in data.items()}
    elif data is not None:
        problems.error(shown(words_file), 1, "plain_words.yaml must map each phrase to avoid to a plainer one")
    data = _read(style_dir / "readability.yaml", shown, problems)
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in DEFAULTS or not isinstance(value, (int, float)):
                problems.error(shown(style_dir / "readability.yaml"), None, f"unknown or non-numeric setting '{key}'")
            else:
                thresholds[key] = value
    return Style(thresholds, plain)


def _read(path: Path, shown, problems: Problems):
    if not path.is_file():
        return None
    try:
        return load_yaml(read_text(path)).data
    except ContentYamlError as exc:
        problems.error(shown(path), exc.line, exc.message)
        return None


def reader_text(markdown_text: str) -> str:
    """What a reader reads: words only, each block ending as a sentence."""
    from guidance.content.pages import markdown

    text = _JINJA.sub("12", markdown_text)
    parts = []
    for token in markdown().parse(text):
        if token.type != "inline":
            continue
        words = _LINK.sub(r"\1", token.content).replace("**", "").replace("`", "")
        block = " ".join(line.strip() for line in words.split("\n") if line.strip())  # soft breaks join
        if block:
            parts.append(block if _TERMINAL.search(block) else block + ".")
    return " ".join(parts)


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def reading_ease(text: str) -> float:
    import textstat

    return float(textstat.flesch_reading_ease(text))


def words_per_sentence(text: str) -> float:
    found = sentences(text)
    if not found:
        return 0.0
    return sum(len(s.split()) for s in found) / len(found)


def check_text(style: Style, text: str, kind: str, path: str, line: int, problems: Problems) -> None:
    """Readability warnings for one piece of reader text (a summary, a body, a letter)."""
    plain = reader_text(text) if kind != "summary" else text
    if len(plain.split()) < 8:
        return
    ease = reading_ease(plain)
    bar = style.thresholds["min_reading_ease_summary" if kind == "summary" else "min_reading_ease_body"]
    if ease < bar:
        problems.warning(path, line, f"{kind} is hard to read: Flesch reading ease {ease:.0f}, aim for {bar} or more (shorter sentences, shorter words)")
    average = words_per_sentence(plain)
    if average > style.thresholds["max_words_per_sentence_average"]:
        problems.warning(path, line, f"{kind} sentences average {average:.0f} words; aim for {style.thresholds['max_words_per_sentence_average']} or fewer")
    longest = max((len(s.split()), s) for s in sentences(plain))
    if longest[0] > style.thresholds["max_words_in_a_sentence"]:
        problems.warning(path, line, f"{kind} has a sentence of {longest[0]} words: \"{longest[1][:60]}...\"; split it")
