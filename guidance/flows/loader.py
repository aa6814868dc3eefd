"""Loading flow files: never raises for an author's mistake, reports each with file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from guidance.flows.schema import NODE_TYPES, Flow
from guidance.problems import Problems
from guidance.yamlio import ContentYamlError, YamlDoc, load_yaml, pydantic_problems, read_text


@dataclass
class LoadedFlow:
    """A valid flow plus where its parts are in the file, so later checks can name the line."""

    flow: Flow
    path: str
    doc: YamlDoc

    @property
    def id(self) -> str:
        return self.flow.id

    def line(self, *keys) -> int | None:
        return self.doc.line_of(*keys)

    def node_line(self, node_id: str, *keys) -> int | None:
        return self.doc.line_of("nodes", node_id, *keys)


def _error_lines(exc: ValidationError, doc: YamlDoc) -> list[tuple[int | None, str]]:
    """pydantic's locations include the node type of a tagged union: drop it to find the line."""
    out = []
    for err in exc.errors():
        loc = list(err.get("loc", ()))
        if len(loc) > 2 and loc[0] == "nodes" and loc[2] in NODE_TYPES:
            del loc[2]
        err_type = err.get("type")
        if err_type == "union_tag_not_found":
            out.append((doc.line_of(*loc), f"node '{loc[1]}' needs a 'type': one of {', '.join(NODE_TYPES)}"))
            continue
        if err_type == "union_tag_invalid":
            out.append((doc.line_of(*loc, "type"), f"node '{loc[1]}': unknown type, use one of {', '.join(NODE_TYPES)}"))
            continue
        if err_type == "missing" and len(loc) == 3 and loc[0] == "nodes" and loc[2] == "next":
            out.append((doc.line_of(*loc), f"dead end: node '{loc[1]}' has no 'next' (only an outcome may end a flow)"))
            continue
        if err_type == "extra_forbidden" and len(loc) == 3 and loc[0] == "nodes" and loc[2] == "next":
            out.append((doc.line_of(*loc), f"node '{loc[1]}' is an outcome, which ends the flow: remove its 'next'"))
            continue
        err = dict(err, loc=tuple(loc))
        out.extend(pydantic_problems(_OneError(err), doc))
    return out


class _OneError:
    """Adapter so ``pydantic_problems`` can format one rewritten error."""

    def __init__(self, err: dict):
        self._err = err

    def errors(self):
        return [self._err]


def parse_flow_text(text: str, shown: str, problems: Problems) -> LoadedFlow | None:
    try:
        doc = load_yaml(text)
    except ContentYamlError as exc:
        problems.error(shown, exc.line, exc.message)
        return None
    if not isinstance(doc.data, dict):
        problems.error(shown, 1, "a flow file must be a mapping with id, title, version, audience, start and nodes")
        return None
    try:
        flow = Flow.model_validate(doc.data)
    except ValidationError as exc:
        for line, message in _error_lines(exc, doc):
            problems.error(shown, line, message)
        return None
    return LoadedFlow(flow, shown, doc)


def load_flow_file(path: Path, shown: str, problems: Problems) -> LoadedFlow | None:
    try:
        text = read_text(path)
    except ContentYamlError as exc:  # not UTF-8 (with its line), too large, or a link out of the folder
        problems.error(shown, exc.line, exc.message)
        return None
    except OSError as exc:
        problems.error(shown, None, f"cannot read file: {exc.strerror}")
        return None
    loaded = parse_flow_text(text.lstrip("\ufeff"), shown, problems)
    if loaded is not None and loaded.flow.id != Path(path).stem:
        problems.error(shown, loaded.line("id"), f"id '{loaded.flow.id}' must match the file name '{Path(path).stem}.yaml'")
    return loaded


def flow_files(flows_dir: Path) -> list[Path]:
    if not flows_dir.is_dir():
        return []
    return sorted(p for p in flows_dir.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))


def load_flows(root: Path, problems: Problems) -> dict[str, LoadedFlow]:
    """Every flow under ``root/flows``; a broken file is reported and skipped, never fatal."""
    flows: dict[str, LoadedFlow] = {}
    for path in flow_files(Path(root) / "flows"):
        shown = _shown(path, root)
        loaded = load_flow_file(path, shown, problems)
        if loaded is None:
            continue
        if loaded.id in flows:
            problems.error(shown, loaded.line("id"), f"duplicate flow id '{loaded.id}' (also in {flows[loaded.id].path})")
            continue
        flows[loaded.id] = loaded
    return flows


def _shown(path: Path, root: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(root).resolve()))
    except ValueError:
        return str(path)
