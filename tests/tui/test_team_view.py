"""The team-leader view: the content check, pages due for review, changes and flow shapes."""

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
        dates = [review.get_row_at(i)[0] for i in range(review.row_count)]
        assert dates == sorted(dates)
        graphs = screen.query_one("#flow-graph-list", OptionList)
        assert graphs.option_count >= 6
        screen.query_one("#team-tabs").active = "team-flows"
        await pilot.pause()
        graphs.focus()
        graphs.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert "flowchart" in str(screen.query_one("#flow-graph").render()) or "graph" in str(screen.query_one("#flow-graph").render())
