"""Safe YAML loading that keeps line numbers and refuses what content never needs.

Why not plain ``yaml.safe_load``: we need the line of every key to point an author at the
mistake, aliases are refused (content never needs them, and they allow "billion laughs" bombs),
and dates stay strings so an impossible date becomes a validation error with a line, not a crash
inside the parser.
"""

from __future__ import annotations

import operator
import os
import re
import stat
from pathlib import Path

import yaml

from guidance.fileio import read_bytes

#: The largest YAML file (or front matter) read: content files are a few kilobytes, and a
#: huge one is a mistake (a pasted export, a binary) that would make every command slow.
MAX_YAML_BYTES = 1_000_000
#: The largest page (Markdown file) read.
MAX_PAGE_BYTES = 1_000_000


class ContentYamlError(ValueError):
    """A YAML document that cannot be used; carries the 1-based line where known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same rules, faster


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that keeps timestamps as text (pydantic parses and reports them)."""

    def resolve(self, kind, value, implicit):
        """The tag of a node, as PyYAML's resolver gives it, remembered for each (kind, short
        text, implicit): the loader has no path resolvers, so nothing else decides it, and content
        repeats the same short texts (dates, amounts, kinds) in every file."""
        if value is not None and len(value) > _TAG_TEXT:
            return super().resolve(kind, value, implicit)
        key = (kind, value, implicit)
        tag = _TAGS.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_TAGS) >= 20_000:
                _TAGS.clear()
            _TAGS[key] = tag
        return tag

    # The loader has no path resolvers (``add_path_resolver`` is never called for it), so the
    # composer's step into and out of each node has nothing to track: PyYAML's methods would only
    # return. Built-ins that take the same arguments and do nothing are called instead (a Python
    # method call for every node of every file is a good part of reading a short file).
    descend_resolver = staticmethod(operator.is_)  # (parent node, index) -> ignored
    ascend_resolver = staticmethod(bool)  # () -> ignored


if _Loader.yaml_path_resolvers:  # pragma: no cover - a guard for whoever adds one
    raise RuntimeError("path resolvers need PyYAML's own descend_resolver and ascend_resolver")

_TAG_TEXT = 80  # longer texts (sentences, paragraphs) are resolved each time, not remembered


_TAGS: dict[tuple, str] = {}


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


class YamlDoc:
    """Parsed data plus where each key path starts (``lines``: key path -> 1-based line in the
    original file). A document read with ``lazy_lines`` keeps its parsed nodes and works the
    lines out from them the first time they are asked for (most files never need them: they
    point at a mistake)."""

    __slots__ = ("data", "offset", "_lines", "_node")

    def __init__(self, data: object, lines: dict[tuple, int] | None = None, offset: int = 0, node: yaml.Node | None = None):
        self.data, self.offset, self._lines, self._node = data, offset, lines, node

    @property
    def lines(self) -> dict[tuple, int]:
        if self._lines is None:
            lines: dict[tuple, int] = {}
            if self._node is not None:
                _walk(self._node, (), lines, self.offset, refuse_repeats=False)  # repeats were refused when read
            self._lines, self._node = lines, None
        return self._lines

    def __eq__(self, other) -> bool:
        return isinstance(other, YamlDoc) and (self.data, self.lines, self.offset) == (other.data, other.lines, other.offset)

    def __repr__(self) -> str:
        return f"YamlDoc(data={self.data!r}, lines={self.lines!r}, offset={self.offset!r})"

    def line_of(self, *path) -> int | None:
        """Line of the deepest known prefix of ``path`` (a field error points at its key)."""
        path = tuple(path)
        lines = self.lines
        while path:
            if path in lines:
                return lines[path]
            path = path[:-1]
        return lines.get((), self.offset + 1)


def _walk(node: yaml.Node, path: tuple, lines: dict, offset: int, refuse_repeats: bool = True) -> None:
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1 + offset
            if refuse_repeats and isinstance(key, yaml.ScalarNode) and key.value in seen:
                # YAML keeps the last of two equal keys without a word: a second
                # 'national_living_wage:' would silently replace the first.
                lines_named = f"lines {seen[key.value]} and {line}" if seen[key.value] != line else f"line {line}"
                raise ContentYamlError(
                    f"'{key.value}' appears twice ({lines_named}): YAML keeps only "
                    "the last one, so remove or merge one of them",
                    line,
                )
            if isinstance(key, yaml.ScalarNode):
                seen[key.value] = line
            sub = path + (key.value,)
            lines[sub] = line
            _walk(value, sub, lines, offset, refuse_repeats)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, offset, refuse_repeats)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _NotPlain(Exception):
    """A node the quick builder leaves to PyYAML's own constructor (merge keys, sets, odd tags)."""


