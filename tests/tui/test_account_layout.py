"""The account screen's figures and the flags beside them never touch: at 80×24 and 100×30,
with a final surplus and with one that is not final (its longer labels widen the figures), a
column of space is left between the amounts and the hint line (and the flags' words), and every
figure shows whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from tui_helpers import open_audited

DATA = Path(__file__).resolve().parents[1] / "data" / "accounts"
PROVISIONAL_PLAN = """reference: DP-000098
period: {from: 2026-04-06, to: 2026-06-28}
council_payments:
  - {from: 2026-04-06, amount: "1920.00", every: 4 weeks}
contingency_weeks: 6
payees:
  - {match: "P SAMPLE", kind: wages}
"""
PROVISIONAL_ROWS = ("Date,Description,Amount,Balance\n06/04/2026,NORTHFIELD COUNCIL DP,1920.00,4920.00\n"
                    "10/04/2026,P SAMPLE WAGES,-400.00,4520.00\n12/04/2026,CASH WITHDRAWAL,-100.00,4420.00\n")


def provisional_files(folder: Path) -> None:
    """plan.yaml and statement.csv in ``folder``: statements that stop early (surplus not final)."""
    (folder / "plan.yaml").write_text(PROVISIONAL_PLAN, encoding="utf-8")
    (folder / "statement.csv").write_text(PROVISIONAL_ROWS, encoding="utf-8")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize("surplus", ["final", "provisional"])
async def test_the_hint_line_keeps_clear_of_the_figures(make_app, monkeypatch, tmp_path, size, surplus):
    if surplus == "provisional":
        provisional_files(tmp_path)
        monkeypatch.chdir(tmp_path)
    else:
        monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=size) as pilot:
        screen = await open_audited(app, pilot)
        await pilot.pause()
        figures = screen.query_one("#account-figures", DataTable)
        labels = [figures.get_row_at(i)[0] for i in range(figures.row_count)]
        assert ("Surplus, not final" in labels) == (surplus == "provisional")
        assert figures.virtual_size.width <= figures.scrollable_content_region.width  # no figure cut
        flags = screen.query_one("#account-flag-table", DataTable)
        text = screen.query_one("#account-flag-text")
        assert figures.region.right <= flags.region.x  # side by side, never over each other
        assert figures.region.right < text.content_region.x  # a blank column before the hint line
        assert flags.cell_padding >= 1  # and before each flag's words
        assert text.region.right <= size[0] and text.region.bottom <= size[1] - 1  # above the footer


WIDEST_ROWS = ("Date,Description,Amount,Balance\n06/04/2026,NORTHFIELD COUNCIL DP,123456.78,126456.78\n"
               "10/04/2026,P SAMPLE WAGES,-249913.56,-123456.78\n")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_widest_figures_show_whole(make_app, monkeypatch, tmp_path, size):
    """Six-figure amounts, a negative closing balance and a surplus not final (the longest labels):
    every label and amount in the figures panel shows whole, within the screen, beside the flags."""
    (tmp_path / "plan.yaml").write_text(PROVISIONAL_PLAN.replace('"1920.00"', '"123456.78"'), encoding="utf-8")
    (tmp_path / "statement.csv").write_text(WIDEST_ROWS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    app = make_app(build_index=False)
    async with app.run_test(size=size) as pilot:
        screen = await open_audited(app, pilot)
        await pilot.pause()
        figures = screen.query_one("#account-figures", DataTable)
        rows = [[str(cell) for cell in figures.get_row_at(i)] for i in range(figures.row_count)]
        amounts = dict(rows)
        assert amounts["Closing, not final"] == "-£123,456.78" and "Surplus, not final" in amounts
        assert max(len(amount) for amount in amounts.values()) >= len("-£123,456.78")
        assert figures.virtual_size.width <= figures.scrollable_content_region.width  # no figure cut
        lines = [strip.text for strip in figures.render_lines(figures.region.reset_offset)[:figures.size.height]]
        shown = "\n".join(lines)
        for label, amount in rows[:figures.size.height]:  # every row on screen shows whole
            assert any(label in line and amount in line for line in lines), (label, amount, shown)
        flags = screen.query_one("#account-flag-table", DataTable)
        assert figures.region.right <= flags.region.x and flags.region.right <= size[0]
        assert flags.size.width >= 30  # room left for the flags beside them
