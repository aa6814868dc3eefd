"""A long session does not keep what it has closed: the widgets of pages opened and closed,
and the footer keys redrawn on each mode switch, are let go (counted as live objects)."""

import gc

from guidance.tui.screens.case_note import CaseNoteScreen
from guidance.tui.screens.page import PageScreen
from textual.widgets import Header, Markdown, TextArea
from textual.widgets._footer import FooterKey

from tui_helpers import wait_for, wait_ready

ROUNDS = 12


def live(kind) -> int:
    """How many objects of ``kind`` are alive (after a full collection)."""
    gc.collect()
    return sum(1 for obj in gc.get_objects() if isinstance(obj, kind))


async def open_and_close_page(app, pilot, page_id: str) -> None:
    app.open_page(page_id)
    await wait_for(pilot, lambda: isinstance(app.screen, PageScreen) and app.screen.is_mounted)
    await pilot.pause()
    await pilot.press("escape")
    await wait_for(pilot, lambda: not isinstance(app.screen, PageScreen))
    await pilot.pause()


async def test_pages_opened_and_closed_are_let_go(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot, search=False)
        page_id = "minimum-wage"
        await open_and_close_page(app, pilot, page_id)
        headers, markdowns = live(Header), live(Markdown)
        for _ in range(ROUNDS):
            await open_and_close_page(app, pilot, page_id)
        assert live(PageScreen) <= 1
        assert live(Header) <= headers + 1  # the open page's, at most; never one per page opened
        assert live(Markdown) <= markdowns + 1


async def test_mode_switches_do_not_keep_old_footer_keys(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f2", "f2")
        await pilot.pause()
        keys = live(FooterKey)
        for _ in range(ROUNDS):
            await pilot.press("f2")
            await pilot.pause()
        await open_and_close_page(app, pilot, "minimum-wage")
        assert live(FooterKey) <= keys + 2 * 10  # one footer's keys redrawn, never a set per switch


async def test_closed_case_notes_are_not_kept(make_app):
    """A case note's text box watches the app's theme: once closed, it (and the note, with the
    caller's details) is let go, not kept until the theme next changes."""
    app = make_app(build_index=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot, search=False)
        boxes = live(TextArea)
        for round_ in range(ROUNDS):
            app.push_screen(CaseNoteScreen(f"Call {round_}: advice on holiday pay."))
            await wait_for(pilot, lambda: isinstance(app.screen, CaseNoteScreen) and app.screen.is_mounted)
            await pilot.pause()
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, CaseNoteScreen))
            await pilot.pause()
        assert live(CaseNoteScreen) <= 1
        assert live(TextArea) <= boxes + 1  # the last one closed, at most