def _construct(loader, node: yaml.Node, offset: int, refuse_repeats: bool, lazy_lines: bool = False) -> tuple[object, dict[tuple, int] | None]:
    """(data, lines) of a parsed document. Plain documents (maps, lists, scalars: every content
    file) are built in one pass that also records the lines (or, with ``lazy_lines``, leaves
    them to ``YamlDoc.lines``: lines None); anything else goes the long way, PyYAML's
    constructor after ``_walk``, with the same results and errors."""
    lines: dict[tuple, int] = {}
    try:
        if lazy_lines:
            return _plain(loader, node, offset, refuse_repeats), None
        return _build(loader, node, (), lines, offset, refuse_repeats), lines
    except (_NotPlain, yaml.YAMLError):
        pass  # the long way reports a construction error after any repeated key, as it always did
    lines = {}
    _walk(node, (), lines, offset, refuse_repeats)  # before a repeat is lost
    return loader.construct_document(node), lines


def _scalar(loader, node: yaml.Node):
    if node.tag == _STR:
        return node.value
    constructor = loader.yaml_constructors.get(node.tag)
    if constructor is None:
        raise _NotPlain(node.tag)
    return constructor(loader, node)


def _build(loader, node: yaml.Node, path: tuple, lines: dict, offset: int, refuse_repeats: bool):
    """The data of ``node``, recording lines as ``_walk`` does. Raises ContentYamlError for a
    repeated key, _NotPlain for what it leaves to PyYAML."""
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    kind = node.__class__
    if kind is yaml.ScalarNode:
        return _scalar(loader, node)
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        return [_build(loader, item, path + (index,), lines, offset, refuse_repeats) for index, item in enumerate(node.value)]
    if kind is not yaml.MappingNode or node.tag != _MAP:
        raise _NotPlain(node.tag)
    out: dict = {}
    seen: dict[str, int] = {}
    for key, value in node.value:
        if key.__class__ is not yaml.ScalarNode or key.tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"):
            raise _NotPlain(key.tag)
        line = key.start_mark.line + 1 + offset
        if refuse_repeats and key.value in seen:
            _walk(node, path, {}, offset, True)  # the same message as the long way
        seen[key.value] = line
        sub = path + (key.value,)
        lines[sub] = line
        if key.tag == _STR:
            name = key.value
        else:
            name = _scalar(loader, key)
            try:
                hash(name)
            except TypeError:
                raise _NotPlain("unhashable key") from None
        if value.__class__ is yaml.ScalarNode:  # its line is its key's, noted above
            out[name] = value.value if value.tag == _STR else _scalar(loader, value)
        else:
            out[name] = _build(loader, value, sub, lines, offset, refuse_repeats)
    return out


def _plain(loader, node: yaml.Node, offset: int, refuse_repeats: bool):
    """The data of ``node``, as ``_build`` gives it, without noting lines. Raises ContentYamlError
    for a repeated key (the same message), _NotPlain for what it leaves to PyYAML."""
    kind = node.__class__
    if kind is yaml.ScalarNode:
        return _scalar(loader, node)
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        return [_plain(loader, item, offset, refuse_repeats) for item in node.value]
    if kind is not yaml.MappingNode or node.tag != _MAP:
        raise _NotPlain(node.tag)
    out: dict = {}
    seen: set[str] = set()
    for key, value in node.value:
        if key.__class__ is not yaml.ScalarNode or key.tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"):
            raise _NotPlain(key.tag)
        if refuse_repeats and key.value in seen:
            _walk(node, (), {}, offset, True)  # the same message as the long way
        seen.add(key.value)
        if key.tag == _STR:
            name = key.value
        else:
            name = _scalar(loader, key)
            try:
                hash(name)
            except TypeError:
                raise _NotPlain("unhashable key") from None
        if value.__class__ is yaml.ScalarNode:
            out[name] = value.value if value.tag == _STR else _scalar(loader, value)
        else:
            out[name] = _plain(loader, value, offset, refuse_repeats)
    return out


def _refuse_aliases(text: str, offset: int) -> None:
    if "&" not in text and "*" not in text:
        return
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
                raise ContentYamlError(
                    "YAML anchors and aliases (& and *) are not allowed in content; write the value out",
                    token.start_mark.line + 1 + offset,
                )
    except yaml.YAMLError:
        return  # not valid YAML: the parser reports it, at a better line


