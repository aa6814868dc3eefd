"""Keys typed fast on a guided-help question: Enter gives the answer as it stands after every
key typed before it (an arrow moving to another choice, Space ticking or unticking a box),
for every kind of question, at 80x24 and wider."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tui_helpers import answer_current, open_flow, type_burst, wait_for

SIZES = [(80, 24), (120, 40)]


def _keys(app, *keys: str) -> None:
    """``keys`` typed in one burst: a name of one key ("down", "enter", "space") as that key,
    anything longer that is not a key's name as its characters."""
    from textual import events

    named = {"enter": "\r", "space": " ", "down": None, "up": None, "home": None, "end": None, "backspace": None, "tab": "\t"}
    for key in keys:
        if key in named:
            app.post_message(events.Key(key, named[key]))
        else:
            type_burst(app, key)


async def _up_to(app, pilot, screen, node: str) -> None:
    """Answer each step (its first choice, or an example answer) until ``node`` is asked, with its
    answer ready for typing."""
    for _ in range(30):
        await wait_for(pilot, lambda: screen.query("#answer") or screen.view.step(screen.changing).finished)
        if screen.view.step(screen.changing).node_id == node:
            break
        await answer_current(screen, pilot)
    await wait_for(pilot, lambda: screen.view.step(screen.changing).node_id == node and screen.query("#answer")
                   and app.focused is not None and screen.query_one("#answer") in app.focused.ancestors_with_self)
    await pilot.pause()


async def _settled(app, pilot, screen, node: str) -> dict:
    """Wait for the answer to ``node`` to be saved and the screen to take keys again; the answers."""
    await wait_for(pilot, lambda: node in screen.view.session.state.answers and screen.view.step().node_id != node, tries=400)
    for _ in range(4):
        await pilot.pause()
    return screen.view.session.state.answers


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("keys", [("down", "enter", "enter"), ("down", "space", "enter")])
async def test_a_choice_moved_to_and_entered_in_one_burst_is_the_answer(make_app, size, keys):
    """Down then Enter, Enter (or Space, Enter) typed fast: the choice moved to is the answer,
    not the first, and it is given as when the keys are typed slowly."""
    app = make_app(build_index=False)
    async with app.run_test(size=size) as pilot:
        screen = await open_flow(app, pilot, "dp_account_review")
        await _up_to(app, pilot, screen, "review_reason")
        _keys(app, *keys)
        answers = await _settled(app, pilot, screen, "review_reason")
        assert answers["review_reason"] == "concern"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("keys, want", [(("space", "enter"), ["safeguarding"]),
                                        (("down", "space", "enter"), ["misuse"]),
                                        (("space", "down", "space", "space", "enter"), ["safeguarding"])])
async def test_boxes_ticked_and_entered_in_one_burst_are_the_answer(make_app, size, keys, want):
    """Space (and arrows) then Enter typed fast: the boxes ticked by then are the answer."""
    app = make_app(build_index=False)
    async with app.run_test(size=size) as pilot:
        screen = await open_flow(app, pilot, "dp_account_review")
        await _up_to(app, pilot, screen, "audit_flags")
        _keys(app, *keys)
        answers = await _settled(app, pilot, screen, "audit_flags")
        assert answers["audit_flags"] == want


async def test_a_changed_answer_unticked_and_entered_in_one_burst_is_saved(make_app):
    """Ctrl+Y back to a list of tick boxes answered before: Space (untick) and Enter typed fast
    save the box unticked."""
    from guidance.tui.screens.pick_answer import PickAnswer

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "dp_account_review")
        await _up_to(app, pilot, screen, "audit_flags")
        await pilot.press("down", "space", "enter")  # "misuse" ticked, typed slowly
        await _settled(app, pilot, screen, "audit_flags")
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: isinstance(app.screen, PickAnswer))
        picker = app.screen.query_one("#answers")
        picker.highlighted = next(i for i, row in enumerate(app.screen.rows) if row["node"] == "audit_flags")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.changing == "audit_flags")
        await _up_to(app, pilot, screen, "audit_flags")
        _keys(app, "down", "space", "enter")  # "misuse" unticked: no flag
        await wait_for(pilot, lambda: screen.changing is None, tries=400)
        for _ in range(4):
            await pilot.pause()
        assert screen.view.session.state.answers["audit_flags"] == []


@pytest.mark.parametrize("node, keys, want", [
    ("audit_reference", ("AUD-19", "backspace", "2", "enter"), "AUD-12"),
    ("audit_balance", ("9000.005", "backspace", "enter"), Decimal("9000.00")),
])
async def test_a_typed_answer_edited_and_entered_in_one_burst_is_the_answer(make_app, monkeypatch, node, keys, want):
    """Characters, Backspace and Enter typed fast: the answer is the text as edited."""
    monkeypatch.setattr("guidance.accounts.prefill.recorded", lambda database, number: True)  # AUD-12 taken as recorded
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "dp_account_review")
        await _up_to(app, pilot, screen, node)
        _keys(app, *keys)
        answers = await _settled(app, pilot, screen, node)
        assert answers[node] == want


async def test_a_date_edited_and_entered_in_one_burst_is_the_answer(make_app):
    """A date typed, corrected with Backspace and entered fast is the date as corrected."""
    import datetime as dt

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "pa_off_sick")
        await _up_to(app, pilot, screen, "sick_start")
        screen.query_one("#answer").value = ""
        _keys(app, "2/11/20269", "backspace", "enter")
        answers = await _settled(app, pilot, screen, "sick_start")
        assert answers["sick_start"] == dt.date(2026, 11, 2)


async def test_yes_no_and_number_answers_typed_fast_are_the_answers(make_app):
    """A yes/no answer moved to with Down and a number corrected with Backspace, each entered in
    the same burst, are the answers given."""
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "dp_account_review")
        await _up_to(app, pilot, screen, "audit")
        _keys(app, "down", "enter", "enter")  # no audit: the totals typed by hand
        assert (await _settled(app, pilot, screen, "audit"))["audit"] == "by_hand"
        await _up_to(app, pilot, screen, "employer_payments")
        _keys(app, "down", "enter", "enter")
        assert (await _settled(app, pilot, screen, "employer_payments"))["employer_payments"] is False
        await _up_to(app, pilot, screen, "contingency_weeks")
        screen.query_one("#answer").value = ""
        _keys(app, "123", "backspace", "enter")
        assert (await _settled(app, pilot, screen, "contingency_weeks"))["contingency_weeks"] == 12
