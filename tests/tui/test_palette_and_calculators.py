"""The command palette finds pages, flows, calculators and letters; calculators work in the app."""

import datetime as dt
from pathlib import Path

from guidance.tui.screens.calculator import CalculatorScreen
from guidance.tui.screens.letter import LetterScreen

from tui_helpers import open_calculator, palette_pick, wait_for, wait_ready


async def test_palette_opens_a_calculator_and_it_works(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        await palette_pick(pilot, "Calculator: Statutory redundancy")
        await wait_for(pilot, lambda: isinstance(app.screen, CalculatorScreen) and app.screen.query("#in-age"))
        screen = app.screen
        screen.query_one("#in-age").value = "45"
        screen.query_one("#in-years").value = "10"
        screen.query_one("#in-weekly_pay").value = "500"
        await pilot.press("ctrl+r")
        await pilot.pause()
        result = str(screen.query_one("#calc-result").render())
        # 10 years at 41+: 1.5 weeks a year for the years from 41 (4), 1 week for the rest (6)
        assert "Statutory redundancy pay: £6,000.00" in result
        assert "How this was worked out" in result


async def test_palette_opens_a_letter(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        await palette_pick(pilot, "Letter: What we talked")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
        assert app.screen.template_id == "advice-follow-up"


async def test_a_page_offers_its_calculator(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_page("holiday-entitlement")
        await wait_for(pilot, lambda: app.screen.query("#page-calcs"))
        calcs = app.screen.query_one("#page-calcs")
        assert calcs.display and calcs.get_option_at_index(0).id == "holiday"


async def test_palette_finds_what_search_finds_for_the_words_typed(make_app):
    """ "died" is not in order in "When the employer dies", but search finds it (and the guided help)."""
    from textual.command import CommandList

    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.query(CommandList))
        await pilot.press(*"died")
        commands = app.screen.query_one(CommandList)

        def prompts():
            return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]

        await wait_for(pilot, lambda: any("When the employer dies" in p for p in prompts())
                       and any("The employer is in hospital" in p for p in prompts()))
        await pilot.pause(0.3)
        # search's own order (the employer dies, a PA who dies, a bereaved PA, the guided help)
        # comes above names that merely hold the letters d, i, e, d in order
        first = prompts()[:4]
        assert any(p.startswith("Page: When the employer dies") for p in first), prompts()[:5]
        assert any(p.startswith("Guided help: The employer is in hospital") for p in first), prompts()[:5]
        await pilot.press(*["backspace"] * 4, *"account audit")
        await wait_for(pilot, lambda: prompts() and "Account audit" in prompts()[0]
                       or any("account audit" in p.lower() for p in prompts()[1:]))
        assert prompts()[0].startswith("Account audit: reconcile"), prompts()[:3]  # the tool before pages about it


def test_palette_scores_a_name_first_then_what_search_finds_then_scattered_letters():
    from guidance.tui.commands import palette_score

    full = 20.0
    starts = palette_score("account audit", "Account audit: reconcile bank statements", 15.0, full, None)
    found_first = palette_score("died", "Page: When the employer dies", 0.0, full, 0)
    found_later = palette_score("died", "Page: Redundancy pay", 0.0, full, 5)
    contains = palette_score("audit", "Page: Running an account audit", 12.0, full, None)
    scattered = palette_score("died", "Page: Following a fair disciplinary procedure", 9.0, full, None)
    assert starts > found_first > found_later > scattered
    assert found_first > contains > scattered
    assert palette_score("holiday", "Page: Holiday pay", 15.0, full, None) > found_first  # kind prefix skipped
    # the kind typed first ("calculator holiday") puts that kind's matching names first
    calculator = palette_score("calculator holiday", "Calculator: Statutory holiday entitlement", 5.0, full, None)
    assert calculator > palette_score("calculator holiday", "Page: Holiday entitlement for PAs", 5.0, full, 0)
    assert palette_score("letter holiday", "Calculator: Statutory holiday entitlement", 5.0, full, None) < found_first


async def test_key_dates_go_to_a_calendar_file(make_app, tmp_path):
    import datetime as dt

    from icalendar import Calendar

    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_calculator("tribunal-deadline")
        await wait_for(pilot, lambda: isinstance(app.screen, CalculatorScreen) and app.screen.query("#in-event_date"))
        screen = app.screen
        assert "ctrl+t" not in {b.key for _, b, enabled, _ in app.active_bindings.values() if enabled}  # no dates yet
        screen.query_one("#in-event_date").value = "2/11/2026"
        screen.query_one("#in-claim_type").value = "unfair_dismissal"
        await pilot.press("ctrl+r")
        # the six-month limit's start is not confirmed: both readings, each saying whom it is cautious for
        await wait_for(pilot, lambda: "Last day to claim (cautious for the PA): 1 February 2027" in str(screen.query_one("#calc-result").render()))
        assert "May still be in time until (cautious for the employer): 1 May 2027" in str(screen.query_one("#calc-result").render())
        await pilot.pause()
        assert "ctrl+t" in {b.key for _, b, enabled, _ in app.active_bindings.values() if enabled}
        screen.query_one("#in-event_date").focus()  # the key works from inside a field too
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: any(tmp_path.glob("*.ics")))
        calendar = Calendar.from_ical(next(tmp_path.glob("*.ics")).read_bytes())
        events = [(e.decoded("dtstart"), str(e.get("summary"))) for e in calendar.walk("VEVENT")]
        assert events == [(dt.date(2027, 2, 1), "Last day to claim (cautious for the PA)"),
                          (dt.date(2027, 5, 1), "May still be in time until (cautious for the employer)")]