def load_yaml(text: str, offset: int = 0, caller_reports_repeats: bool = False, lazy_lines: bool = False,
              quote_lines: bool = True) -> YamlDoc:
    """Parse one YAML document. ``offset`` is the number of lines before ``text`` in its file.
    ``lazy_lines``: work out the line of each key only when asked for (see ``YamlDoc``).

    Raises ContentYamlError (with the 1-based line) for invalid YAML, a key given twice in one
    mapping (both lines named), anchors or aliases, and text over ``MAX_YAML_BYTES``.
    ``caller_reports_repeats`` is for a file that reports each repeated key itself and keeps
    the rest (the synonyms list); every other file is refused whole.
    ``quote_lines=False`` leaves the offending line out of a parser error: for files that hold
    personal details (an account plan names payees), whose messages may reach logs.
    """
    if len(text) > MAX_YAML_BYTES:
        raise ContentYamlError(f"too large for a content file ({_size(len(text))}; the limit is {_size(MAX_YAML_BYTES)})", offset + 1)
    try:
        _refuse_aliases(text, offset)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                data, lines = _construct(loader, node, offset, not caller_reports_repeats, lazy_lines)
            else:
                data = None
        finally:
            loader.dispose()
    except ContentYamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        message, index = _plain_yaml_error(exc, text)
        if not quote_lines:
            message = message.split(_LINE_READS)[0]
        raise ContentYamlError(message, index + 1 + offset if index is not None else None) from None
    except yaml.YAMLError as exc:
        raise ContentYamlError(f"invalid YAML: {exc}", offset + 1) from None
    except TypeError:  # PyYAML lets an unhashable key ("? [1, 2]") through as a TypeError
        raise ContentYamlError("a key is a list or a mapping: keys must be plain words", offset + 1) from None
    if node is None:
        lines = {}
    return YamlDoc(data, lines, offset, node if lines is None else None)


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count:,} bytes"


_LINE_READS = " (the line reads: "


def _quoted(lines: list[str], index: int | None) -> str:
    if index is None or index >= len(lines) or not lines[index].strip():
        return ""
    line = lines[index].strip()
    return f"{_LINE_READS}{line[:77] + '...' if len(line) > 80 else line})"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _unbalanced_quote(lines: list[str], start: int, end: int) -> int | None:
    """The last line from ``end`` back to ``start`` with an odd number of double quotes."""
    for index in range(min(end, len(lines) - 1), max(start, 0) - 1, -1):
        if lines[index].split(" #")[0].count('"') % 2:
            return index
    return None


def _odd_indent(lines: list[str], index: int) -> int:
    """Of a line and the two key lines before it, the one indented as no other line is."""
    counts: dict[int, int] = {}
    for line in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            counts[_indent(line)] = counts.get(_indent(line), 0) + 1
    candidates = [i for i in range(index, max(index - 3, -1), -1) if i < len(lines) and lines[i].strip()]
    for i in candidates:
        if counts.get(_indent(lines[i]), 0) == 1:
            return i
    return index


def _plain_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int | None]:
    """(what a team leader can act on, 0-based line of the slip) for a parser error.

    The parser often notices a slip a line or more after it (an unclosed quote is found where
    the next quote is); these rules walk back to the line that needs the fix and quote it.
    """
    lines = text.split("\n")
    problem = str(exc.problem or exc.context or "")
    context = str(exc.context or "")
    at = exc.problem_mark.line if exc.problem_mark else None
    since = exc.context_mark.line if exc.context_mark else None
    if at is None:
        at = since
    if at is not None and since is not None and at >= len(lines) - 1 and not lines[-1].strip():
        at = since  # an error found only at the end points at what was left open
    here = lines[at] if at is not None and at < len(lines) else ""
    if ("cannot start any token" in problem and "\t" in here) or "tab character" in problem:
        return f"invalid YAML: a tab character is used to indent; indent with spaces only{_quoted(lines, at)}", at
    if "while scanning a quoted scalar" in context:
        return f"invalid YAML: a quotation mark is opened but never closed{_quoted(lines, since)}", since
    if "flow mapping" in context or "flow sequence" in context:
        opened = since if since is not None else at
        return (
            "invalid YAML: a '{' or '[' opened on this line is not closed (or a quotation mark inside it is not)"
            f"{_quoted(lines, opened)}", opened
        )
    if "could not find expected ':'" in problem:
        slip = since if since is not None else at
        return f"invalid YAML: a line with no 'key: value' (is a colon missing?){_quoted(lines, slip)}", slip
    if at is not None and ("expected key" in problem or "mapping values are not allowed" in problem or "expected <block end>" in problem):
        quote = _unbalanced_quote(lines, since if since is not None else at, at)
        if quote is not None:
            return f"invalid YAML: a quotation mark is opened but never closed{_quoted(lines, quote)}", quote
        value = here.split(":", 1)[1] if ":" in here else ""
        if "mapping values are not allowed" in problem and ": " in value.strip() + " ":
            if ":" in value and not value.strip().startswith(("'", '"')):
                return (
                    "invalid YAML: a colon inside a value; put the value in quotes, e.g. "
                    f"title: \"Pay: what to do\"{_quoted(lines, at)}", at
                )
        slip = _odd_indent(lines, at)
        return f"invalid YAML: this line is indented differently from the lines around it{_quoted(lines, slip)}", slip
    if "did not find expected '-' indicator" in problem:
        return f"invalid YAML: the indentation does not line up with the lines above{_quoted(lines, at)}", at
    return f"invalid YAML: {problem}{_quoted(lines, at)}", at


