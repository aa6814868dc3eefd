"""Bad input on the command line: a plain message and exit 1 (or 2 for usage), no traceback,
and nothing half-written."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pydantic
import pytest

from guidance.cli import main
from guidance.content.base import ContentBase
from guidance.content.release import make_release
from guidance.fileio import atomic_write_text
from guidance.letters.fields import FieldValueError, LetterField, convert

BROKEN = Path(__file__).resolve().parent / "data" / "broken" / "content"
HUGE = "9" * 10_000
ON = "2026-11-25"


def usage_error(argv, capsys) -> str:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    return capsys.readouterr().err


@pytest.fixture
def small_root(tmp_path):
    """A small valid content root (two good pages), so a release can be tried without the real one."""
    content = tmp_path / "root" / "content"
    (content / "employment").mkdir(parents=True)
    (content / "payroll").mkdir()
    for name in ("taxonomy.yaml", "manifest.yaml"):
        shutil.copy(BROKEN / name, content / name)
    (content / "rates.yaml").write_text((BROKEN / "rates.yaml").read_text().split("\nunordered_rate:")[0])
    shutil.copy(BROKEN / "employment" / "good-page.md", content / "employment")
    shutil.copy(BROKEN / "payroll" / "other-good-page.md", content / "payroll")
    return tmp_path / "root"


# Numbers far too large: Decimal cannot round them to pence, which used to be a traceback.

@pytest.mark.parametrize("rate", ["1e400", HUGE], ids=["exponent", "10000-digits"])
def test_calc_refuses_a_number_far_too_large(rate, capsys):
    assert main(["calc", "employer-cost", "--hourly-rate", rate, "--hours-per-week", "10", "--on", ON]) == 1
    err = capsys.readouterr().err
    assert "Hourly rate" in err and "far too large" in err and "Traceback" not in err


def test_flow_answers_refuse_money_far_too_large(tmp_path, capsys):
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "employed: me\nsick_start: 2026-01-05\nstill_off: no\nsick_end: 2026-01-20\n"
        "work_days: [mon]\nearnings: 1e400\npay_frequency: average_known\n"
    )
    assert main(["flow", "run", "pa_off_sick", "--answers", str(answers), "--on", ON]) == 1
    err = capsys.readouterr().err
    assert f"{answers}:6: answer for 'earnings'" in err and "far too large" in err


def test_flow_answers_missing_one_name_the_question_as_shown(tmp_path, capsys):
    answers = tmp_path / "answers.yaml"
    answers.write_text("employed: me\nsick_start: 2026-01-05\nstill_off: no\n")
    assert main(["flow", "run", "pa_off_sick", "--answers", str(answers), "--on", ON]) == 1
    err = capsys.readouterr().err
    # the question as the person reads it (its template worked out), then the id to add to the file
    assert "Missing answer: What was the last day your PA was off sick? (sick_end)" in err
    assert "{%" not in err and "Traceback" not in err


@pytest.mark.parametrize("amount", ["1e400", HUGE], ids=["exponent", "10000-digits"])
def test_letter_money_field_refuses_a_number_far_too_large(amount):
    with pytest.raises(FieldValueError, match="far too large"):
        convert(LetterField(type="money", label="Hourly rate", example="12.50"), amount)


def test_letter_text_field_refuses_control_characters():
    with pytest.raises(FieldValueError, match="control character \\(code 27\\) at character 2"):
        convert(LetterField(type="text", label="Name", example="Ann"), "A\x1b[31m")
    assert convert(LetterField(type="text", label="Note", example="Ann", multiline=True), "Line one\n\tLine two") == "Line one\n\tLine two"
    with pytest.raises(FieldValueError, match="must be one line"):
        convert(LetterField(type="text", label="Name", example="Ann"), "Line one\n\tLine two")


def test_letter_render_with_control_characters_is_an_error_not_a_traceback(tmp_path, capsys):
    data = tmp_path / "values.yaml"
    data.write_text('recipient_name: "A\\x01"\nreference: R1\nstart_date: 2026-02-03\nhourly_rate: 13\n')
    out = tmp_path / "letter.docx"
    argv = ["letter", "render", "employer-duties", "--data", str(data), "--format", "docx", "--out", str(out)]
    assert main([*argv, "--no-record", "--on", ON]) == 1
    assert "field 'recipient_name' contains a control character" in capsys.readouterr().err
    assert not out.exists()


# letter merge: a CSV without a header, a column twice, --out that is a file.

def test_merge_csv_without_a_header_row_is_an_error(tmp_path, capsys):
    rows = tmp_path / "rows.csv"
    rows.write_text("Ann Patel,DP1,2026-04-01\n")
    out = tmp_path / "out"
    assert main(["letter", "merge", "minimum-wage-change", "--csv", str(rows), "--out", str(out), "--no-record", "--on", ON]) == 1
    err = capsys.readouterr().err
    assert f"{rows}:1: the first row must name the fields" in err and "recipient_name" in err
    assert not out.exists()


def test_merge_csv_naming_a_column_twice_is_an_error(tmp_path, capsys):
    rows = tmp_path / "rows.csv"
    rows.write_text("recipient_name,reference,recipient_name,change_date\nA,DP1,B,2026-04-01\n")
    assert main(["letter", "merge", "minimum-wage-change", "--csv", str(rows), "--out", str(tmp_path / "out"), "--no-record"]) == 1
    assert "the column recipient_name is named more than once" in capsys.readouterr().err


def test_merge_out_that_is_a_file_is_an_error(tmp_path, capsys):
    rows = tmp_path / "rows.csv"
    rows.write_text("recipient_name,reference,change_date\nA,DP1,2026-04-01\n")
    in_the_way = tmp_path / "letters"
    in_the_way.write_text("not a folder")
    assert main(["letter", "merge", "minimum-wage-change", "--csv", str(rows), "--out", str(in_the_way), "--no-record"]) == 1
    err = capsys.readouterr().err
    assert f"{in_the_way} is a file, not a folder" in err and err.count(str(in_the_way)) == 1, err  # said once
    assert in_the_way.read_text() == "not a folder"


def test_writing_under_a_file_names_the_file_in_the_way(tmp_path):
    in_the_way = tmp_path / "report"
    in_the_way.write_text("x")
    with pytest.raises(NotADirectoryError) as exc:
        atomic_write_text(in_the_way / "a" / "b.json", "{}")
    assert exc.value.strerror == (f"the folder {in_the_way / 'a'} cannot be written to ({in_the_way} is a file, "
                                  "not a folder): choose another folder")


def test_records_export_under_a_file_is_a_clear_error(tmp_path, capsys):
    in_the_way = tmp_path / "exports"
    in_the_way.write_text("x")
    assert main(["records", "export", "--person", "DP1", "--out", str(in_the_way / "p.json")]) == 1
    err = capsys.readouterr().err
    assert f"{in_the_way} is a file, not a folder" in err, err


# Spans and dates at the edges of the calendar.

@pytest.mark.parametrize("argv", [
    ["content", "review-due", "--within", "99999999999y"],
    ["records", "purge", "--older-than", "99999999999d", "--dry-run"],
    ["records", "purge", "--older-than", "3000y", "--dry-run"],
    ["review", "sample", "--since", "99999999999y"],
    ["review", "results", "--since", "99999999999y"],
])
def test_spans_of_centuries_are_usage_errors(argv, capsys):
    assert "too long a span: use at most 100y" in usage_error(argv, capsys)


def test_a_cut_off_before_the_year_1_is_a_clear_error(capsys):
    assert main(["records", "purge", "--older-than", "50y", "--on", "0010-01-01", "--dry-run"]) == 1
    assert "before the year 1" in capsys.readouterr().err


def test_review_due_near_the_end_of_the_calendar_lists_every_page(capsys):
    assert main(["content", "review-due", "--within", "100y", "--on", "9999-01-01", "--json"]) == 0
    assert '"overdue": true' in capsys.readouterr().out


# content release: blank notes.

def test_release_with_blank_notes_is_a_usage_error(small_root, capsys):
    err = usage_error(["--root", str(small_root), "content", "release", "--notes", "  "], capsys)
    assert "say what changed" in err
    assert not (small_root / "content" / "history").exists()


def test_release_that_fails_validation_writes_nothing(small_root):
    base = ContentBase.load(small_root, use_cache=False)
    before = sorted(p.relative_to(small_root) for p in small_root.rglob("*"))
    with pytest.raises(pydantic.ValidationError):
        make_release(base, "", dt.date(2026, 11, 25))
    assert sorted(p.relative_to(small_root) for p in small_root.rglob("*")) == before


# Flows: a file that will not load, a folder named as a file.

def test_flow_graph_names_the_problem_in_a_flow_that_will_not_load(small_root, capsys):
    (small_root / "flows").mkdir()
    (small_root / "flows" / "broken.yaml").write_text("id: [\n")
    assert main(["--root", str(small_root), "flow", "graph", "broken"]) == 1
    err = capsys.readouterr().err
    assert "flow 'broken' cannot be loaded" in err and "flows/broken.yaml:2: error: invalid YAML" in err


def test_flow_check_of_a_folder_says_it_is_a_folder(tmp_path, capsys):
    assert main(["flow", "check", str(tmp_path)]) == 1
    assert f"a folder, not a flow file: {tmp_path}" in capsys.readouterr().err


def test_error_messages_never_send_control_characters_or_endless_input(capsys):
    from guidance.cli import main

    assert main(["show", "a\x1b[31mb"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b" in err
    assert main(["show", "x" * 10_000]) == 1
    err = capsys.readouterr().err
    assert len(err) < 2200 and "more characters" in err


# Numbers and dates in options are read by the same reader as everywhere else.

@pytest.mark.parametrize(
    "argv,message",
    [
        (["search", "pay", "--limit", "\u0661\u0662"], "with the digits 0 to 9"),
        (["search", "pay", "--limit", "1e3"], "write the number out in full"),
        (["search", "pay", "--limit", "1_0"], "leave out the _"),
        (["search", "pay", "--limit", "0"], "must be between 1 and 10000 (got 0)"),
        (["review", "sample", "--percent", "nan"], "is not a number"),
        (["review", "sample", "--percent", "+10"], "leave out the + sign"),
        (["show", "some-page", "--version", "1e2"], "write the number out in full"),
        (["calc", "employer-cost", "--hourly-rate", "1e1", "--hours-per-week", "10"], None),
        (["search", "pay", "--on", "31/02/2026"], "31 February 2026 does not exist"),
        (["search", "pay", "--on", "03/16/2026"], "there is no month 16"),
    ],
)
def test_options_refuse_numbers_and_dates_as_every_reader_does(argv, message, capsys):
    if message is None:  # calculator options are read by the calculator's fields: exit 1, the field's label
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "Hourly rate" in err and "write the number out in full" in err
    else:
        assert message in usage_error(argv, capsys)
    assert "Traceback" not in capsys.readouterr().err


def test_an_option_date_is_read_day_first():
    from guidance.commands.common import iso_date

    assert iso_date("2/3/26") == dt.date(2026, 3, 2)
    assert iso_date("31-Jan-2026") == dt.date(2026, 1, 31)
