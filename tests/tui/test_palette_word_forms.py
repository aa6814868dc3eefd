"""The command palette finds names by other forms of the words typed, as search does, through the
one word-form function search's titles use ("redundancies" finds "Redundancy pay", "dismissing"
finds "Unfair dismissal"), even before search is open."""

from __future__ import annotations

from textual.command import CommandList

from guidance.titles import holds_words, is_whole_title, word_form
from guidance.tui.commands import palette_score

from tui_helpers import wait_for, wait_ready


def test_word_forms_are_searchs_stems():
    from guidance.search.analysis import stem

    assert word_form("redundancies") == word_form("redundancy") == stem("redundancy")
    assert word_form("dismissing") == word_form("dismissal")
    assert holds_words("redundancies", "Redundancy pay") and holds_words("dismissing", "Unfair dismissal: who can claim")
    assert holds_words("statutory sick p", "Statutory Sick Pay") and not holds_words("holiday", "Redundancy pay")
    assert is_whole_title("redundancies pay", "Redundancy pay", open_end=False)


def test_a_name_in_another_form_scores_as_a_name_holding_the_words():
    full = 20.0
    forms = palette_score("redundancies", "Calculator: Redundancy pay", 0.0, full, None)
    inside = palette_score("dismissing", "Page: Unfair dismissal: who can claim", 0.0, full, None)
    scattered = palette_score("died", "Page: Following a fair disciplinary procedure", 9.0, full, None)
    found_first = palette_score("died", "Page: When the employer dies", 0.0, full, 0)
    assert forms >= inside > scattered
    assert found_first > inside


async def test_the_palette_finds_other_forms_before_search_is_open(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.query(CommandList))
        commands = app.screen.query_one(CommandList)

        def prompts():
            return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]

        await pilot.press(*"redundancies")
        await wait_for(pilot, lambda: any("Calculator: Statutory redundancy pay" in p for p in prompts()), tries=200)
        await pilot.press(*["backspace"] * len("redundancies"), *"dismissing")
        await wait_for(pilot, lambda: any("Unfair dismissal" in p for p in prompts()), tries=200)
