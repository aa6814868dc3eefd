"""Caller vocabulary: ``content/synonyms.yaml`` maps the words people say to the words pages use.

Team leaders extend the file, so it is read forgivingly: each entry is checked on its own and a
bad one is reported with its line and skipped, never stopping search. Keys and targets are
compared as stems, so "sacked" and "sacking" meet the entry for "sack".

    sack: [dismiss, dismissal]
    off sick: sickness
    carer: personal assistant
    breaks down: [contingency, emergency]
    not doing the job: [performance, capability, disciplinary]

Keys may be phrases, stop words and all ("not doing the job", "used for"): they are matched
word for word in what the caller typed, except that the little words ``FILLERS`` ("the", "my",
"their"...) are passed over on both sides, so "not doing their job" meets "not doing the job".
The caller's own person does not matter either (``PERSONS``): a council's FAQ asks "who can you
employ?", a forum post "who can I employ?", and both meet one entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guidance.problems import Problems

from guidance.search.analysis import BUILT_IN, Equivalents, is_stop, join_equivalents, raw_words, stem
from guidance.search.frames import FILE_NAME as FRAMES_FILE_NAME, FrameWords, load_frame_words
from guidance.search.names import FILE_NAME as NAMES_FILE_NAME, load_names

FILE_NAME = "synonyms.yaml"
#: Words a caller phrase may have or lack without changing what it means.
FILLERS = frozenset("a an the my your his her their our its this that these those".split())
#: Words for the person asking, in the first or second person, singular or plural: one word in a
#: caller phrase ("who can I employ", "who can you employ", "who can we employ").
PERSONS = {"i": "you", "we": "you", "me": "you", "us": "you", "myself": "yourself", "ourselves": "yourself",
           # the thing asked about, one or several: "use it for" is "use them for";
           "them": "it",
           # and how politely it is asked: "could I get" is "can I get".
           "could": "can"}
#: Bump when the way a caller phrase is turned into stems changes (``FILLERS``, ``PERSONS``):
#: phrases remembered as stems by an older version would no longer meet what callers type.
MATCHING_FORMAT = 3
_KEY_LINE = re.compile(r"^(?P<key>[^\s#\-][^:#]*?)\s*:")


@dataclass(frozen=True)
class Synonym:
    """One caller phrase and the product phrases it stands for (all as stems)."""

    key: str
    stems: tuple[str, ...]
    targets: tuple[tuple[str, ...], ...]
    line: int | None = None
    #: The targets as written, for messages.
    texts: tuple[str, ...] = ()


@dataclass
class Synonyms:
    entries: list[Synonym] = field(default_factory=list)
    #: Words that frame a question ("best way", "easy"), read from ``frames.FILE_NAME`` beside
    #: the synonyms: searched at a low weight (see ``frames``).
    frames: FrameWords = field(default_factory=FrameWords)
    #: Fixed names ("continuing healthcare"), each a tuple of words, read from ``names.FILE_NAME``
    #: beside the synonyms: each is one term on pages and in questions (``equivalents``).
    names: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self):
        self._by_first: dict[str, list[Synonym]] = {}
        for entry in sorted(self.entries, key=lambda e: -len(e.stems)):
            self._by_first.setdefault(entry.stems[0], []).append(entry)
        self._words = frozenset(w for e in self.entries for w in raw_words(e.key))

    def to_json(self) -> list:
        """The entries as JSON-able lists (``from_json`` reads them back)."""
        return [[e.key, list(e.stems), [list(t) for t in e.targets], e.line, list(e.texts)] for e in self.entries]

    @classmethod
    def from_json(cls, rows: list, frames: dict | None = None, names: list | None = None) -> "Synonyms":
        """The entries ``to_json`` wrote, with the frame words ``FrameWords.to_json`` wrote and
        the fixed names (lists of words)."""
        return cls([Synonym(key, tuple(stems), tuple(tuple(t) for t in targets), line, tuple(texts))
                    for key, stems, targets, line, texts in rows],
                   FrameWords.from_json(frames) if frames is not None else FrameWords(),
                   tuple(tuple(str(w) for w in name) for name in names or ()))

    @property
    def equivalents(self) -> Equivalents:
        """The phrases that are one term, the fixed ``names`` among them: what the pages of this
        content are indexed with and its questions cut with (made once for the names)."""
        names = tuple(tuple(name) for name in self.names)
        made = self.__dict__.get("_equivalents")
        if made is None or made.names != names:
            made = self._equivalents = Equivalents(names)
        return made

    @property
    def words(self) -> frozenset[str]:
        """Every caller word, so the spelling corrector knows "sack" is a word worth keeping
        (worked out once: every word typed asks)."""
        return self._words

    def find(self, words: list[str]) -> list[tuple[int, int, Synonym]]:
        """Longest caller phrases in ``words``, left to right, as (start, end, entry): ``start``
        and ``end`` index ``words``; fillers inside a phrase are part of its span."""
        found = []
        places = [i for i, w in enumerate(words) if w not in FILLERS]
        keyed = [_person_stem(words[i]) for i in places]
        index = 0
        while index < len(keyed):
            for entry in self._by_first.get(keyed[index], ()):
                end = index + len(entry.stems)
                if tuple(keyed[index:end]) == entry.stems:
                    found.append((places[index], places[end - 1] + 1, entry))
                    index = end - 1
                    break
            index += 1
        return found


    def find_split(self, words: list[str], taken: set[int]) -> list[tuple[int, int, Synonym]]:
        """Caller phrases of a verb and its particle said with the thing acted on between them
        ("let my carer go", "lay the PA off", "pay the money back"), as (verb place, particle
        place, entry): at most ``SPLIT_GAP`` words between, none of them a place already in a
        phrase of several words (``taken``) nor a particle; the verb and particle not taken
        either. The words between keep their own meaning (a caller word such as "carer" too)."""
        found = []
        for index, word in enumerate(words):
            if index in taken:
                continue
            for entry in self._by_first.get(_person_stem(word), ()):
                if len(entry.stems) != 2 or entry.key.split()[-1] not in SPLIT_PARTICLES:
                    continue
                for place in range(index + 2, min(len(words), index + 2 + SPLIT_GAP)):
                    if place in taken or words[place] in SPLIT_PARTICLES and _person_stem(words[place]) != entry.stems[1]:
                        break
                    if _person_stem(words[place]) == entry.stems[1]:
                        found.append((index, place, entry))
                        taken = taken | set(range(index, place + 1))
                        break
                if found and found[-1][0] == index:
                    break
        return found


#: Particles that may stand apart from their verb, the thing acted on between ("let her go").
SPLIT_PARTICLES = frozenset("up out off down over back away round through go".split())
#: The most words between a verb and its particle: "let [my new carer] go".
SPLIT_GAP = 3


def _person_stem(word: str) -> str:
    """The stem a caller phrase is matched by, the asker's person made one (see ``PERSONS``)."""
    return stem(PERSONS.get(word, word))


