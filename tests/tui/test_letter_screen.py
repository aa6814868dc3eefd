"""Make a letter in the app: fields from the flow, the rest typed, preview, export as .docx."""

import re

import docx

from guidance.tui.screens.flow import FlowScreen
from guidance.tui.screens.letter import LetterScreen
from textual.widgets import Input, Select, TextArea

from tui_helpers import answer_current, wait_for, wait_ready


async def test_letter_from_a_finished_flow_exported_as_docx(make_app, tmp_path):
    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.start_flow("pa_off_sick")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        for _ in range(40):
            if app.screen.view.finished:
                break
            await answer_current(app.screen, pilot)
        assert app.screen.view.finished
        session_id = app.screen.view.session_id
        app.open_letter("pa-off-sick", session_id=session_id)
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#letter-preview"))
        screen = app.screen
        template = app.services.letters().template("pa-off-sick")
        # dates the flow gives are shown in words in the form, never ISO
        first_day = screen.query_one("#field-first_day_off", Input).value
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", first_day), first_day
        # fill every empty required field with its example (a person typing the rest)
        for name, spec in template.meta.fields.items():
            widget = screen.query_one(f"#field-{name}")
            if isinstance(widget, Input) and not widget.value and spec.required:
                widget.value = str(spec.example)
            elif isinstance(widget, TextArea) and not widget.text and spec.required:
                widget.load_text("\n".join(map(str, spec.example)))
            elif isinstance(widget, Select) and widget.value == Select.NULL and spec.required:
                widget.value = spec.example
        await pilot.pause()
        await wait_for(pilot, lambda: screen.letter is not None)
        assert "Reading ease" in str(screen.query_one("#letter-score").render())
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(tmp_path.glob("*.docx")))
        saved = next(tmp_path.glob("*.docx"))
        text = "\n".join(p.text for p in docx.Document(saved).paragraphs)
        assert template.meta.title.split()[0] in text or "sick" in text.lower()
        assert first_day in text and not re.search(r"\d{4}-\d{2}-\d{2}", text)
        records = app.services.letter_store().list(template_id="pa-off-sick")
        assert records and records[0].session_id == session_id


async def test_missing_details_are_listed_not_a_blank_letter(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_letter("advice-follow-up")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#letter-problems"))
        await pilot.pause()
        assert app.screen.letter is None
        assert "Name of the person the letter is for is required" in str(app.screen.query_one("#letter-problems").render())


async def test_letter_form_opens_on_its_first_field_and_enter_keeps_address_lines_apart(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_letter("advice-follow-up")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-recipient_address"))
        screen = app.screen
        await pilot.pause()
        assert screen.focused is screen.query_one("#field-recipient_name")
        await pilot.press(*"Recipient", "enter")  # Enter in a one-line field: on to the next field
        assert screen.focused is screen.query_one("#field-recipient_address")
        await pilot.press(*"4 Mill Lane", "enter", *"Northfield", "enter", *"NF2 8QT")
        await pilot.pause()
        values = screen.values()
        assert values["recipient_name"] == "Recipient"
        assert values["recipient_address"] == ["4 Mill Lane", "Northfield", "NF2 8QT"]


async def test_a_money_field_far_too_large_is_listed_as_a_problem_not_a_crash(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_letter("employer-duties")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-hourly_rate"))
        screen = app.screen
        template = app.services.letters().template("employer-duties")
        for name, spec in template.meta.fields.items():
            widget = screen.query_one(f"#field-{name}")
            if isinstance(widget, Input) and spec.required:
                widget.value = str(spec.example)
        for typed, message in (("1E+999999999", "far too large"), ("12,71", "use a point: 12.71")):
            screen.query_one("#field-hourly_rate").value = typed
            await wait_for(pilot, lambda: message in str(screen.query_one("#letter-problems").render()))
            assert screen.letter is None and app.is_running


async def test_a_letter_field_longer_than_its_templates_limit_is_refused_naming_the_field_and_the_limit(make_app, tmp_path):
    from textual.widgets import Input

    from guidance.tui.screens.letter import LetterScreen

    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_letter("dp-statements-request")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#letter-preview"), tries=400)
        screen = app.screen
        limit = app.services.letters().template("dp-statements-request").meta.fields["recipient_name"].max_length
        assert limit == 100  # declared in the template itself
        for name, value in {"recipient_name": "A" * 2400, "reference": "DP-007741", "period_from": "1/4/2026",
                            "period_to": "30/9/2026", "reply_by": "1/12/2026"}.items():
            screen.query_one(f"#field-{name}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        said = "\n".join(str(n.message) for n in app._notifications)
        assert "Name of the person the letter is for is 2,400 characters long, more than the 100 it may have" in said, said
        assert "AAAA" not in said
        error = screen.query_one("#error-recipient_name")
        assert error.display and "more than the 100" in str(error.render())
        assert screen.focused is screen.query_one("#field-recipient_name", Input)
        assert not list(tmp_path.iterdir())


async def test_a_follow_up_letter_filled_from_a_long_call_fits_every_field_saying_where_it_was_cut(make_app):
    from textual.widgets import Input, TextArea

    from guidance.letters.fields import CUT_NOTE
    from guidance.tui.screens.letter import LetterScreen

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f4", *"ASC-104233", "enter")
        await wait_for(pilot, lambda: app.call is not None, tries=400)
        app.call.notes = "Asked " + "about sick pay " * 200 + "\n" + "Told them " + "how to pay " * 150 + "\nA short point"
        app.open_letter("advice-follow-up")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#letter-preview"), tries=400)
        screen = app.screen
        fields = app.services.letters().template("advice-follow-up").meta.fields
        question = screen.query_one("#field-question", Input).value
        advice = screen.query_one("#field-advice", TextArea).text.split("\n")
        assert question.startswith("Asked about sick pay") and question.endswith(CUT_NOTE)
        assert len(question) <= fields["question"].max_length
        assert advice[0].startswith("Told them how to pay") and advice[0].endswith(CUT_NOTE)
        assert all(len(point) <= fields["advice"].max_length for point in advice)
        assert "A short point" in advice
        screen.refresh_preview()
        for name in ("question", "advice"):
            assert not screen.query_one(f"#error-{name}").display


async def test_a_letter_to_the_person_offers_no_guide_written_for_officers_only(make_app):
    from textual.widgets import SelectionList

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        pages = app.services.base.pages
        officers_only = {pid for pid, page in pages.items() if "recipient" not in page.meta.audience}
        assert officers_only  # the shipped content has some ("For officers: the Care Act duties")
        app.open_letter("advice-follow-up")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query(".guides-field"))
        guides = app.screen.query_one(".guides-field", SelectionList)
        offered = {guides.get_option_at_index(i).value for i in range(guides.option_count)}
        assert offered and not offered & officers_only