def test_dates_as_people_write_them():
    import datetime as dt

    from guidance.values import parse_date

    day = dt.date(2026, 11, 2)
    for written in ("2/11/2026", "2/11/26", "2.11.26", "2 Nov 2026", "2nd November 2026", "Monday 2nd November 2026", "2 Nov, 2026"):
        assert parse_date(written) == day, written
    for wrong in ("31/2/2026", "sunday", "32/1/2026", "11/2026"):
        assert parse_date(wrong) is None, wrong


async def test_a_calculator_form_refuses_bad_numbers_without_closing(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_calculator(app, pilot, "redundancy")
        screen.query_one("#in-age").value = "45"
        screen.query_one("#in-years").value = "10"
        for typed, message in (("1E+999999999", "far too large"), ("800,00", "use a point: 800.00")):
            screen.query_one("#in-weekly_pay").value = typed
            await pilot.press("ctrl+r")
            await pilot.pause()
            result = str(screen.query_one("#calc-result").render())
            assert "Please check: Weekly pay before tax:" in result and message in result
        assert app.is_running and isinstance(app.screen, CalculatorScreen)


async def test_every_calculator_form_is_made_from_its_declaration(make_app):
    from textual.widgets import Input, Select

    from guidance.calculators.registry import CALCULATORS
    from guidance.kinds import Choice, YesNo

    app = make_app(build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        for name, calculator in CALCULATORS.items():
            app.push_screen(CalculatorScreen(name))
            first = f"#in-{calculator.fields[0].name}"
            await wait_for(pilot, lambda: isinstance(app.screen, CalculatorScreen) and app.screen.calculator.name == name
                           and app.screen.query(first))
            for field in calculator.fields:
                widget = app.screen.query_one(f"#in-{field.name}")
                expected = Select if isinstance(field.kind, (Choice, YesNo)) else Input
                assert isinstance(widget, expected), (name, field.name)
            app.pop_screen()
            await pilot.pause()


def test_hours_times_rate_is_not_rounded_before_it_is_compared():
    """37.5 hours x £3.33 is £124.875: kept exact, so it stays below a £125 earnings limit (rounded
    half up first, 124.995 would become £125.00 and qualify for SSP it is not due)."""
    import datetime as dt
    from decimal import Decimal

    from guidance.calculators.registry import calculate
    from guidance.content.rates import load_rates
    from guidance.problems import Problems
    from guidance.tui.screens.calculator import prepared
    from guidance.tui.validators import parse_pay

    assert parse_pay("40 x 12.50") == Decimal("500.00")
    assert parse_pay("37.5 x 3.33") == Decimal("124.875")
    typed = prepared("average_weekly_earnings", "124.995 x 1", dt.date(2025, 11, 1))
    assert typed == "124.995"
    rates = load_rates(Path(__file__).resolve().parents[2] / "content" / "rates.yaml", Problems())
    result = calculate("sick-pay", {"sick_start": "2025-11-03", "sick_end": "2025-11-14", "work_days": "mon,tue,wed,thu,fri",
                                    "average_weekly_earnings": typed}, rates, dt.date(2025, 11, 1))
    assert result["ssp_total"] == Decimal("0.00") and result["days_below_earnings_threshold"] > 0


async def test_errors_between_fields_show_at_the_field_by_its_label(make_app):
    from tui_helpers import TODAY

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "sick-pay")
        screen.query_one("#in-work_days").value = "mon,tue,wed,thu,fri"
        screen.query_one("#in-average_weekly_earnings").value = "300"
        screen.query_one("#in-sick_start").value = "10/5/2026"
        screen.query_one("#in-sick_end").value = "4 May 2026"
        await pilot.press("ctrl+r")
        await pilot.pause()
        label = screen.query_one("#label-sick_end")
        assert label.has_class("error") and "Last day off sick: 4 May 2026 is before the first day off sick (10 May 2026)" in str(label.render())
        assert screen.focused is screen.query_one("#in-sick_end")
        result = str(screen.query_one("#calc-result").render())
        assert "sick_end" not in result and "missing input" not in result
        # still off from a day that has not come: refused at the first day, in words
        future = TODAY.replace(year=TODAY.year + 1)
        screen.query_one("#in-sick_start").value = future.strftime("%d/%m/%Y")
        screen.query_one("#in-sick_end").value = "still off"
        await pilot.press("ctrl+r")
        await pilot.pause()
        label = screen.query_one("#label-sick_start")
        assert label.has_class("error") and "is after today" in str(label.render())
        assert f"{future.day} {future:%B %Y}" in str(label.render()) and future.isoformat() not in str(label.render())
        assert not screen.query_one("#label-sick_end").has_class("error")
        # still off from a day that has come is worked out to today
        screen.query_one("#in-sick_start").value = (TODAY - dt.timedelta(days=14)).strftime("%d/%m/%Y")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert screen.last_result is not None and "How this was worked out" in str(screen.query_one("#calc-result").render())
        assert not screen.query_one("#label-sick_start").has_class("error")


async def test_every_bad_or_missing_field_is_shown_at_once_at_its_field(make_app):
    """Three bad or missing fields are all marked at once, each at its field by its label: the
    officer does not fix one, press Ctrl+R and only then see the next."""
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "sick-pay")
        screen.query_one("#in-sick_start").value = "31/02/2026"
        screen.query_one("#in-work_days").value = "mon,tue"
        screen.query_one("#in-average_weekly_earnings").value = "300,5"
        await pilot.press("ctrl+r")
        await pilot.pause()
        expected = {
            "sick_start": "First day off sick: 31 February 2026 does not exist",
            "sick_end": "Last day off sick: this is needed",
            "average_weekly_earnings": "Average weekly pay (£): '300,5' has a comma",
        }
        for key, message in expected.items():
            label = screen.query_one(f"#label-{key}")
            assert label.has_class("error") and message in str(label.render()), key
        assert not screen.query_one("#label-work_days").has_class("error")
        result = str(screen.query_one("#calc-result").render())
        assert "Please check the fields marked in red" in result
        for message in ("First day off sick: 31 February", "Last day off sick: this is needed", "Average weekly pay: '300,5'"):
            assert message in result
        assert screen.focused is screen.query_one("#in-sick_start")  # the first field at fault
        assert screen.last_result is None
        # the fixed fields lose their mark, the one still wrong keeps it
        screen.query_one("#in-sick_start").value = "4/5/2026"
        screen.query_one("#in-sick_end").value = "8/5/2026"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not screen.query_one("#label-sick_start").has_class("error")
        assert screen.query_one("#label-average_weekly_earnings").has_class("error")
        assert screen.focused is screen.query_one("#in-average_weekly_earnings")


