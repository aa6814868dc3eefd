"""The home screen's result rows, made in the search worker: what each row shows, the rules
between rows, the corrected-word and nothing-found rows, and reuse from the last keystroke."""

from textual.content import Content
from textual.widgets import OptionList

from guidance.search import Hit, Results
from guidance.tui.widgets.result_rows import EXACT, Fit, build_rows
from tui_helpers import wait_for, wait_ready

FIT = Fit(40, {"line_pad": 0, "text_overflow": "fold", "text_wrap": "wrap"})
AREAS = {"employing": "Employing a PA"}.__getitem__


def hit(id: str, snippet: str, kind: str = "page") -> Hit:
    return Hit(id=id, title=id.replace("-", " ").capitalize(), score=1.0, snippet=snippet, covers=[], area="employing", kind=kind)


def test_rows_show_title_area_and_snippet_with_matches_marked():
    rows = build_rows(Results("sick", [hit("sick-pay", "Your PA gets **sick** pay"), hit("pa_off_sick", "For **sick** PAs", "flow")]), AREAS)
    first, rule, second = rows.options
    assert rule is None  # a rule between results
    assert first.id == "sick-pay" and second.id == "flow:pa_off_sick"
    assert str(first.prompt) == "Sick pay  ·  Employing a PA\nYour PA gets sick pay"
    assert str(second.prompt).startswith("Pa_off_sick  ·  Guided help\n")
    marked = [str(first.prompt)[span.start : span.end] for span in first.prompt.spans if span.style == "bold reverse"]
    assert marked == ["sick"]
    assert rows.hits and rows.suggestion == ""


def test_a_corrected_word_is_said_and_the_words_as_typed_offered_first():
    outcome = Results("hoilday", [hit("holiday-basics", "**holiday**")], corrections={"hoilday": "holiday"})
    rows = build_rows(outcome, AREAS)
    assert rows.suggestion == 'Searched for "holiday" instead of "hoilday".'
    assert rows.options[0].id == EXACT and str(rows.options[0].prompt) == 'Search for "hoilday" as typed'
    assert rows.options[1] is None and rows.options[2].id == "holiday-basics"


def test_nothing_found_is_one_disabled_row_with_the_notes():
    rows = build_rows(Results("zzz", [], suggestion="pay", notes=["only the first 32 words were used"]), AREAS)
    (only,) = rows.options
    assert only.disabled and only.prompt == "Only the first 32 words were used. Or browse by subject (F5)."
    assert rows.suggestion == "Did you mean: pay?" and not rows.hits


def test_a_word_nothing_uses_is_said_above_the_results():
    note = 'nothing here uses "zorblat": these results match only your other words'
    rows = build_rows(Results("pa zorblat", [hit("paying-your-pa", "**PA**")], notes=[note]), AREAS)
    assert rows.suggestion == 'Nothing here uses "zorblat": these results match only your other words.'
    assert rows.hits


def test_same_rows_are_recognised_and_changed_ones_are_not():
    one = build_rows(Results("sick", [hit("sick-pay", "**sick** pay")]), AREAS)
    assert one.same_as(build_rows(Results("sick ", [hit("sick-pay", "**sick** pay")]), AREAS))
    assert not one.same_as(build_rows(Results("sick p", [hit("sick-pay", "sick **pay**")]), AREAS))
    assert not one.same_as(None)


def test_a_result_unchanged_since_the_last_key_is_reused_already_laid_out():
    long = "A snippet long enough to wrap over more than one line at forty cells, with **sick** in it"
    first = build_rows(Results("sick", [hit("sick-pay", long), hit("ssp", "**sick** pay")]), AREAS, FIT)
    prompt = first.options[0].prompt
    assert isinstance(prompt, Content) and prompt._height_cache[1] == prompt.get_height(FIT.rules, FIT.width) > 2
    second = build_rows(Results("sick ", [hit("sick-pay", long), hit("ssp", "**sick**  pay")]), AREAS, FIT, first)
    assert second.options[0].prompt is prompt  # the same text: not made again
    assert second.options[2].prompt is not first.options[2].prompt  # a changed snippet is
    other_width = build_rows(Results("sick", [hit("sick-pay", long)]), AREAS, Fit(60, FIT.rules), first)
    assert other_width.options[0].prompt is not prompt  # laid out for another width: made again


def shown(options) -> list:
    """What a list of options shows, highlights included."""
    return [(o.id, o.disabled, str(o.prompt), [(s.start, s.end, s.style) for s in getattr(o.prompt, "spans", [])]) for o in options]


async def test_after_each_key_the_list_shows_that_querys_results_and_is_refilled_only_on_change(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot, tries=1200)
        screen, services = app.screen, app.services
        results = screen.query_one("#results", OptionList)
        typed, refills = "", 0
        for key in "pa off sick ":
            before = list(results.options)
            typed += key
            await pilot.press("space" if key == " " else key)
            await wait_for(pilot, lambda: screen.shown_query == typed)
            expected = build_rows(services.search(typed, audience=app.mode, limit=20, as_you_type=True), services.base.settings.area_name)
            assert shown(results.options) == shown(o for o in expected.options if o is not None), typed
            kept = len(before) == results.option_count and all(a is b for a, b in zip(before, results.options))
            assert kept == (expected.same_as(build_rows(services.search(typed[:-1], audience=app.mode, limit=20, as_you_type=True), services.base.settings.area_name)) if typed[:-1].strip() else False)
            refills += not kept
        assert 0 < refills < len(typed)  # "pa off sick" and "pa off sick " find the same


def test_rows_for_a_hidden_list_are_made_without_laying_them_out():
    """A list on a tab not shown has no width: its rows are made, and wrapped when it is shown
    (laying out to no width at all failed: "range() arg 3 must not be zero")."""
    hidden = Fit(0, {"line_pad": 0, "text_overflow": "fold", "text_wrap": "wrap"})
    rows = build_rows(Results("sick", [hit("sick-pay", "Your PA gets **sick** pay")]), AREAS, hidden)
    assert rows.options[0].id == "sick-pay"


async def test_a_search_typed_while_another_tab_is_shown_is_found(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("f6")  # guided help: the results list is hidden
        await pilot.pause()
        await pilot.press("ctrl+f", *"sick pay for my pa")  # a page answers it first
        await wait_for(pilot, lambda: app.screen.shown_query == "sick pay for my pa")
        await pilot.press("enter", "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PageScreen")
