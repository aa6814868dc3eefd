"""The mail merge and the record of letters issued."""

from __future__ import annotations

import csv
import io

import pytest

from guidance.letters.formats import write
from guidance.letters.issue import record_for, reprint, sha256
from guidance.letters.merge import ProgressBar, merge
from guidance.records import open_store
from guidance.records.letters import LetterStore, open_letter_store
from letters_support import ON, shipped
from records_support import database_url  # noqa: F401  (fixture)

BAD_ROWS = {17: {"change_date": "31/02/2026"}, 402: {"recipient_name": ""}, 951: {"change_date": "soon"}}


def _write_csv(path, rows: int) -> None:
    """``rows`` letters; the rows in BAD_ROWS (spreadsheet numbering, header = row 1) are broken."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Recipient name", "recipient_address", "reference", "change_date", "notes"])
        for number in range(2, rows + 2):
            row = {"recipient_name": f"Employer {number}", "recipient_address": "1 High Street; Northfield; NF1 1AA",
                   "reference": f"DP-{number:06d}", "change_date": "2026-04-01", "notes": "internal"}
            row.update(BAD_ROWS.get(number, {}))
            writer.writerow([row["recipient_name"], row["recipient_address"], row["reference"], row["change_date"], row["notes"]])


def test_a_thousand_rows_with_three_bad_give_997_letters_and_name_the_three(tmp_path):
    source = tmp_path / "employers.csv"
    _write_csv(source, 1000)
    out = tmp_path / "letters"
    seen = []
    with open_letter_store(tmp_path / "records.sqlite3") as store:
        result = merge(shipped(), "minimum-wage-change", source, out, ON, "docx", store=store,
                       progress=lambda done, total: seen.append((done, total)))
        recorded = store.list(batch=result.batch)
    assert len(result.written) == 997
    assert sorted(row for row, _ in result.failed) == sorted(BAD_ROWS)
    messages = dict(result.failed)
    assert "change_date" in messages[17] and "recipient_name" in messages[402] and "change_date" in messages[951]
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 997 and all(name.endswith(".docx") for name in files)  # no temporary files left
    assert "00017-DP-000017.docx" not in files and "00018-DP-000018.docx" in files
    assert seen[-1] == (1000, 1000)
    assert result.ignored_columns == ["notes"]
    assert len(recorded) == 997
    assert "rows 17, 402, 951" in result.summary()


def test_progress_goes_to_its_stream_in_tenths_when_not_a_terminal():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    for done in range(1, 101):
        bar.update(done, 100)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 11 and lines[0].endswith(" 1/100") and lines[-1].endswith("100/100")  # the start, then each tenth


def test_a_recorded_letter_prints_again_exactly_even_after_the_content_changes(tmp_path):
    catalogue = shipped()
    letter = catalogue.example("dp-surplus-repayment", ON)
    template = catalogue.template("dp-surplus-repayment")
    output = write(letter, "docx")
    with LetterStore(tmp_path / "records.sqlite3") as store:
        letter_id = store.add(record_for(letter, template, "docx", False, output), template.source)
        # Simulate later edits: the figures and glossary the live content gives are not used.
        record = store.get(letter_id)
        assert record.reference == "DP-004512" and record.output_sha256 == sha256(output)
        assert "Mrs Joan Reid" not in str(record.summary())
        again, data, same = reprint(store, letter_id)
    assert same and data == output and again.body == letter.body


def test_the_letters_table_sits_beside_the_sessions_without_breaking_them(tmp_path):
    path = tmp_path / "records.sqlite3"
    with LetterStore(path) as letters:
        assert letters.list() == []
    with open_store(path) as sessions:  # the sessions store still opens and migrates the same file
        assert sessions.list() == []
    with LetterStore(path) as letters:
        with letters.database.engine.connect() as conn:
            tables = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"letters", "letter_templates", "sessions", "session_events"} <= tables
    assert oct(path.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_merge_writes_other_formats_too(tmp_path, fmt):
    source = tmp_path / "employers.csv"
    _write_csv(source, 3)
    result = merge(shipped(), "minimum-wage-change", source, tmp_path / "out", ON, fmt)
    assert len(result.written) == 3 and not result.failed
    assert "Employer 2" in result.written[0].read_text(encoding="utf-8")


def _employers(path, rows: int, broken: dict[int, str] | None = None) -> None:
    """``rows`` good rows; ``broken`` replaces the line of a row (spreadsheet numbering) as written."""
    lines = ["recipient_name,recipient_address,reference,change_date"]
    for number in range(2, rows + 2):
        lines.append((broken or {}).get(number, f"Employer {number},1 High Street; Northfield,DP-{number:06d},2026-04-01"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_stray_quote_loses_only_its_own_row_and_the_summary_adds_up(tmp_path):
    source = tmp_path / "employers.csv"
    _employers(source, 500, {11: 'Employer 11,"1 High Street; Northfield,DP-000011,2026-04-01'})
    result = merge(shipped(), "minimum-wage-change", source, tmp_path / "out", ON, "txt")
    assert [row for row, _ in result.failed] == [11]
    assert "quoted cell" in result.failed[0][1] and "stray" in result.failed[0][1]
    assert len(result.written) == 499 and len(result.written) + len(result.failed) == result.rows == 500
    assert "499 letters written, 1 rows skipped: rows 11, of 500 rows" in result.summary()
    assert (tmp_path / "out" / "00012-DP-000012.txt").exists() and (tmp_path / "out" / "00501-DP-000501.txt").exists()


def test_a_quote_never_closed_near_the_end_is_named_and_the_rows_after_it_still_count(tmp_path):
    source = tmp_path / "employers.csv"
    _employers(source, 10, {9: '"Employer 9,1 High Street,DP-000009,2026-04-01'})
    result = merge(shipped(), "minimum-wage-change", source, tmp_path / "out", ON, "txt")
    assert [row for row, _ in result.failed] == [9] and "never closed" in result.failed[0][1]
    assert len(result.written) == 9 and result.rows == 10


def test_a_runaway_field_in_a_long_file_is_named_with_its_row():
    import tempfile
    from pathlib import Path

    from guidance.letters.merge import read_rows

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "big.csv"
        _employers(source, 10_000, {7_321: 'Employer,"x' + "y" * 200_000 + ',DP-1,2026-04-01'})
        names, rows = read_rows(source)
    bad = [row for row in rows if row.values is None]
    assert len(rows) == 10_000 and [row.number for row in bad] == [7_321]
    assert rows[-1].number == 10_001 and rows[-1].values["reference"] == "DP-010001"


def test_a_quoted_address_on_several_lines_is_one_row():
    import tempfile
    from pathlib import Path

    from guidance.letters.merge import read_rows

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "a.csv"
        source.write_text('recipient_name,recipient_address,reference,change_date\n'
                          'Ann,"1 High Street\nNorthfield\nNF1 1AA",DP-1,2026-04-01\nBob,2 Low Road,DP-2,2026-04-01\n', encoding="utf-8")
        _names, rows = read_rows(source)
    assert [(row.number, row.line) for row in rows] == [(2, 2), (3, 5)]
    assert rows[0].values["recipient_address"] == "1 High Street\nNorthfield\nNF1 1AA"


def test_extra_cells_are_an_error_naming_the_row_not_dropped(tmp_path):
    source = tmp_path / "employers.csv"
    _employers(source, 4, {3: "Employer 3,1 High Street,DP-000003,2026-04-01,Flat 2"})
    result = merge(shipped(), "minimum-wage-change", source, tmp_path / "out", ON, "txt")
    assert [row for row, _ in result.failed] == [3] and "5 cells" in result.failed[0][1] and "4 columns" in result.failed[0][1]
    assert len(result.written) == 3


def test_a_row_that_breaks_the_writer_is_skipped_and_named_not_fatal(tmp_path, monkeypatch):
    from guidance.letters import merge as merge_module

    real = merge_module.write

    def write(letter, fmt, large_print=False):
        if letter.reference == "DP-000003":
            raise OverflowError("date value out of range")
        return real(letter, fmt, large_print)

    monkeypatch.setattr(merge_module, "write", write)
    source = tmp_path / "employers.csv"
    _employers(source, 5)
    with open_letter_store(tmp_path / "records.sqlite3") as store:
        result = merge(shipped(), "minimum-wage-change", source, tmp_path / "out", ON, "txt", store=store)
        recorded = store.list(batch=result.batch)
    assert [row for row, _ in result.failed] == [3] and "OverflowError" in result.failed[0][1]
    assert len(result.written) == 4 and len(recorded) == 4


def _agree(out, records) -> None:
    """Every letter file has a record with its bytes' hash, and every record its file."""
    from guidance.letters.issue import sha256

    files = {p.name.split("-", 1)[1].rsplit(".", 1)[0]: sha256(p.read_bytes()) for p in out.iterdir() if not p.name.startswith(".")}
    assert files == {r.reference: r.output_sha256 for r in records}
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # nothing left waiting


