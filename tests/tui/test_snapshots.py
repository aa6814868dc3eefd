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
    for _ in range(9000):
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
        await until(pilot, lambda: pilot.app.screen.query("#page-sources"))
        await pilot.pause(0.3)
        await quiet(pilot)

    assert snap_compare(make(), terminal_size=(100, 30), run_before=open_page)


def test_flow_question(snap_compare):
    async def start(pilot):
        await settle(pilot)
        pilot.app.start_flow("holiday_check")
        await until(pilot, lambda: getattr(pilot.app.screen, "view", None) is not None and pilot.app.screen.query("#answer"))
        await pilot.pause(0.3)
        await quiet(pilot)

    assert snap_compare(make(), terminal_size=(100, 30), run_before=start)


def test_high_contrast_home(snap_compare):
    async def contrast(pilot):
        await settle(pilot)
        await pilot.press("f3")
        await pilot.pause()

    assert snap_compare(make(), terminal_size=(80, 24), run_before=contrast)


async def until(pilot, condition) -> None:
    for _ in range(9000):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen did not finish opening")


async def quiet(pilot) -> None:
    """No toasts or blinking cursors in a picture."""
    from textual.widgets import TextArea

    app = pilot.app
    app.clear_notifications()
    for widget in app.screen.query(TextArea):
        widget.cursor_blink = False
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


async def start_call(pilot) -> None:
    app = pilot.app
    await settle(pilot)
    await pilot.press("f4")
    for _ in range(9000):
        await pilot.pause(0.02)
        if app.screen.query("#caller-ref"):
            break
    await pilot.press(*"ASC-104233", "enter")
    for _ in range(9000):
        await pilot.pause(0.02)
        if app.call is not None and app.screen.query("#call-ref"):
            break


def test_call_page_at_80x24(snap_compare):
    async def call_and_page(pilot):
        await start_call(pilot)
        pilot.app.open_page("holiday-basics")
        await until(pilot, lambda: pilot.app.screen.query("#page-sources") and pilot.app.screen.query("#call-ref"))
        await pilot.pause(0.3)
        await quiet(pilot)

    assert snap_compare(make(), terminal_size=(80, 24), run_before=call_and_page)


def test_call_notes_open_at_80x24(snap_compare):
    async def notes(pilot):
        await start_call(pilot)
        await pilot.press("ctrl+n")
        await pilot.press(*"Asked about holiday pay")
        await pilot.pause(0.2)
        await quiet(pilot)

    assert snap_compare(make(), terminal_size=(80, 24), run_before=notes)


def test_call_start_prompt_at_80x24(snap_compare):
    async def prompt(pilot):
        await settle(pilot)
        await pilot.press("f4")
        await until(pilot, lambda: pilot.app.screen.query("#caller-ref"))
        await pilot.pause(0.2)
        await quiet(pilot)

    assert snap_compare(make(), terminal_size=(80, 24), run_before=prompt)


def test_case_note_dialog_at_80x24(snap_compare):
    from guidance.records.calls import Call, CallItem
    from guidance.records.casenote import case_note
    from guidance.tui.screens.case_note import CaseNoteScreen

    call = Call("c1", "ASC-104233", "2026.11.1", "Asked about sick pay.\nSSP from the first day.", None, "open",
                "2026-11-25T14:05:00.000Z", None,
                items=(CallItem("page", "statutory-sick-pay", "Statutory Sick Pay (SSP)", "1", "2026-11-25T14:06:00.000Z"),))

    async def dialog(pilot):
        await settle(pilot)
        pilot.app.push_screen(CaseNoteScreen(case_note(call)))
        await pilot.pause(0.2)
        await quiet(pilot)

    assert snap_compare(make(), terminal_size=(80, 24), run_before=dialog)
