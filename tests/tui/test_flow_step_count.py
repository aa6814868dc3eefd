"""The step count in guided help ("step 3 of up to 10") is worked out for the question shown:
changing an earlier answer counts from that question, as when it was first asked."""

from __future__ import annotations

from guidance.tui.screens.pick_answer import PickAnswer

from tui_helpers import answer_current, open_flow, wait_for


async def test_changing_an_answer_shows_the_count_it_was_asked_with(make_app):
    """Each question's count, seen as it is asked, is seen again when the answer is changed from
    the outcome (the last question read "step 11 of up to 11" there, after "step 10 of 10")."""
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "dp_account_review")
        label = screen.query_one("#flow-progress-label")
        asked = {}
        for _ in range(30):
            await wait_for(pilot, lambda: screen.query("#answer") or screen.view.step().finished)
            step = screen.view.step()
            if step.finished:
                break
            await wait_for(pilot, lambda: str(label.render()).lower() == step.progress_text)
            asked[step.node_id] = step.progress_text
            await answer_current(screen, pilot)
        assert screen.view.finished and len(asked) > 3
        last = list(asked)[-1]
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: isinstance(app.screen, PickAnswer))
        picker = app.screen.query_one("#answers")
        picker.highlighted = next(i for i, row in enumerate(app.screen.rows) if row["node"] == last)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.changing == last)
        await wait_for(pilot, lambda: str(label.render()).lower() == asked[last], tries=200)
        for node, shown in asked.items():
            step = screen.view.step(node)
            assert step.progress_text == shown
            assert step.progress_done < step.progress_total
