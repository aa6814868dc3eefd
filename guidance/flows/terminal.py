"""Running a session in a terminal: one prompt a step, typed answers, back, quit and resume.

Reads lines from any text stream, so the same loop serves a person at a keyboard and a script
feeding answers (the resume-after-kill test drives it that way). Every step is saved by the
session before the next prompt is shown.
"""

from __future__ import annotations

from typing import TextIO

from guidance.flows.answers import AnswerError, display
from guidance.flows.expressions import ExpressionError, render_text
from guidance.flows.prefill import note
from guidance.flows.schema import Checklist, Info, Question
from guidance.flows.session import Session

HELP = ("Commands: 'back' goes to the previous question, 'safeguarding' (or 'abuse') if someone may be at "
        "risk of abuse or neglect, 'quit' stops here (everything is saved; resume later).")
BACK = {"back", "b"}
QUIT = {"quit", "q", "exit"}
SAFEGUARDING = {"abuse", "neglect", "safeguarding", "harm"}


def _say(out: TextIO, text: str = "") -> None:
    out.write(text + "\n")
    out.flush()


def _text(session: Session, source: str) -> str:
    try:
        return render_text(source, session.engine.rates, session.engine.on, session.engine.context(session.state)).strip()
    except ExpressionError as exc:
        return f"(this text cannot be shown: {exc})"


def show_step(session: Session, out: TextIO) -> None:
    node = session.node
    _say(out)
    _say(out, _text(session, node.text))
    if isinstance(node, Question):
        help_text = _text(session, node.help) if node.help else ""
        if help_text:
            _say(out, help_text)
        for number, option in enumerate(node.options, start=1):
            _say(out, f"  {number}. {option.label}")
        hints = {
            "yes_no": "Answer yes or no.",
            "several": "Type the numbers that apply, e.g. 1,3 (or 'none').",
            "date": "Type a date as day/month/year or year-month-day.",  # a pattern: a fixed date would not fit the case
            "money": "Type an amount in pounds, e.g. 12.50.",
        }
        if node.kind == "list":
            from guidance.kinds import list_kind

            said = list_kind(node.list_of).hint.partition(", e.g. ")[0]
            _say(out, f"Type {said}, e.g. {_text(session, node.example)}." if node.example else f"Type {said}.")
        elif node.example:
            _say(out, f"For example: {_text(session, node.example)}.")
        elif node.kind in hints:
            _say(out, hints[node.kind])
    elif isinstance(node, Checklist):
        items = session.engine.applicable_items(session.current, session.state)
        texts = {item.id: item.text for item in node.items}
        for number, item_id in enumerate(items, start=1):
            _say(out, f"  {number}. {_text(session, texts[item_id])}")
        _say(out, "Type the numbers of the items already done, e.g. 1,3 (Enter for none).")
    elif isinstance(node, Info):
        _say(out, "Press Enter to continue.")
    if node.pages:
        _say(out, "Read more: " + ", ".join(f"page:{p}" for p in node.pages))
    kept = session.kept_answer()
    source = note(session.state.prefill, node, session.current, kept)
    if kept is not None and source and not isinstance(node, Info):
        _say(out, f"(Filled {source}: {display(node, kept)}. Enter keeps it, or type another answer.)")
    elif kept is not None and session.to_confirm() and not isinstance(node, Info):
        _say(out, f"(An earlier answer changed, so check this one. Enter keeps it: {display(node, kept)})")
    elif kept is not None and not isinstance(node, Info):
        _say(out, f"(Enter keeps your earlier answer: {display(node, kept)})")


def interact(session: Session, inp: TextIO, out: TextIO) -> bool:
    """Ask until the flow reaches an outcome (True) or the person stops (False)."""
    _say(out, HELP)
    while not session.finished:
        show_step(session, out)
        out.write("> ")
        out.flush()
        line = inp.readline()
        if not line:
            _say(out)
            return False
        text = line.strip()
        command = text.lower()
        try:
            if command in QUIT:
                return False
            if command in BACK:
                session.back()
                continue
            if command in SAFEGUARDING:
                session.safeguarding()
                continue
            if command in ("help", "?"):
                _say(out, HELP)
                continue
            kept = session.kept_answer()
            if not text and kept is not None:
                session.answer(kept)
            elif not text and isinstance(session.node, Checklist):
                session.answer([])
            else:
                session.answer(text if text or isinstance(session.node, Info) else "")
        except AnswerError as exc:
            _say(out, f"Sorry: {exc}.")
    return True
