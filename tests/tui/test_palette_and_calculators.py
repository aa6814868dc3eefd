"""The command palette finds pages, flows, calculators and letters; calculators work in the app."""

from guidance.tui.screens.calculator import CalculatorScreen
from guidance.tui.screens.letter import LetterScreen

from tui_helpers import palette_pick, wait_for, wait_ready


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


async def test_a_calculator_form_refuses_bad_numbers_without_closing(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.push_screen(CalculatorScreen("redundancy"))
        await wait_for(pilot, lambda: isinstance(app.screen, CalculatorScreen) and app.screen.query("#in-age"))
        screen = app.screen
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
