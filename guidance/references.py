"""People's references: the case or person numbers recorded on calls, sessions and letters.

A record names a person by the council's reference, never by name, so a subject access request
finds everything and nothing personal is spread about. The council sets the shape of its
references in ``content/references.yaml`` (``pattern``: a regular expression matched against the
whole reference, ``example``: one shown to officers); without that file a sensible default is used:
letters then digits, such as ASC-104233 or 1234567.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REFERENCES_FILE = "references.yaml"
DEFAULT_PATTERN = r"[A-Z]{0,6}[-/]?[0-9]{3,12}[A-Z]?"
DEFAULT_EXAMPLE = "ASC-104233"

_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "lady", "lord", "rev", "prof"}
_NI_NUMBER = re.compile(r"^[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]?$", re.IGNORECASE)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


@dataclass(frozen=True)
class ReferencePattern:
    regex: str
    example: str

    @property
    def compiled(self) -> re.Pattern:
        return re.compile(self.regex)


def reference_pattern(root: Path | None) -> ReferencePattern:
    """The council's reference shape from ``<root>/content/references.yaml``, else the default.

    Raises ValueError naming the file when the file is there but its pattern is not a valid
    regular expression (a council's typo must not silently let every name through).
    """
    if root is None:
        return ReferencePattern(DEFAULT_PATTERN, DEFAULT_EXAMPLE)
    path = Path(root) / "content" / REFERENCES_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ReferencePattern(DEFAULT_PATTERN, DEFAULT_EXAMPLE)
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read it ({exc.__class__.__name__})") from None
    from guidance.yamlio import ContentYamlError, load_yaml

    try:
        data = load_yaml(text).data or {}
    except ContentYamlError as exc:
        raise ValueError(f"{path}, line {exc.line}: {exc.message}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected 'pattern:' and 'example:'")
    regex = str(data.get("pattern") or DEFAULT_PATTERN)
    try:
        re.compile(regex)
    except re.error as exc:
        raise ValueError(f"{path}: 'pattern' is not a valid regular expression ({exc})") from None
    return ReferencePattern(regex, str(data.get("example") or DEFAULT_EXAMPLE))


def looks_like_a_name(text: str) -> bool:
    """True for what reads as a person's name, address or NI number rather than a reference:
    a title ("Mrs Jones"), two or more words of letters ("Ann Jones"), a postcode or NI number."""
    return bool(_NI_NUMBER.match(text.strip())) or _name_or_address(text)


def _name_or_address(text: str) -> bool:
    words = re.findall(r"[A-Za-z][A-Za-z'\-.]*", text)
    if not words:
        return False
    if words[0].rstrip(".").lower() in _TITLES or _POSTCODE.search(text):
        return True
    letter_words = [w for w in text.split() if re.fullmatch(r"[A-Za-z][A-Za-z'\-.]+", w)]
    return len(letter_words) >= 2 or (len(text.split()) == 1 and not re.search(r"\d", text))


def check_reference(text: str, pattern: ReferencePattern | str | None = None) -> str:
    """The reference tidied (spaces trimmed, letters upper case) if it fits the council's pattern.

    Raises ValueError with a message for the person typing when it is empty, looks like a name,
    or does not fit the pattern. The message never repeats what was typed (it may be a name).
    """
    if pattern is None:
        pattern = ReferencePattern(DEFAULT_PATTERN, DEFAULT_EXAMPLE)
    elif isinstance(pattern, str):
        pattern = ReferencePattern(pattern, DEFAULT_EXAMPLE)
    value = " ".join(text.split()).upper()
    if not value:
        raise ValueError(f"Type the case or person number (e.g. {pattern.example}) so the record can be found later.")
    fits = pattern.compiled.fullmatch(value) is not None
    ni_number = _NI_NUMBER.match(value) is not None and (pattern.regex == DEFAULT_PATTERN or not fits)
    if ni_number or _name_or_address(text):
        raise ValueError(f"That looks like a name, address or NI number. Use the case or person number (e.g. {pattern.example}), never a name.")
    if not fits:
        raise ValueError(f"That is not a reference in this council's form (e.g. {pattern.example}).")
    return value
