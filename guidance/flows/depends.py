"""Which answers rest on which: worked out once from the flow file, never by running it.

An answer *rests on* an earlier one when the question, as it was shown, was written with it: its
text, title, help or checklist items mention ``answers.X``, or a calculated result worked out
(directly or through other calculations) from ``answers.X``. A "yes" to "Does your budget cover
£415.80 a week?" rests on the hourly rate the £415.80 came from; the hours a week do not.

When X changes, the answers resting on it are asked again (offered as given); the others are
kept. Rules (``must``) and routes need no entry here: the engine checks them afresh whenever it
re-uses a kept answer.
"""

from __future__ import annotations

from guidance.flows.expressions import ALL, Refs, expression_refs, template_refs
from guidance.flows.schema import Calculate, Checklist, Flow, Info, Question

ANSWERED = (Question, Info, Checklist)


def _shown_sources(node) -> list[tuple[str, str]]:
    """(kind, source) of everything the person sees at an answered step."""
    sources = [("template", node.text)] + ([("template", node.title)] if node.title else [])
    if isinstance(node, Question) and node.help:
        sources.append(("template", node.help))
    if isinstance(node, Checklist):
        for item in node.items:
            sources.append(("template", item.text))
            if item.when:
                sources.append(("expression", item.when))
    return sources


def _refs(sources) -> Refs:
    refs = Refs()
    for kind, source in sources:
        try:
            refs.update(expression_refs(source) if kind == "expression" else template_refs(source))
        except Exception:  # noqa: BLE001 - a text that does not compile is the checker's to report
            continue
    return refs


def _result_answers(flow: Flow) -> dict[str, set[str]]:
    """Result name -> the answers it is worked out from (through other results too)."""
    direct: dict[str, Refs] = {}
    for node in flow.nodes.values():
        if isinstance(node, Calculate):
            direct.setdefault(node.store, Refs()).update(_refs(("expression", s) for s in node.inputs.values()))
    everything = {n for n, node in flow.nodes.items() if isinstance(node, ANSWERED)}
    out: dict[str, set[str]] = {}

    def answers_of(name: str, seen: frozenset) -> set[str]:
        if name in out:
            return out[name]
        refs = direct.get(name, Refs())
        found = set(everything) if ALL in refs.answers or ALL in refs.results else set(refs.answers)
        for other in refs.results - {ALL}:
            if other not in seen:
                found |= answers_of(other, seen | {other})
        out[name] = found
        return found

    for name in direct:
        answers_of(name, frozenset({name}))
    return out


def dependants(flow: Flow) -> dict[str, frozenset[str]]:
    """Answered node id -> the answered nodes whose question, as shown, rests on its answer.

    Shape: every answered node is a key (its set may be empty); a node never rests on itself.
    """
    results = _result_answers(flow)
    answered = [n for n, node in flow.nodes.items() if isinstance(node, ANSWERED)]
    rests: dict[str, set[str]] = {n: set() for n in answered}
    for node_id in answered:
        refs = _refs(_shown_sources(flow.nodes[node_id]))
        sources = set(answered) if ALL in refs.answers or ALL in refs.results else set(refs.answers)
        for name in refs.results - {ALL}:
            sources |= results.get(name, set())
        for source in sources:
            if source in rests and source != node_id:
                rests[source].add(node_id)
    return {n: frozenset(found) for n, found in rests.items()}
