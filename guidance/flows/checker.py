"""The static checker: everything wrong with a flow, each with its file and line.

It looks for unknown targets, unreachable nodes, dead ends, loops with no way out, unknown
pages, calculators and letters, expressions and texts that do not compile, answers that no node
gives, open questions without examples, and a missing or broken safeguarding exit. When the
flow is sound, ``guidance flow check`` also runs every path (``check_paths``), so a text that
fails on some answers is caught before a caller meets it; ``guidance content check`` renders each
text once instead (``static.check_static``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from guidance.content.settings import DEFAULT_SAFEGUARDING_PAGE
from guidance.flows.expressions import ALL, ExpressionError, check_template, compile_expression, expression_refs, template_refs
from guidance.flows.graph import cycles, reachable, reaches_outcome, successors
from guidance.flows.loader import LoadedFlow
from guidance.flows.schema import OPEN_KINDS, Calculate, Checklist, Info, Outcome, Question
from guidance.problems import Problems


@dataclass
class Known:
    """What flows may refer to. ``None`` means "cannot tell here", and that check is skipped."""

    pages: set[str] | None = None
    calculators: dict[str, tuple[set[str], set[str]]] | None = None  # name -> (inputs, required)
    letters: set[str] | None = None
    #: The page a safeguarding exit must lead to (content/settings.yaml).
    safeguarding_page: str = DEFAULT_SAFEGUARDING_PAGE


def letter_ids(content_dir: Path) -> set[str] | None:
    """Letter template ids, or None when there are no templates yet."""
    folder = Path(content_dir) / "letters"
    if not folder.is_dir():
        return None
    ids = {p.stem for p in folder.glob("*.md") if not p.name.startswith((".", "_"))}
    return ids or None


def calculator_names() -> dict[str, tuple[set[str], set[str]]]:
    """Each calculator's inputs and required inputs."""
    from guidance.calculators.registry import CALCULATORS

    return {name: (set(c.inputs), set(c.required)) for name, c in CALCULATORS.items()}


def check_flow(loaded: LoadedFlow, known: Known, problems: Problems, references: bool = True) -> None:
    """Add every static problem with ``loaded`` to ``problems``.

    ``references=False`` leaves out pages and letters: those are written by other people on
    their own schedule, and a missing one must not stop the flow being run or tested.
    """
    checker = _Checker(loaded, known, problems)
    checker.run()
    if references:
        checker.references_outside()


def check_references(loaded: LoadedFlow, known: Known, problems: Problems) -> None:
    """Only the pages and letters a flow names."""
    _Checker(loaded, known, problems).references_outside()


