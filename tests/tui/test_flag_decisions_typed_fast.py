"""Decision keys typed fast on the account screen's flags act as typed slowly: each flag gets
the decision chosen on it, and no stray "Choose a decision first" notice shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable

from tui_helpers import open_audited, wait_for

DATA = Path(__file__).resolve().parents[1] / "data" / "accounts"
#: keys typed in one burst -> (the decisions then, the flag the cursor is on), as typed slowly
BURSTS = {
    "choose, Enter, Down": (["e", "enter", "down", "q", "enter", "down", "r", "enter"],
                            {1: "explained", 2: "query", 3: "recover"}, 3),
    "choose, Down (moving on records it)": (["e", "down", "q", "down", "r", "enter"],
                                            {1: "explained", 2: "query", 3: "recover"}, 3),
    "choose, Down, Up, choose again": (["e", "down", "up", "q", "enter"], {1: "query"}, 1),
    "choose again, Enter": (["q", "e", "enter", "down", "s", "r", "enter"], {1: "explained", 2: "recover"}, 2),
}


def _burst(app, keys) -> None:
    """Every key handed to the app at once, none waited for."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


def _notices(app) -> list[str]:
    return [str(notice.message) for notice in app._notifications]


@pytest.mark.parametrize("burst", list(BURSTS))
async def test_decisions_typed_in_one_burst_are_each_kept_without_a_stray_notice(make_app, monkeypatch, burst):
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_audited(app, pilot)
        await wait_for(pilot, lambda: screen.audit_id is not None)
        table = screen.query_one("#account-flag-table", DataTable)
        await wait_for(pilot, lambda: table.has_focus)
        await pilot.pause()
        assert len(screen.audit.flags) >= 3
        keys, want, flag = BURSTS[burst]
        _burst(app, keys)
        await wait_for(pilot, lambda: screen.decisions == want and screen.pending is None, tries=200)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not [n for n in _notices(app) if "Choose a decision first" in n]
        assert screen.decisions == want and table.cursor_row == flag - 1
