"""On the account screen a decision chosen on a flag is never lost without the officer saying so
(only Esc drops it), and a letter typed where the officer means to type is never taken as a key
that opens another screen or decides a flag."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from guidance.tui.screens.account import AccountScreen

from tui_helpers import wait_for, wait_ready

DATA = Path(__file__).resolve().parents[1] / "data" / "accounts"


async def _audited(app, pilot):
    await wait_ready(app, pilot, search=False)
    app.push_screen(AccountScreen("plan.yaml", "statement.csv"))
    await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen) and app.screen.query("#account-plan"))
    screen = app.screen
    await pilot.press("ctrl+r")
    await wait_for(pilot, lambda: screen.audit is not None and screen.audit_id is not None)
    await pilot.pause()
    return screen


def _recorded(app, screen) -> list:
    return [flag.decision for flag in app.services.account_store().get(screen.audit_id).flags]


async def test_moving_to_the_next_flag_records_the_choice(make_app, monkeypatch):
    """q then Down: the query is recorded on the first flag (as a spreadsheet keeps a cell typed
    in and left), not dropped without a word."""
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audited(app, pilot)
        flags = screen.query_one("#account-flag-table", DataTable)
        await pilot.press("q", "down", "r", "up")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.decisions == {1: "query", 2: "recover"} and screen.pending is None
        assert [str(flags.get_row_at(i)[0]) for i in range(2)] == ["query", "recover"]
        assert _recorded(app, screen)[:2] == ["query", "recover"]


async def test_leaving_the_flags_any_way_records_the_choice(make_app, monkeypatch, tmp_path):
    """Tab out of the flags, a new audit, the report, another screen over this one and quitting
    each record the choice made; Esc alone drops it."""
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audited(app, pilot)
        await pilot.press("e", "escape")  # the one way to drop it
        await pilot.pause()
        assert screen.pending is None and screen.decisions == {} and isinstance(app.screen, AccountScreen)
        await pilot.press("e", "tab")
        await app.workers.wait_for_complete()
        assert screen.decisions == {1: "explained"}
        screen.query_one("#account-flag-table").focus()
        await pilot.press("down", "q", "w")  # the report carries the choice
        await app.workers.wait_for_complete()
        assert screen.decisions[2] == "query"
        await pilot.press("down", "r", "ctrl+p")  # the palette over the screen
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert screen.decisions[3] == "recover"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        screen.query_one("#account-flag-table").focus()
        await pilot.press("down", "s", "ctrl+q")
        await pilot.pause()
    assert _recorded(app, screen) == ["explained", "query", "recover", "safeguarding"]


async def test_a_new_audit_records_the_choice_on_the_last(make_app, monkeypatch):
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audited(app, pilot)
        first = screen.audit_id
        await pilot.press("r", "ctrl+r")
        await wait_for(pilot, lambda: screen.audit is not None)
        await app.workers.wait_for_complete()
        assert app.services.account_store().get(first).flags[0].decision == "recover"


async def test_letters_typed_off_the_flags_never_open_a_screen(make_app, monkeypatch):
    """w, l and v work in the flags list, under whose hint line they are; typed anywhere else
    (the plan field; the figures never take the focus) they do nothing (no review, no letter,
    no report)."""
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _audited(app, pilot)
        assert not screen.query_one("#account-figures", DataTable).focusable
        plan = screen.query_one("#account-plan", Input)
        plan.focus()
        await wait_for(pilot, lambda: plan.has_focus)
        await pilot.press("end", "v", "l", "e")
        await pilot.pause()
        assert app.screen is screen and screen.pending is None and plan.value.endswith("vle")
        await pilot.press("backspace", "backspace", "backspace")  # the plan as audited again
        await wait_for(pilot, lambda: plan.value == "plan.yaml")
        screen.query_one("#account-flag-table", DataTable).focus()
        await pilot.press("v")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "FlowScreen")


async def test_the_result_does_not_take_the_keys_from_a_field_being_typed_in(make_app, monkeypatch):
    """The officer asks for the audit, then carries on typing in the statements field while it
    runs: the result does not move the focus to the flags, so no typed letter becomes a decision
    or opens the review, and the field gets every key."""
    import threading

    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    release = threading.Event()
    import guidance.accounts.audit as audit_module

    real = audit_module.audit_files

    def slow(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(audit_module, "audit_files", slow)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.push_screen(AccountScreen("plan.yaml", "statement.csv"))
        await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen) and app.screen.query("#account-statements"))
        screen = app.screen
        box = screen.query_one("#account-statements", Input)
        box.focus()
        await pilot.press("enter")  # audits
        await pilot.press("end", *" ;v")
        release.set()
        await wait_for(pilot, lambda: screen.audit is not None)
        await pilot.press("e")
        await pilot.pause()
        assert box.has_focus and box.value == "statement.csv ;ve"
        assert app.screen is screen and screen.pending is None and screen.decisions == {}
        # the fields name other files than those audited: the result shows, marked out of date
        assert str(screen.query_one("#account-status").render()).startswith("Out of date")
