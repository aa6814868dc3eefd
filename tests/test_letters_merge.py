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
        assert record.reference == "DP-001209" and record.output_sha256 == sha256(output)
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
