"""Safe YAML loading that keeps line numbers and refuses what content never needs.

Why not plain ``yaml.safe_load``: we need the line of every key to point an author at the
mistake, aliases are refused (content never needs them, and they allow "billion laughs" bombs),
and dates stay strings so an impossible date becomes a validation error with a line, not a crash
inside the parser.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml


class ContentYamlError(ValueError):
    """A YAML document that cannot be used; carries the 1-based line where known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same rules, faster


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that keeps timestamps as text (pydantic parses and reports them)."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


@dataclass
class YamlDoc:
    """Parsed data plus where each key path starts (1-based lines in the original file)."""

    data: object
    lines: dict[tuple, int]
    offset: int = 0

    def line_of(self, *path) -> int | None:
        """Line of the deepest known prefix of ``path`` (a field error points at its key)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), self.offset + 1)


def _walk(node: yaml.Node, path: tuple, lines: dict, offset: int) -> None:
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = path + (key.value,)
            lines[sub] = key.start_mark.line + 1 + offset
            _walk(value, sub, lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, offset)


def _refuse_aliases(text: str, offset: int) -> None:
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
            raise ContentYamlError(
                "YAML anchors and aliases (& and *) are not allowed in content; write the value out",
                token.start_mark.line + 1 + offset,
            )


def load_yaml(text: str, offset: int = 0) -> YamlDoc:
    """Parse one YAML document. ``offset`` is the number of lines before ``text`` in its file."""
    try:
        _refuse_aliases(text, offset)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except ContentYamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark and mark.line >= text.count("\n"):
            mark = exc.context_mark  # an error found only at the end points at what was left open
        line = mark.line + 1 + offset if mark else None
        raise ContentYamlError(f"invalid YAML: {exc.problem or exc.context}", line) from None
    except yaml.YAMLError as exc:
        raise ContentYamlError(f"invalid YAML: {exc}", offset + 1) from None
    lines: dict[tuple, int] = {}
    if node is not None:
        _walk(node, (), lines, offset)
    return YamlDoc(data, lines, offset)


def pydantic_problems(exc, doc: YamlDoc, prefix: tuple = ()) -> list[tuple[int | None, str]]:
    """Turn a pydantic ValidationError into (line, message) pairs an author can act on.

    ``prefix`` is where the validated object sits in the document (a rate's key, say).
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
            msg = f"{field}: {msg}"
        out.append((doc.line_of(*prefix, *loc), msg))
    return out


def validate(model, doc: YamlDoc, shown: str, problems, prefix: tuple = ()):
    """``model.model_validate(data)``, or None with each pydantic error reported at its line."""
    from pydantic import ValidationError

    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for line, message in pydantic_problems(exc, doc, prefix):
            problems.error(shown, line, message)
        return None


def read_yaml_file(path, shown: str, problems) -> YamlDoc | None:
    """Read and parse a YAML file; a file that cannot be read or parsed is reported, never raised.

    A missing file is the caller's business (some are optional), so FileNotFoundError passes up.
    """
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        problems.error(shown, None, "not UTF-8 text; save the file as UTF-8")
    except ContentYamlError as exc:
        problems.error(shown, exc.line, exc.message)
    return None