def load_synonyms(content_dir: Path, problems: Problems | None = None, shown: str | None = None) -> Synonyms:
    """Read the synonyms file and the frame words and names files beside it; a missing file means
    none, a bad entry is reported and skipped."""
    from guidance.problems import Problems  # like YAML, only when the file is read (not by a cold search)

    problems = problems if problems is not None else Problems()
    names_shown = shown[: -len(FILE_NAME)] + NAMES_FILE_NAME if shown and shown.endswith(FILE_NAME) else None
    names = load_names(content_dir, problems, names_shown)
    # The names first: an entry saying one ("chc: continuing healthcare") is read as its one term.
    equivalents = Equivalents(names)
    synonyms = _load_entries(content_dir, problems, shown, equivalents)
    frames_shown = shown[: -len(FILE_NAME)] + FRAMES_FILE_NAME if shown and shown.endswith(FILE_NAME) else None
    synonyms.frames = load_frame_words(content_dir, problems, frames_shown, equivalents)
    synonyms.names = names
    return synonyms


def _load_entries(content_dir: Path, problems: Problems, shown: str | None, equivalents: Equivalents) -> Synonyms:
    """The entries of the synonyms file (no frame words)."""
    from guidance.yamlio import read_optional_text  # YAML only when the file is read

    shown = shown or f"content/{FILE_NAME}"
    text = read_optional_text(Path(content_dir) / FILE_NAME, shown, problems)
    return Synonyms() if text is None else parse_synonyms(text, shown, problems, equivalents)


