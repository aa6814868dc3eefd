"""Faults a new user found at 80x24, each driven as a person would with Pilot."""

import datetime as dt

from textual.widgets import Input

from guidance.tui.screens.page import PageScreen

from tui_helpers import TODAY, open_calculator, wait_for, wait_ready


async def test_the_as_at_dialog_offers_the_date_day_first_and_reads_it_back(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_page("statutory-sick-pay")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen))
        page = app.screen
        await pilot.press("a")
        await pilot.pause()
        offered = app.screen.query_one("#date-input", Input).value
        assert offered == "25 November 2026"
        assert "2026-" not in offered
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is page)
        assert page.shown_date == TODAY


def test_a_flow_date_answer_is_offered_day_first():
    from guidance.tui.flow_view import Step

    step = Step(node_id="start", kind="date", text="When?", default=dt.date(2026, 12, 2))
    assert step.default_text == "2 December 2026"


def _empty_headings(screen, side: str) -> list[str]:
    """Headings shown in ``side`` whose list or text below them is hidden or empty."""
    from textual.widgets import OptionList, Static

    empty = []
    for heading in screen.query_one(side).query(".info-heading"):
        if not heading.display:
            continue
        below = heading.parent.children[heading.parent.children.index(heading) + 1]
        if not below.display or (isinstance(below, OptionList) and below.option_count == 0) or (
                isinstance(below, Static) and not str(below.render()).strip()):
            empty.append(str(heading.render()))
    return empty


async def test_guided_help_side_never_shows_an_empty_heading(make_app):
    from guidance.tui.screens.flow import FlowScreen
    from tui_helpers import answer_current

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.start_flow("pa_off_sick")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        screen = app.screen
        seen_without_pages = False
        for _ in range(12):
            step = screen.view.step()
            seen_without_pages |= not step.pages
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert _empty_headings(screen, "#flow-side") == [], step.node_id
            await pilot.press("ctrl+o")
            await pilot.pause()
            if step.finished:
                break
            await answer_current(screen, pilot)
        assert seen_without_pages  # the walk met a step with nothing to read more



async def test_tab_onto_a_page_work_it_out_list_then_enter_opens_the_calculator(make_app):
    from textual.widgets import OptionList

    from guidance.tui.screens.calculator import CalculatorScreen

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_page("statutory-sick-pay")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen))
        await pilot.press("i")
        await pilot.pause()
        calcs = app.screen.query_one("#page-calcs", OptionList)
        for _ in range(12):
            if app.focused is calcs:
                break
            await pilot.press("tab")
            await pilot.pause()
        assert app.focused is calcs
        assert calcs.highlighted == 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CalculatorScreen))


async def test_a_calculator_fields_old_error_goes_when_the_field_changes(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "sick-pay")
        screen.query_one("#in-work_days").value = "mon,tue,wed"
        screen.query_one("#in-average_weekly_earnings").value = "300"
        screen.query_one("#in-sick_start").value = "10/5/2026"
        screen.query_one("#in-sick_end").value = "4 May 2026"
        await pilot.press("ctrl+r")
        await pilot.pause()
        end, start = screen.query_one("#label-sick_end"), screen.query_one("#label-sick_start")
        assert end.has_class("error")
        await pilot.press("end", "backspace")  # the focused field (the last day) is changed
        await pilot.pause()
        assert not end.has_class("error") and "before the first day" not in str(end.render())
        assert not start.has_class("error")


async def test_the_call_reference_problem_goes_when_the_reference_changes(make_app):
    from guidance.tui.screens.call_start import CallStart

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.push_screen(CallStart())
        await wait_for(pilot, lambda: isinstance(app.screen, CallStart))
        await pilot.pause()
        await pilot.press("J", "o", "enter")
        await pilot.pause()
        error = app.screen.query_one("#call-error")
        assert str(error.render()).strip()
        await pilot.press("backspace")
        await pilot.pause()
        assert not str(error.render()).strip()


async def test_saving_a_letter_with_a_date_in_the_past_names_it_and_goes_to_the_field(make_app, tmp_path):
    from guidance.tui.screens.letter import LetterScreen

    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_letter("dp-statements-request")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#letter-preview"))
        screen = app.screen
        for name, value in {"recipient_name": "Ms A Example", "reference": "DP-007741", "period_from": "1/4/2026",
                            "period_to": "30/9/2026", "reply_by": "1/1/2026"}.items():
            screen.query_one(f"#field-{name}", Input).value = value
        screen.query_one("#field-recipient_name", Input).focus()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        said = [str(n.message) for n in app._notifications]
        assert not any("missing" in text for text in said), said
        assert any("Date we would like them by is 1 January 2026, before the date of the letter" in text for text in said), said
        reply_by = screen.query_one("#field-reply_by", Input)
        assert screen.focused is reply_by
        form = screen.query_one("#letter-form")
        assert form.scroll_y <= reply_by.virtual_region.y < form.scroll_y + form.scrollable_content_region.height
        assert not list(tmp_path.iterdir())  # nothing saved


async def test_auditing_without_statements_names_the_field_and_goes_to_it(make_app):
    from guidance.tui.screens.account import AccountScreen

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.push_screen(AccountScreen(plan="plan.yaml"))
        await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))
        await pilot.pause()
        screen = app.screen
        screen.query_one("#account-plan", Input).focus()
        screen.action_audit()
        await pilot.pause()
        assert str(screen.query_one("#account-status").render()).startswith("Statements:")
        assert screen.focused is screen.query_one("#account-statements", Input)


async def test_a_guided_help_answers_old_problem_goes_when_the_answer_changes(make_app):
    """The problem goes as the answer is changed; a change reported only after the answer was
    checked (as when a value is set and Continue clicked at once) leaves the problem shown."""
    from textual.widgets import Input

    from guidance.tui.screens.flow import FlowScreen
    from tui_helpers import answer_current

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.start_flow("pa_off_sick")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        screen = app.screen
        await answer_current(screen, pilot)  # to the first day off sick (a date)
        answer = screen.query_one("#answer", Input)
        answer.value = "not a date"
        answer.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: str(screen.query_one("#flow-error").render()).strip(), tries=200)
        screen.answer_changed()  # a late report of the change to the answer the problem is about
        assert str(screen.query_one("#flow-error").render()).strip()
        await pilot.press("backspace")
        await pilot.pause()
        assert not str(screen.query_one("#flow-error").render()).strip()
