"""The account screen at 80×24 with seven-figure amounts: every amount in the figures panel and
in the flags list shows whole (a flag's label may end in "…", an amount never is cut); the
header line gives the opening balance's own day when the statements start late; and the
figures panel shows contributions paid above what was due."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from tui_helpers import open_audited, wait_for

PLAN = """reference: DP-000098
period: {from: 2026-04-06, to: 2026-06-28}
council_payments:
  - {from: 2026-04-06, amount: "1234567.89", every: 4 weeks}
contingency_weeks: 6
payees:
  - {match: "P SAMPLE", kind: wages}
"""
BIG_ROWS = ("Date,Description,Amount,Balance\n06/04/2026,NORTHFIELD COUNCIL DP,1234567.89,1237567.89\n"
            "10/04/2026,UNKNOWN SHOP LTD,-2468335.78,-1230767.89\n12/04/2026,CASH WITHDRAWAL,-248080.00,-1478847.89\n")
LATE_PLAN = """reference: DP-000099
period: {from: 2026-04-06, to: 2026-04-30}
council_payments:
  - {from: 2026-04-06, amount: "400.00", every: 4 weeks}
contribution:
  - {from: 2026-04-06, amount: "10.00", every: 4 weeks}
contingency_weeks: 6
payees:
  - {match: "P SAMPLE", kind: wages}
"""
LATE_ROWS = ("Date,Description,Amount,Balance\n10/04/2026,OWN CONTRIBUTION,500.00,4955.00\n"
             "29/04/2026,P SAMPLE WAGES,-100.00,4855.00\n30/04/2026,P SAMPLE WAGES,-10.00,4845.00\n")


def app_on(make_app, folder, plan: str, rows: str):
    """An app to audit ``plan`` and the statement ``rows``, written as plan.yaml and
    statement.csv in ``folder``."""
    (folder / "plan.yaml").write_text(plan, encoding="utf-8")
    (folder / "statement.csv").write_text(rows, encoding="utf-8")
    app = make_app(build_index=False)
    return app


def shown_lines(table: DataTable) -> list[str]:
    return [strip.text for strip in table.render_lines(table.region.reset_offset)[:table.size.height]]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_seven_figure_amounts_show_whole(make_app, monkeypatch, tmp_path, size):
    monkeypatch.chdir(tmp_path)
    app = app_on(make_app, tmp_path, PLAN, BIG_ROWS)
    async with app.run_test(size=size) as pilot:
        screen = await open_audited(app, pilot)
        await pilot.pause()
        flags = screen.query_one("#account-flag-table", DataTable)
        flags.focus()
        for _ in screen.audit.flags:  # the widest decision on every flag
            await pilot.press("s", "enter", "down")
        await wait_for(pilot, lambda: len(screen.decisions) == len(screen.audit.flags))
        await pilot.pause()
        for name in ("#account-figures", "#account-flag-table"):
            table = screen.query_one(name, DataTable)
            amounts = [str(table.get_row_at(i)[-1]) for i in range(table.row_count)]
            assert any(len(amount) >= len("-£1,234,567.89") for amount in amounts) or name == "#account-flag-table"
            lines = shown_lines(table)
            for row, amount in enumerate(amounts[:len(lines) - table.show_header]):
                line = lines[row + table.show_header]
                assert amount in line, (name, amount, line)
            assert table.region.right <= size[0]
        flag_amounts = {str(screen.query_one("#account-flag-table", DataTable).get_row_at(i)[-1])
                        for i in range(len(screen.audit.flags))}
        assert {"£2,468,335.78", "£248,080.00"} <= flag_amounts


async def test_the_header_gives_a_late_opening_balance_its_own_day(make_app, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = app_on(make_app, tmp_path, LATE_PLAN, LATE_ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_audited(app, pilot)
        await pilot.pause()
        assert screen.audit.reconciliation.opening_date.isoformat() == "2026-04-10"
        status = str(screen.query_one("#account-status").render())
        assert "6 April 2026 to 30 April 2026: £4,455.00 on 10 April 2026 to" in " ".join(status.split()), status
        figures = screen.query_one("#account-figures", DataTable)
        rows = {str(figures.get_row_at(i)[0]): str(figures.get_row_at(i)[1]) for i in range(figures.row_count)}
        assert rows.get("Contrib. above due") == "£490.00", rows  # as the command line shows it
        assert figures.virtual_size.width <= figures.scrollable_content_region.width  # shown whole


async def test_amounts_stay_whole_when_the_screen_narrows(make_app, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = app_on(make_app, tmp_path, PLAN, BIG_ROWS)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_audited(app, pilot)
        screen.query_one("#account-flag-table", DataTable).focus()
        for _ in screen.audit.flags:  # the widest decision on every flag
            await pilot.press("s", "enter", "down")
        await wait_for(pilot, lambda: len(screen.decisions) == len(screen.audit.flags))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        table = screen.query_one("#account-flag-table", DataTable)
        lines = shown_lines(table)
        for row in range(min(table.row_count, len(lines) - 1)):
            assert str(table.get_row_at(row)[-1]) in lines[row + 1], lines
