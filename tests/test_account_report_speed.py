"""``account audit --report`` does not redo work each time: the person's summary is measured for
plainness by its wording (amounts and dates aside), the measure is kept in the user's cache, and
checking it does not load the letter machinery."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from accounts_support import Account, plant, write
from guidance.cli import main
from guidance.commands.account import summary_wording

CONTENT = Path(__file__).resolve().parents[1] / "content"


def _report(tmp_path, name, opening):
    folder = tmp_path / name
    folder.mkdir()
    account = Account.base(opening=opening)
    plant(account, "surplus")
    plan = account.write_plan(folder / "plan.yaml", opening_balance=str(account.opening))
    return ["account", "audit", "--plan", str(plan), str(write(account, "paid", folder)), "--no-record",
            "--report", str(folder / "report.docx")]


def test_summaries_differing_only_in_figures_have_one_wording():
    one = "At the start there was £3,000.00 on 6 April 2026. We paid in £1,920.00 by 28 June 2026."
    two = "At the start there was £12.50 on 30 September 2026. We paid in £980 by 1 October 2026."
    assert summary_wording(one) == summary_wording(two)
    assert "£12.00" in summary_wording(one) and "3,000" not in summary_wording(one)


def test_a_second_report_worded_alike_is_not_measured_again(capsys, tmp_path, monkeypatch):
    """The first report measures its summary and keeps the measure; a later run (a new process:
    nothing held in memory) for another account worded alike finds it and never calls the
    syllable counter, which loads a large pronouncing dictionary each time."""
    import textstat

    from guidance.content import style

    style._SCORES.clear()  # a fresh process: a wording measured by an earlier test is not held in memory
    assert main(_report(tmp_path, "first", Account.base().opening)) == 0
    style._SCORES.clear()  # as a new process starts
    monkeypatch.setattr(textstat, "flesch_reading_ease", lambda text: (_ for _ in ()).throw(AssertionError("measured again")))
    assert main(_report(tmp_path, "second", Account.base().opening + 1234)) == 0
    assert "warning" not in capsys.readouterr().err
    assert (tmp_path / "second" / "report.docx").exists()


def test_checking_the_summary_does_not_load_the_letter_machinery():
    code = ("import sys\n"
            "from pathlib import Path\n"
            "from guidance.accounts.summary import check_summary\n"
            f"check_summary('## Your account\\n\\nWe looked at your account. It is fine.\\n', Path({str(CONTENT)!r}))\n"
            "print(sorted(m for m in ('guidance.letters.compose', 'jinja2') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