class _Checker:
    def __init__(self, loaded: LoadedFlow, known: Known, problems: Problems):
        self.loaded = loaded
        self.flow = loaded.flow
        self.known = known
        self.problems = problems
        self.path = loaded.path
        self.stores = {n.store for n in self.flow.nodes.values() if isinstance(n, Calculate)}

    def error(self, line, message):
        self.problems.error(self.path, line, message)

    def warning(self, line, message):
        self.problems.warning(self.path, line, message)

    def run(self) -> None:
        self.targets()
        self.shape()
        self.safeguarding()
        for node_id, node in self.flow.nodes.items():
            self.routes(node_id, node)
            self.expressions(node_id, node)
            self.references(node_id, node)
            self.examples(node_id, node)
        self.calculators()
        self.prefill()
        self.described()

    def references_outside(self) -> None:
        self.pages()
        self.letters()

    # -- structure ----------------------------------------------------------------------------
    def targets(self) -> None:
        if self.flow.start not in self.flow.nodes:
            self.error(self.loaded.line("start"), f"start node '{self.flow.start}' does not exist")
        for node_id, node in self.flow.nodes.items():
            for index, route in enumerate(getattr(node, "next", [])):
                if route.goto not in self.flow.nodes:
                    self.error(self.loaded.node_line(node_id, "next", index, "goto"), f"node '{node_id}' goes to unknown node '{route.goto}'")

    def routes(self, node_id, node) -> None:
        routes = getattr(node, "next", [])
        if not routes:
            return
        if routes[-1].when is not None:
            self.error(self.loaded.node_line(node_id, "next"), f"dead end: node '{node_id}' has nowhere to go when no condition holds; end 'next' with a {{goto: ...}} that has no 'when'")
        for index, route in enumerate(routes[:-1]):
            if route.when is None:
                self.warning(self.loaded.node_line(node_id, "next", index), f"node '{node_id}': routes after a default (no 'when') are never taken")
                break

    def shape(self) -> None:
        succ = successors(self.flow)
        starts = [self.flow.start] + ([self.flow.safeguarding] if self.flow.safeguarding else [])
        seen = reachable(succ, starts)
        for node_id in self.flow.nodes:
            if node_id not in seen and self.flow.start in self.flow.nodes:
                self.error(self.loaded.node_line(node_id), f"node '{node_id}' can never be reached from the start")
        good = reaches_outcome(self.flow, succ)
        in_loop = set()
        for group in cycles(succ):
            if group & good:
                continue
            in_loop |= group
            first = next(n for n in self.flow.nodes if n in group)
            members = ", ".join(n for n in self.flow.nodes if n in group)
            self.error(self.loaded.node_line(first), f"loop with no way out: {members} go round and never reach an outcome")
        for node_id in self.flow.nodes:
            if node_id in good or node_id in in_loop or node_id not in seen:
                continue
            if any(t not in self.flow.nodes for t in succ[node_id]) and all(t not in good for t in succ[node_id]):
                continue  # already reported as an unknown target
            self.error(self.loaded.node_line(node_id), f"dead end: no outcome can be reached from node '{node_id}'")

    def described(self) -> None:
        """A flow offered to recipients says what it is for in words written to them."""
        if "recipient" in self.flow.audience and not self.flow.description_recipient:
            self.warning(self.loaded.line("description") or self.loaded.line("audience"),
                         "a flow for recipients needs 'description_recipient': what it is for, written to the "
                         "recipient ('you', 'your PA'), shown to them in place of 'description'")

    def safeguarding(self) -> None:
        target = self.flow.safeguarding
        if not target:
            self.error(self.loaded.line("id"), f"no safeguarding exit: add 'safeguarding: <node>' leading to an outcome with the page '{self.known.safeguarding_page}', so a caller who raises abuse or neglect can leave at any step")
            return
        if target not in self.flow.nodes:
            self.error(self.loaded.line("safeguarding"), f"safeguarding exit '{target}' is not a node")
            return
        ahead = reachable(successors(self.flow), [target])
        page = self.known.safeguarding_page
        if not any(isinstance(self.flow.nodes[n], Outcome) and page in self.flow.nodes[n].pages for n in ahead):
            self.error(self.loaded.line("safeguarding"), f"the safeguarding exit '{target}' must lead to an outcome that lists the page '{page}'")

    # -- expressions ---------------------------------------------------------------------------
    def _sources(self, node_id, node):
        """(kind, source, key path) for every expression and template in the node."""
        yield "template", node.text, ("text",)
        if node.title:
            yield "template", node.title, ("title",)
        for index, route in enumerate(getattr(node, "next", [])):
            if route.when:
                yield "expression", route.when, ("next", index, "when")
        if isinstance(node, Question):
            if node.help:
                yield "template", node.help, ("help",)
            if node.example:
                yield "template", node.example, ("example",)
            for index, rule in enumerate(node.must):
                yield "expression", rule.rule, ("must", index, "rule")
                yield "template", rule.message, ("must", index, "message")
        if isinstance(node, Checklist):
            for index, item in enumerate(node.items):
                yield "template", item.text, ("items", index, "text")
                if item.when:
                    yield "expression", item.when, ("items", index, "when")
        if isinstance(node, Calculate):
            for key, source in node.inputs.items():
                yield "expression", source, ("inputs", key)
        if isinstance(node, Outcome):
            for index, step in enumerate(node.next_steps):
                yield "template", step.text, ("next_steps", index)
                if step.when:
                    yield "expression", step.when, ("next_steps", index, "when")
            for field, source in node.letter_values.items():
                yield "expression", source, ("letter_values", field)
            for index, entry in enumerate(node.timeline):
                yield "expression", entry.date, ("timeline", index, "date")
                yield "template", entry.text, ("timeline", index, "text")
                if entry.when:
                    yield "expression", entry.when, ("timeline", index, "when")

    def expressions(self, node_id, node) -> None:
        for kind, source, keys in self._sources(node_id, node):
            try:
                if kind == "expression":
                    compile_expression(source)
                else:
                    check_template(source)
            except ExpressionError as exc:
                self.error(self.loaded.node_line(node_id, *keys), f"node '{node_id}': {exc}")

    def references(self, node_id, node) -> None:
        answerable = {n for n, other in self.flow.nodes.items() if isinstance(other, (Question, Checklist, Info))}
        for kind, source, keys in self._sources(node_id, node):
            try:
                refs = expression_refs(source) if kind == "expression" else template_refs(source)
            except Exception:  # noqa: BLE001 - compile errors are reported by expressions()
                continue
            line = self.loaded.node_line(node_id, *keys)
            for name in sorted(refs.answers - {ALL}):
                if name not in self.flow.nodes:
                    self.error(line, f"node '{node_id}': 'answers.{name}' names no node of this flow")
                elif name not in answerable:
                    self.error(line, f"node '{node_id}': node '{name}' takes no answer (use 'results' for calculations)")
            for name in sorted(refs.results - {ALL}):
                if name not in self.stores:
                    self.error(line, f"node '{node_id}': 'results.{name}' is stored by no calculate node")

    def examples(self, node_id, node) -> None:
        if isinstance(node, Question) and node.kind in OPEN_KINDS and not node.examples:
            self.error(self.loaded.node_line(node_id, "kind"), f"node '{node_id}': a {node.kind} question needs 'examples' (answers used to run every path in the tests)")

    def prefill(self) -> None:
        """Each prefilled answer: a known source, a question of this flow, a field that fits it."""
        from guidance.flows.prefill import SOURCES, source

        for name, rules in self.flow.prefill.items():
            found = source(name)
            if found is None:
                self.error(self.loaded.line("prefill", name), f"prefill: unknown source '{name}' (known: {', '.join(sorted(SOURCES))})")
                continue
            for node_id, rule in rules.items():
                line = self.loaded.line("prefill", name, node_id)
                node = self.flow.nodes.get(node_id)
                if not isinstance(node, Question):
                    what = "names no question of this flow" if node is None else "is not a question"
                    self.error(line, f"prefill: '{node_id}' {what}{_near(node_id, self.flow)}")
                    continue
                if rule.field is None:
                    self._prefill_value(node_id, node, rule, line)
                else:
                    self._prefill_field(found, node_id, node, rule, line)

    def _prefill_value(self, node_id, node, rule, line) -> None:
        from guidance.flows.answers import AnswerError, parse_answer

        try:
            parse_answer(node, rule.value)
        except AnswerError as exc:
            self.error(line, f"prefill: the fixed answer for '{node_id}' does not fit it: {exc}")

    def _prefill_field(self, found, node_id, node, rule, line) -> None:
        field = found.fields.get(rule.field)
        if field is None:
            self.error(line, f"prefill: {found.label} has no field '{rule.field}' (fields: {', '.join(sorted(found.fields))})")
            return
        if field.is_list:
            self._prefill_map(found, node_id, node, rule, field, line)
        elif rule.map is None and node.kind not in field.kinds:
            self.error(line, f"prefill: '{rule.field}' cannot fill the {node.kind} question '{node_id}' (it fills {' or '.join(field.kinds)})")
        elif rule.map is not None:
            self._prefill_map(found, node_id, node, rule, field, line)

    def _prefill_map(self, found, node_id, node, rule, field, line) -> None:
        if node.kind != "several" and field.is_list:
            self.error(line, f"prefill: '{rule.field}' is a list: it fills a 'several' question, not the {node.kind} question '{node_id}'")
            return
        if rule.map is None:
            self.error(line, f"prefill: '{rule.field}' needs a 'map' from its values to the options of '{node_id}'")
            return
        options = {o.value for o in node.options} | ({"yes", "no"} if node.kind == "yes_no" else set())
        for key, value in rule.map.items():
            if field.is_list and key not in field.values:
                self.error(self.loaded.line("prefill", found.name, node_id, "map", key) or line,
                           f"prefill: '{key}' is not a value of '{rule.field}' (values: {', '.join(field.values)})")
            if value is not None and options and value not in options:
                self.error(self.loaded.line("prefill", found.name, node_id, "map", key) or line,
                           f"prefill: '{value}' is not an option of '{node_id}' (options: {', '.join(sorted(options))})")
        for value in field.values:
            if value not in rule.map:
                self.warning(self.loaded.line("prefill", found.name, node_id, "map") or line,
                             f"prefill: '{rule.field}' can hold '{value}', which the map leaves out: map it to an option of '{node_id}', or to ~ to leave it out")

    # -- references to the rest of the product -------------------------------------------------
    def pages(self) -> None:
        if self.known.pages is None:
            return
        for node_id, node in self.flow.nodes.items():
            for index, page in enumerate(node.pages):
                if page not in self.known.pages:
                    self.error(self.loaded.node_line(node_id, "pages", index), f"node '{node_id}': unknown page '{page}'")
            for index, item in enumerate(getattr(node, "items", [])):
                if item.page and item.page not in self.known.pages:
                    self.error(self.loaded.node_line(node_id, "items", index, "page"), f"node '{node_id}' item '{item.id}': unknown page '{item.page}'")

    def calculators(self) -> None:
        if self.known.calculators is None:
            return
        for node_id, node in self.flow.nodes.items():
            if not isinstance(node, Calculate):
                continue
            if node.calculator not in self.known.calculators:
                names = ", ".join(sorted(self.known.calculators))
                self.error(self.loaded.node_line(node_id, "calculator"), f"node '{node_id}': unknown calculator '{node.calculator}' (known: {names})")
                continue
            inputs, required = self.known.calculators[node.calculator]
            for key in node.inputs:
                if key not in inputs:
                    self.error(self.loaded.node_line(node_id, "inputs", key), f"node '{node_id}': calculator '{node.calculator}' takes no input '{key}' (it takes {', '.join(sorted(inputs))})")
            for key in sorted(required - set(node.inputs)):
                self.error(self.loaded.node_line(node_id, "inputs"), f"node '{node_id}': calculator '{node.calculator}' needs the input '{key}'")

    def letters(self) -> None:
        offered = [(n, i, letter) for n, node in self.flow.nodes.items() if isinstance(node, Outcome) for i, letter in enumerate(node.letters)]
        if not offered:
            return
        if self.known.letters is None:
            node_id, index, _ = offered[0]
            self.warning(self.loaded.node_line(node_id, "letters", index), "letter templates not found: the letters offered cannot be checked yet")
            return
        for node_id, index, letter in offered:
            if letter not in self.known.letters:
                self.error(self.loaded.node_line(node_id, "letters", index), f"node '{node_id}': unknown letter '{letter}'")


