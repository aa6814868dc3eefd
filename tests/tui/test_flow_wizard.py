"""Guided help in the app: run a flow to its outcome, go back, change an answer, resume."""

from guidance.content.formatting import long_date
from guidance.tui.screens.flow import FlowScreen
from guidance.tui.screens.home import HomeScreen
from textual.widgets import OptionList

from tui_helpers import answer_current, open_flow, wait_for, wait_ready


async def run_to_outcome(app, pilot, limit: int = 60) -> list[str]:
    seen = []
    for _ in range(limit):
        step = app.screen.view.step()
        seen.append(step.node_id)
        if step.finished:
            return seen
        await answer_current(app.screen, pilot)
        error = str(app.screen.query_one("#flow-error").render())
        assert not error, f"{step.node_id}: {error}"
    raise AssertionError(f"no outcome after {limit} steps: {seen}")


async def test_hiring_a_pa_reaches_an_outcome_with_a_checklist(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await open_flow(app, pilot, "hiring_a_pa")
        seen = await run_to_outcome(app, pilot)
        assert len(seen) > 5
        report = app.screen.query_one("#flow-report").source
        assert "done" in report  # the checklist says what is done and what is left
        record = app.services.store().get(app.screen.view.session_id)
        assert record.status == "finished"
        # go back from the outcome, then change the first answer: the flow carries on to an outcome
        screen = app.screen
        answers_before = dict(screen.view.session.state.answers)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert not screen.view.finished
        screen.changing = screen.view.earlier_answers()[0]["node"]
        await screen.show_step()
        await answer_current(screen, pilot)
        await run_to_outcome(app, pilot)
        kept = screen.view.session.state.answers
        assert sum(1 for k, v in answers_before.items() if kept.get(k) == v) >= len(answers_before) - 1


async def test_back_and_change_keep_later_answers_that_still_apply(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_flow(app, pilot, "pa_off_sick")
        for _ in range(3):
            await answer_current(screen, pilot)
        third = screen.view.step().node_id
        answers_before = dict(screen.view.session.state.answers)
        await pilot.click("#back")
        await pilot.pause()
        assert screen.view.step().node_id != third
        assert screen.view.session.state.answers == answers_before  # going back loses nothing
        # change the first answer to the same value: later answers still apply and are kept
        first_node = screen.view.earlier_answers()[0]["node"]
        screen.changing = first_node
        await screen.show_step()
        await answer_current(screen, pilot)
        assert screen.changing is None
        kept = screen.view.session.state.answers
        assert all(kept.get(k) == v for k, v in answers_before.items() if k in kept)
        assert len(kept) >= len(answers_before) - 1


async def test_unfinished_session_is_offered_on_the_home_screen(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await open_flow(app, pilot, "pa_off_sick")
        await answer_current(app.screen, pilot)
        session_id = app.screen.view.session_id
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        recent = app.screen.query_one("#recent", OptionList)
        ids = [recent.get_option_at_index(i).id for i in range(recent.option_count)]
        assert f"session:{session_id}" in ids


async def test_safeguarding_exit_is_available_at_any_step(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await open_flow(app, pilot, "hiring_a_pa")
        await answer_current(app.screen, pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        step = app.screen.view.step()
        pages = [page_id for page_id, _ in step.pages]
        assert "recognising-and-reporting-abuse" in pages or "safeguard" in step.text.lower()


async def test_changing_an_answer_asks_again_the_answers_that_rest_on_it(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "hiring_a_pa")
        await run_to_outcome(app, pilot)
        answers = screen.view.session.state.answers
        assert answers["budget_fits"] is True and str(answers["hourly_rate"]) == "13.50"
        old_hours = answers["hours_per_week"]
        # Ctrl+Y, then the keyboard alone: the list of answers has the focus
        from guidance.tui.screens.pick_answer import PickAnswer

        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: isinstance(app.screen, PickAnswer))
        await pilot.pause()
        picker = app.screen.query_one("#answers")
        assert app.focused is picker
        while picker.get_option_at_index(picker.highlighted).id != "hourly_rate":
            await pilot.press("down")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.changing == "hourly_rate")
        await pilot.pause()
        screen.query_one("#answer").value = "14.00"
        screen.query_one("#answer").focus()
        await pilot.press("enter")
        await pilot.pause()
        view = screen.view
        # the hours do not rest on the rate: kept, not asked again. The true cost and the budget
        # answer given to the old weekly cost do: they are asked again, offered as given
        state = view.session.state
        assert state.answers["hours_per_week"] == old_hours and "hours_per_week" not in state.confirm
        assert view.step().node_id == "cost_summary" and view.step().recheck
        assert "budget_fits" in state.confirm and state.answers["budget_fits"] is True
        await answer_current(screen, pilot)  # the true cost, worked out afresh
        step = screen.view.step()
        assert step.node_id == "budget_fits" and step.recheck and step.default is True
        cost = screen.view.session.state.results["cost"]["total_weekly"]
        assert f"{float(cost):,.2f}" in step.text
        assert "check this one again" in str(screen.query_one("#flow-help").render())
        # the old "yes" is shown chosen (not asked empty); Enter confirms it and the flow goes on
        buttons = list(screen.query("#answer RadioButton"))
        assert [b.value for b in buttons] == [True, False]
        screen.query_one("#continue").press()
        await wait_for(pilot, lambda: screen.view.step().node_id != "budget_fits")
        assert "budget_fits" not in screen.view.session.state.confirm


async def test_options_and_checklist_items_wrap_at_80x24_instead_of_being_cut(make_app):
    import html

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "hiring_a_pa")
        checked = set()
        for _ in range(40):
            step = screen.view.step()
            if step.finished:
                break
            if step.kind in ("choice", "yes_no", "several", "checklist") and step.kind not in checked or any(len(label) > 60 for _, label in step.options):
                await pilot.pause()
                shown = html.unescape(app.export_screenshot())
                assert "…" not in shown, f"{step.node_id}: an option is cut off"
                checked.add(step.kind)
            await answer_current(screen, pilot)
        assert {"choice", "checklist"} <= checked or {"yes_no", "checklist"} <= checked


async def test_a_number_answer_far_too_large_or_with_a_decimal_comma_is_refused_not_a_crash(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "hiring_a_pa")
        for _ in range(30):
            step = screen.view.step()
            if step.finished or step.kind in ("number", "money"):
                break
            await answer_current(screen, pilot)
        assert step.kind in ("number", "money"), "no number question before the outcome"
        for typed, message in (("1E+999999999", "far too large"), ("12,71", "use a point: 12.71")):
            answer = screen.query_one("#answer")
            answer.value = typed
            answer.focus()
            await pilot.pause()
            await pilot.press("enter")  # Enter in the field continues, as a person would
            await wait_for(pilot, lambda: message in str(screen.query_one("#flow-error").render()))
            assert app.is_running and screen.view.step().node_id == step.node_id


async def test_going_back_shows_the_answer_given_not_an_empty_question(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "pa_off_sick")
        while screen.view.step().node_id != "sick_end":  # employed, first day, still off (yes)
            await answer_current(screen, pilot)
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: screen.view.step().node_id == "still_off")
        await pilot.pause()
        assert [b.value for b in screen.query("#answer RadioButton")] == [True, False]  # "Yes", as given
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: screen.view.step().node_id == "sick_start")
        await pilot.pause()
        given = screen.view.session.state.answers["sick_start"]
        assert screen.query_one("#answer").value == long_date(given)  # day first, as the app writes dates


