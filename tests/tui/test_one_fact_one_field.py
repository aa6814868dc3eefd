"""Calculator forms ask for each fact once: a fact typed in a field as its shortcut (the last day
off sick as 'still off') has no second field of its own on the form."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Label

from guidance.calculators.registry import CALCULATORS
from guidance.calculators.shortcuts import also_accepts

from tui_helpers import open_calculator


@pytest.mark.parametrize("name", sorted(CALCULATORS))
async def test_no_fact_has_two_fields(make_app, name):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, name)
        shown = {label.id.removeprefix("label-"): screen.calculator.field(label.id.removeprefix("label-")).label.lower()
                 for label in screen.query(Label) if (label.id or "").startswith("label-")}
        for key in shown:
            for shortcut in re.findall(r"'([^']+)'", also_accepts(key) or ""):
                twins = [other for other, label in shown.items() if other != key and label.startswith(shortcut.lower())]
                assert not twins, f"{name}: '{shortcut}' is typed in {key} and asked again in {twins}"


async def test_still_off_typed_as_the_last_day_is_the_one_field(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "sick-pay")
        assert not screen.query("#in-still_off") and "still off" in str(screen.query_one("#label-sick_end").render())
        for key, value in (("sick_start", "23/11/2026"), ("sick_end", "still off"), ("work_days", "mon,tue"),
                           ("average_weekly_earnings", "300")):
            screen.query_one(f"#in-{key}").value = value
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        result = str(screen.query_one("#calc-result").render())
        assert "Sick since 23 November 2026, still off; worked out to 25 November 2026" in result
