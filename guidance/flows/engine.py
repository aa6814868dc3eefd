"""Running a flow: where you are, what comes next, going back and changing an earlier answer.

The engine is pure: every operation takes a ``State`` and returns a new one, so a session can
write the new state to storage first and only then adopt it (an answer is never half-taken).

Answers are kept by node id even after going back. Only answers on the current trail count in
expressions ("effective" answers); the others wait as defaults until the person comes that way
again, and are dropped once no route can lead back to their node (a changed answer made them
irrelevant). Changing an answer marks the kept answers that rest on it (``depends.dependants``)
as to be confirmed: they are asked again, offered as given, while the others are re-used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from guidance.kinds import Date
from guidance.content.rates import RateError
from guidance.flows.answers import AnswerError, parse_answer
from guidance.flows.depends import dependants
from guidance.flows.expressions import ExpressionError, evaluate, helpers, truth
from guidance.flows.graph import reach_table
from guidance.flows.schema import Calculate, Checklist, Flow, Info, Outcome, Question

INTERACTIVE = (Question, Info, Checklist)


class FlowRunError(RuntimeError):
    """The flow itself went wrong while running (an author's mistake, not the person's)."""


@dataclass
class State:
    trail: list[str] = field(default_factory=list)
    answers: dict[str, Any] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)
    #: Where answers filled before the start came from (``prefill.Prefill``), or None.
    prefill: Any = None
    #: Node ids whose kept answer rests on an answer changed since: asked again, not re-used.
    confirm: list[str] = field(default_factory=list)

    def copy(self) -> "State":
        return State(list(self.trail), dict(self.answers), dict(self.results), self.prefill, list(self.confirm))

    @property
    def current(self) -> str:
        return self.trail[-1]


def default_calculate(name: str, inputs: dict, rates, on: dt.date) -> dict:
    """Calculators by name, keeping Decimal and date results so expressions compare numbers."""
    from guidance.calculators.registry import calculate

    return calculate(name, inputs, rates, on)


class Engine:
    """One flow with the rates and the day it runs on."""

    def __init__(self, flow: Flow, rates, on: dt.date, calculate: Callable | None = None):
        self.flow = flow
        self.rates = rates
        self.on = on
        self.calculate = calculate or default_calculate
        self.reach = reach_table(flow)
        self.rests = dependants(flow)
        self._helpers = helpers(rates, on)

    # -- reading a state ------------------------------------------------------------------
    def node(self, node_id: str):
        return self.flow.nodes[node_id]

    def context(self, state: State) -> dict:
        """What expressions and texts see: the answers and results on the current trail, and
        ``prefilled``: the answers filled from a source at the start ({} when none were)."""
        on_trail = set(state.trail)
        answers = {n: v for n, v in state.answers.items() if n in on_trail}
        results = {}
        for node_id in state.trail:
            node = self.flow.nodes.get(node_id)
            if isinstance(node, Calculate) and node.store in state.results:
                results[node.store] = state.results[node.store]
        prefilled = dict(state.prefill.answers) if state.prefill is not None else {}
        return {**self._helpers, "answers": answers, "results": results, "prefilled": prefilled}

    def is_finished(self, state: State) -> bool:
        return isinstance(self.node(state.current), Outcome)

    def applicable_items(self, node_id: str, state: State) -> list[str]:
        node = self.node(node_id)
        context = self.context(state)
        return [item.id for item in node.items if item.when is None or self._truth(item.when, context, node_id)]

    # -- moving -----------------------------------------------------------------------------
    def start(self, kept: dict | None = None, prefill=None) -> State:
        """The first step. ``kept``: answers offered when their questions come; ``prefill``
        (``prefill.Prefill``): answers filled from a source, offered the same way and
        remembered as coming from it (``kept`` wins where both give one)."""
        answers = {**(prefill.answers if prefill else {}), **(kept or {})}
        return self._enter(State(answers=answers, prefill=prefill), self.flow.start)

    def answer(self, state: State, raw) -> State:
        """Take an answer for the current node and move on to the next place that needs one."""
        node_id = state.current
        node = self.node(node_id)
        if isinstance(node, Outcome):
            raise AnswerError("this flow has finished: go back to change an answer")
        items = self.applicable_items(node_id, state) if isinstance(node, Checklist) else None
        value = parse_answer(node, raw, items, self.on)
        new = state.copy()
        new.answers[node_id] = value
        new.confirm = [n for n in new.confirm if n != node_id]
        context = self.context(new)
        for rule in getattr(node, "must", []):
            if not self._truth(rule.rule, context, node_id):
                raise AnswerError(self._text(rule.message, new))
        return self._enter(new, self.route(node_id, new))

    def route(self, node_id: str, state: State) -> str:
        node = self.node(node_id)
        context = self.context(state)
        for route in node.next:
            if route.when is None or self._truth(route.when, context, node_id):
                return route.goto
        raise FlowRunError(f"node '{node_id}': no route applies and there is no default")

    def back(self, state: State) -> State:
        """Step back to the previous place that took an answer; later answers are kept."""
        new = state.copy()
        new.trail.pop()
        while new.trail and not isinstance(self.node(new.current), INTERACTIVE):
            new.trail.pop()
        if not new.trail:
            raise AnswerError("this is the first step: there is nothing to go back to")
        return new

    def change(self, state: State, node_id: str, raw) -> State:
        """Change an earlier answer, then go forward through the answers that still apply.

        A new value marks the kept answers that rest on it (``self.rests``) to be asked again:
        a "yes" given to a weekly cost worked out from the old hourly rate is not re-used."""
        if node_id not in state.trail or not isinstance(self.node(node_id), INTERACTIVE):
            raise AnswerError(f"'{node_id}' is not an earlier step of this session")
        old = state.answers.get(node_id)
        before = set(state.trail[:state.trail.index(node_id)])
        new = state.copy()
        del new.trail[new.trail.index(node_id) + 1:]
        new = self.answer(new, raw)
        if new.answers[node_id] != old:
            again = self.rests.get(node_id, frozenset())
            marked = [n for n in self.flow.nodes if n in again and n in new.answers and n not in before]
            new.confirm = new.confirm + [n for n in marked if n not in new.confirm]
        return self.prune(self.fast_forward(new))

    def fast_forward(self, state: State) -> State:
        """Re-use kept answers while they fit; stop at the first step that needs a new one (no
        kept answer, one to confirm, or one that no longer fits)."""
        seen = 0
        while not self.is_finished(state) and state.current in state.answers and state.current not in state.confirm:
            seen += 1
            if seen > 10 * len(self.flow.nodes):
                raise FlowRunError("the kept answers go round in a loop")
            try:
                state = self.answer(state, state.answers[state.current])
            except AnswerError:
                break
        return state

    def prune(self, state: State) -> State:
        """Drop kept answers for nodes that can no longer be reached from here."""
        keep = set(state.trail) | self.reach[state.current]
        new = state.copy()
        new.answers = {n: v for n, v in state.answers.items() if n in keep}
        new.confirm = [n for n in state.confirm if n in new.answers]
        return new

    def safeguarding(self, state: State) -> State:
        """Leave at any step for the safeguarding guidance (abuse or neglect was raised)."""
        target = self.flow.safeguarding
        if not target:
            raise FlowRunError("this flow has no safeguarding exit")
        if state.trail and state.current == target:
            return state
        return self._enter(state.copy(), target)

    def replay(self, trail: list[str], kept: dict, prefill=None, confirm=()) -> tuple[State, bool]:
        """Walk ``trail`` again with the kept answers: (state reached, whether it matched).
        ``confirm``: kept answers still to be asked again (see ``change``)."""
        state = self.start(kept, prefill)
        state.confirm = [n for n in confirm if n in state.answers]
        while True:
            size = len(state.trail)
            if state.trail != trail[:size]:
                return state, False
            if size >= len(trail):
                return state, True
            if trail[size] == self.flow.safeguarding and trail[size] != self._peek_route(state):
                state = self.safeguarding(state)
                continue
            if self.is_finished(state) or state.current not in kept:
                return state, False
            try:
                state = self.answer(state, kept[state.current])
            except AnswerError:
                return state, False

    # -- helpers ------------------------------------------------------------------------------
    def _peek_route(self, state: State) -> str | None:
        if state.current not in state.answers or self.is_finished(state):
            return None
        try:
            return self.answer(state, state.answers[state.current]).trail[len(state.trail)]
        except (AnswerError, IndexError):
            return None

    def _enter(self, state: State, node_id: str) -> State:
        """Arrive at ``node_id``; calculations run at once and the flow moves past them."""
        for _ in range(len(self.flow.nodes) + 1):
            if node_id not in self.flow.nodes:
                raise FlowRunError(f"route to unknown node '{node_id}'")
            state.trail.append(node_id)
            node = self.node(node_id)
            if isinstance(node, Outcome) and node.letter_values:
                state.results[node_id] = self._letter_values(node_id, node, state)
            if not isinstance(node, Calculate):
                return state
            state.results[node.store] = self._run_calculator(node_id, node, state)
            node_id = self.route(node_id, state)
        raise FlowRunError("calculations route round in a loop")

    def _run_calculator(self, node_id: str, node: Calculate, state: State):
        context = self.context(state)
        inputs = {}
        for key, source in node.inputs.items():
            try:
                inputs[key] = evaluate(source, context)
            except ExpressionError as exc:
                raise FlowRunError(f"node '{node_id}': input '{key}': {exc}") from None
        try:
            return self.calculate(node.calculator, inputs, self.rates, self.on)
        except (ValueError, ArithmeticError, RateError) as exc:
            # The calculator refused the figures given (an end before a start, say):
            # the person can correct the answer, so it is an answer problem: name the answer
            # whose date the message quotes, when one does.
            raise AnswerError(f"{exc}", node=_culprit(node, state, str(exc))) from None
        except LookupError as exc:
            raise FlowRunError(f"node '{node_id}': calculator '{node.calculator}': {exc}") from None

    def _letter_values(self, node_id: str, node: Outcome, state: State) -> dict:
        """The figures an outcome works out for its letters (its ``letter_values``), from the
        answers as they stand: an answer changed on the way fills the letter, not the first one."""
        context = self.context(state)
        values = {}
        for field, source in node.letter_values.items():
            try:
                value = evaluate(source, context)
            except ExpressionError as exc:
                raise FlowRunError(f"node '{node_id}': letter value '{field}': {exc}") from None
            if value is not None:  # none: the officer fills the field in
                values[field] = value
        return values

    def _truth(self, source: str, context: dict, node_id: str) -> bool:
        try:
            return truth(source, context)
        except ExpressionError as exc:
            raise FlowRunError(f"node '{node_id}': {exc}") from None

    def text(self, source: str, state: State) -> str:
        """``source`` (a node's text, help or item) with its figures and answers filled in."""
        return self._text(source, state)

    def _text(self, source: str, state: State) -> str:
        from guidance.flows.expressions import render_text

        try:
            return render_text(source, self.rates, self.on, self.context(state))
        except ExpressionError as exc:
            raise FlowRunError(f"text: {exc}") from None


def _culprit(node: Calculate, state: State, message: str) -> str | None:
    """The one answer feeding ``node`` whose date ``message`` names, else None."""
    import re

    used = {name for source in node.inputs.values() for name in re.findall(r"answers\.(\w+)", str(source))}
    dates = set(re.findall(r"\d{4}-\d{2}-\d{2}", message))

    def named(day: dt.date) -> bool:  # as ISO, or in words as calculators write dates ("2 March 2026")
        return day.isoformat() in dates or re.search(rf"(?<!\d){re.escape(Date().show(day))}", message) is not None

    found = [name for name in sorted(used) if isinstance(state.answers.get(name), dt.date) and named(state.answers[name])]
    return found[0] if len(found) == 1 else None
