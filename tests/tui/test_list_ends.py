"""Every list goes to its first and last item with Home and End; the arrows stay in a list at
its ends; a ticked box and an unticked one look different (by what they show, not only colour)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Tree

from guidance.tui.screens.flow import TickBox, WrappingRadioButton
from guidance.tui.widgets.lists import ChoiceSet, TickCheckbox

from tui_helpers import answer_current, open_audited, open_flow, wait_for

DATA = Path(__file__).resolve().parents[1] / "data" / "accounts"


async def test_home_and_end_go_to_the_first_and_last_flag(make_app, monkeypatch):
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_audited(app, pilot)
        table = screen.query_one("#account-flag-table", DataTable)
        await wait_for(pilot, lambda: screen.audit is not None and table.has_focus)
        await pilot.pause()
        last = len(screen.audit.flags) - 1
        assert last >= 2
        await pilot.press("end")
        assert table.cursor_row == last
        await pilot.press("down")
        assert table.cursor_row == last
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("end", "e", "home", "q", "enter")
        await pilot.pause()
        assert screen.decisions.get(last + 1) == "explained" and screen.decisions.get(1) == "query"


async def _to_step(app, pilot, screen, node_id: str) -> None:
    for _ in range(30):
        if screen.view.step(screen.changing).node_id == node_id:
            await pilot.pause()
            return
        await answer_current(screen, pilot)
    raise AssertionError(f"never reached {node_id}")


async def test_the_day_list_keeps_the_arrows_in_it_and_goes_to_its_ends(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "pa_off_sick")
        await _to_step(app, pilot, screen, "work_days")
        boxes = list(screen.query(TickBox))
        assert len(boxes) == 7
        boxes[0].focus()
        await pilot.pause()
        await pilot.press("end")
        assert app.focused is boxes[-1]
        await pilot.press("down", "down")
        assert app.focused is boxes[-1]  # stays on Sunday, as Up stays on Monday
        await pilot.press("home")
        assert app.focused is boxes[0]
        await pilot.press("up")
        assert app.focused is boxes[0]
        await pilot.press("down", "space")
        assert app.focused is boxes[1] and boxes[1].value and not boxes[0].value


async def test_a_ticked_box_looks_different_from_an_unticked_one(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "pa_off_sick")
        await _to_step(app, pilot, screen, "work_days")
        boxes = list(screen.query(TickBox))
        boxes[0].focus()
        await pilot.press("space")
        ticked, unticked = boxes[0].render().plain, boxes[1].render().plain
        assert ticked.startswith("▐X▌") and unticked.startswith("▐ ▌")
        for kind in (TickCheckbox, WrappingRadioButton):  # the letter's large print, a flow's choice
            on, off = kind("On", True), kind("Off", False)
            await screen.mount(on, off)
            await pilot.pause()
            assert on.render().plain[1] != " " and off.render().plain[1] == " "


async def test_home_and_end_go_to_the_first_and_last_choice_and_subject(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "pa_off_sick")
        await _to_step(app, pilot, screen, "pay_frequency")
        choices = screen.query_one("#answer", ChoiceSet)
        choices.focus()
        await pilot.pause()
        await pilot.press("end")
        assert choices._selected == len(choices.query(WrappingRadioButton)) - 1
        await pilot.press("home")
        assert choices._selected == 0
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        home = app.screen
        await pilot.press("f5")
        tree = home.query_one("#browse", Tree)
        await wait_for(pilot, lambda: tree.has_focus)
        await pilot.press("end")
        assert tree.cursor_line == tree.last_line > 0
        await pilot.press("home")
        assert tree.cursor_line == 0
