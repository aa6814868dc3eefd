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
    "min_reading_ease_letter": 60,
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
        ordered = sorted(self.plain_words.items(), key=lambda kv: -len(kv[0]))
        self._patterns = [
            (re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", re.I), phrase, better)
            for phrase, better in ordered
        ]
        # One pass finds the lines with any hit; only those are searched phrase by phrase.
        self._any = re.compile("|".join(re.escape(phrase) for phrase, _ in ordered), re.I) if ordered else None

    def plain_word_hits(self, text: str) -> list[tuple[int, str, str]]:
        """(line offset within text, phrase, suggestion) for every word to avoid."""
        hits = []
        for number, line in enumerate(text.split("\n")):
            if self._any is None or not self._any.search(line):
                continue
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


def measure(text: str, kind: str) -> list | None:
    """[reading ease, average words per sentence, longest sentence's words, its start] for the
    text a reader sees, or None when it is too short to score. Kept in a small cache in the user
    cache folder by the text's hash, so unchanged pages are not measured again."""
    import hashlib

    key = hashlib.blake2b(f"{_code()}\0{kind}\0{text}".encode("utf-8"), digest_size=16).hexdigest()
    scores = _scores()
    _SCORES.setdefault("used", set()).add(key)
    if key in scores:
        return scores[key]
    plain = reader_text(text) if kind != "summary" else text
    result = None
    if len(plain.split()) >= 8:
        longest = max((len(s.split()), s) for s in sentences(plain))
        result = [reading_ease(plain), words_per_sentence(plain), longest[0], longest[1][:60]]
    scores[key] = result
    _SCORES["dirty"] = True
    return result


_SCORES: dict = {}
MAX_SCORES = 20_000


def _code() -> str:
    if "code" not in _SCORES:
        from guidance.content.cache import code_fingerprint

        _SCORES["code"] = code_fingerprint("guidance.content.style", "textstat")
    return _SCORES["code"]


def _scores_file() -> Path:
    from guidance.content.cache import cache_dir

    return cache_dir() / "style-scores.json"


def _scores() -> dict:
    if "scores" not in _SCORES:
        import json

        from guidance import __version__

        try:
            data = json.loads(_scores_file().read_text(encoding="utf-8"))
            _SCORES["scores"] = data["scores"] if data.get("version") == __version__ else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            _SCORES["scores"] = {}
    return _SCORES["scores"]


def save_scores() -> None:
    """Write the measures cache if anything new was measured (a read-only folder only costs speed)."""
    if not _SCORES.get("dirty"):
        return
    import json

    from guidance import __version__
    from guidance.fileio import atomic_write_text

    scores = _scores()
    if len(scores) > MAX_SCORES:  # keep what this run used: old texts drop out
        scores = {key: scores[key] for key in _SCORES.get("used", ()) if key in scores}
    try:
        atomic_write_text(_scores_file(), json.dumps({"version": __version__, "scores": scores}))
        _SCORES["dirty"] = False
    except OSError:
        pass


def check_text(style: Style, text: str, kind: str, path: str, line: int, problems: Problems) -> None:
    """Readability warnings for one piece of reader text (a summary, a body, a letter)."""
    measures = measure(text, kind)
    if measures is None:
        return
    ease, average, longest, start = measures
    bar = style.thresholds["min_reading_ease_summary" if kind == "summary" else "min_reading_ease_body"]
    if ease < bar:
        problems.warning(path, line, f"{kind} is hard to read: Flesch reading ease {ease:.0f}, aim for {bar} or more (shorter sentences, shorter words)")
    if average > style.thresholds["max_words_per_sentence_average"]:
        problems.warning(path, line, f"{kind} sentences average {average:.0f} words; aim for {style.thresholds['max_words_per_sentence_average']} or fewer")
    if longest > style.thresholds["max_words_in_a_sentence"]:
        problems.warning(path, line, f"{kind} has a sentence of {longest} words: \"{start}...\"; split it")
