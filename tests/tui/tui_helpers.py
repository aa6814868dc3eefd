"""Helpers for driving the app as a person would, with Pilot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guidance.tui.app import GuidanceApp

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def make_app():
    def make(build_index: bool = True, mode: str = "officer") -> GuidanceApp:
        return GuidanceApp(REPO, TODAY, mode=mode, build_index=build_index)

    return make


async def wait_ready(app, pilot, search: bool = True, tries: int = 3600) -> None:
    """Wait for the content (and the search index) to load in their worker: up to a few minutes,
    as a loaded CI machine may need, returning as soon as they are there."""
    for _ in range(tries):
        await pilot.pause(0.05)
        if app.services.base is not None and (not search or app.services.searcher is not None):
            await pilot.pause()
            return
    raise AssertionError("the app did not finish loading")


async def wait_for(pilot, condition, tries: int = 3600) -> None:
    """Wait up to a few minutes (slow machines) for ``condition``; fail if it never holds."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not met")


async def answer_current(screen, pilot) -> None:
    """Answer the step on screen (the current one, or an earlier one being changed), then continue.

    Choices take the first option; typed answers try the flow's example answers in turn until one
    is accepted, as a person would correct an answer the screen refused.
    """
    await pilot.pause()  # let the step's widgets finish mounting, as a person waits to see them
    step = screen.view.step(screen.changing)
    answer = screen.query("#answer")
    widget = answer.first() if answer else None
    if step.kind in ("choice", "yes_no"):
        widget.query("RadioButton").first().value = True
    elif step.kind in ("several", "checklist"):
        if step.options:
            widget.select(step.options[0][0])
    await pilot.pause()
    screen.query_one("#continue").scroll_visible(animate=False)  # as a person scrolls to the button
    await pilot.pause()
    if step.kind not in ("number", "money", "date", "text", "list"):
        await pilot.click("#continue")
        await pilot.pause()
        return
    for text in example_texts(screen, step):
        widget.value = text
        await pilot.pause()  # the change seen (an old problem goes) before Continue is clicked
        await pilot.click("#continue")
        await _checked(screen, pilot, widget)
        if not str(screen.query_one("#flow-error").render()):
            return


async def _checked(screen, pilot, widget, tries: int = 10) -> None:
    """Wait, as a person waits to see it, for the answer just given in ``widget`` to be checked:
    a problem shown under it, or the next step shown (``widget`` replaced). A problem shown
    before goes as soon as the answer is changed, so a blank line alone does not say the answer
    was taken. A click that missed the button (the step still being laid out) is seen as taken
    after ``tries`` pauses: the caller then asks the same step again."""
    for _ in range(tries):
        await pilot.pause()
        answer = screen.query("#answer")
        if str(screen.query_one("#flow-error").render()) or not answer or answer.first() is not widget:
            return


def example_texts(screen, step) -> list[str]:
    node = screen.view.session.engine.node(step.node_id)
    shown = [v.isoformat() if isinstance(v, dt.date) else str(v) for v in (getattr(node, "examples", None) or [])]
    return shown + [{"number": "20", "money": "250.00", "date": "2026-11-02", "text": "A note",
                     "list": "2026-10-30=1000"}[step.kind]]


async def palette_pick(pilot, wanted: str) -> None:
    """Open the command palette, type, wait for a hit containing ``wanted`` and choose it."""
    from textual.command import CommandList

    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: app.screen.query(CommandList))
    await pilot.press(*wanted)
    commands = app.screen.query_one(CommandList)

    def index():
        for i in range(commands.option_count):
            if wanted.lower() in str(commands.get_option_at_index(i).prompt).lower():
                return i
        return None

    await wait_for(pilot, lambda: index() is not None)
    commands.highlighted = index()
    await pilot.press("enter")


async def open_calculator(app, pilot, name: str):
    """Wait for the app to load, open calculator ``name`` and wait for its first field; the
    calculator screen."""
    from guidance.calculators.registry import CALCULATORS
    from guidance.tui.screens.calculator import CalculatorScreen

    await wait_ready(app, pilot, search=False)
    app.push_screen(CalculatorScreen(name))
    first = f"#in-{CALCULATORS[name].fields[0].name}"
    await wait_for(pilot, lambda: isinstance(app.screen, CalculatorScreen) and app.screen.query(first))
    return app.screen


def type_burst(app, text: str) -> None:
    """Type ``text`` as a fast typist does: every key handed to the app at once, with no pause
    for any of them to be handled (``pilot.press`` waits after each key)."""
    from textual import events

    for char in text:
        app.post_message(events.Key("space" if char == " " else char, char))


async def open_left_work(app, pilot, tries: int = 3600):
    """Wait for the home screen's line about work left unfinished, press Ctrl+O as the officer
    does, and return the list offered (``ResumeWork``)."""
    from guidance.tui.screens.resume import ResumeWork

    await wait_for(pilot, lambda: app.open_work is not None, tries)
    await pilot.press("ctrl+o")
    await wait_for(pilot, lambda: isinstance(app.screen, ResumeWork) and app.screen.query("OptionList"), tries)
    await pilot.pause()
    return app.screen


async def open_audited(app, pilot, plan: str = "plan.yaml", statements: str = "statement.csv"):
    """Wait for the app, open the account screen on ``plan`` and ``statements`` (names in the
    working folder), audit them (Ctrl+R) and return the screen once the audit is shown."""
    from guidance.tui.screens.account import AccountScreen

    await wait_ready(app, pilot, search=False)
    app.push_screen(AccountScreen(plan, statements))
    await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen) and app.screen.query("#account-plan"))
    screen = app.screen
    await pilot.press("ctrl+r")
    await wait_for(pilot, lambda: screen.audit is not None)
    return screen


async def open_flow(app, pilot, flow_id: str):
    """Wait for the app to load, start guided help ``flow_id`` and return its screen once its
    first question is up."""
    from guidance.tui.screens.flow import FlowScreen

    await wait_ready(app, pilot, search=False)
    app.start_flow(flow_id)
    await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
    return app.screen
