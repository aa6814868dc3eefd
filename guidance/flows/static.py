"""The flows' part of ``guidance content check``, worked out on the graph, not on every path.

Listing every path through a flow grows with the number of paths (thousands); this check grows
with the size of the file. The graph checks (reachability, dead ends, loops with no way out,
every expression compiled) are in ``checker.check_flow``; this module adds one run of every
text and expression with typed sample answers:

- each step that takes an answer gets one sample: the first option of a choice, "yes", the
  first of a question's ``examples`` that its own rules accept, every item of a checklist;
- each calculation is run once, with its inputs worked out from those samples (when the
  calculator refuses them, the other examples of the answers it reads are tried, one at a time);
- each text (title, text, help, rule messages, checklist items, next steps, timeline) is rendered
  once and each condition worked out once, seeing only the answers and results of the steps that
  can come before it, as a caller arriving there would.

Full path enumeration (``paths.enumerate_paths``) stays for ``guidance flow paths``,
``guidance flow check`` and the tests.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from guidance.content.rates import RateError
from guidance.flows.answers import AnswerError, parse_answer
from guidance.flows.engine import Engine
from guidance.flows.expressions import ExpressionError, evaluate, render_text
from guidance.flows.loader import LoadedFlow
from guidance.flows.schema import Calculate, Checklist, Info, Outcome, Question
from guidance.problems import Problems

_REFUSED = (AnswerError, ValueError, ArithmeticError, RateError)


def candidates(node) -> list:
    """Typed sample answers for a step, in the order they are tried (first is the sample)."""
    if isinstance(node, Info):
        return [True]
    if isinstance(node, Checklist):
        raws = [list(e) for e in node.examples] or [[item.id for item in node.items]]
        return _parsed(node, raws)
    if node.kind == "yes_no":
        return [True, False]
    if node.kind == "choice":
        return [o.value for o in node.options]
    if node.kind == "several":
        return [[o.value] for o in node.options] if not node.examples else _parsed(node, node.examples)
    return _parsed(node, node.examples)


def _parsed(node, raws) -> list:
    out = []
    for raw in raws:
        try:
            out.append(parse_answer(node, raw))
        except AnswerError:
            continue  # an example the step refuses: the graph check and the tests name it
    return out


def before(loaded: LoadedFlow, reach: dict[str, frozenset[str]]) -> dict[str, set[str]]:
    """For each node, the nodes that can come before it on some path (itself, if in a loop)."""
    out: dict[str, set[str]] = {node_id: set() for node_id in loaded.flow.nodes}
    for source, ahead in reach.items():
        for target in ahead:
            if target != source and target in out:
                out[target].add(source)
    for node_id, ahead in reach.items():
        if any(node_id in reach.get(other, ()) for other in ahead if other != node_id):
            out[node_id].add(node_id)  # a loop comes back here
    return out


class _Sampler:
    """Sample answers and results, and the context each node sees."""

    def __init__(self, loaded: LoadedFlow, engine: Engine, problems: Problems):
        self.loaded = loaded
        self.flow = loaded.flow
        self.engine = engine
        self.problems = problems
        self.before = before(loaded, engine.reach)
        self.options = {n: candidates(node) for n, node in self.flow.nodes.items() if isinstance(node, (Question, Info, Checklist))}
        self.answers = {n: values[0] for n, values in self.options.items() if values}
        self.results: dict[str, object] = {}
        self._running: set[str] = set()
        self._contexts: dict[tuple, dict] = {}  # kept only once every sample is chosen
        self.failed: set[str] = set()  # results whose calculation was reported as failing

    def context(self, node_id: str, own: bool = False) -> dict:
        """What a node's texts and conditions see; ``own`` adds the node's own answer."""
        key = (node_id, own)
        if key not in self._contexts:
            self._contexts[key] = self._context(node_id, own)
        return self._contexts[key]

    def _context(self, node_id: str, own: bool) -> dict:
        seen = self.before[node_id] | ({node_id} if own else set())
        answers = {n: v for n, v in self.answers.items() if n in seen}
        results = {}
        for other in seen:
            node = self.flow.nodes[other]
            if isinstance(node, Calculate):
                result = self.result(other)
                if result is not None:
                    results[node.store] = result
        return {**self.engine._helpers, "answers": answers, "results": results, "prefilled": {}}

    def choose_accepted(self) -> None:
        """Each question's sample becomes the first of its examples its own rules accept."""
        for node_id, node in self.flow.nodes.items():
            if not isinstance(node, Question) or not node.must or len(self.options.get(node_id, [])) < 2:
                continue
            for value in self.options[node_id]:
                self.answers[node_id] = value
                self._contexts.clear()
                if self._accepted(node_id, node):
                    break
            else:
                self.answers[node_id] = self.options[node_id][0]
            self._contexts.clear()

    def _accepted(self, node_id: str, node: Question) -> bool:
        context = self.context(node_id, own=True)
        try:
            return all(evaluate(rule.rule, context) for rule in node.must)
        except ExpressionError:
            return True  # reported when the rules are worked out below

    def result(self, node_id: str):
        """The calculation's result with the sample answers (run once), or None if it cannot run."""
        if node_id in self.results:
            return self.results[node_id]
        if node_id in self._running:
            return None
        self._running.add(node_id)
        self.results[node_id] = self._calculate(node_id, self.flow.nodes[node_id])
        self._running.discard(node_id)
        return self.results[node_id]

    def _calculate(self, node_id: str, node: Calculate):
        """Run the calculator with the samples (and their variations); a failure is reported
        only when no real way through the flow runs it either (``_on_a_real_way``)."""
        failure: tuple[tuple, str] | None = None
        for answers in self._variations(node_id, node):
            result, failure = self._try(node_id, node, answers)
            if failure is None:
                return result
            if failure[0] != ("inputs",):
                break  # not a refusal of these answers: another example will not help
        found = self._on_a_real_way(node_id, node)
        if found is not None:
            return found
        self._error(node_id, *failure)
        self.failed.add(node.store)
        return None

    def _try(self, node_id: str, node: Calculate, answers: dict) -> tuple[object, tuple[tuple, str] | None]:
        """(result, None), or (None, (key path, message)) when the calculation cannot run."""
        saved, self.answers = self.answers, answers
        try:
            context = self._context(node_id, False)
            inputs = {}
            for key, source in node.inputs.items():
                try:
                    inputs[key] = evaluate(source, context)
                except ExpressionError as exc:
                    return None, (("inputs", key), f"node '{node_id}': input '{key}' cannot be worked out with the example answers: {exc}")
            try:
                return self.engine.calculate(node.calculator, inputs, self.engine.rates, self.engine.on), None
            except _REFUSED as exc:
                return None, (("inputs",), f"node '{node_id}': calculator '{node.calculator}' refuses every example answer: {exc}")
            except (LookupError, TypeError) as exc:  # an input of the wrong kind, say
                return None, (("calculator",), f"node '{node_id}': calculator '{node.calculator}': {exc}")
        finally:
            self.answers = saved

    def _on_a_real_way(self, node_id: str, node: Calculate):
        """The result a caller's answers give on a real way through the calculation, or None."""
        from guidance.flows.engine import FlowRunError
        from guidance.flows.paths import PathError, arrive

        for route in node.next:
            try:
                state = arrive(self.engine, route.goto)
            except (PathError, FlowRunError, *_REFUSED):
                return None
            if state is not None and node_id in state.trail and node.store in state.results:
                return state.results[node.store]
        return None

    def _variations(self, node_id: str, node: Calculate) -> Iterator[dict]:
        """The samples, then each other example of an answer the inputs read, one at a time."""
        yield dict(self.answers)
        read = {name for source in node.inputs.values() for name in _answer_names(source)}
        for name in sorted(read & set(self.options)):
            for value in self.options[name][1:]:
                yield {**self.answers, name: value}

    def _error(self, node_id: str, keys: tuple, message: str) -> None:
        self.problems.error(self.loaded.path, self.loaded.node_line(node_id, *keys), message)


