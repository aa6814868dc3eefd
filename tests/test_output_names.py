"""A file a command writes is in the format its name says: ``letter.md`` is Markdown, never a Word
file under a Markdown name; a --format the name contradicts is refused before anything is made."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from accounts_support import Account, plant, write
from guidance.cli import main
from guidance.outnames import FormatClash, output_format

PERSON = "recipient_name: Mx Example\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n"


def _audit_files(tmp_path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    account = Account.base()
    plant(account, "surplus")
    person = tmp_path / "person.yaml"
    person.write_text(PERSON, encoding="utf-8")
    return account.write_plan(tmp_path / "plan.yaml", opening_balance=str(account.opening)), write(account, "paid", tmp_path), person


def _account_letter(tmp_path, out, *more):
    plan, statement, person = _audit_files(tmp_path)
    return main(["account", "letter", "surplus", "--plan", str(plan), str(statement), "--data", str(person), "--out", str(out),
                 "--on", "2026-11-30", "--no-record", *more])


def _is_word(path: Path) -> bool:
    return zipfile.is_zipfile(path)


@pytest.mark.parametrize("name, word", [("letter.md", False), ("letter.txt", False), ("letter.html", False), ("letter.docx", True)])
def test_account_letter_is_in_the_format_its_name_says(tmp_path, name, word):
    out = tmp_path / name
    assert _account_letter(tmp_path, out) == 0
    assert _is_word(out) is word
    if name.endswith(".html"):
        assert "<html" in out.read_text(encoding="utf-8").lower()


def test_account_letter_format_the_name_contradicts_is_refused(capsys, tmp_path):
    out = tmp_path / "letter.md"
    with pytest.raises(SystemExit) as stop:
        _account_letter(tmp_path, out, "--format", "docx")
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "letter.md" in err and "Markdown" in err and "--format docx" in err and "Traceback" not in err
    assert not out.exists()


def test_letter_render_follows_the_name(capsys, tmp_path):
    out = tmp_path / "letter.docx"
    assert main(["letter", "render", "pa-off-sick", "--example", "--out", str(out), "--on", "2026-11-25"]) == 0
    assert _is_word(out)
    clash = tmp_path / "other.md"
    with pytest.raises(SystemExit):
        main(["letter", "render", "pa-off-sick", "--example", "--format", "docx", "--out", str(clash), "--on", "2026-11-25"])
    assert "other.md" in capsys.readouterr().err and not clash.exists()


@pytest.mark.parametrize("argv, name", [
    (["records", "export", "--person", "DP-000001"], "export.docx"),
    (["account", "schema"], "schema.md"),
])
def test_one_format_commands_refuse_a_name_that_says_another(capsys, tmp_path, argv, name):
    out = tmp_path / name
    with pytest.raises(SystemExit):
        main([*argv, "--out", str(out)])
    err = capsys.readouterr().err
    assert name in err and "JSON" in err and not out.exists()


def test_audit_batch_summary_name_must_say_csv(capsys, tmp_path):
    plan, statement, _person = _audit_files(tmp_path / "calm")
    plans = tmp_path / "plans.csv"
    plans.write_text(f"folder,plan\ncalm,{plan}\n", encoding="utf-8")
    out = tmp_path / "summary.xlsx"
    with pytest.raises(SystemExit):
        main(["account", "audit-batch", str(tmp_path), "--plans", str(plans), "--out", str(out)])
    assert "summary.xlsx" in capsys.readouterr().err and not out.exists()


def test_audit_report_refuses_a_name_of_another_kind(capsys, tmp_path):
    plan, statement, _person = _audit_files(tmp_path)
    out = tmp_path / "report.pdf"
    with pytest.raises(SystemExit):
        main(["account", "audit", "--plan", str(plan), str(statement), "--report", str(out), "--no-record"])
    assert "report.pdf" in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize("name, given, expected", [
    ("a.md", None, "md"), ("a.MD", None, "md"), ("a.htm", None, "html"), ("a", None, "docx"), ("a", "txt", "txt"),
    ("a.unknownending", "md", "md"), ("a.docx", "docx", "docx"),
])
def test_output_format_follows_the_name(name, given, expected):
    assert output_format(name, given, "docx", ("md", "txt", "html", "docx")) == expected


@pytest.mark.parametrize("name, given", [("a.md", "docx"), ("a.docx", "md"), ("a.pdf", None), ("a.json", None)])
def test_output_format_refuses_a_contradiction(name, given):
    with pytest.raises(FormatClash, match=name.replace(".", r"\.")):
        output_format(name, given, "docx", ("md", "txt", "html", "docx"))