async def test_an_unusual_input_is_warned_of_beside_the_result(make_app):
    """£1,000,000 a week is worked out, and the result says to check it, by the field's label."""
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "redundancy")
        screen.query_one("#in-age").value = "45"
        screen.query_one("#in-years").value = "10"
        screen.query_one("#in-weekly_pay").value = "1,000,000"
        await pilot.press("ctrl+r")
        await pilot.pause()
        result = str(screen.query_one("#calc-result").render())
        assert "Statutory redundancy pay:" in result
        warning = "Check: Weekly pay before tax: £1,000,000.00 is more than £3,000.00, which is unusual"
        assert warning in result and result.index(warning) < result.index("How this was worked out")
        screen.query_one("#in-weekly_pay").value = "500"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Check:" not in str(screen.query_one("#calc-result").render())


async def test_a_result_for_a_day_after_the_figures_are_known_says_they_may_change(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "minimum-wage")
        screen.query_one("#in-age").value = "30"
        screen.query_one("#in-on").value = "1/6/2029"
        await pilot.press("ctrl+r")
        await pilot.pause()
        result = str(screen.query_one("#calc-result").render())
        note = ("Note: The figures are known to be right until 31 March 2027; for 1 June 2029 these are the "
                "latest on record and may change")
        assert "Minimum hourly rate:" in result and note in result
        assert result.index(note) < result.index("How this was worked out")
        screen.query_one("#in-on").value = "1/6/2026"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "may change" not in str(screen.query_one("#calc-result").render())