def _answer_names(source: str) -> set[str]:
    import re

    return set(re.findall(r"answers\.(\w+)", str(source)))


def _texts(node) -> Iterator[tuple[tuple, str, bool, str | None]]:
    """(key path, template, whether it sees the node's own answer, the 'when' that guards it)."""
    if node.title:
        yield ("title",), node.title, False, None
    yield ("text",), node.text, False, None
    if isinstance(node, Question):
        if node.help:
            yield ("help",), node.help, False, None
        if node.example:
            yield ("example",), node.example, False, None
        for index, rule in enumerate(node.must):
            yield ("must", index, "message"), rule.message, True, None
    if isinstance(node, Checklist):
        for index, item in enumerate(node.items):
            yield ("items", index, "text"), item.text, False, item.when
    if isinstance(node, Outcome):
        for index, step in enumerate(node.next_steps):
            yield ("next_steps", index), step.text, False, step.when
        for index, entry in enumerate(node.timeline):
            yield ("timeline", index, "text"), entry.text, False, entry.when


def _conditions(node) -> Iterator[tuple[tuple, str, bool, str | None]]:
    """(key path, expression, whether it sees the node's own answer, the 'when' that guards it)."""
    for index, route in enumerate(getattr(node, "next", [])):
        if route.when:
            yield ("next", index, "when"), route.when, True, None
    if isinstance(node, Question):
        for index, rule in enumerate(node.must):
            yield ("must", index, "rule"), rule.rule, True, None
    if isinstance(node, Checklist):
        for index, item in enumerate(node.items):
            if item.when:
                yield ("items", index, "when"), item.when, False, None
    if isinstance(node, Outcome):
        for index, step in enumerate(node.next_steps):
            if step.when:
                yield ("next_steps", index, "when"), step.when, False, None
        for index, entry in enumerate(node.timeline):
            if entry.when:
                yield ("timeline", index, "when"), entry.when, False, None
            yield ("timeline", index, "date"), entry.date, False, entry.when