_NUMBER = ("int_parsing", "int_type", "float_parsing", "float_type", "decimal_parsing", "decimal_type",
           "finite_number")
_DATE = ("date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact")
_PLAIN = {
    "int_from_float": "must be a whole number",
    "bool_parsing": "must be true or false", "bool_type": "must be true or false",
    "string_type": "must be text", "list_type": "must be a list", "dict_type": "must be a set of fields",
    "model_type": "must be a set of fields", "model_attributes_type": "must be a set of fields",
}
_BOUNDS = {"greater_than_equal": ("ge", "must be at least {}"), "greater_than": ("gt", "must be more than {}"),
           "less_than_equal": ("le", "must be at most {}"), "less_than": ("lt", "must be less than {}")}


def _own_words(err: dict, msg: str, quote_values: bool) -> str:
    """A validator's own message without pydantic's "Value error, "; with ``quote_values=False``
    the value found is never repeated, even where the validator quoted it."""
    if err.get("type") == "value_error" and msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    value = err.get("input")
    if not quote_values and isinstance(value, str) and value.strip() and value in msg:
        msg = msg.replace(f"'{value}'", "it").replace(value, "it")
    return msg


def plain_error(err: dict) -> str | None:
    """A pydantic error in an author's words, to follow the field's name ("must be one of: wages,
    tax"), or None for one without plain words (its own message is used). Never the value found."""
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind in ("literal_error", "enum"):
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"must be one of: {', '.join(choices)}" if choices else None
    if kind in ("string_too_short", "string_too_long", "too_short", "too_long"):
        return _length(kind, ctx)
    if kind in _NUMBER:
        return "must be a number"
    if kind in _DATE:
        return "must be a date written like 2026-04-06"
    if kind in _BOUNDS:
        name, words = _BOUNDS[kind]
        return words.format(ctx[name]) if name in ctx else None
    return _PLAIN.get(kind)


def _length(kind: str, ctx: dict) -> str | None:
    """"must be at least 2 characters long", "must have at most 3 items"."""
    short = kind.endswith("too_short")
    size = ctx.get("min_length" if short else "max_length")
    if size is None:
        return None
    if kind.startswith("string"):
        if short and size == 1:
            return "must not be empty"
        unit = "character" if size == 1 else "characters"
        return f"must be at {'least' if short else 'most'} {size} {unit} long"
    if short and size == 1:
        return "must not be empty"
    return f"must have at {'least' if short else 'most'} {size} {'item' if size == 1 else 'items'}"


def _field_name(loc: tuple, doc: YamlDoc, prefix: tuple) -> str:
    """``periods.2.value`` -> ``the period from 2026-04-01: value``: a period named by its date."""
    text, data = "", _get(doc.data, prefix)
    for part in loc:
        data = _get(data, (part,))
        if isinstance(part, int) and text.endswith("periods") and isinstance(data, dict) and data.get("from"):
            text = text[: -len("periods")] + f"the period from {data['from']}:"
            continue
        text += ("" if not text else " " if text.endswith(":") else ".") + str(part)
    return text or "document"


def _get(data, path: tuple):
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _offending(err: dict) -> str:
    value = err.get("input")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value)
        return f" (it says '{text[:57] + '...' if len(text) > 60 else text}')"
    return ""


