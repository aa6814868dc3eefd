"""What the account commands say in words: counts that agree with their nouns ("1 row", never
"1 rows" or "row(s)"). Synthetic statements only."""

from __future__ import annotations

import re
from pathlib import Path

from accounts_support import INLINE_PLAN
from guidance.accounts.words import counted
from guidance.cli import main

HEADER = "Date,Description,Amount,Balance\n"
# a wrong plural after a count of one, or a noun left to agree with any count
BAD_COUNT = re.compile(r"\b1 (rows|days|files|statement files|lines|weeks|accounts|flags)\b|\w\(s\)")


def _plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(INLINE_PLAN.replace("to: 2026-06-28", "to: 2026-04-28"), encoding="utf-8")
    return path


def test_counted_agrees_with_its_count():
    assert [counted(n, "row") for n in (0, 1, 2)] == ["0 rows", "1 row", "2 rows"]
    assert counted(1, "day of suspension", "days of suspension") == "1 day of suspension"


def test_one_statement_and_one_row_shown_twice_are_said_in_the_singular(capsys, tmp_path):
    """Two statements sharing one row (the 20 April contribution): '1 row shown twice', in the
    audit's lines and its report, never '1 rows'; one statement file is '1 statement file'."""
    first = tmp_path / "a.csv"
    first.write_text(HEADER + "06/04/2026,NORTHFIELD COUNCIL DP,1920.00,4920.00\n10/04/2026,P SAMPLE WAGES,-400.00,4520.00\n"
                     "20/04/2026,TFR CONTRIBUTION,35.00,4555.00\n", encoding="utf-8")
    second = tmp_path / "b.csv"
    second.write_text(HEADER + "20/04/2026,TFR CONTRIBUTION,35.00,4555.00\n24/04/2026,P SAMPLE WAGES,-400.00,4155.00\n",
                      encoding="utf-8")
    report = tmp_path / "r.md"
    assert main(["account", "audit", "--no-record", "--plan", str(_plan(tmp_path)), str(first), str(second),
                 "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "2 statement files, 4 rows in the audit period; 1 row shown twice counted once" in out, out
    assert not BAD_COUNT.search(out), BAD_COUNT.search(out)
    text = report.read_text(encoding="utf-8")
    assert "(1 row shown twice was counted once)" in text and not BAD_COUNT.search(text)
    assert main(["account", "audit", "--no-record", "--plan", str(_plan(tmp_path)), str(first)]) == 0
    out = capsys.readouterr().out
    assert "1 statement file, 3 rows in the audit period" in out and not BAD_COUNT.search(out), out