async def test_palette_puts_a_letter_first_when_its_title_is_typed(make_app):
    """The letter's name as shown ("Letter: The minimum wage") or words of it in a row ("minimum
    wage is going") put the letter above the page about the same subject, so Enter opens it."""
    from textual.command import CommandList

    from guidance.tui.screens.letter import LetterScreen

    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_ready(app, pilot)
        for typed in ("Letter: The minimum wage", "minimum wage is going"):
            await pilot.press("ctrl+p")
            await wait_for(pilot, lambda: app.screen.query(CommandList))
            await pilot.press(*typed)
            commands = app.screen.query_one(CommandList)

            def prompts():
                return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]

            await wait_for(pilot, lambda: any("Minimum wage for personal assistants" in p for p in prompts())
                           and any("The minimum wage is going up" in p for p in prompts()))
            await pilot.pause(0.3)
            assert prompts()[0].startswith("Letter: The minimum wage is going up"), (typed, prompts()[:3])
            if typed.startswith("Letter"):
                await pilot.press("escape")
                await wait_for(pilot, lambda: not app.screen.query(CommandList))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))


def test_palette_scores_a_title_typed_with_or_without_its_kind_first():
    from guidance.tui.commands import palette_score

    full = 20.0
    letter, page, calc = "Letter: The minimum wage is going up", "Page: Minimum wage for personal assistants", "Calculator: Minimum wage"
    for typed in ("Letter: The minimum wage", "letter the minimum wage", "minimum wage is going", "letter: minimum wage is go"):
        assert palette_score(typed, letter, 5.0, full, 3) > palette_score(typed, page, 12.0, full, 0), typed
    # another kind named first, or a single word inside a title, does not lift the letter
    assert palette_score("page: minimum wage", page, 5.0, full, 0) > palette_score("page: minimum wage", letter, 5.0, full, 1)
    assert palette_score("going", letter, 5.0, full, 3) < palette_score("going", page, 5.0, full, 0)
    # a name that starts with the words stays above one that only holds them
    assert palette_score("minimum wage", calc, 5.0, full, 2) > palette_score("minimum wage", letter, 5.0, full, 1)
