"""A surplus letter opened from an account review started from an audit whose surplus is
provisional (the officer cleared the flags, so the review reached its surplus outcome) is not
opened in the app, as 'letter render --session' refuses it: the officer is told why. Synthetic
plan and statement only."""

from __future__ import annotations

import json

from accounts_support import FOUR_WEEKLY_PLAN, FOUR_WEEKLY_ROWS
from guidance.cli import main
from guidance.tui.screens.letter import LetterScreen

from tui_helpers import wait_for, wait_ready

PLAN = FOUR_WEEKLY_PLAN

# the statements stop on 17 April, before the period ends on 4 May: a provisional surplus of £285.71
ROWS = "".join(FOUR_WEEKLY_ROWS.splitlines(keepends=True)[:4])


def _review_of_a_provisional_audit(tmp_path, capsys) -> str:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "s.csv").write_text(ROWS, encoding="utf-8")
    assert main(["account", "audit", "--plan", str(tmp_path / "plan.yaml"), str(tmp_path / "s.csv")]) == 0
    audit_id = capsys.readouterr().err.split("Recorded as account audit ")[1].split()[0]
    answers = tmp_path / "answers.yaml"
    answers.write_text("review_reason: routine\naudit_flags: []\n", encoding="utf-8")  # the flags cleared by hand
    assert main(["flow", "run", "dp_account_review", "--from-audit", audit_id, "--answers", str(answers), "--json",
                 "--on", "2026-11-25"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["outcome"] == "surplus"
    return report["session"]


async def test_a_surplus_letter_from_a_review_of_a_provisional_audit_is_not_opened(make_app, tmp_path, capsys):
    session = _review_of_a_provisional_audit(tmp_path, capsys)
    app = make_app(build_index=False)
    notices = []
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        original = app.notify
        app.notify = lambda message, **kw: (notices.append(str(message)), original(message, **kw))
        app.open_letter("dp-surplus-repayment", session_id=session)
        await wait_for(pilot, lambda: notices)
        await pilot.pause()
        assert not isinstance(app.screen, LetterScreen)
        assert "No letter made: the surplus is provisional" in notices[-1] and "statements letter" in notices[-1]
        assert "use_provisional_surplus" not in notices[-1]  # the command line's words, not the app's
        # the statements request from the same review still opens, with the audit's reference
        app.open_letter("dp-statements-request", session_id=session)
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-reference"))
        assert app.screen.query_one("#field-reference").value == "DP-000099"