@pytest.mark.parametrize("where", ["before-record", "after-record", "progress"])
def test_a_merge_killed_part_way_leaves_letters_and_records_that_agree(tmp_path, database_url, where):
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    from guidance.letters.merge import reconcile

    tests = Path(__file__).resolve().parent
    source = tmp_path / "employers.csv"
    _employers(source, 40)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(tests), "GUIDANCE_DATABASE_URL": database_url}
    command = [sys.executable, str(tests / "merge_driver.py"), str(source), str(out), where, "25"]
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if where == "progress":
        for line in child.stdout:
            if line.strip() == "25":
                break
        child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL, child.stderr.read()
    with open_letter_store() as store:
        first = store.list()
        waiting = [p.name for p in out.iterdir() if p.name.endswith(".pending")]
        assert len(waiting) == {"before-record": 1, "after-record": 1, "progress": 0}[where]
        finished, removed = reconcile(out, store)  # what the next run does first
        assert (finished, removed) == {"before-record": (0, 1), "after-record": (1, 0), "progress": (0, 0)}[where]
        _agree(out, first)
        assert len(first) == {"before-record": 24, "after-record": 25, "progress": 25}[where]
        result = merge(shipped(), "minimum-wage-change", source, out, ON, "txt", store=store)
        again = store.list(batch=result.batch)
    assert len(result.written) == 40 and not result.failed
    _agree(out, again)


