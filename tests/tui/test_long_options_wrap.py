"""Long options and tick-box labels in a flow wrap at 80x24: every word of each label is on
screen (Textual keeps a toggle button one line high, which cut them off without an ellipsis)."""

from guidance.tui.screens.flow import FlowScreen, TickBox

from tui_helpers import answer_current, wait_for, wait_ready


async def test_the_account_review_flag_kinds_are_shown_in_full_at_80x24(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.start_flow("dp_account_review")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        screen = app.screen
        for _ in range(20):
            if screen.view.step().node_id == "audit_flags":
                break
            await answer_current(screen, pilot)  # the first option: "audited", so the audit's questions come
        step = screen.view.step()
        assert step.node_id == "audit_flags"
        await pilot.pause()
        boxes = [box for box in screen.query(TickBox) if len(str(box.label)) > 70]
        assert boxes, "the step has no label too long for one line at 80 columns"
        for box in boxes:
            shown = " ".join(" ".join(box.render_line(y).text for y in range(box.size.height)).split())
            assert str(box.label) in shown, f"cut off: {box.label} (shown: {shown})"
