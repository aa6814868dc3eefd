"""Counts in what the commands say agree with their nouns: "1 account", "2 accounts", never
"1/1 accounts" or "1 errors"."""

from __future__ import annotations

import io

from accounts_support import Account, write
from guidance.cli import main


class Terminal(io.StringIO):
    """Standard error as a terminal: the batch shows its progress bar."""

    def isatty(self) -> bool:
        return True


def _batch(tmp_path, names, monkeypatch) -> str:
    folder = tmp_path / "accounts"
    for number, name in enumerate(names, start=1):
        account = Account.base(reference=f"DP-00000{number}")
        write(account, "signed", folder / name)
        account.write_plan(tmp_path / f"{name}.yaml")
    plans_csv = tmp_path / "plans.csv"
    plans_csv.write_text("folder,plan\n" + "".join(f"{name},{name}.yaml\n" for name in names), encoding="utf-8")
    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    assert main(["account", "audit-batch", str(folder), "--plans", str(plans_csv), "--out", str(tmp_path / "out.csv")]) == 0
    return err.getvalue()


def test_the_batch_progress_bar_counts_one_account(tmp_path, monkeypatch):
    err = _batch(tmp_path, ["calm"], monkeypatch)
    assert "] 1 of 1 account" in err and "accounts" not in err.replace("Audited", "")
    assert "1/1" not in err


def test_the_batch_progress_bar_counts_every_account(tmp_path, monkeypatch):
    err = _batch(tmp_path, ["calm", "busy", "quiet"], monkeypatch)
    bars = [part for part in err.split("\r") if part.startswith("[")]
    assert [bar.split("] ")[1].splitlines()[0] for bar in bars] == ["0 of 3 accounts", "1 of 3 accounts", "2 of 3 accounts", "3 of 3 accounts"]


def test_checks_count_in_words(capsys):
    assert main(["flow", "check"]) == 0
    err = capsys.readouterr().err
    assert " 0 errors, 0 warnings" in err and "flows checked" in err
    assert main(["flow", "paths", "capacity_check"]) == 0
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.endswith(" paths") or last == "1 path"


def test_one_answer_filled_is_said_in_the_singular():
    from types import SimpleNamespace

    from guidance.tui.flow_view import _prefill_note

    prefill = SimpleNamespace(answers={"audit_balance": "9000.00"}, origin="account audit 1", left={})
    note = _prefill_note(SimpleNamespace(nodes={}), prefill)
    assert note.startswith("1 answer is filled from account audit 1")
    prefill = SimpleNamespace(answers={"a": 1, "b": 2}, origin="account audit 1", left={})
    assert _prefill_note(SimpleNamespace(nodes={}), prefill).startswith("2 answers are filled")
