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
from itertools import repeat
from operator import is_, itemgetter

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
#: nothing). Every line matches (each part may be empty).
_LINE = re.compile(r"( *)(-(?: +|$))?(?:([A-Za-z_][A-Za-z0-9_]*):(?: +|$))?((?:.*[^ ])?) *")
#: A plain word value: ASCII letters, digits and a few marks, starting with a letter, digit, '('
#: or '£' (``_scalar`` also refuses ': ' inside and ':' at the end: the value would be a mapping).
_PLAIN = re.compile(r"[A-Za-z0-9(£][A-Za-z0-9 ._/£&'()+,:-]*")
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: +#.*)?")
_DOUBLE = re.compile(r'"([^"\\]*)"(?: +#.*)?')
_WHOLE = re.compile(r"0|[1-9][0-9]{0,17}")  # what PyYAML reads as an int the same way int() does
_STR, _INT, _TIMESTAMP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp"
_RESOLVER = yaml.resolver.Resolver()
_BAD = object()  # a value text outside the plain subset
#: Lines already read (line -> (shape, value)), value texts (text -> value, or _BAD) and keys
#: known to be plain text: plans repeat the same lines, dates, amounts and words. Values are
#: text and whole numbers (never changed, so one can be shared).
_LINES: dict[str, tuple] = {}
_VALUES: dict[str, object] = {}
_KEYS: set[str] = set()
#: How to make the data of the plans with each shape (the shapes of their lines, in order):
#: (a function of the values, the lines holding them); see ``_recipe``.
_RECIPES: dict[tuple, tuple] = {}
_KEPT = 4096
_SHAPE, _VALUE = itemgetter(0), itemgetter(1)


def plain_data(text: str):
    """The data of ``text`` as the safe loader gives it, or ``NOT_PLAIN`` (see the module doc).

    Each line is read once for all the plans that have it (``_LINES``); the first plan of each
    shape is built line by line (``_build``), and the others of that shape are made from their
    values by the recipe it left (``_RECIPES``): the shape alone decides how the values fit."""
    if not _TEXT.fullmatch(text):
        return NOT_PLAIN
    raws = text.split("\n")
    lines = list(map(_LINES.get, raws))
    if None in lines:
        lines = [line if line is not None else _line(raw) for line, raw in zip(lines, raws)]
    shapes = tuple(map(_SHAPE, lines))
    recipe = _RECIPES.get(shapes)
    if recipe is None:
        try:
            data = _build(lines)
        except _NotPlain:
            return NOT_PLAIN
        if len(_RECIPES) >= _KEPT:
            _RECIPES.clear()
        _RECIPES[shapes] = _recipe(data, lines)
        return data
    make, holding = recipe
    values = list(map(_VALUE, holding(lines)))
    if any(map(is_, values, repeat(_BAD))):
        return NOT_PLAIN
    return make(values)


def _line(raw: str) -> tuple:
    """(shape, value) of one line, remembered. The shape is None for a blank line or a comment,
    else (column, width of the item mark, key, whether a value follows); the value is None when
    none follows, ``_BAD`` when it is not plain."""
    indent, dash, key, rest = _LINE.fullmatch(raw).groups("")
    if not dash and not key and (not rest or rest[0] == "#"):
        line = (None, None)
    else:
        valued = bool(rest) and rest[0] != "#"
        line = ((len(indent), len(dash), key, valued), (_VALUES[rest] if rest in _VALUES else _value(rest)) if valued else None)
    if len(_LINES) >= _KEPT:
        _LINES.clear()
    _LINES[raw] = line
    return line


def _build(lines: list[tuple]):
    """The top mapping from the (shape, value) of each line (see ``_line``). The mapping or list
    being filled is ``level`` (its column, the container, whether it is a list), the ones around
    it are on ``outer``; ``pending`` is a key whose value is on the lines below it (a mapping
    indented more, or a list indented at least as much)."""
    root: dict = {}
    outer: list[tuple] = []
    column_at, container, is_list = -1, None, False
    pending = None
    for shape, value in lines:
        if shape is None:
            continue  # a blank line or a whole-line comment
        column, dash, key, valued = shape
        if pending is not None:
            parent, name, at = pending
            pending = None
            if dash and column >= at:
                opened, opened_list = [], True
            elif key and not dash and column > at:
                opened, opened_list = {}, False
            else:
                raise _NotPlain  # a key with no value (null), or text running on
            parent[name] = opened
            outer.append((column_at, container, is_list))
            column_at, container, is_list = column, opened, opened_list
        elif container is None:
            if dash or not key:
                raise _NotPlain  # the top is a mapping
            column_at, container = column, root
        elif column != column_at or (is_list and not dash):
            while column < column_at or (column == column_at and is_list and not dash):
                if not outer:
                    raise _NotPlain
                column_at, container, is_list = outer.pop()  # a line back out: what is indented more is done
            if column != column_at:
                raise _NotPlain
        if value is _BAD:
            raise _NotPlain
        if dash:
            if not is_list:
                raise _NotPlain
            if not key:
                if not valued:
                    raise _NotPlain  # an item on the lines below its '-'
                container.append(value)
                continue
            item: dict = {}
            container.append(item)
            outer.append((column_at, container, is_list))
            column_at, container, is_list = column + dash, item, False
        elif is_list or not key:
            raise _NotPlain
        if key in container or (key not in _KEYS and not _plain_key(key)):
            raise _NotPlain  # a key given twice is an error the full reader names
        if valued:
            container[key] = value
        else:
            pending = (container, key, column_at)
    if pending is not None or container is None:
        raise _NotPlain
    return root


def _recipe(data, lines: list[tuple]) -> tuple:
    """(a function making data like ``data`` from a list of values, a function picking out the
    lines that hold them). Read in order, the mappings and lists of ``data`` meet its values in
    the order of the lines they are on, so the n-th value goes where the n-th was."""
    holding = [n for n, (shape, _value) in enumerate(lines) if shape is not None and shape[3]]
    slots = iter(range(len(holding)))
    make = _maker(data, slots)
    if len(holding) == 1:
        only = holding[0]
        return make, lambda lines: (lines[only],)
    return make, itemgetter(*holding) if holding else (lambda lines: ())


def _maker(node, slots):
    """A function of the values making a new ``node`` (new mappings and lists each time)."""
    if node.__class__ is dict:
        parts = [(key, _maker(value, slots)) for key, value in node.items()]
        return lambda values: {key: make(values) for key, make in parts}
    if node.__class__ is list:
        parts = [_maker(item, slots) for item in node]
        return lambda values: [make(values) for make in parts]
    return itemgetter(next(slots))


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
