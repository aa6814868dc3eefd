"""A flow drawn for the terminal: boxes and branch lines worked out from the graph, not Mermaid text.

Each step is drawn once, as a box with its kind and words; the routes out of it hang below
it, each labelled with its condition. A route to a step already drawn (a loop, or two routes
meeting) says "back to" or "joins" that step instead of drawing it again, so the picture stays
a tree a team leader can read from the top.

    ┌─ ? Is your PA off sick? ─────────┐
    └─ ask_sick ───────────────────────┘
      ├─ when answers.ask_sick
      │  ┌─ ■ Pay Statutory Sick Pay ──┐
      ...
"""

from __future__ import annotations

from guidance.flows.graph import edges
from guidance.flows.schema import Calculate, Checklist, Flow, Info, Outcome, Question

_MARKS = {Question: "?", Info: "i", Checklist: "☐", Calculate: "=", Outcome: "■"}
_KINDS = {Question: "question", Info: "information", Checklist: "checklist", Calculate: "calculation", Outcome: "outcome"}
WIDTH = 56


def _words(flow: Flow, node_id: str) -> str:
    node = flow.nodes[node_id]
    if isinstance(node, Calculate):
        text = f"works out {node.calculator}"
    else:
        text = node.title or node.text
    text = " ".join(str(text).replace("{{", "").replace("}}", "").split())
    return text if len(text) <= WIDTH - 6 else text[: WIDTH - 9] + "..."


def _box(flow: Flow, node_id: str) -> list[str]:
    node = flow.nodes[node_id]
    top = f"┌─ {_MARKS[type(node)]} {_words(flow, node_id)} "
    bottom = f"└─ {node_id} ({_KINDS[type(node)]}) "
    width = max(len(top), len(bottom)) + 1
    return [top + "─" * (width - len(top)) + "┐", bottom + "─" * (width - len(bottom)) + "┘"]


def _condition(when: str | None) -> str:
    if not when:
        return "otherwise"
    text = " ".join(when.split())
    return "when " + (text if len(text) <= WIDTH else text[: WIDTH - 3] + "...")


def draw(flow: Flow) -> str:
    """The whole flow as box-drawing text, from its start (and its safeguarding exit)."""
    routes: dict[str, list[tuple[str, str | None]]] = {n: [] for n in flow.nodes}
    for source, target, when in edges(flow):
        routes[source].append((target, when))
    lines: list[str] = [f"{flow.title}", ""]
    drawn: set[str] = set()
    ancestors: list[str] = []

    def walk(node_id: str, indent: str) -> None:
        if node_id not in flow.nodes:
            lines.append(f"{indent}✗ {node_id} (no such step)")
            return
        if node_id in drawn:
            verb = "back to" if node_id in ancestors else "joins"
            lines.append(f"{indent}↺ {verb} {node_id}: {_words(flow, node_id)}")
            return
        drawn.add(node_id)
        lines.extend(indent + row for row in _box(flow, node_id))
        ancestors.append(node_id)
        out = routes[node_id]
        if len(out) == 1 and not out[0][1]:  # one way on: straight down, no new branch
            lines.append(f"{indent}  │")
            walk(out[0][0], indent)
            ancestors.pop()
            return
        for index, (target, when) in enumerate(out):
            last = index == len(out) - 1
            lines.append(f"{indent}  {'└' if last else '├'}─ {_condition(when)}")
            walk(target, indent + ("     " if last else "  │  "))
        ancestors.pop()

    walk(flow.start, "")
    if flow.safeguarding:
        lines += ["", "At any step, if abuse or neglect is raised:"]
        walk(flow.safeguarding, "")
    unreached = [n for n in flow.nodes if n not in drawn]
    if unreached:
        lines += ["", "Never reached from the start: " + ", ".join(unreached)]
    return "\n".join(lines) + "\n"
