"""A few pictures of key screens at a fixed size, on fixed content and a fixed date.

Run ``pytest --snapshot-update`` after an intended change to the look, and review the report.
"""

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input

from guidance.tui.app import GuidanceApp

ROOT = Path(__file__).resolve().parents[1] / "data" / "app_root"
TODAY = dt.date(2026, 11, 25)


def make() -> GuidanceApp:
    return GuidanceApp(ROOT, TODAY, build_index=False)


async def settle(pilot) -> None:
    app = pilot.app
    for _ in range(100):
        await pilot.pause(0.02)
        if app.services.base is not None and getattr(app.screen, "tabs_ready", True):
            break
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 34)])
def test_home(snap_compare, size):
    assert snap_compare(make(), terminal_size=size, run_before=settle)


def test_page_view(snap_compare):
    async def open_page(pilot):
        await settle(pilot)
        pilot.app.open_page("holiday-basics")
        await pilot.pause(0.3)

    assert snap_compare(make(), terminal_size=(100, 30), run_before=open_page)


def test_flow_question(snap_compare):
    async def start(pilot):
        await settle(pilot)
        pilot.app.start_flow("holiday_check")
        await pilot.pause(0.3)
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False

    assert snap_compare(make(), terminal_size=(100, 30), run_before=start)


def test_high_contrast_home(snap_compare):
    async def contrast(pilot):
        await settle(pilot)
        await pilot.press("f3")
        await pilot.pause()

    assert snap_compare(make(), terminal_size=(80, 24), run_before=contrast)
