"""A person's reference (the case or direct payment number recorded instead of a name): what the
council's references look like, and the one form each is kept and looked up in.

The council says what its references look like in ``content/references.yaml``::

    pattern: "DP-[0-9]{6}"      # a regular expression for the whole reference, as kept
    example: DP-004512          # shown when something typed does not fit

Without that file ``DEFAULT`` is used: two to six letters, a hyphen and one to ten digits
(``DP-004512``, ``AB-123``). Everything that keeps or looks up a reference goes through
``canonical``: spaces trimmed, dashes typed by word processors made hyphens, spaces around the
hyphen dropped, letters in capitals, so ``dp – 777`` is kept and found as ``DP-777``.
Headless: used by the records commands and the app's call screen alike. ``check`` also refuses
what reads as a name, an address or an NI number, without repeating it (it may be personal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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

    def fits(self, text: str) -> bool:
        return bool(re.fullmatch(self.pattern, canonical(text), re.IGNORECASE))

    def check(self, text: str) -> str:
        """The canonical reference, or ReferenceError naming the expected form. The text typed
        is never repeated: it may be a person's name."""
        ref = canonical(text)
        if not ref:
            raise ReferenceError(f"Type the case or person number (e.g. {self.example}) so the record can be found later.")
        fits = len(ref) <= MAX_LENGTH and self.fits(ref)
        if (_NI_NUMBER.match(ref) and not fits) or (not fits and looks_like_a_name(text)) or _looks_personal(text):
            raise ReferenceError(f"That looks like a name, address or NI number. Use the case or person number "
                                 f"(e.g. {self.example}), never a name.")
        if not fits:
            raise ReferenceError(f"That is not a reference in this council's form (e.g. {self.example}): "
                                 "a case or person number, not a name.")
        return ref


def looks_like_a_name(text: str) -> bool:
    """True for what reads as a person's name, address or NI number rather than a reference:
    a title ("Mrs Jones"), two or more words of letters ("Ann Jones"), one word with no digits
    ("Jones"), a postcode or an NI number."""
    if _NI_NUMBER.match(str(text).strip()) or _looks_personal(text):
        return True
    words = [w for w in str(text).split() if re.fullmatch(r"[A-Za-z][A-Za-z'\-.]+", w)]
    return len(words) >= 2 or (len(str(text).split()) == 1 and not re.search(r"\d", str(text)))


def _looks_personal(text: str) -> bool:
    """A title before a word, or a postcode: personal whatever the council's pattern allows."""
    words = re.findall(r"[A-Za-z][A-Za-z'\-.]*", str(text))
    return bool(words) and (words[0].rstrip(".").lower() in _TITLES and len(words) > 1 or bool(_POSTCODE.search(str(text))))


DEFAULT = ReferenceRule(pattern=r"[A-Z]{2,6}-[0-9]{1,10}", example="DP-004512")


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
