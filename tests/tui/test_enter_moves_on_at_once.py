"""Enter in a form field that moves on to the next field does so as the key is handed out: what
a fast typist types straight after Enter goes into the next field, never into the one before."""

from __future__ import annotations

from pathlib import Path

import pytest

from textual.widgets import Input

from guidance.tui.screens.account import AccountScreen

from tui_helpers import open_calculator, type_burst, wait_for, wait_ready

DATA = Path(__file__).resolve().parents[1] / "data" / "accounts"


def _burst(app, *parts: str) -> None:
    """``parts`` typed in one burst with Enter between them."""
    typed = []
    for number, part in enumerate(parts):
        typed += [("enter", "\r"), part] if number else [part]
    _keys(app, *typed)


def _keys(app, *parts) -> None:
    """``parts`` typed in one burst: text as characters, ("tab",) and the like as that key
    (with its character, if given: ("enter", "\r"))."""
    from textual import events

    for part in parts:
        if isinstance(part, tuple):
            app.post_message(events.Key(part[0], part[1] if len(part) > 1 else None))
        else:
            type_burst(app, part)


async def _open_account(app, pilot):
    """The account screen, open with its plan field ready for typing."""
    await wait_ready(app, pilot, search=False)
    app.push_screen(AccountScreen())
    await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen) and app.screen.query("#account-plan"))
    await pilot.pause()
    return app.screen


async def test_calculator_fields_in_one_burst(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "sick-pay")
        await pilot.pause()
        _burst(app, "23/11/2026", "still off")
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one("#in-sick_start", Input).value == "23/11/2026"
        assert screen.query_one("#in-sick_end", Input).value == "still off"


@pytest.mark.parametrize("between", [("enter", "\r"), ("tab",)])
async def test_account_files_in_one_burst(make_app, monkeypatch, between):
    """Enter or Tab in the plan field moves on to the statements before the keys typed after it."""
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_account(app, pilot)
        _keys(app, "plan.yaml", between, "statement.csv")
        for _ in range(8):
            await pilot.pause()
        assert screen.query_one("#account-plan", Input).value == "plan.yaml"
        assert screen.query_one("#account-statements", Input).value == "statement.csv"


async def test_letter_fields_in_one_burst(make_app):
    """Enter in a letter's one-line field moves on to the next field as the key is handed out."""
    from guidance.tui.screens.letter import LetterScreen

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_letter("capacity-assessment-record")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-decision"))
        screen = app.screen
        await pilot.pause()
        _burst(app, "ASC-104233", "Mr Abel", "where to live")
        for _ in range(4):
            await pilot.pause()
        assert screen.query_one("#field-reference", Input).value == "ASC-104233"
        assert screen.query_one("#field-person_name", Input).value == "Mr Abel"
        assert screen.query_one("#field-decision", Input).value == "where to live"


async def test_words_typed_straight_after_the_call_reference_go_to_the_search(make_app):
    """Enter on the call start closes it as the key is handed out: the caller's question typed
    straight after it goes into the search box, not into the closing dialog's field."""
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        from textual import events

        app.post_message(events.Key("f4", None))
        _burst(app, "ASC-104233", "pa off sick")
        await wait_for(pilot, lambda: app.call is not None)
        for _ in range(4):
            await pilot.pause()
        assert app.call.reference == "ASC-104233"
        assert len(app.screen_stack) == 1 and app.screen.query_one("#search", Input).value == "pa off sick"


async def test_words_typed_straight_after_a_date_go_to_the_page(make_app):
    """Enter on the date prompt closes it as the key is handed out: keys typed straight after it
    (here the date prompt's own key again) act on the page, never on the closing prompt."""
    import datetime as dt

    from guidance.tui.screens.date_prompt import DatePrompt

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        chosen = []
        app.push_screen(DatePrompt("Figures as at", dt.date(2026, 4, 6)), chosen.append)
        await wait_for(pilot, lambda: isinstance(app.screen, DatePrompt))
        await pilot.pause()
        _burst(app, "", "pa")
        await wait_for(pilot, lambda: chosen)
        for _ in range(4):
            await pilot.pause()
        assert chosen == [dt.date(2026, 4, 6)]
        assert app.screen.query_one("#search", Input).value == "pa"


async def test_flow_answers_in_one_burst(make_app, monkeypatch):
    """Enter on a typed answer in guided help gives it and puts up the next question: the next
    answer, typed straight after Enter, goes into the next question's field, whole."""
    monkeypatch.setattr("guidance.accounts.prefill.recorded", lambda database, number: True)  # AUD-1 taken as recorded
    from decimal import Decimal

    from guidance.tui.screens.flow import FlowScreen

    from tui_helpers import answer_current

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.start_flow("dp_account_review")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None and app.screen.query("#answer"))
        screen = app.screen
        for node in ("review_reason", "audit"):  # the first option of each: routine, use the audit
            await wait_for(pilot, lambda: screen.view.step().node_id == node and screen.query("#answer"))
            await answer_current(screen, pilot)
        await wait_for(pilot, lambda: screen.view.step().node_id == "audit_reference" and app.focused is screen.query_one("#answer"))
        await pilot.pause()
        _burst(app, "AUD-1", "9000.00", "120.50")
        await wait_for(pilot, lambda: screen.view.step().node_id == "audit_owed", tries=400)
        for _ in range(6):
            await pilot.pause()
        answers = screen.view.session.state.answers
        assert answers["audit_reference"] == "AUD-1"
        assert answers["audit_balance"] == Decimal("9000.00")
        assert app.focused is screen.query_one("#answer", Input) and screen.query_one("#answer", Input).value == "120.50"