def parse_synonyms(text: str, shown: str, problems: Problems, equivalents: Equivalents = BUILT_IN) -> Synonyms:
    """The entries of a synonyms file's text, their phrases cut with ``equivalents`` (the content's
    fixed names among them)."""
    from guidance.yamlio import ContentYamlError, load_yaml  # not needed to search with known synonyms

    try:
        doc = load_yaml(text, caller_reports_repeats=True)
    except ContentYamlError as exc:
        problems.error(shown, exc.line, exc.message)
        return Synonyms()
    if doc.data is None:
        return Synonyms()
    if not isinstance(doc.data, dict):
        problems.error(shown, doc.line_of(), "the synonyms file must map caller words to page words, e.g. 'sack: [dismiss, dismissal]'")
        return Synonyms()
    _report_repeated_keys(text, shown, problems)
    entries: list[Synonym] = []
    seen: dict[tuple[str, ...], int | None] = {}
    for key, value in doc.data.items():
        line = doc.line_of(str(key))
        entry = _entry(key, value, line, shown, problems, equivalents)
        if entry is None:
            continue
        if entry.stems in seen:
            problems.error(shown, line, f"'{key}' says the same as the entry on line {seen[entry.stems]}: merge them")
            continue
        seen[entry.stems] = line
        entries.append(entry)
    return Synonyms(entries)


def _entry(key, value, line, shown: str, problems: Problems, equivalents: Equivalents) -> Synonym | None:
    if not isinstance(key, str) or not raw_words(key):
        problems.error(shown, line, f"'{key}' is not a word or phrase a caller would say")
        return None
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values:
        problems.error(shown, line, f"'{key}' needs the page words it stands for: a word, a phrase or a list of them")
        return None
    key_stems = tuple(_person_stem(w) for w in join_equivalents(raw_words(key), equivalents) if w not in FILLERS)
    if not key_stems:
        problems.error(shown, line, f"'{key}' has only little words like 'the' and 'my': say what the caller says")
        return None
    targets, texts = [], []
    for item in values:
        if not isinstance(item, str) or not raw_words(item):
            problems.error(shown, line, f"'{key}': '{item}' is not a word or phrase")
            continue
        # As the index holds them: stop words left out ("right to work" is "right", "work" side by side).
        target = tuple(stem(w) for w in join_equivalents(raw_words(item), equivalents) if not is_stop(w))
        if not target:
            problems.error(shown, line, f"'{key}': '{item}' has only little words like 'to' and 'the': say what the pages say")
            continue
        if target == key_stems:
            problems.warning(shown, line, f"'{key}': '{item}' is the same word; leave it out")
            continue
        if target not in targets:
            targets.append(target)
            texts.append(item.strip())
    if not targets:
        return None
    return Synonym(str(key).strip(), key_stems, tuple(targets), line, tuple(texts))


def _report_repeated_keys(text: str, shown: str, problems: Problems) -> None:
    """YAML keeps only the last of two equal keys; say so rather than lose an entry silently."""
    first: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        match = _KEY_LINE.match(line)
        if not match:
            continue
        key = match.group("key").strip().strip("'\"").lower()
        if key in first:
            problems.error(shown, number, f"'{key}' is listed twice (first on line {first[key]}): YAML keeps only the last one; merge them")
        else:
            first[key] = number
