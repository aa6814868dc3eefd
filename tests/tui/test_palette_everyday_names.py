"""The command palette finds each calculator, guided help and letter by the words a person
types for it ("employer cost" for "Cost of employing a PA", "tribunal deadline" for
"Employment tribunal time limit"): first, above the pages about it."""

from __future__ import annotations

import pytest
from textual.command import CommandList

from guidance.tui.commands import palette_score

from tui_helpers import wait_for, wait_ready

EVERYDAY = {
    "employer cost": "Calculator: Cost of employing a PA",
    "employer costs": "Calculator: Cost of employing a PA",
    "sick pay": "Calculator: Statutory Sick Pay",
    "holiday": "Calculator: Statutory holiday entitlement",
    "redundancy": "Calculator: Statutory redundancy pay",
    "minimum wage": "Calculator: Minimum wage",
    "tribunal deadline": "Calculator: Employment tribunal time limit",
    "calculator tribunal deadline": "Calculator: Employment tribunal time limit",
    "hiring a pa": "Guided help: Employing a personal assistant (PA)",
    # the guided help and the letter share the name: either first, the other next
    "pa off sick": ("Guided help: Your PA is off sick", "Letter: Your PA is off sick"),
}


def test_an_everyday_name_typed_whole_comes_above_a_name_starting_with_the_words():
    full = 20.0
    named = palette_score("holiday", "Calculator: Statutory holiday entitlement", 1.0, full, None, ("holiday",))
    starting = palette_score("holiday", "Page: Holiday entitlement for PAs", 9.0, full, 0)
    begun = palette_score("employer co", "Calculator: Cost of employing a PA", 1.0, full, None, ("employer-cost",))
    assert named > starting and begun >= full
    assert palette_score("holiday", "Calculator: Redundancy pay", 0.0, full, None, ("redundancy",)) < full


def test_entries_that_would_tie_keep_search_order_whichever_kind_came_in_first():
    """A page whose title starts with the words and a letter whose everyday name does score the
    same on the matcher: search's order decides, so the list is the same every time."""
    full, fuzzy = 56.0, 42.0
    page = palette_score("minimum wage", "Page: Minimum wage for personal assistants", fuzzy, full, 1)
    letter = palette_score("minimum wage", "Letter: The minimum wage is going up", fuzzy, full, 10,
                           ("minimum-wage-change",))
    assert page > letter
    # far below any difference the matcher makes
    assert palette_score("minimum wage", "Page: Minimum wage for personal assistants", fuzzy - 1, full, 0) < letter


@pytest.mark.parametrize("mode", ["officer", "recipient"])
async def test_each_is_found_first_by_its_everyday_name(make_app, mode):
    app = make_app(mode=mode)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        for typed, wanted in EVERYDAY.items():
            await pilot.press("ctrl+p")
            await wait_for(pilot, lambda: app.screen.query(CommandList))
            await pilot.press(*typed)
            commands = app.screen.query_one(CommandList)

            def first() -> str:
                return str(commands.get_option_at_index(0).prompt).split("\n")[0] if commands.option_count else ""

            try:
                await wait_for(pilot, lambda: first().startswith(wanted), tries=200)
            except AssertionError:
                raise AssertionError(f"{typed!r} found {first()!r} first, not {wanted!r}") from None
            await pilot.press("escape")
            await wait_for(pilot, lambda: not app.screen.query(CommandList))
