"""Every path through a flow, as data: the routes a person can take and answers that take them.

Like GOV.UK Smart Answers' flow tests, each path is run end to end by the tests. Choices and
yes/no questions are tried with every option; open questions (numbers, money, dates, text) with
the ``examples`` their authors give. Exploring every combination would explode, so a step's
future is worked out once per distinct value of the answers that anything ahead of it mentions
(answers nothing ahead reads cannot change where the flow goes).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from guidance.flows.answers import AnswerError, dumps, parse_answer, to_json_value
from guidance.flows.engine import Engine, State
from guidance.flows.expressions import ALL, Refs, expression_refs, template_refs
from guidance.flows.outcome import build_report
from guidance.flows.schema import Calculate, Checklist, Info, Outcome, Question

DEFAULT_LIMIT = 5000


class PathError(RuntimeError):
    """The flow cannot be enumerated (an example that is not a valid answer, too many paths)."""


@dataclass
class FlowPath:
    nodes: list[str]
    answers: list[tuple[str, object]]
    outcome: str
    safeguarding: bool = False

    def as_dict(self) -> dict:
        plain = {}
        for node, value in self.answers:
            plain[node] = _plain(value)
        return {"outcome": self.outcome, "safeguarding": self.safeguarding, "nodes": self.nodes, "answers": plain}


def _plain(value):
    """Answers as an answers file would write them: dates and amounts as text."""
    encoded = to_json_value(value)
    if isinstance(encoded, dict) and len(encoded) == 1:
        return next(iter(encoded.values()))
    return encoded


def node_refs(node) -> Refs:
    """Every answer and result a node's expressions and texts mention."""
    refs = Refs()
    templates = [node.text] + ([node.title] if node.title else [])
    expressions: list[str] = [r.when for r in getattr(node, "next", []) if r.when]
    if isinstance(node, Question):
        templates += [r.message for r in node.must] + ([node.help] if node.help else [])
        expressions += [r.rule for r in node.must]
    if isinstance(node, Checklist):
        templates += [i.text for i in node.items]
        expressions += [i.when for i in node.items if i.when]
    if isinstance(node, Calculate):
        expressions += list(node.inputs.values())
    if isinstance(node, Outcome):
        templates += [s.text for s in node.next_steps] + [t.text for t in node.timeline]
        expressions += [s.when for s in node.next_steps if s.when] + [t.date for t in node.timeline]
        expressions += [t.when for t in node.timeline if t.when]
    for source in templates:
        refs.update(template_refs(source))
    for source in expressions:
        refs.update(expression_refs(source))
    return refs


@dataclass
class _Explorer:
    engine: Engine
    limit: int
    memo: dict = field(default_factory=dict)
    active: set = field(default_factory=set)

    def __post_init__(self):
        flow = self.engine.flow
        own = {n: node_refs(node) for n, node in flow.nodes.items()}
        self.ahead: dict[str, Refs] = {}
        for node_id, reach in self.engine.reach.items():
            refs = Refs()
            for other in reach:
                refs.update(own[other])
            self.ahead[node_id] = refs

    def key(self, state: State) -> tuple:
        refs = self.ahead[state.current]
        context = self.engine.context(state)
        answers, results = context["answers"], context["results"]
        wanted_a = answers.keys() if ALL in refs.answers else refs.answers & answers.keys()
        wanted_r = results.keys() if ALL in refs.results else refs.results & results.keys()
        return (
            state.current,
            tuple(sorted((k, dumps(answers[k])) for k in wanted_a)),
            tuple(sorted((k, dumps(results[k])) for k in wanted_r)),
        )

    def candidates(self, state: State) -> list:
        node_id = state.current
        node = self.engine.node(node_id)
        if isinstance(node, Info):
            return [True]
        if isinstance(node, Checklist):
            if node.examples:
                return [list(e) for e in node.examples]
            return [[], self.engine.applicable_items(node_id, state)]
        if node.kind == "yes_no":
            return [True, False]
        if node.kind == "choice":
            return [o.value for o in node.options]
        if node.kind == "several" and not node.examples:
            values = [o.value for o in node.options]
            return [[]] + [[v] for v in values] + ([values] if len(values) > 1 else [])
        if not node.examples:
            raise PathError(f"node '{node_id}': a {node.kind} question needs 'examples' to enumerate its paths")
        out = []
        for example in node.examples:
            try:
                out.append(parse_answer(node, example))
            except AnswerError as exc:
                raise PathError(f"node '{node_id}': example {example!r} is not a valid answer: {exc}") from None
        return out

    def explore(self, state: State) -> list[tuple[tuple, tuple, str]]:
        node_id = state.current
        if self.engine.is_finished(state):
            build_report(self.engine, state)  # the outcome's texts must render on this path
            return [((), (), node_id)]
        key = self.key(state)
        if key in self.memo:
            return self.memo[key]
        if key in self.active:
            return []  # came round a loop with nothing changed: not a new path
        self.active.add(key)
        out, routes = [], set()
        for value in self.candidates(state):
            try:
                new = self.engine.answer(state, value)
            except AnswerError:
                continue  # an example the flow refuses (a rule or a calculator): not a path
            added = tuple(new.trail[len(state.trail):])
            for sub_nodes, sub_answers, outcome in self.explore(new):
                route = added + sub_nodes
                if route in routes:
                    continue
                routes.add(route)
                out.append((route, ((node_id, new.answers[node_id]),) + sub_answers, outcome))
                if len(out) > self.limit:
                    raise PathError(f"more than {self.limit} paths from '{node_id}': split the flow")
        self.active.discard(key)
        self.memo[key] = out
        return out