async def test_escape_closes_the_answers_view_before_it_leaves_the_flow(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "pa_off_sick")
        await answer_current(screen, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.query_one("#flow-side").display and not screen.query_one("#flow-main").display
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen  # still in the flow, back at the question
        assert screen.query_one("#flow-main").display and not screen.query_one("#flow-side").display
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_an_error_wraps_and_shows_brackets_as_typed(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "pa_off_sick")
        await answer_current(screen, pilot)  # to the first day off sick (a date)
        answer = screen.query_one("#answer")
        answer.value = "[bold]the 3rd[/bold] of [red]last month, or thereabouts, I think[/red]"
        answer.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: str(screen.query_one("#flow-error").render()))
        await pilot.pause()
        error = screen.query_one("#flow-error")
        shown = str(error.render())
        assert "[bold]the 3rd[/bold]" in shown  # shown as typed, not read as markup
        assert error.size.height > 1 and error.size.width <= 80  # wrapped, not cut off
        assert error.region.right <= 80 and app.is_running


async def test_the_side_column_sits_beside_the_question_when_wide_and_gives_way_at_80(make_app):
    for size in ((120, 40), (80, 24)):
        app = make_app(build_index=False)
        async with app.run_test(size=size) as pilot:
            await wait_ready(app, pilot, search=False)
            app.start_flow("pa_off_sick")
            await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
            await pilot.pause()
            main, side = app.screen.query_one("#flow-main"), app.screen.query_one("#flow-side")
            if size[0] >= 100:  # beside, not over, and wide enough for a page title
                assert side.display and main.region.right <= side.region.x and side.region.width >= 30
                assert side.region.right <= size[0] and main.region.width >= 60
            else:  # the question has the width; Ctrl+O shows the answers in its place
                assert not side.display and main.region.width == size[0]
            await pilot.press("ctrl+o")
            await pilot.pause()
            if size[0] >= 100:
                assert not side.display and main.region.width == size[0]
            else:
                assert side.display and not main.display and side.region.width == size[0]


async def test_back_to_a_choice_highlights_the_answer_given_so_enter_keeps_it(make_app):
    """Back to a question answered with its second choice: that answer is the one highlighted,
    so Enter, Enter keeps it (Textual highlights the first choice, and Enter made it the answer)."""
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "pa_off_sick")
        while screen.view.step().node_id != "still_off":
            await answer_current(screen, pilot)
        await pilot.pause()
        await pilot.press("down", "enter", "enter")  # the second choice ("No")
        await wait_for(pilot, lambda: screen.view.step().node_id != "still_off")
        given = screen.view.session.state.answers["still_off"]
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: screen.view.step().node_id == "still_off")
        for _ in range(3):
            await pilot.pause()
        await pilot.press("enter", "enter")
        await wait_for(pilot, lambda: screen.view.step().node_id != "still_off")
        assert screen.view.session.state.answers["still_off"] == given
