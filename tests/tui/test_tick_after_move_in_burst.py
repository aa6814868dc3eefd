"""Space typed in one burst after the keys that move along a list of tick boxes (Down, Up,
Home, End) ticks the box they moved to, as when typed slowly, not the box they moved from."""

from __future__ import annotations

import pytest

from test_flow_answer_bursts import _keys, _up_to
from tui_helpers import open_flow, wait_for


async def _ticked(app, pilot, screen) -> list[str]:
    """The boxes ticked once every key typed has been handled."""
    for _ in range(6):
        await pilot.pause()
    return screen.query_one("#answer").selected


@pytest.mark.parametrize("keys, want", [
    (("down", "space"), ["misuse"]),
    (("down", "down", "up", "space"), ["misuse"]),
    (("end", "space"), "last"),
])
async def test_space_after_a_move_in_one_burst_ticks_the_box_moved_to(make_app, keys, want):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "dp_account_review")
        await _up_to(app, pilot, screen, "audit_flags")
        boxes = list(screen.query_one("#answer").children)
        if want == "last":
            want = [boxes[-1].answer_value]
        _keys(app, *keys)
        assert await _ticked(app, pilot, screen) == want


async def test_home_space_after_moving_to_the_last_ticks_the_first(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot, "dp_account_review")
        await _up_to(app, pilot, screen, "audit_flags")
        boxes = list(screen.query_one("#answer").children)
        await pilot.press("end")
        await wait_for(pilot, lambda: app.focused is boxes[-1])
        _keys(app, "home", "space")
        assert await _ticked(app, pilot, screen) == [boxes[0].answer_value]


@pytest.mark.parametrize("keys, index", [(("down", "space"), 1), (("end", "space"), -1), (("down", "home", "space"), 0)])
async def test_space_after_a_move_in_the_letters_guides_list_ticks_the_guide_moved_to(make_app, keys, index):
    """The letter's list of guides: a move and Space typed fast tick the guide moved to."""
    from textual.widgets import SelectionList

    from guidance.tui.screens.letter import LetterScreen
    from tui_helpers import wait_ready

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_letter("advice-follow-up")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-pages"))
        guides = app.screen.query_one("#field-pages", SelectionList)
        guides.deselect_all()
        guides.focus()
        await wait_for(pilot, lambda: app.focused is guides)
        await pilot.pause()
        want = guides.get_option_at_index(index if index >= 0 else guides.option_count - 1).value
        _keys(app, *keys)
        for _ in range(6):
            await pilot.pause()
        assert list(guides.selected) == [want]
