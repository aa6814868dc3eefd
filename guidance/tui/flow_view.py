"""What the flow wizard shows, worked out from a flow session (no Textual here).

The screen asks for a ``Step`` and gives answers back; this module turns the engine's nodes,
answers and reports into text, options and defaults, and turns answer errors into messages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from guidance.content.formatting import long_date, money
from guidance.flows.answers import AnswerError
from guidance.flows.engine import INTERACTIVE, Engine, FlowRunError
from guidance.flows.graph import successors
from guidance.flows.outcome import build_report, transcript
from guidance.flows.prefill import note
from guidance.flows.schema import Calculate, Checklist, Info, Outcome, Question
from guidance.flows.session import Session
from guidance.kinds import list_kind, list_text

#: What each kind of answer takes; no example number or amount, which would not fit every question
#: (an age, a count of weeks, an hourly rate, a weekly cost).
_PLACEHOLDERS = {"date": "a date, e.g. 1/4/2026", "money": "an amount in pounds", "number": "a number", "text": ""}


@dataclass
class Step:
    node_id: str
    kind: str  # a question kind, or info, checklist, outcome
    text: str
    help: str | None = None
    options: list[tuple[str, str]] = field(default_factory=list)
    default: object = None
    pages: list[tuple[str, str]] = field(default_factory=list)
    letters: list[tuple[str, str]] = field(default_factory=list)
    report_markdown: str = ""
    progress_done: int = 0
    progress_total: int = 1
    #: Where the offered answer came from ("from account audit N"), or None.
    source: str | None = None
    #: True when the offered answer rests on an earlier answer that changed: check it again.
    recheck: bool = False

    @property
    def finished(self) -> bool:
        return self.kind == "outcome"

    #: For a list question: the kind of list ("dated-amounts"), else None.
    list_of: str | None = None
    #: The question's own example, filled from the case's answers (its ``example:``), else None.
    example: str | None = None

    @property
    def placeholder(self) -> str:
        if self.example:  # fits the case: paydays before the sickness, not a fixed date
            return f"e.g. {self.example}"
        if self.list_of:
            return f"e.g. {list_kind(self.list_of).hint.split('e.g. ', 1)[-1]}"
        return _PLACEHOLDERS.get(self.kind, "")

    @property
    def default_text(self) -> str:
        """The offered answer as it would be typed (so Enter gives it back unchanged)."""
        value = self.default
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return long_date(value)  # day first, in words, as the app writes dates; read back as typed
        if self.kind == "list":
            return list_text(value)
        return str(value)

    @property
    def default_option(self) -> str | None:
        """The option value the offered answer picks (a yes/no answer is kept as True/False)."""
        if self.kind == "yes_no" and isinstance(self.default, bool):
            return "yes" if self.default else "no"
        return self.default if isinstance(self.default, str) else None

    @property
    def progress_text(self) -> str:
        if self.finished:
            return "done"
        return f"step {self.progress_done + 1} of up to {self.progress_total}"


class FlowView:
    def __init__(self, services, loaded, session: Session):
        self.services = services
        self.loaded = loaded
        self.session = session
        self.note = session.note
        self._succ = successors(loaded.flow)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def start(cls, services, flow_id: str, label: str | None = None, from_audit: str | None = None,
              mode: str = "officer") -> "FlowView":
        """A new session; ``label`` is a checked reference (the call's), never a name. ``mode``:
        the app's mode ("officer" or "recipient"), kept with the session so it is offered back
        only in that mode.
        ``from_audit``: a recorded account audit's id, whose figures fill the answers the flow
        names in its ``prefill`` (raises PrefillError if it names none, UnknownAudit if there
        is no such audit); the session is then labelled with the audit's reference, not ``label``."""
        loaded = services.flows()[flow_id]
        engine = Engine(loaded.flow, services.base.rates, services.today)
        prefill = None
        if from_audit is not None:
            from guidance.flows.prefill import fill, source_values
            from guidance.records.accounts import UnknownAudit

            try:
                record = services.account_store().get(from_audit)
            except UnknownAudit:
                raise LookupError(f"account audit {from_audit} is not in the records") from None
            prefill = fill(loaded.flow, "account_audit", record.id, source_values("account_audit", record))
            label = record.reference  # the audit's person's session, whatever call is open (``own_reference``)
        session = Session.start(engine, services.store(), services.base.manifest.release, label, prefill, mode=mode)
        view = cls(services, loaded, session)
        if prefill is not None:
            view.note = _prefill_note(loaded.flow, prefill)
        return view

    @classmethod
    def resume(cls, services, session_id: str) -> "FlowView":
        record = services.store().get(session_id)
        loaded = services.flows()[record.flow_id]
        engine = Engine(loaded.flow, services.base.rates, record.on)
        session = Session.resume(engine, services.store(), session_id, services.base.manifest.release)
        return cls(services, loaded, session)

    # -- facts -----------------------------------------------------------------------------

    @property
    def title(self) -> str:
        return self.loaded.flow.title

    @property
    def flow_id(self) -> str:
        return self.loaded.flow.id

    @property
    def version(self) -> int:
        return self.loaded.flow.version

    @property
    def session_id(self) -> str:
        return self.session.id

    @property
    def own_reference(self) -> str | None:
        """The reference the session's source gives (the account audit it was started from), or
        None: decided as a letter's is (``app.source_reference``), so the review, its key dates
        and the letters made from it are all kept under the audit's reference."""
        from guidance.tui.app import source_reference

        prefill = self.session.state.prefill
        return source_reference(prefill.carried) if prefill is not None else None

    @property
    def finished(self) -> bool:
        return self.session.finished

    @property
    def can_go_back(self) -> bool:
        trail = self.session.state.trail
        return sum(1 for n in trail[:-1] if isinstance(self.session.engine.node(n), INTERACTIVE)) > 0

    # -- the step to show --------------------------------------------------------------------

    def step(self, changing: str | None = None) -> Step:
        engine, state = self.session.engine, self.session.state
        node_id = changing or state.current
        node = engine.node(node_id)
        text = engine.text(node.text, state)
        step = Step(node_id=node_id, kind=self._kind(node), text=text, pages=self._pages(node.pages))
        step.progress_done, step.progress_total = self._progress(node_id)
        step.recheck = node_id in state.confirm
        if isinstance(node, Outcome):
            step.progress_done = step.progress_total
        if isinstance(node, Question):
            step.help = engine.text(node.help, state) if node.help else None
            step.options = self._options(node)
            step.default = state.answers.get(node_id)
            step.list_of = node.list_of
            step.example = engine.text(node.example, state).strip() if node.example else None
            step.source = note(state.prefill, node, node_id, step.default)
        elif isinstance(node, Checklist):
            applicable = set(engine.applicable_items(node_id, state))
            step.options = [(item.id, engine.text(item.text, state)) for item in node.items if item.id in applicable]
            step.default = state.answers.get(node_id, [])
        elif isinstance(node, Outcome):
            report = build_report(engine, state, self.services.base, self.session.release)
            step.report_markdown = report_markdown(report)
            step.letters = [(letter_id, self.services.letter_title(letter_id)) for letter_id in report["letters"]]
            step.pages = [(p["id"], p["title"]) for p in report["pages"]]
        return step

    @staticmethod
    def _kind(node) -> str:
        if isinstance(node, Question):
            return node.kind
        return {Info: "info", Checklist: "checklist", Outcome: "outcome"}.get(type(node), "info")

    @staticmethod
    def _options(node: Question) -> list[tuple[str, str]]:
        if node.kind == "yes_no":
            return [("yes", "Yes"), ("no", "No")]
        return [(o.value, o.label) for o in node.options]

    def _pages(self, page_ids: list[str]) -> list[tuple[str, str]]:
        pages = self.services.base.pages
        return [(pid, pages[pid].meta.title) for pid in page_ids if pid in pages]

    def _progress(self, node_id: str) -> tuple[int, int]:
        """For the step ``node_id`` (the current one, or an earlier one being changed): the steps
        answered before it, and that plus the most steps still to come from it, itself included.
        Changing an earlier answer counts from that answer, never from the step the person left
        (at an outcome that read "step 11 of up to 11" after "step 10 of 10")."""
        engine, state = self.session.engine, self.session.state
        trail = state.trail
        at = len(trail) - 1 if node_id == state.current or node_id not in trail else len(trail) - 1 - trail[::-1].index(node_id)
        done = sum(1 for n in trail[:at] if isinstance(engine.node(n), INTERACTIVE))
        return done, done + max(1, self._steps_left(node_id))

    def _steps_left(self, start: str) -> int:
        """The most questions still to come on any route to an outcome (loops counted once), so
        progress never claims to be nearer the end than it is."""
        engine, safeguarding = self.session.engine, self.loaded.flow.safeguarding
        memo: dict[str, int] = {}

        def longest(node_id: str, visiting: frozenset) -> int:
            if node_id in memo:
                return memo[node_id]
            node = engine.node(node_id)
            if isinstance(node, Outcome):
                return 0
            ahead = [
                longest(nxt, visiting | {nxt})
                for nxt in self._succ.get(node_id, [])
                if nxt not in visiting and nxt != safeguarding
            ]
            memo[node_id] = (1 if isinstance(node, INTERACTIVE) else 0) + max(ahead, default=0)
            return memo[node_id]

        return longest(start, frozenset({start}))

    # -- moving ----------------------------------------------------------------------------

    def give(self, raw, changing: str | None = None) -> str | None:
        """Save an answer (or a changed earlier answer). A message if it does not fit.

        A changed answer keeps the later answers that do not rest on it; those that do (a "yes"
        to a weekly cost worked out from the old hourly rate) are asked again, each offered as
        given, to confirm or change (the engine decides which: ``Engine.change``).
        """
        from guidance.records.store import StoreError

        try:
            if changing:
                self.session.change(changing, raw)
            else:
                self.session.answer(raw)
        except AnswerError as exc:
            return _sentence(str(exc))
        except FlowRunError as exc:
            return f"This guided help has a problem: {exc}. Tell your team leader."
        except StoreError as exc:
            return f"This answer could not be saved: {exc}. Try again in a moment."
        return None

    def back(self) -> str | None:
        try:
            self.session.back()
        except AnswerError as exc:
            return _sentence(str(exc))
        return None

    def safeguarding(self) -> str | None:
        try:
            self.session.safeguarding()
        except FlowRunError as exc:
            return _sentence(str(exc))
        return None

    def earlier_answers(self) -> list[dict]:
        return transcript(self.session.engine, self.session.state)

    def transcript_text(self) -> str:
        rows = self.earlier_answers()
        lines = [f"• {row['question']}\n  {row['answer']}" + (f" ({row['source']})" if row.get("source") else "") for row in rows]
        for name, result in self.calculations():
            lines.append(f"• {name}\n  " + "\n  ".join(result))
        return "\n".join(lines) or "No answers yet."

    def calculations(self) -> list[tuple[str, list[str]]]:
        """Each calculation on the trail with how it was worked out."""
        engine, state = self.session.engine, self.session.state
        out = []
        for node_id in state.trail:
            node = engine.node(node_id)
            if isinstance(node, Calculate) and node.store in state.results:
                result = state.results[node.store]
                working = [str(line) for line in (result.get("working") or [])] if isinstance(result, dict) else []
                out.append((node.title or node.calculator, working or [str(result)]))
        return out


def _prefill_note(flow, prefill) -> str:
    """What the person is told when the session starts with answers filled from a source."""
    from guidance.words import counted

    one = len(prefill.answers) == 1
    text = (f"{counted(len(prefill.answers), 'answer')} {'is' if one else 'are'} filled from {prefill.origin}. Each is shown when its question "
            "comes: check it, then continue, or change it.")
    if prefill.left:
        names = ", ".join(flow.nodes[n].title or n for n in prefill.left)
        text += f" Not filled (give them yourself): {names}."
    return text


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def report_markdown(report: dict) -> str:
    """The outcome as Markdown: the answer, key dates, checklists, next steps, who can help."""
    lines = [f"## {report['title']}", "", report["summary"], ""]
    if report.get("figures_may_change"):
        lines += [f"> **Warning:** {report['figures_may_change']}", ""]
    for warning in report.get("unusual") or ():
        lines += [f"> **Check:** {warning}", ""]
    if report["timeline"]:
        lines += ["### Key dates", ""]
        lines += [f"- **{long_date(dt.date.fromisoformat(row['date']))}**: {row['text']}" for row in report["timeline"]]
        lines.append("")
    for checklist in report["checklists"]:
        done = sum(1 for item in checklist["items"] if item["done"])
        lines += [f"### {checklist['title']} ({done} of {len(checklist['items'])} done)", ""]
        for item in checklist["items"]:
            mark = "☑" if item["done"] else "☐"
            link = f" ([read more](page:{item['page']}))" if item["page"] else ""
            lines.append(f"- {mark} {item['text']}{link}")
        lines.append("")
    if report["next_steps"]:
        lines += ["### What to do next", ""]
        lines += [f"{n}. {step}" for n, step in enumerate(report["next_steps"], start=1)]
        lines.append("")
    if report["signposts"]:
        lines += ["### Who can help", ""]
        for sign in report["signposts"]:
            extra = " ".join(x for x in (sign.get("detail"), sign.get("phone"), sign.get("url")) if x)
            lines.append(f"- **{sign['name']}**" + (f": {extra}" if extra else ""))
        lines.append("")
    return "\n".join(lines)


def shown_value(value) -> str:
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, dt.date):
        return long_date(value)
    return str(value)
