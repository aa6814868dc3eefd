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


async def wait_ready(app, pilot, search: bool = True, tries: int = 200) -> None:
    """Wait for the content (and the search index) to load in their worker."""
    for _ in range(tries):
        await pilot.pause(0.05)
        if app.services.base is not None and (not search or app.services.searcher is not None):
            await pilot.pause()
            return
    raise AssertionError("the app did not finish loading")


async def wait_for(pilot, condition, tries: int = 100) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not met")


async def answer_current(screen, pilot) -> None:
    """Answer the step on screen (the current one, or an earlier one being changed), then continue."""
    step = screen.view.step(screen.changing)
    answer = screen.query("#answer")
    widget = answer.first() if answer else None
    if step.kind in ("choice", "yes_no"):
        widget.query("RadioButton").first().value = True
    elif step.kind in ("several", "checklist"):
        if step.options:
            widget.select(step.options[0][0])
    elif step.kind in ("number", "money", "date", "text"):
        widget.value = example_text(screen, step)
    await pilot.click("#continue")
    await pilot.pause()


def example_text(screen, step) -> str:
    node = screen.view.session.engine.node(step.node_id)
    examples = getattr(node, "examples", None) or []
    if examples:
        value = examples[0]
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return {"number": "20", "money": "250.00", "date": "2026-11-02", "text": "A note"}[step.kind]
