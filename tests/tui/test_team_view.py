"""The team-leader view: the content check, pages due for review, changes and flow shapes."""

from pathlib import Path

from guidance.tui.screens.team import TeamScreen
from textual.widgets import DataTable, OptionList

from tui_helpers import wait_for, wait_ready


async def test_team_view_shows_check_review_and_flow_graph(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen) and app.screen.query("#check-status"))
        screen = app.screen
        await wait_for(pilot, lambda: "errors" in str(screen.query_one("#check-status").render()))
        status = str(screen.query_one("#check-status").render())
        problems = screen.query_one("#problems-table", DataTable)
        assert status.startswith("0 errors") or problems.row_count > 0
        # the review table lists pages due within the window, soonest first
        review = screen.query_one("#review-table", DataTable)
        from guidance.kinds import day_month_year

        shown = [str(review.get_row_at(i)[0]) for i in range(review.row_count)]
        assert shown and not any("-" in cell for cell in shown), shown  # in words, never ISO
        dates = [day_month_year(cell) for cell in shown]
        assert dates == sorted(dates)
        assert [app.services.base.pages[str(key.value)].meta.review_by for key in review.rows] == dates
        release = str(screen.query_one("#release-label").render())
        manifest_date = app.services.base.manifest.date
        assert f"of {manifest_date.day} {manifest_date:%B %Y}." in release and manifest_date.isoformat() not in release
        graphs = screen.query_one("#flow-graph-list", OptionList)
        assert graphs.option_count >= 6
        screen.query_one("#team-tabs").active = "team-flows"
        await pilot.pause()
        graphs.focus()
        graphs.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        picture = str(screen.query_one("#flow-graph").render())
        assert "flowchart" not in picture and "-->" not in picture  # a drawing, not Mermaid source
        flow = app.services.flows()[graphs.get_option_at_index(0).id].flow
        assert f"└─ {flow.start} (" in picture and "┌─" in picture


async def test_check_again_reads_the_files_on_disk(tmp_path, monkeypatch):
    import shutil

    from guidance.tui.app import GuidanceApp
    from tui_helpers import TODAY

    root = tmp_path / "root"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "app_root", root)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    app = GuidanceApp(root, TODAY, build_index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen) and "errors" in str(app.screen.query_one("#check-status").render()))
        screen = app.screen
        assert str(screen.query_one("#check-status").render()).startswith("0 errors")
        page = root / "content" / "employment" / "holiday-basics.md"
        page.write_text(page.read_text().replace('rate("national_living_wage")', 'rate("national_living_wag")'))
        await pilot.press("r")
        await wait_for(pilot, lambda: str(screen.query_one("#check-status").render()).startswith("1 error,"))
        table = screen.query_one("#problems-table", DataTable)
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[1] == "content/employment/holiday-basics.md" and row[2] == "20"
        assert "unknown rate 'national_living_wag'" in row[3]
        # the whole message, however long, is shown for the highlighted row
        assert "did you mean 'national_living_wage'?" in str(screen.query_one("#problem-detail").render())


async def test_a_problem_row_opens_the_editor_at_its_line_or_shows_the_path(tmp_path, monkeypatch):
    import shutil
    import sys

    from guidance.tui.app import GuidanceApp
    from tui_helpers import TODAY

    root = tmp_path / "root"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "app_root", root)
    page = root / "content" / "employment" / "holiday-basics.md"
    page.write_text(page.read_text().replace('rate("national_living_wage")', 'rate("no_such_rate")'))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    opened = tmp_path / "opened.txt"
    editor = tmp_path / "editor.py"
    editor.write_text(f"import sys\nopen({str(opened)!r}, 'w').write(' '.join(sys.argv[1:]))\n")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")
    app = GuidanceApp(root, TODAY, build_index=False)
    import contextlib

    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)  # the test driver has no terminal to give up
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen) and str(app.screen.query_one("#check-status").render()).startswith("1 error,"))
        screen = app.screen
        screen.open_in_editor(screen.problems[0])
        await pilot.pause()
        assert opened.read_text() == f"+20 {page}"
        monkeypatch.delenv("VISUAL")
        monkeypatch.delenv("EDITOR", raising=False)
        screen.open_in_editor(screen.problems[0])
        await pilot.pause()
        assert str(page) in str(screen.query_one("#problem-detail").render())


async def test_due_for_review_uses_the_cli_window_and_says_when_nothing_is_due(make_app):
    from guidance.content.review import REVIEW_WINDOW_DAYS

    app = make_app(build_index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen) and app.screen.query("#review-status"))
        status = str(app.screen.query_one("#review-status").render())
        limit = app.today + __import__("datetime").timedelta(days=REVIEW_WINDOW_DAYS)
        assert f"by {limit.day} {limit:%B %Y}" in status and limit.isoformat() not in status
        review = app.screen.query_one("#review-table", DataTable)
        flags = {str(review.get_row_at(i)[3]) for i in range(review.row_count)}
        if status.startswith("Nothing is due"):
            assert flags <= {"coming up"} and review.row_count > 0
        else:
            assert flags <= {"overdue", "due soon"}


