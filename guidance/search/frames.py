"""Frame words: ``content/frame_words.yaml`` lists the words that frame a caller's question.

"What is the *best way* to pay my PA?", "Is it *easy* to employ a PA?": those words say how the
caller feels about the question, not what it is about. Searched at full weight, a rare one
("best" is on a few pages, in "best interests") made the page using it look like the answer,
and it was taken for the word saying sharply what is asked, so the words that did ("pay",
"employ") counted for less. A frame word is still searched, at a low weight, and is left out
of that judgement (see ``ranking.Ranker.concept_parts``).

    frame: [best, best way, easy, right way]
    meaningful: [best interests]

``frame`` lists words and phrases; ``meaningful`` the phrases in which a frame word says what is
asked ("best interests" is a decision made for someone): there, it is searched as usual. Both
are matched on stems, so list each form that does not share its stem ("easy", "easier").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guidance.problems import Problems

from guidance.search.analysis import BUILT_IN, Equivalents, join_equivalents, raw_words, stem

FILE_NAME = "frame_words.yaml"
FIELDS = ("frame", "meaningful")


@dataclass(frozen=True)
class FrameWords:
    """Frame words and phrases, and the phrases in which they mean something, all as stems."""

    frame: tuple[tuple[str, ...], ...] = ()
    meaningful: tuple[tuple[str, ...], ...] = ()

    def to_json(self) -> dict:
        """The lists as JSON-able lists (``from_json`` reads them back)."""
        return {"frame": [list(p) for p in self.frame], "meaningful": [list(p) for p in self.meaningful]}

    @classmethod
    def from_json(cls, data: dict) -> "FrameWords":
        return cls(tuple(tuple(p) for p in data["frame"]), tuple(tuple(p) for p in data["meaningful"]))

    def places(self, words: list[str]) -> set[int]:
        """Indexes of ``words`` (as typed, stop words included) that frame the question: each
        listed frame word or phrase, longest first, unless it stands in a meaningful phrase."""
        if not self.frame:
            return set()
        stems = [stem(w) for w in words]
        kept: set[int] = set()
        for phrase in self.meaningful:
            kept.update(_occurrences(stems, phrase))
        found: set[int] = set()
        for phrase in sorted(self.frame, key=len, reverse=True):
            for place in _starts(stems, phrase):
                span = set(range(place, place + len(phrase)))
                if not span & kept and not span & found:
                    found.update(span)
        return found


def _starts(stems: list[str], phrase: tuple[str, ...]) -> list[int]:
    size = len(phrase)
    return [i for i in range(len(stems) - size + 1) if tuple(stems[i:i + size]) == phrase]


def _occurrences(stems: list[str], phrase: tuple[str, ...]) -> set[int]:
    return {i + k for i in _starts(stems, phrase) for k in range(len(phrase))}


def phrase_stems(text: str, equivalents: Equivalents = BUILT_IN) -> tuple[str, ...]:
    """The stems a listed word or phrase is matched by (every word kept: "right way")."""
    return tuple(stem(w) for w in join_equivalents(raw_words(text), equivalents))


def load_frame_words(content_dir: Path, problems: Problems, shown: str | None = None,
                     equivalents: Equivalents = BUILT_IN) -> FrameWords:
    """Read the frame words file; a missing file means no frame words, a bad entry is reported
    (file, line, field) and skipped. Phrases are cut with ``equivalents`` (the content's names)."""
    from guidance.yamlio import ContentYamlError, load_yaml, read_optional_text  # YAML only when the file is read

    shown = shown or f"content/{FILE_NAME}"
    text = read_optional_text(Path(content_dir) / FILE_NAME, shown, problems)
    if text is None:
        return FrameWords()
    try:
        doc = load_yaml(text)
    except ContentYamlError as exc:
        problems.error(shown, exc.line, exc.message)
        return FrameWords()
    if doc.data is None:
        return FrameWords()
    if not isinstance(doc.data, dict):
        problems.error(shown, doc.line_of(), "the frame words file needs 'frame:' (a list of words) and may have 'meaningful:' (a list of phrases)")
        return FrameWords()
    for key in doc.data:
        if key not in FIELDS:
            problems.error(shown, doc.line_of(key), f"'{key}' is not a field here: use 'frame' or 'meaningful'")
    lists = {name: _phrases(doc, name, shown, problems, equivalents) for name in FIELDS}
    return FrameWords(lists["frame"], lists["meaningful"])


def _phrases(doc, name: str, shown: str, problems: Problems, equivalents: Equivalents) -> tuple[tuple[str, ...], ...]:
    value = doc.data.get(name)
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.error(shown, doc.line_of(name), f"'{name}' must be a list of words or phrases, e.g. [best, right way]")
        return ()
    out: list[tuple[str, ...]] = []
    for item in value:
        stems = phrase_stems(item, equivalents) if isinstance(item, str) else ()
        if not stems:
            problems.error(shown, doc.line_of(name), f"'{name}': '{item}' is not a word or phrase")
        elif stems not in out:
            out.append(stems)
    return tuple(out)