async def test_flow_steps_in_one_burst_through_a_tick_list(make_app):
    """Continue, a typed answer, ticks and a choice, all typed in one burst from the first step:
    each Enter gives its step's answer and the keys after it go to the next step's field
    (a list of tick boxes takes them on its first box)."""
    from guidance.tui.screens.flow import FlowScreen

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.start_flow("capacity_check")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None
                       and app.focused is not None and app.focused.id == "continue")
        screen = app.screen
        await pilot.pause()
        _burst(app, "", "Forgets bills", " ", "")  # Enter (info), the reason, Enter, Space (untick), Enter
        await wait_for(pilot, lambda: screen.view.step().node_id == "understand", tries=400)
        for _ in range(4):
            await pilot.pause()
        answers = screen.view.session.state.answers
        assert answers["reason_for_doubt"] == "Forgets bills"
        assert isinstance(answers["support_given"], list)
        assert app.focused is not None and screen.query_one("#answer") in app.focused.ancestors_with_self


@pytest.mark.parametrize("answers, field, left, last_on", [
    (("12.60", "40", "30", "6/4/2026", "xyz"), "on", "6/4/2026xyz", "6/4/2026"),
    (("abc", "40", "30", "6/4/2026", "1"), "hourly_rate", "1", None),
])
async def test_keys_typed_straight_after_the_last_enter(make_app, answers, field, left, last_on):
    """Enter in a calculator's last field works it out on the answers typed before Enter; what is
    typed straight after it goes afterwards to the field with the focus: the last field, added
    to what it holds, or, when an answer is refused, the first field marked in red (its wrong
    answer selected, so the keys replace it)."""
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "employer-cost")
        await pilot.pause()
        _burst(app, *answers)
        for _ in range(6):
            await pilot.pause()
        assert screen.focused is screen.query_one(f"#in-{field}", Input)
        assert screen.query_one(f"#in-{field}", Input).value == left
        worked_out = screen.last_result[0]["on"] if screen.last_result else None
        assert worked_out == last_on
        assert ("Please check" in str(screen.query_one("#calc-result").render())) == (last_on is None)


async def test_account_audit_is_of_the_files_typed_before_enter(make_app, monkeypatch):
    """Enter in the statements field audits the files typed before it: a key typed straight
    after Enter is not read as part of a file name."""
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_account(app, pilot)
        _burst(app, "plan.yaml", "statement.csv", "j")
        await wait_for(pilot, lambda: screen.audit is not None or "Statements:" in str(
            screen.query_one("#account-status").render()))
        assert screen.audit is not None
        assert screen.audited == ("plan.yaml", "statement.csv")


@pytest.mark.parametrize("burst, field, want", [
    (("12.65", ("backspace",), "0"), "hourly_rate", "12.60"),
    (("2.6", ("home",), "1"), "hourly_rate", "12.6"),
    (("99", ("ctrl+u",), "12.60"), "hourly_rate", "12.60"),
    (("99 wrong", ("ctrl+w",), "12.60"), "hourly_rate", "99 12.60"),
    (("12.60", ("tab",), "40"), "hours_per_week", "40"),
])
async def test_a_field_key_is_acted_on_before_the_keys_typed_after_it(make_app, burst, field, want):
    """Backspace, Home, Ctrl+U, Ctrl+W, Tab: Textual acts on them through a binding, once the key
    has gone up to the app, by when the characters typed straight after had reached the field.
    Each is acted on in the order typed: the keys after it go where it leaves the cursor."""
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "employer-cost")
        await pilot.pause()
        _keys(app, *burst)
        for _ in range(8):
            await pilot.pause()
        assert screen.query_one(f"#in-{field}", Input).value == want
        if field != "hourly_rate":
            assert screen.query_one("#in-hourly_rate", Input).value == burst[0]


async def test_words_typed_after_ctrl_u_in_the_search_box_stay(make_app):
    """Ctrl+U empties the home screen's search box before the words typed straight after it."""
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        _keys(app, "sick pay", ("ctrl+u",), "holiday pay")
        box = app.screen.query_one("#search", Input)
        await wait_for(pilot, lambda: box.value == "holiday pay")


async def test_words_typed_after_ctrl_u_in_the_palette_stay(make_app):
    """The same in a box of a screen of Textual's own (the command palette): Ctrl+U empties it
    before the words typed straight after it."""
    from textual.command import CommandPalette

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette) and isinstance(app.screen.focused, Input))
        _keys(app, "employer", ("ctrl+u",), "cost calculator")
        box = app.screen.focused
        await wait_for(pilot, lambda: box.value == "cost calculator")
