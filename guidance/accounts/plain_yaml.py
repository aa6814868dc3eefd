"""A quick reader for the plain YAML that account plans are written in.

A plan is a few lines of block mappings and lists of short words, numbers and dates. Reading it
through PyYAML builds a node for every key and value and asks the resolver about each one, which
is most of the time an audit spends on its plan. ``plain_data(text)`` reads the plain subset
directly:

- block mappings whose keys are plain words (``reference:``, ``from:``), one ``key: value`` a line;
- block lists (``- item``, or ``- key: value`` starting a mapping), also at the key's own indent;
- values that are plain words (``4 weeks``, ``2026-04-06``, ``A JONES``), whole numbers (``8``),
  or text in single or double quotes on one line (no escapes);
- whole-line comments and comments after a value (`` # ...``).

It gives exactly the data the project's safe loader (``guidance.yamlio.load_yaml``: PyYAML's safe
rules, dates kept as text) gives, or ``NOT_PLAIN`` for anything else: flow style (``{...}``,
``[...]``), anchors, tags, block scalars, quoted text over several lines, keys given twice,
floats, booleans, nulls, numbers in other forms (``010``, ``1_000``), tabs, characters outside
the plain set, and every file with a mistake in it. The caller then reads the file the long way,
which gives the same data or the usual error with its line. It never gives different data.
"""

from __future__ import annotations

import re

import yaml

#: What ``plain_data`` gives for a text it leaves to the full reader.
NOT_PLAIN = object()


class _NotPlain(Exception):
    """The text is outside the plain subset."""


#: Every character of a plain text: printable ASCII, line feeds, and printable characters beyond
#: ASCII that PyYAML reads as themselves (no other line breaks, no byte order mark, no tab, no
#: no-break space, which Python's strip would take as a space).
_TEXT = re.compile("[\n\x20-\x7e\u00a1-\u2027\u2030-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
#: One line: its indent, a list item's "- ", a key and what follows it (a value, a comment or
#: nothing). Every line matches (each part may be empty), so ``findall`` gives one a line.
_LINE = re.compile(r"^( *)(-(?: +|$))?(?:([A-Za-z_][A-Za-z0-9_]*):(?: +|$))?(.*?) *$", re.M)
#: A plain word value: ASCII letters, digits and a few marks, starting with a letter, digit, '('
#: or '£' (``_scalar`` also refuses ': ' inside and ':' at the end: the value would be a mapping).
_PLAIN = re.compile(r"[A-Za-z0-9(£][A-Za-z0-9 ._/£&'()+,:-]*")
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: +#.*)?")
_DOUBLE = re.compile(r'"([^"\\]*)"(?: +#.*)?')
_WHOLE = re.compile(r"0|[1-9][0-9]{0,17}")  # what PyYAML reads as an int the same way int() does
_STR, _INT, _TIMESTAMP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp"
_RESOLVER = yaml.resolver.Resolver()
_BAD = object()  # a value text outside the plain subset
#: Value texts already read (text -> value, or _BAD) and keys known to be plain text: plans
#: repeat the same dates, amounts and words. Values are text and whole numbers (never changed).
_VALUES: dict[str, object] = {}
_KEYS: set[str] = set()
_KEPT = 4096


def plain_data(text: str):
    """The data of ``text`` as the safe loader gives it, or ``NOT_PLAIN`` (see the module doc)."""
    if not _TEXT.fullmatch(text):
        return NOT_PLAIN
    try:
        return _build(_LINE.findall(text))
    except _NotPlain:
        return NOT_PLAIN


def _build(lines: list[tuple[str, str, str, str]]):
    """The top mapping from the (indent, item mark, key, rest) of each line. Each open mapping or
    list is on ``stack`` as [column, container, is a list]; ``pending`` is a key whose value is
    on the lines below it (a mapping indented more, or a list indented at least as much)."""
    root: dict = {}
    stack: list[list] = []
    pending = None
    values, keys = _VALUES, _KEYS
    for indent, dash, key, rest in lines:
        if not dash and not key and (not rest or rest[0] == "#"):
            continue  # a blank line or a whole-line comment
        column = len(indent)
        if pending is not None:
            parent, name, at = pending
            pending = None
            if dash and column >= at:
                parent[name] = container = []
                stack.append([column, container, True])
            elif key and not dash and column > at:
                parent[name] = container = {}
                stack.append([column, container, False])
            else:
                raise _NotPlain  # a key with no value (null), or text running on
        elif not stack:
            if dash or not key:
                raise _NotPlain  # the top is a mapping
            stack.append([column, root, False])
        else:
            while stack and (stack[-1][0] > column or (stack[-1][0] == column and stack[-1][2] and not dash)):
                stack.pop()  # a line back out: the mappings and lists indented more are done
            if not stack or stack[-1][0] != column:
                raise _NotPlain
        top = stack[-1]
        if dash:
            if not top[2]:
                raise _NotPlain
            if not key:
                value = values[rest] if rest in values else _value(rest)
                if value is _BAD:
                    raise _NotPlain
                top[1].append(value)
                continue
            item: dict = {}
            top[1].append(item)
            column += len(dash)
            top = [column, item, False]
            stack.append(top)
        elif top[2] or not key:
            raise _NotPlain
        mapping = top[1]
        if key in mapping or (key not in keys and not _plain_key(key)):
            raise _NotPlain  # a key given twice is an error the full reader names
        if rest and rest[0] != "#":
            value = values[rest] if rest in values else _value(rest)
            if value is _BAD:
                raise _NotPlain
            mapping[key] = value
        else:
            pending = (mapping, key, column)
    if pending is not None or not stack:
        raise _NotPlain
    return root


def _plain_key(key: str) -> bool:
    """Whether PyYAML reads the key as text (``on``, ``yes``, ``null`` are not), remembered."""
    if _tag(key) != _STR:
        return False
    if len(_KEYS) >= _KEPT:
        _KEYS.clear()
    _KEYS.add(key)
    return True


def _value(text: str):
    """The value of a text after a key or '- ' (``_BAD`` when not plain), remembered."""
    try:
        value = _scalar(text)
    except _NotPlain:
        value = _BAD
    if len(_VALUES) >= _KEPT:
        _VALUES.clear()
    _VALUES[text] = value
    return value


def _scalar(text: str):
    """A value on one line: quoted text, a plain word, or a whole number."""
    if not text or text[0] == "#":
        raise _NotPlain  # a list item on the lines below its '-'
    first = text[0]
    if first == "'":
        found = _SINGLE.fullmatch(text)
        if found is None:
            raise _NotPlain
        return found.group(1).replace("''", "'")
    if first == '"':
        found = _DOUBLE.fullmatch(text)
        if found is None:
            raise _NotPlain
        return found.group(1)
    comment = text.find(" #")
    if comment >= 0:
        text = text[:comment].rstrip(" ")
    if not _PLAIN.fullmatch(text) or ": " in text or text.endswith(":"):
        raise _NotPlain
    tag = _tag(text)
    if tag == _STR or tag == _TIMESTAMP:  # dates are kept as text (pydantic reads them)
        return text
    if tag == _INT and _WHOLE.fullmatch(text):
        return int(text)
    raise _NotPlain


def _tag(text: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar."""
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
