"""A person's reference (the case or direct payment number recorded instead of a name): what the
council's references look like, and the one form each is kept and looked up in.

The council says what its references look like in ``content/references.yaml``::

    pattern: "DP-[0-9]{6}"      # a regular expression for the whole reference, as kept
    example: DP-004512          # shown when something typed does not fit

Without that file ``DEFAULT`` is used: groups of letters and digits joined by hyphens or
slashes, with at least one digit (``DP-004512``, ``ASC/2026/0042``, ``104233``). Everything that keeps or looks up a reference goes through
``canonical``: spaces trimmed, dashes typed by word processors made hyphens, spaces around the
hyphen dropped, letters in capitals, so ``dp – 777`` is kept and found as ``DP-777``.
Headless: used by the records commands and the app's call screen alike. ``check`` also refuses
what reads as a name, an address or an NI number, without repeating it (it may be personal):
a title and a word, two words of letters, a known first name or surname as any run of letters
(Faker's en_GB and en_US lists) unless the council's own pattern fits. Every reference typed or
read from a file goes through ``ReferenceRule.check`` with the rule from ``rule_for(root)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REFERENCES_FILE = "references.yaml"
MAX_LENGTH = 40
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_SPACES = re.compile(r"\s+")
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "lady", "lord", "rev", "prof"}
_NI_NUMBER = re.compile(r"^[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]?$", re.IGNORECASE)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


class ReferenceError(ValueError):
    """Text that is not a reference of the council's form; the message says what would fit."""


def canonical(text: str) -> str:
    """The form a reference is kept and compared in: 'dp – 777 ' -> 'DP-777'. Never raises."""
    return _SPACES.sub(" ", _DASHES.sub("-", str(text).strip())).upper()


def _loose(text: str) -> str:
    """A reference with its spaces dropped and every kind of dash a hyphen, in capitals."""
    return re.sub(r"\s+", "", _DASHES.sub("-", str(text))).upper()


def same_reference(one: str, other: str) -> bool:
    """Whether two references are the same however they were typed (spaces, dashes, case)."""
    return _loose(one) == _loose(other)


def stored_as(column, reference: str):
    """SQL condition: ``column`` holds ``reference`` however it was typed when it was kept.

    References are kept canonical now, but a row written before that (or by another tool) may
    hold ``dp – 777`` or `` DP-777``: the column is compared with its spaces dropped, dashes
    typed by word processors read as hyphens and letters in capitals (``upper``/``replace`` work
    alike on SQLite and PostgreSQL), so a subject access request finds every one of them.
    """
    from sqlalchemy import func

    value = column
    for dash in _DASH_CHARACTERS:
        value = func.replace(value, dash, "-")
    for space in ("\t", "\u00a0"):
        value = func.replace(value, space, " ")
    return func.upper(func.replace(value, " ", "")) == _loose(reference)


_DASH_CHARACTERS = tuple("\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


@dataclass(frozen=True)
class ReferenceRule:
    """The council's form of reference. ``pattern``: a regular expression for the whole
    reference in its canonical form (capitals), matched ignoring case; ``example``: one that fits."""

    pattern: str
    example: str

    @property
    def own(self) -> bool:
        """True when the council set a pattern of its own (not ``DEFAULT_PATTERN``): what fits it
        is a reference even if a part of it is also a name (a council whose numbers start PRICE)."""
        return self.pattern != DEFAULT_PATTERN

    def fits(self, text: str) -> bool:
        return bool(_compiled(self.pattern).fullmatch(canonical(text)))

    def check(self, text) -> str:
        """The canonical reference, or ReferenceError naming the expected form. The text typed
        is never repeated: it may be a person's name.

        Refused whatever the pattern: a title before a word ("Mrs Jones"), a postcode. Refused
        unless the council's own pattern fits: an NI number, a known first name or surname as any
        run of letters ("Jones", "SMITH", "O'Brien", "Patel-Khan", "jones1", "PRICE-12"), two
        or more words of letters. Under the default pattern a reference also needs a digit.
        """
        if isinstance(text, bool) or not isinstance(text, (str, int)):
            raise ReferenceError(f"must be the case or person number as text (e.g. {self.example}), not yes/no or a list")
        ref = canonical(text)
        if not ref:
            raise ReferenceError(f"Type the case or person number (e.g. {self.example}) so the record can be found later.")
        fits = len(ref) <= MAX_LENGTH and self.fits(ref)
        if _looks_personal(text) or (not (fits and self.own) and _reads_as_a_name(str(text))):
            raise ReferenceError(f"looks like a name, address or NI number: use the case or person number "
                                 f"(e.g. {self.example}), never a name.")
        if not fits:
            raise ReferenceError(f"is not a reference in this council's form (e.g. {self.example}): "
                                 "a case or person number, not a name.")
        return ref


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern:
    """A council's reference pattern, compiled once, matched ignoring case."""
    return re.compile(pattern, re.IGNORECASE)


def looks_like_a_name(text) -> bool:
    """True for what reads as a person's name, address or NI number rather than a reference:
    a title ("Mrs Jones"), two or more words of letters ("Ann Jones"), one word with no digits
    ("Jones"), a run of letters that is a known first name or surname ("jones1", "Patel-Khan",
    "PRICE-12"; see ``is_a_name``), a postcode or an NI number."""
    text = str(text)
    return _looks_personal(text) or _reads_as_a_name(text)


def _reads_as_a_name(text: str) -> bool:
    """``looks_like_a_name`` but for a title or a postcode (``_looks_personal``, told apart)."""
    if _NI_NUMBER.match(text.strip()):
        return True
    parts = text.split()
    words = [w for w in parts if _LETTER_WORD.fullmatch(w)]
    if len(words) >= 2 or (len(parts) == 1 and not _DIGIT.search(text)):
        return True
    return any(is_a_name(part) for part in _LETTER_RUNS.findall(text))


_LETTER_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019\-.]+")  # a word of letters (an apostrophe, hyphen or stop inside)
_DIGIT = re.compile(r"\d")


