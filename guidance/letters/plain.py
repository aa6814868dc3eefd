"""The plain-language gate for letters: stricter than for pages, because a letter is all a
reader may have. Checked on the letter as rendered from its template's example values.

- readability: Flesch reading ease at least 60 and the sentence lengths of the shared style;
- none of the words in ``content/style/plain_words.yaml``;
- no unexplained jargon: the first use of any glossary term must be written with
  ``{{ explain("term") }}``, which prints "term (short explanation)" the first time and just the
  term after that. ``{{ explain("term", "your own words") }}`` gives a shorter explanation.

Every failure is an error (pages only get warnings): a letter that fails is not sent.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from guidance.content.glossary import Glossary, _word
from guidance.content.style import DEFAULTS, Style, check_text, reader_text
from guidance.problems import Problems

if TYPE_CHECKING:  # the letter machinery (Jinja, Markdown) is not loaded to check a summary's words
    from guidance.letters.compose import Letter

MIN_READING_EASE = DEFAULTS["min_reading_ease_letter"]  # unless content/style/readability.yaml says
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def letter_style(style: Style) -> Style:
    """The shared style with the letter reading-ease bar."""
    thresholds = dict(style.thresholds)
    thresholds["min_reading_ease_body"] = thresholds.get("min_reading_ease_letter", MIN_READING_EASE)
    return Style(thresholds, dict(style.plain_words))


def check_letter(letter: Letter, style: Style, glossary: Glossary, path: str, line: int, problems: Problems) -> None:
    """Add an error for every way the rendered ``letter`` is not plain enough."""
    found = Problems()
    check_text(letter_style(style), letter.body, "letter", path, line, found)
    for problem in found:
        problems.error(path, line, problem.message.replace("letter is hard", "the letter is hard"))
    words = reader_text(letter.body)
    for _offset, phrase, better in style.plain_word_hits(letter.title + "\n" + words):
        problems.error(path, line, f"'{phrase}': say '{better}' (plain words list)")
    for term, name in unexplained(letter, glossary):
        problems.error(path, line, f"'{name}' is used before it is explained: write {{{{ explain(\"{name}\") }}}} the first time (glossary term '{term}')")


def unexplained(letter: Letter, glossary: Glossary) -> list[tuple[str, str]]:
    """(glossary term, the words used) for each term whose first use is not explained."""
    scan = _scan_text(letter)
    out = []
    for entry in glossary.found_in(scan):
        first = None
        for name in entry.names:
            match = _word(name).search(scan)
            if match and (first is None or match.start() < first[0]):
                first = (match.start(), match.group(0))
        if first is None:
            continue
        at = first[0]
        if not any(span.term == entry.term and span.start <= at < span.meaning_start for span in letter.explained):
            out.append((entry.term, first[1]))
    return out


def _scan_text(letter: Letter) -> str:
    """The body with explanations and link targets blanked out (same length, so spans still fit).

    Words inside an explanation do not count as uses: "PAYE (the way employers take tax...)"
    does not oblige the letter to explain "tax" there and then. Nor do values typed into fields
    and the titles of guides: they are not the template's own words.
    """
    chars = list(letter.body)
    for start, end in letter.quiet:
        for index in range(max(start, 0), min(end, len(chars))):
            chars[index] = " "
    for span in letter.explained:
        for index in range(span.meaning_start, span.end):
            chars[index] = " "
    text = "".join(chars)
    return _LINK_TARGET.sub(lambda m: "]" + " " * (len(m.group(0)) - 1), text)
