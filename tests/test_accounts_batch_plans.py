"""audit-batch's list of plans: each account's folder once."""

from __future__ import annotations

from accounts_support import Account, write
from guidance.cli import main


def test_a_folder_listed_twice_in_the_plans_list_is_refused_naming_the_lines(capsys, tmp_path):
    """Listed twice, an account would be audited (and recorded) twice: the batch stops before
    auditing anything and names the rows; nothing is written."""
    folder = tmp_path / "accounts"
    for name in ("calm", "busy"):
        account = Account.base(reference="DP-000001" if name == "calm" else "DP-000002")
        write(account, "signed", folder / name)
        account.write_plan(tmp_path / f"{name}.yaml")
    plans_csv = tmp_path / "plans.csv"
    plans_csv.write_text("folder,plan\ncalm,calm.yaml\nbusy,busy.yaml\ncalm,calm.yaml\n\nbusy,busy.yaml\ncalm,calm.yaml\n", encoding="utf-8")
    out = tmp_path / "summary.csv"
    assert main(["account", "audit-batch", str(folder), "--plans", str(plans_csv), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "'calm' on lines 2, 4 and 7" in err and "'busy' on lines 3 and 6" in err and "plans.csv" in err
    assert "Traceback" not in err and not out.exists()


def test_one_plan_reference_on_two_rows_of_the_plans_list_is_refused_naming_the_lines(capsys, tmp_path):
    """Two folders whose plans give the same reference (one account as two, its audits recorded
    twice): refused before anything is audited, naming both lines, as a folder listed twice is;
    the same plan file listed for two folders is refused the same way."""
    folder = tmp_path / "accounts"
    for name, reference in (("calm", "DP-000001"), ("busy", "DP-000002"), ("again", "dp-000001")):
        account = Account.base(reference=reference)
        write(account, "signed", folder / name)
        account.write_plan(tmp_path / f"{name}.yaml")
    plans_csv = tmp_path / "plans.csv"
    plans_csv.write_text("folder,plan\ncalm,calm.yaml\nbusy,busy.yaml\nagain,again.yaml\n", encoding="utf-8")
    out = tmp_path / "summary.csv"
    assert main(["account", "audit-batch", str(folder), "--plans", str(plans_csv), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "DP-000001 on lines 2 and 4" in err and "plans.csv" in err and "nothing was audited" in err, err
    assert "DP-000002" not in err and "Traceback" not in err and not out.exists()
    plans_csv.write_text("folder,plan\ncalm,calm.yaml\nbusy,calm.yaml\n", encoding="utf-8")
    assert main(["account", "audit-batch", str(folder), "--plans", str(plans_csv), "--out", str(out)]) == 1
    assert "DP-000001 on lines 2 and 3" in capsys.readouterr().err and not out.exists()
    plans_csv.write_text("folder,plan\ncalm,calm.yaml\nbusy,busy.yaml\n", encoding="utf-8")
    assert main(["account", "audit-batch", str(folder), "--plans", str(plans_csv), "--out", str(out)]) == 0


def test_a_missing_folder_or_a_file_given_for_it_stops_the_batch_naming_it_and_writes_nothing(capsys, tmp_path):
    """FOLDER missing, or a file in its place: every account would fail alike, so the batch stops
    with one error naming it and writes no summary (it wrote a summary of error rows)."""
    folder = tmp_path / "accounts"
    account = Account.base()
    write(account, "signed", folder / "calm")
    account.write_plan(tmp_path / "calm.yaml")
    plans_csv = tmp_path / "plans.csv"
    plans_csv.write_text("folder,plan\ncalm,calm.yaml\n", encoding="utf-8")
    out = tmp_path / "summary.csv"
    for given, said in ((tmp_path / "nodir", "no such folder"), (plans_csv, "is not a folder")):
        assert main(["account", "audit-batch", str(given), "--plans", str(plans_csv), "--out", str(out)]) == 1
        err = capsys.readouterr().err
        assert f"{given}: {said}" in err and err.count("error") == 1, err
        assert "Traceback" not in err and not out.exists()


def test_a_batch_reads_each_plan_once_and_audits_with_it(tmp_path, monkeypatch):
    """The plans are read once, when their references are checked, and each account is audited
    with its plan as read then: the rows are those of auditing each account on its own."""
    from guidance.accounts import audit, batch
    from guidance.accounts.audit import audit_files, audit_json
    from guidance.accounts.rules import Rules

    folder = tmp_path / "accounts"
    for name, reference in (("calm", "DP-000001"), ("busy", "DP-000002")):
        account = Account.base(reference=reference)
        write(account, "signed", folder / name)
        account.write_plan(tmp_path / f"{name}.yaml")
    (tmp_path / "broken.yaml").write_text("reference: [\n", encoding="utf-8")  # not a plan: its row says so
    (folder / "broken").mkdir()
    write(Account.base(reference="DP-000003"), "signed", folder / "broken")
    plans_csv = tmp_path / "plans.csv"
    plans_csv.write_text("folder,plan\ncalm,calm.yaml\nbusy,busy.yaml\nbroken,broken.yaml\n", encoding="utf-8")
    read = []
    real = batch.load_plan
    for module in (batch, audit):
        monkeypatch.setattr(module, "load_plan", lambda path, **kw: read.append(path.name) or real(path, **kw))
    rows = {row.folder: row for row in batch.audit_batch(folder, plans_csv, Rules([]))}
    monkeypatch.undo()
    assert read.count("calm.yaml") == 1 and read.count("busy.yaml") == 1
    for name in ("calm", "busy"):
        alone = audit_files(tmp_path / f"{name}.yaml", sorted((folder / name).iterdir()))
        assert audit_json(rows[name].audit) == audit_json(alone)
    assert rows["broken"].audit is None and "broken.yaml" in rows["broken"].error


def test_a_batch_sets_what_the_process_holds_aside_from_the_collector_until_it_ends(tmp_path):
    """While the accounts are audited, what the process held before is set aside from Python's
    cycle collector (it is not walked again for each collection); it is handed back at the end,
    also when the batch fails, and left set aside when something else had set it aside."""
    import gc

    import pytest

    from guidance.accounts.batch import BatchError, audit_batch
    from guidance.accounts.rules import Rules

    folder = tmp_path / "accounts"
    account = Account.base(reference="DP-000001")
    write(account, "signed", folder / "calm")
    account.write_plan(tmp_path / "calm.yaml")
    plans_csv = tmp_path / "plans.csv"
    plans_csv.write_text("folder,plan\ncalm,calm.yaml\n", encoding="utf-8")
    assert gc.get_freeze_count() == 0
    seen = []
    rows = audit_batch(folder, plans_csv, Rules([]), progress=lambda done, total: seen.append((done, gc.get_freeze_count() > 0)))
    assert rows[0].audit is not None and seen == [(0, False), (1, True)]
    assert gc.get_freeze_count() == 0

    def fails(done, total):
        if done:
            raise BatchError("stopped")

    with pytest.raises(BatchError):
        audit_batch(folder, plans_csv, Rules([]), progress=fails)
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        audit_batch(folder, plans_csv, Rules([]))
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