#: Runs of letters, an apostrophe inside one kept ("O'Brien").
_LETTER_RUNS = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
#: Words councils put before their numbers that are also surnames in the name lists ("Case"):
#: read as part of a reference, never as a name. Every other known name is refused.
REFERENCE_WORDS = frozenset({"case", "ref", "file", "client", "person", "id", "no", "number"})
#: Names this short (Jo, Li, Wu) are read as letters of a code (DP, AB), not as a name.
SHORTEST_NAME = 3


def is_a_name(word: str) -> bool:
    """True when ``word`` (letters, perhaps an apostrophe) is a known first name or surname.

    The names are Faker's en_GB and en_US lists (first names of every kind and last names,
    about 1,900), compared ignoring case and apostrophes ("OBRIEN" is "O'Brien"). Words of fewer
    than ``SHORTEST_NAME`` letters and ``REFERENCE_WORDS`` are never names.
    """
    key = _APOSTROPHES.sub("", word).lower()
    return len(key) >= SHORTEST_NAME and key not in REFERENCE_WORDS and key in _known_names()


@lru_cache(maxsize=1)
def _known_names() -> frozenset:
    """Faker's en_GB and en_US first names and last names, lower case without apostrophes."""
    from faker.providers.person.en_GB import Provider as GB
    from faker.providers.person.en_US import Provider as US

    names = set()
    for provider in (GB, US):
        for attr in ("first_names", "first_names_female", "first_names_male", "first_names_nonbinary", "last_names"):
            found = getattr(provider, attr, ()) or ()
            names.update(re.sub(r"['\u2019]", "", str(name)).lower() for name in found)
    return frozenset(names)


_APOSTROPHES = re.compile(r"['\u2019]")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'\-.]*")


def _looks_personal(text) -> bool:
    """A title before a word, or a postcode: personal whatever the council's pattern allows."""
    words = _WORDS.findall(str(text))
    return bool(words) and (words[0].rstrip(".").lower() in _TITLES and len(words) > 1 or bool(_POSTCODE.search(str(text))))


#: The default form: groups of capitals and digits joined by hyphens or slashes, with at least one
#: digit (DP-004512, ASC/2026/0042, NB123456, 104233).
DEFAULT_PATTERN = r"(?=[A-Z0-9/-]*[0-9])[A-Z0-9]+(?:[-/][A-Z0-9]+)*"
DEFAULT = ReferenceRule(pattern=DEFAULT_PATTERN, example="DP-004512")


def load_rule(root: Path | None) -> ReferenceRule:
    """The rule in ``root/content/references.yaml``; ``DEFAULT`` when there is no such file.

    Raises ReferenceError naming the file and line when the file is there but unusable.
    """
    from guidance.problems import Problems
    from guidance.yamlio import read_yaml_file

    if root is None:
        return DEFAULT
    path = Path(root) / "content" / REFERENCES_FILE
    if not path.is_file():
        return DEFAULT
    problems = Problems()
    doc = read_yaml_file(path, str(path), problems)
    if doc is None:
        raise ReferenceError(str(problems.items[0]) if problems.items else f"{path}: cannot be read")
    data = doc.data if isinstance(doc.data, dict) else {}
    pattern, example = data.get("pattern"), data.get("example")
    where = f"{path}:{doc.line_of('pattern') or 1}"
    if not isinstance(pattern, str) or not isinstance(example, str):
        raise ReferenceError(f"{where}: give 'pattern' (a regular expression) and 'example' (a reference that fits it)")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ReferenceError(f"{where}: 'pattern' is not a regular expression: {exc}") from None
    rule = ReferenceRule(pattern, canonical(example))
    if not rule.fits(example):
        raise ReferenceError(f"{where}: the example {example} does not fit the pattern")
    return rule


def check_reference(text: str, rule: ReferenceRule | None = None) -> str:
    """``rule.check(text)`` (``DEFAULT`` when no rule is given). Raises ReferenceError."""
    return (rule or DEFAULT).check(text)


def rule_for(root: Path | None) -> ReferenceRule:
    """The council's rule for the content root ``root``, read once per root: the one rule every
    check of a reference uses (letters, calls, flow session labels, account plans). Read it once
and keep it for a batch (the letters catalogue does). A broken
    references file gives ``DEFAULT`` here (``load_rule`` and the content check name the problem)."""
    try:
        return load_rule(root)
    except (ReferenceError, OSError):
        return DEFAULT


def without_value(message: str, raw) -> str:
    """``message`` with the value ``raw`` (or each item of a list) taken out, for a message that
    goes to a screen, a log or stderr: the value may be a person's name. "'Ann Jones' is not a
    date" -> "the value is not a date". Short values (under 4 characters) are left unless quoted."""
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        for shown in (f"'{text[:40]}...'", f"'{text[:40]}'", f"'{text}'"):
            message = message.replace(shown, "the value")
        if len(text) >= 4:
            message = message.replace(text, "the value").replace(text[:40], "the value")
    return message