def test_a_link_folder_or_pipe_where_a_letter_goes_is_left_alone_and_its_row_named(tmp_path):
    import os

    source = tmp_path / "employers.csv"
    _employers(source, 5)
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere.txt"
    (out / "00003-DP-000003.txt").symlink_to(elsewhere)
    (out / "00004-DP-000004.txt").mkdir()
    os.mkfifo(out / "00005-DP-000005.txt")
    (out / "00006-DP-000006.txt").write_text("an earlier run's letter", encoding="utf-8")
    with open_letter_store(tmp_path / "records.sqlite3") as store:
        result = merge(shipped(), "minimum-wage-change", source, out, ON, "txt", store=store)
        recorded = store.list(batch=result.batch)
    assert [row for row, _ in result.failed] == [3, 4, 5]
    assert "symbolic link" in result.failed[0][1] and "a folder" in result.failed[1][1] and "not a regular file" in result.failed[2][1]
    assert (out / "00003-DP-000003.txt").is_symlink() and not elsewhere.exists() and (out / "00004-DP-000004.txt").is_dir()
    assert sorted(r.reference for r in recorded) == ["DP-000002", "DP-000006"]
    assert len(result.written) == 2 and "minimum wage" in (out / "00006-DP-000006.txt").read_text(encoding="utf-8")
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
