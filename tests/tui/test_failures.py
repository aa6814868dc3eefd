"""The app never falls over: each failure is injected and the app stays up with a clear notice."""

import sqlite3

from textual.widgets import Input

from guidance.cli import main
from guidance.tui.screens.calculator import CalculatorScreen
from guidance.tui.screens.home import HomeScreen
from guidance.tui.screens.letter import LetterScreen
from guidance.tui.screens.page import PageScreen

from tui_helpers import wait_for, wait_ready

FILLED = {
    "recipient_name": "Recipient",
    "reference": "ASC-104233",
    "call_date": "2026-11-20",
    "question": "Do I pay sick pay?",
}


def notices(app) -> list[str]:
    """Record what the app shows as notices (the text a person reads)."""
    shown = []
    original = app.notify

    def notify(message, *args, **kwargs):
        shown.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return shown


def unreachable(tmp_path) -> str:
    """A records database that cannot be opened: its folder would have to be inside a file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the records folder should be")
    return f"sqlite:///{blocker / 'records.sqlite3'}"


async def test_unwritable_downloads_gives_a_notice_and_records_no_letter(make_app, tmp_path):
    app = make_app(build_index=False)
    blocker = tmp_path / "downloads-is-a-file"
    blocker.write_text("")
    app.services.downloads = blocker / "Downloads"  # cannot be created: its parent is a file
    shown = notices(app)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_letter("advice-follow-up")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-advice"))
        screen = app.screen
        for name, value in FILLED.items():
            screen.query_one(f"#field-{name}", Input).value = value
        screen.query_one("#field-advice").load_text("Yes, from the first day.")
        screen.query_one("#field-pages").select("statutory-sick-pay")
        await wait_for(pilot, lambda: screen.letter is not None)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("Could not save the letter" in text for text in shown))
        said = next(text for text in shown if "Could not save the letter" in text)
        assert f"the folder {blocker / 'Downloads'} cannot be written to" in said, said
        assert "choose another folder" in said and ".tmp" not in said, said
        assert app.is_running and app.screen is screen
        assert app.services.letter_store().list(template_id="advice-follow-up") == []  # not recorded as issued
        # the folder comes back: the same letter saves and is recorded once
        app.services.downloads = tmp_path / "Downloads"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any((tmp_path / "Downloads").glob("*.docx")))
        await wait_for(pilot, lambda: len(app.services.letter_store().list(template_id="advice-follow-up")) == 1)


async def test_unreachable_records_leave_search_and_pages_working(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDANCE_DATABASE_URL", unreachable(tmp_path))
    app = make_app()
    shown = notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await wait_for(pilot, lambda: any("records database cannot be reached" in text for text in shown))
        said = next(text for text in shown if "records database cannot be reached" in text)
        assert len(said) <= 160 and "\n" not in said and "Details: guidance db status" in said, said
        assert "sqlite" not in said.lower() and "records.sqlite3" not in said, said  # no connection error
        assert isinstance(app.screen, HomeScreen)
        await pilot.press(*"holiday pay")
        await wait_for(pilot, lambda: app.screen.shown_query == "holiday pay")
        app.open_page("statutory-sick-pay")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen) and app.focused is not None)  # the page is up
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        # starting a call or guided help says why it cannot, and the app carries on
        shown.clear()
        await pilot.press("f4")  # F4 says at once why no call can start: no reference is asked for
        await wait_for(pilot, lambda: any("cannot be reached: could not start a call" in text for text in shown))
        assert not app.screen.query("#caller-ref") and app.call is None
        app.start_flow("pa_off_sick")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and len(shown) >= 2)
        assert app.is_running


def test_missing_root_is_a_plain_error(capsys):
    assert main(["--root", "/nonexistent"]) == 1
    err = capsys.readouterr().err
    assert "guidance: error: /nonexistent: no 'content' folder here" in err
    assert "Traceback" not in err


async def test_huge_numbers_are_a_field_error_not_a_crash(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_calculator("redundancy")
        await wait_for(pilot, lambda: isinstance(app.screen, CalculatorScreen) and app.screen.query("#in-age"))
        screen = app.screen
        assert screen.focused is screen.query_one("#in-age")  # the form opens on its first field
        screen.query_one("#in-age").value = "45"
        screen.query_one("#in-years").value = "10"
        screen.query_one("#in-weekly_pay").value = "9" * 400
        await pilot.press("ctrl+r")
        await pilot.pause()
        label = str(screen.query_one("#label-weekly_pay").render())
        assert label.startswith("Weekly pay before tax (£): ") and "far too large" in label
        assert app.is_running
        screen.query_one("#in-years").value = "9" * 400
        screen.query_one("#in-weekly_pay").value = "500"
        await pilot.press("ctrl+r")
        await pilot.pause()
        result = str(screen.query_one("#calc-result").render())
        assert result.startswith("Please check: Full years worked: ")  # the field named once, as labelled
        assert str(screen.query_one("#label-years").render()).startswith("Full years worked: ")
        assert app.is_running


async def test_one_database_engine_for_every_store(make_app):
    app = make_app(build_index=False)
    services = app.services
    assert services.store().database is services.calls().database is services.letter_store().database
    with sqlite3.connect(services.database().path) as conn:  # the private file really is the records
        assert conn.execute("select count(*) from calls").fetchone() == (0,)



async def test_an_unreachable_database_gives_one_notice_not_a_stack(make_app, tmp_path, monkeypatch):
    """Several workers fail on the same unreachable database at start: one notice, not a stack.
    A later action that fails for the same reason still says what could not be done."""
    monkeypatch.setenv("GUIDANCE_DATABASE_URL", unreachable(tmp_path))
    app = make_app()
    now = [1000.0]
    app.clock = lambda: now[0]  # seconds, moved on by hand
    shown = notices(app)

    def records_notices():
        return [text for text in shown if "records database cannot be reached" in text]

    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await wait_for(pilot, records_notices)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        assert len(records_notices()) == 1  # listing guided help and looking for open calls both failed
        await pilot.press("f4")
        await wait_for(pilot, lambda: any("could not start a call" in text for text in shown))
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        assert len(records_notices()) == 2  # the call's own notice; going home lists guided help again: no more
        assert app.is_running