def _near(name: str, flow) -> str:
    from guidance.content.suggest import did_you_mean

    return did_you_mean(name, [n for n, node in flow.nodes.items() if isinstance(node, Question)])


_NODE_IN_MESSAGE = re.compile(r"node '([a-z][a-z0-9_]*)'")


def check_paths(loaded: LoadedFlow, rates, on: dt.date, problems: Problems, calculate=None) -> int:
    """Run every path of the flow (``guidance flow check``); report the first failure at its
    node's line. Returns the path count. ``guidance content check`` uses ``static.check_static``.
    """
    from guidance.flows.engine import Engine, FlowRunError
    from guidance.flows.paths import PathError, enumerate_paths

    try:
        engine = Engine(loaded.flow, rates, on, calculate)
        paths = enumerate_paths(engine)
        reached = {path.outcome for path in paths}
    except (FlowRunError, PathError) as exc:
        match = _NODE_IN_MESSAGE.search(str(exc))
        line = loaded.node_line(match.group(1)) if match and match.group(1) in loaded.flow.nodes else loaded.line("nodes")
        problems.error(loaded.path, line, f"running the paths: {exc}")
        return 0
    for node_id, node in loaded.flow.nodes.items():
        if isinstance(node, Outcome) and node_id not in reached:
            problems.error(loaded.path, loaded.node_line(node_id), f"outcome '{node_id}' is reached by no path when the flow is run with its examples (add examples that lead here)")
    return len(paths)
