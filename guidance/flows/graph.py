"""The shape of a flow as a graph: who leads where, what can be reached, and drawings of it."""

from __future__ import annotations

from guidance.flows.schema import Calculate, Checklist, Flow, Info, Outcome, Question


def edges(flow: Flow) -> list[tuple[str, str, str | None]]:
    """(from, to, condition) for every route, in file order."""
    out = []
    for node_id, node in flow.nodes.items():
        for route in getattr(node, "next", []):
            out.append((node_id, route.goto, route.when))
    return out


def successors(flow: Flow) -> dict[str, list[str]]:
    succ: dict[str, list[str]] = {node_id: [] for node_id in flow.nodes}
    for source, target, _ in edges(flow):
        if target not in succ[source]:
            succ[source].append(target)
    return succ


def reachable(succ: dict[str, list[str]], starts) -> set[str]:
    seen: set[str] = set()
    stack = [s for s in starts if s in succ]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(t for t in succ.get(node, []) if t in succ)
    return seen


def reaches_outcome(flow: Flow, succ: dict[str, list[str]]) -> set[str]:
    """Nodes from which some outcome can be reached (walking the routes backwards)."""
    preds: dict[str, set[str]] = {n: set() for n in succ}
    for source, targets in succ.items():
        for target in targets:
            if target in preds:
                preds[target].add(source)
    good = {n for n, node in flow.nodes.items() if isinstance(node, Outcome)}
    stack = list(good)
    while stack:
        node = stack.pop()
        for source in preds[node]:
            if source not in good:
                good.add(source)
                stack.append(source)
    return good


def cycles(succ: dict[str, list[str]]) -> list[set[str]]:
    """Strongly connected groups that loop (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[set[str]] = []
    counter = 0
    for root in succ:
        if root in index:
            continue
        work = [(root, iter(succ[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in succ:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(succ[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1 or node in succ[node]:
                    groups.append(group)
    return groups


def reach_table(flow: Flow) -> dict[str, frozenset[str]]:
    """For each node, every node reachable from it (itself included)."""
    succ = successors(flow)
    return {node: frozenset(reachable(succ, [node])) for node in succ}


def _label(flow: Flow, node_id: str) -> str:
    node = flow.nodes[node_id]
    text = node.title or (node.text if not isinstance(node, Calculate) else f"{node.calculator}")
    text = " ".join(str(text).split())
    return text if len(text) <= 60 else text[:57] + "..."


_SHAPES = {Question: ("[", "]"), Info: ("(", ")"), Checklist: ("[[", "]]"), Calculate: ("[/", "/]"), Outcome: ("([", "])")}


def mermaid(flow: Flow) -> str:
    lines = ["flowchart TD"]
    for node_id, node in flow.nodes.items():
        left, right = _SHAPES[type(node)]
        label = _label(flow, node_id).replace('"', "'")
        lines.append(f'    {node_id}{left}"{label}"{right}')
    for source, target, when in edges(flow):
        if when:
            condition = " ".join(when.split()).replace('"', "'").replace("|", "/")
            lines.append(f'    {source} -->|"{condition}"| {target}')
        else:
            lines.append(f"    {source} --> {target}")
    if flow.safeguarding:
        lines.append(f"    any_step{{{{Any step: abuse or neglect raised}}}} -.-> {flow.safeguarding}")
    return "\n".join(lines) + "\n"


def dot(flow: Flow) -> str:
    shapes = {Question: "box", Info: "note", Checklist: "folder", Calculate: "parallelogram", Outcome: "doubleoctagon"}

    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"digraph {flow.id} {{", "    rankdir=TB;"]
    for node_id, node in flow.nodes.items():
        lines.append(f"    {node_id} [shape={shapes[type(node)]}, label={quote(_label(flow, node_id))}];")
    for source, target, when in edges(flow):
        label = f" [label={quote(' '.join(when.split()))}]" if when else ""
        lines.append(f"    {source} -> {target}{label};")
    if flow.safeguarding:
        lines.append('    any_step [shape=diamond, label="Any step: abuse or neglect raised"];')
        lines.append(f"    any_step -> {flow.safeguarding} [style=dashed];")
    lines.append("}")
    return "\n".join(lines) + "\n"
