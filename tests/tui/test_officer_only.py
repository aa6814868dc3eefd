"""Officer tools (the team view, account audits, my calls, calls) are not offered in recipient
mode; a key for one says it is for officers instead of opening it."""

from textual.command import CommandList

from guidance.tui.screens.home import HomeScreen

from tui_helpers import wait_for, wait_ready


def notices(app) -> list[str]:
    shown = []
    original = app.notify

    def notify(message, *args, **kwargs):
        shown.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return shown


async def palette_labels(app, pilot, typed: str) -> list[str]:
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: app.screen.query(CommandList))
    await pilot.press(*typed)
    await pilot.pause(0.5)
    commands = app.screen.query_one(CommandList)
    labels = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
    await pilot.press("escape")
    await pilot.pause()
    return labels


async def test_recipient_mode_offers_no_officer_tools(make_app):
    app = make_app(build_index=False, mode="recipient")
    shown = notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        footer_keys = {binding.key for _, binding, enabled, _ in app.active_bindings.values() if enabled and binding.show}
        assert not {"f4", "f8", "f9", "f10"} & footer_keys
        assert not any("Account audit" in label for label in await palette_labels(app, pilot, "account audit"))
        for key, words in (("f9", "team view"), ("f10", "calls")):
            shown.clear()
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert any(words in text.lower() and "for officers" in text for text in shown), (key, shown)


async def test_officer_mode_still_offers_them(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        assert any("Account audit" in label for label in await palette_labels(app, pilot, "account audit"))
        await pilot.press("f9")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TeamScreen")


def browse_titles(app) -> set[str]:
    tree = app.screen.query_one("#browse")
    titles, stack = set(), [tree.root]
    while stack:
        node = stack.pop()
        if node.data:
            titles.add(str(node.label))
        stack.extend(node.children)
    return titles


async def test_recipient_mode_offers_no_officer_pages(make_app):
    """Browse, recent pages and the palette offer a recipient only the pages written for them;
    switching to officer mode offers the officers' pages again."""
    app = make_app(build_index=False, mode="recipient")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        officer_title = "For officers: handling suspected misuse"
        assert officer_title not in browse_titles(app)
        assert "When your PA is off sick" in browse_titles(app)
        assert not any("For officers" in label for label in await palette_labels(app, pilot, "for officers"))
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.mode == "officer" and officer_title in browse_titles(app))
        assert any("For officers" in label for label in await palette_labels(app, pilot, "for officers"))


async def test_switching_to_recipient_mode_keeps_an_officer_screen_open_and_says_why(make_app):
    app = make_app(build_index=False)
    shown = notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f9")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TeamScreen")
        await pilot.press("f2")
        await pilot.pause()
        assert app.mode == "officer" and type(app.screen).__name__ == "TeamScreen"
        assert any("team view is open" in text.lower() and "Esc" in text for text in shown), shown
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.mode == "recipient")


async def test_recipient_mode_offers_and_opens_no_officer_letters(make_app):
    """Letters are an officer's work (search gives them to officers only): the palette lists none
    in recipient mode, and opening one by id says it is for officers instead."""
    app = make_app(build_index=False, mode="recipient")
    shown = notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        assert not any(label.startswith("Letter:") for label in await palette_labels(app, pilot, "capacity"))
        template_id = app.services.letters().sorted_templates()[0].id
        app.open_letter(template_id)
        await pilot.pause()
        assert type(app.screen).__name__ != "LetterScreen"
        assert any("for officers" in text for text in shown)
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.mode == "officer")
        assert any(label.startswith("Letter:") for label in await palette_labels(app, pilot, "capacity"))


async def test_guided_help_offers_a_recipient_no_letter_and_no_officers_page(make_app):
    """At the end of guided help a recipient is offered no letter to write (an officer's work)
    and beside it no page written for officers only; an officer is offered both."""
    from textual.widgets import OptionList

    from guidance.tui.flow_view import Step

    step = Step("end", "outcome", "", pages=[("officer-handling-misuse", "For officers"), ("misuse-and-fraud", "Misuse")])
    for mode, officer in (("recipient", False), ("officer", True)):
        app = make_app(build_index=False, mode=mode)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_ready(app, pilot, search=False)
            template = app.services.letters().sorted_templates()[0]
            step.letters = [(template.id, template.meta.title)]
            app.start_flow("pa_off_sick")
            await wait_for(pilot, lambda: type(app.screen).__name__ == "FlowScreen" and app.screen.query("#flow-pages"))
            await pilot.pause()
            outcome = app.screen._outcome_widgets(step)
            await app.screen.mount(outcome)
            await pilot.pause()
            letters = outcome.query_one("#flow-letters", OptionList)
            assert (letters.option_count == 1) is officer
            app.screen._fill_side(step)
            pages = app.screen.query_one("#flow-pages", OptionList)
            ids = [pages.get_option_at_index(i).id for i in range(pages.option_count)]
            assert ids == (["officer-handling-misuse", "misuse-and-fraud"] if officer else ["misuse-and-fraud"])