_LISTS = {"must": "rule", "next": "route", "items": "item", "next_steps": "next step", "timeline": "timeline entry"}
_FIELDS = {"when": "condition", "message": "message", "text": "text", "date": "date"}


def _named(keys: tuple) -> str:
    """A key path as a person reads it: ('next', 0, 'when') -> 'condition of route 1'."""
    if len(keys) == 1:
        return keys[0]
    thing = f"{_LISTS.get(keys[0], keys[0])} {keys[1] + 1}"
    field = _FIELDS.get(keys[2]) if len(keys) > 2 else None
    return f"{field} of {thing}" if field else thing


def check_static(loaded: LoadedFlow, rates, on: dt.date, problems: Problems, calculate=None) -> None:
    """Render every text and work out every condition of ``loaded`` once, with sample answers.

    Each failure is an error at the line of the text or condition, naming the node. A failure
    with the samples is confirmed on a real way to the node (``paths.arrive``: answers that
    lead there, as a caller would give them) before it is reported, so a text that needs an
    answer only its own branch gives is not blamed. Assumes the graph checks found no errors.
    """
    engine = Engine(loaded.flow, rates, on, calculate)
    sampler = _Sampler(loaded, engine, problems)
    sampler.choose_accepted()
    for node_id, node in loaded.flow.nodes.items():
        if isinstance(node, Calculate):
            sampler.result(node_id)
            continue
        failures = [f for f in _run_node(node_id, node, rates, on, sampler.context) if not _follows(f[2], sampler.failed)]
        if failures:
            failures = _confirm(engine, node_id, node, sampler, failures)
        for keys, message, _ in failures:
            sampler._error(node_id, keys, message)


def _follows(source: str, failed: set[str]) -> bool:
    """True when ``source`` reads a result whose calculation was already reported as failing."""
    from guidance.flows.expressions import expression_refs, template_refs

    if not failed:
        return False
    try:
        refs = template_refs(source) if ("{{" in source or "{%" in source) else expression_refs(source)
    except Exception:  # noqa: BLE001 - a source that does not compile is reported by the graph check
        return False
    return bool(refs.results & failed)


def _run_node(node_id: str, node, rates, on: dt.date, context, guarded: bool = False) -> list[tuple[tuple, str, str]]:
    """(key path, message, source) for each text or condition of ``node`` that fails in ``context``.

    ``guarded=False`` (the samples) renders a text even when its 'when' does not hold, so
    every text is rendered; ``guarded=True`` (a real way there) only what a caller would see.
    """
    failures = []

    def shown(guard: str | None, own: bool) -> bool:
        if not guarded or guard is None:
            return True
        try:
            return bool(evaluate(guard, context(node_id, own)))
        except ExpressionError:
            return False  # the guard's own failure is reported as a condition

    for keys, source, own, guard in _texts(node):
        if not shown(guard, own):
            continue
        try:
            render_text(source, rates, on, context(node_id, own))
        except ExpressionError as exc:
            failures.append((keys, f"node '{node_id}': the {_named(keys)} does not render with the example answers: {exc}", source))
    for keys, source, own, guard in _conditions(node):
        if not shown(guard, own):
            continue
        try:
            evaluate(source, context(node_id, own))
        except ExpressionError as exc:
            failures.append((keys, f"node '{node_id}': the {_named(keys)} cannot be worked out with the example answers: {exc}", source))
    return failures


def _confirm(engine: Engine, node_id: str, node, sampler: _Sampler, failures: list) -> list:
    """The failures that remain when the node is reached the way a caller would reach it."""
    from guidance.flows.engine import FlowRunError
    from guidance.flows.paths import PathError, arrive

    try:
        state = arrive(engine, node_id)
    except (PathError, FlowRunError, *_REFUSED):
        return failures
    if state is None:
        return failures  # the examples never lead here: the samples are all there is

    def context(_node_id: str, own: bool) -> dict:
        found = engine.context(state)
        if own and node_id in sampler.answers:
            found = {**found, "answers": {**found["answers"], node_id: sampler.answers[node_id]}}
        return found

    return _run_node(node_id, node, engine.rates, engine.on, context, guarded=True)