async def test_the_first_screen_says_when_the_rates_file_is_broken(tmp_path, monkeypatch):
    import shutil

    from guidance.tui.app import GuidanceApp
    from tui_helpers import TODAY

    root = tmp_path / "root"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "app_root", root)
    rates = root / "content" / "rates.yaml"
    rates.write_text(rates.read_text().replace("  label: National Living Wage", "  label: Minimum: National Living Wage", 1))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    app = GuidanceApp(root, TODAY, build_index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        broken = [m for m in messages if "content is broken" in m]
        assert broken and "content/rates.yaml:2" in broken[0], messages


def _visible_text(widget) -> str:
    """The text a widget shows on screen now, its lines joined with spaces."""
    from textual.geometry import Region

    lines = widget.render_lines(Region(0, 0, widget.outer_size.width, widget.outer_size.height))
    return " ".join(" ".join(segment.text for segment in line).strip() for line in lines)


async def test_at_80x24_check_again_shows_the_whole_message_of_a_problem(tmp_path, monkeypatch):
    import shutil

    from guidance.tui.app import GuidanceApp
    from tui_helpers import TODAY

    root = tmp_path / "root"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "app_root", root)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    app = GuidanceApp(root, TODAY, build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen) and "errors" in str(app.screen.query_one("#check-status").render()))
        screen = app.screen
        page = root / "content" / "employment" / "holiday-basics.md"
        text = page.read_text().replace('rate("national_living_wage")', 'rate("national_living_wag")')
        page.write_text(text)
        for number in range(30):  # more problems than the screen has rows
            copy = text.replace("id: holiday-basics", f"id: holiday-copy-{number}")
            (page.parent / f"holiday-copy-{number}.md").write_text(copy)
        await pilot.press("r")
        await wait_for(pilot, lambda: str(screen.query_one("#check-status").render()).startswith("31 errors"))
        table = screen.query_one("#problems-table")
        table.focus()
        table.move_cursor(row=table.row_count - 1)
        await pilot.pause()
        detail = screen.query_one("#problem-detail")
        assert table.cursor_row == 30
        message = str(screen.problems[30])
        assert "holiday-copy-9.md" in message
        assert len(message) > 80
        assert detail.region.bottom <= 24 and detail.size.height > 0
        # the detail follows the highlighted row (a message: on a loaded machine, a moment later)
        await wait_for(pilot, lambda: " ".join(message.split()) in " ".join(_visible_text(detail).split()), tries=400)
        assert detail.region.bottom <= 24


async def test_a_check_that_cannot_run_says_so_and_the_app_carries_on(tmp_path, monkeypatch):
    import shutil

    import guidance.content.check
    from guidance.tui.app import GuidanceApp
    from tui_helpers import TODAY

    root = tmp_path / "root"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "app_root", root)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def broken_check(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(guidance.content.check, "check_content", broken_check)
    app = GuidanceApp(root, TODAY, build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen) and "could not run" in str(app.screen.query_one("#check-status").render()))
        assert "all clear" not in str(app.screen.query_one("#check-status").render())
        await wait_for(pilot, lambda: any("check the content" in n.message for n in app._notifications))
        assert app.is_running


async def test_changed_since_release_lists_the_new_period_of_a_figure(tmp_path, monkeypatch):
    import shutil

    from guidance.cli import main
    from guidance.tui.app import GuidanceApp
    from tui_helpers import TODAY

    root = tmp_path / "root"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "app_root", root)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert main(["--root", str(root), "content", "release", "--notes", "First", "--on", "2026-11-25"]) == 0
    rates = root / "content" / "rates.yaml"
    rates.write_text(rates.read_text().replace(
        '    - {from: 2026-04-01, value: "12.71"}',
        '    - {from: 2026-04-01, value: "12.71"}\n    - {from: 2027-04-01, value: "13.20"}', 1))
    app = GuidanceApp(root, TODAY, build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen) and "errors" in str(app.screen.query_one("#check-status").render()))
        table = app.screen.query_one("#changes-table", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["rate national_living_wage", "new period from 1 April 2027: £13.20", "2 periods"] in rows, rows


async def test_due_for_review_fits_80_columns_and_120(make_app):
    """The Owner column is never cut ("Direct paym"): the table fits the width, long titles wrap."""
    for width in (80, 120):
        app = make_app(build_index=False)
        async with app.run_test(size=(width, 24)) as pilot:
            await wait_ready(app, pilot, search=False)
            await pilot.press("f9")
            await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen) and app.screen.query("#review-status"))
            app.screen.query_one("#team-tabs").active = "team-review"
            await pilot.pause(0.3)
            review = app.screen.query_one("#review-table", DataTable)
            assert review.row_count > 0
            assert review.virtual_size.width <= review.size.width, (width, review.virtual_size, review.size)
            owner = str(review.get_row_at(0)[2])
            assert all(column.get_render_width(review) >= len(owner) for column in list(review.columns.values())[2:3])
            assert owner in _screen_text(app)


def _screen_text(app) -> str:
    """The screen's text, as a person reads it (from the SVG screenshot)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")