def enumerate_paths(engine: Engine, limit: int = DEFAULT_LIMIT) -> list[FlowPath]:
    """All distinct routes from the start to an outcome, plus the safeguarding exit."""
    explorer = _Explorer(engine, limit)
    start = engine.start()
    paths = [
        FlowPath(list(start.trail) + list(nodes), list(answers), outcome)
        for nodes, answers, outcome in explorer.explore(start)
    ]
    if engine.flow.safeguarding:
        exit_state = engine.safeguarding(start)
        for nodes, answers, outcome in explorer.explore(exit_state):
            paths.append(FlowPath(list(exit_state.trail) + list(nodes), list(answers), outcome, safeguarding=True))
    return paths





def _route_refs(node) -> Refs:
    """The answers and results that decide where a node goes (not what its texts say)."""
    refs = Refs()
    expressions: list[str] = [r.when for r in getattr(node, "next", []) if r.when]
    if isinstance(node, Question):
        expressions += [r.rule for r in node.must]
    if isinstance(node, Checklist):
        expressions += [i.when for i in node.items if i.when]
    if isinstance(node, Calculate):
        expressions += list(node.inputs.values())
    for source in expressions:
        refs.update(expression_refs(source))
    return refs


def _route_explorer(engine: Engine, limit: int) -> _Explorer:
    """An explorer that tells states apart only by what decides the way ahead."""
    explorer = _Explorer(engine, limit)
    own = {n: _route_refs(node) for n, node in engine.flow.nodes.items()}
    for node_id, reach in engine.reach.items():
        refs = Refs()
        for other in reach:
            refs.update(own[other])
        explorer.ahead[node_id] = refs
    return explorer


def arrive(engine: Engine, target: str, limit: int = 20_000) -> State | None:
    """The first state found that arrives at ``target`` with the examples, or None.

    Stops as soon as it gets there, so it is cheap for a step near the start; used to confirm
    a problem the static check found with sample answers (``static.check_static``).
    Raises PathError when more than ``limit`` distinct steps are seen.
    """
    explorer = _route_explorer(engine, limit)
    start = engine.start()
    queue = deque([start] + ([engine.safeguarding(start)] if engine.flow.safeguarding else []))
    seen: set = set()
    while queue:
        state = queue.popleft()
        if state.current == target:
            return state
        if engine.is_finished(state):
            continue
        key = explorer.key(state)
        if key in seen:
            continue
        seen.add(key)
        if len(seen) > limit:
            raise PathError(f"more than {limit} distinct steps: split the flow")
        for value in explorer.candidates(state):
            try:
                queue.append(engine.answer(state, value))
            except AnswerError:
                continue
    return None