def pydantic_problems(exc, doc: YamlDoc, prefix: tuple = (), quote_values: bool = True) -> list[tuple[int | None, str]]:
    """Turn a pydantic ValidationError into (line, message) pairs an author can act on.

    ``prefix`` is where the validated object sits in the document (a rate's key, say). List
    items are named by their date or id where they have one ("the period from 2026-04-01").
    ``quote_values=False`` never repeats the value found (for files holding personal details).
    """
    out = []
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        field = ".".join(str(part) for part in loc) or "document"
        msg = err.get("msg", "invalid value")
        if err.get("type") == "missing":
            msg = f"missing required field '{field}'"
        elif err.get("type") == "extra_forbidden":
            msg = f"unknown field '{field}' (check the spelling)"
        else:
            shown_value = _offending(err) if quote_values else ""
            plain = plain_error(err)
            name = _field_name(loc, doc, prefix)
            msg = f"{name} {plain}{shown_value}" if plain else f"{name}: {_own_words(err, msg, quote_values)}{shown_value}"
        out.append((doc.line_of(*prefix, *loc), msg))
    return out


def validate(model, doc: YamlDoc, shown: str, problems, prefix: tuple = (), quote_values: bool = True):
    """``model.model_validate(data)``, or None with each pydantic error reported at its line
    (``quote_values``: see ``pydantic_problems``)."""
    from pydantic import ValidationError

    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for line, message in pydantic_problems(exc, doc, prefix, quote_values):
            problems.error(shown, line, message)
        return None


def read_text(path, within=None, limit: int = MAX_YAML_BYTES) -> str:
    """A content file's text. Raises ContentYamlError (with a line where there is one) for
    a file that is not UTF-8 (the line of the first bad byte), larger than ``limit`` bytes, or a
    symbolic link to somewhere outside ``within`` (default: the file's own folder).

    FileNotFoundError passes up: whether a missing file matters is the caller's business.
    """
    path = path if isinstance(path, Path) else Path(path)
    if within is None:
        try:
            found = os.lstat(path)
        except OSError:
            found = None
        if found is not None and stat.S_ISREG(found.st_mode) and path.name not in ("", ".", ".."):
            return _read_plain_file(path, found.st_size, limit)  # a file, not a link: one look at it
    if within is not None or path.name in ("", ".", "..") or path.is_symlink():
        refuse_outside_link(path, within if within is not None else path.parent)
    # else: a file that is not a link is inside its own folder (no need to resolve both paths)
    size = path.stat().st_size
    _check_size(size, limit)
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise ContentYamlError("a folder where a file was expected", None) from None
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise ContentYamlError(f"cannot read file: {exc.strerror}", None) from None
    return _utf8(raw)


def _read_plain_file(path: Path, size: int, limit: int) -> str:
    """``read_text`` of a file already seen to be a file (not a link) of ``size`` bytes."""
    _check_size(size, limit)
    try:
        raw = read_bytes(path)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise ContentYamlError(f"cannot read file: {exc.strerror}", None) from None
    return _utf8(raw)


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        raise ContentYamlError(f"too large for a content file ({_size(size)}; the limit is {_size(limit)})", None)


def _utf8(raw: bytes) -> str:
    """The file's text; a file that is not UTF-8 is named at the line of its first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentYamlError(f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", line) from None


def refuse_outside_link(path, within) -> None:
    """Raise ContentYamlError if ``path`` is (or goes through) a link leading outside ``within``.

    Content is published as it is: a link to a file elsewhere on the machine must never be.
    """
    path = Path(path)
    target = Path(os.path.realpath(path))
    base = Path(os.path.realpath(within))
    if target != base and base not in target.parents:
        raise ContentYamlError(f"a link to a file outside the content folder ({target.name}); copy the file in instead", None)


def read_optional_text(path, shown: str, problems) -> str | None:
    """The text of a content file that may be left out (synonyms, frame words): None when it is
    missing, or when it cannot be read, which is reported to ``problems`` as ``shown`` with the
    line and the problem (not UTF-8, too large, a link out of the folder, no permission)."""
    try:
        return read_text(path)
    except FileNotFoundError:
        return None
    except ContentYamlError as exc:
        problems.error(shown, exc.line, exc.message)
    except OSError as exc:
        problems.error(shown, None, f"cannot read file: {exc.strerror}")
    return None


def read_yaml_file(path, shown: str, problems, within=None, lazy_lines: bool = False,
                   quote_lines: bool = True) -> YamlDoc | None:
    """Read and parse a YAML file; a file that cannot be read or parsed is reported, never raised.
    ``lazy_lines``, ``quote_lines``: see ``load_yaml``.

    A missing file is the caller's business (some are optional), so FileNotFoundError passes up.
    """
    try:
        return load_yaml(read_text(path, within), lazy_lines=lazy_lines, quote_lines=quote_lines)
    except ContentYamlError as exc:
        problems.error(shown, exc.line, exc.message)
    return None
