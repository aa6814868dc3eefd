"""The mail merge: one letter per row of a CSV file (the yearly rate-change mail-out).

A bad row never stops the run: it is reported with its row number (as a spreadsheet shows it,
the header being row 1) and skipped, and every other row still gets its letter; the summary's
letters and skipped rows add up to the rows in the file. Each file is written atomically and
recorded in the same step (see ``merge``), so an interrupted run leaves only whole letters, each
with its record. Progress goes to stderr; it names rows, never people.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

from guidance.fileio import atomic_write_bytes, make_folder
from guidance.letters.catalogue import Catalogue
from guidance.letters.compose import LetterError
from guidance.letters.formats import write
from guidance.letters.issue import record_for
from guidance.records.letters import new_letter_id
from guidance.records.store import StoreError

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


class MergeError(ValueError):
    """The merge cannot run (no such file, no header: nothing was written) or had to stop (the
    record cannot be written: the message says how far it got)."""


@dataclass
class MergeResult:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    batch: str | None = None
    rows: int = 0
    finished: int = 0
    removed: int = 0

    def summary(self, shown: int = 30) -> str:
        """'N letters written, M rows skipped: rows a, b, c, of T rows': N + M is always T."""
        text = f"{len(self.written)} letters written, {len(self.failed)} rows skipped"
        if self.failed:
            numbers = [str(row) for row, _ in self.failed]
            text += ": rows " + ", ".join(numbers[:shown]) + (f" and {len(numbers) - shown} more" if len(numbers) > shown else "")
        text += f", of {self.rows} rows"
        if self.finished or self.removed:
            text += (f"; before that, {self.finished} letters an interrupted run had recorded were put in place "
                     f"and {self.removed} unrecorded files it left were removed")
        return text


class ProgressBar:
    """A one-line bar on a terminal; on anything else, a line every tenth of the way."""

    def __init__(self, stream: TextIO | None = None, width: int = 30):
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.shown = -1

    def update(self, done: int, total: int) -> None:
        total = max(total, 1)
        step = done * (100 if self.tty else 10) // total
        if step == self.shown and done != total:
            return
        self.shown = step
        filled = self.width * done // total
        bar = f"[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}"
        if self.tty:
            self.stream.write("\r" + bar + ("\n" if done >= total else ""))
        else:
            self.stream.write(bar + "\n")
        self.stream.flush()


@dataclass(frozen=True)
class Row:
    """One row of the CSV file: its number as a spreadsheet shows it (the header is row 1), the
    line of the file it starts on, and its values by field name, or why it cannot be used."""

    number: int
    line: int
    values: dict | None
    problem: str | None = None


def read_rows(path: Path) -> tuple[list[str], list[Row]]:
    """Header (normalised like field names) and every further row, each with its values or its
    problem. Raises MergeError when the file cannot be read or has no header.

    A bad row never hides the rows after it: a quoted field still open after ``MAX_ROW_LINES``
    lines or at the end of the file (a stray ``"``), a row with more cells than the header names,
    or a field over the CSV size limit is named with its row and line, and reading starts again on
    the next line, so every line of the file is either read as a row or named.
    """
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            lines = list(handle)
    except OSError as exc:
        raise MergeError(f"{path}: cannot read the file: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise MergeError(f"{path}: not UTF-8 text; save the spreadsheet as 'CSV UTF-8'") from None
    header, used, problem = _one_record(lines, 0)
    if problem:
        raise MergeError(f"{path}:1: the first row cannot be read: {problem}")
    if not header or not any(cell.strip() for cell in header):
        raise MergeError(f"{path}: the file is empty; the first row must name the fields")
    names = [_field_name(name) for name in header]
    rows: list[Row] = []
    at = used
    while at < len(lines):
        number, line = len(rows) + 2, at + 1
        cells, used, problem = _one_record(lines, at)
        if problem is None and len(cells) > len(names) and any(c.strip() for c in cells[len(names):]):
            problem = f"it has {len(cells)} cells but the first row names {len(names)} columns"
        if problem is not None:
            rows.append(Row(number, line, None, problem + _resumed(used)))
            at += 1  # the lines a runaway field swallowed are read again as rows of their own
            continue
        at += used
        if not any(cell.strip() for cell in cells):
            rows.append(Row(number, line, None, "the row is empty"))
        else:
            rows.append(Row(number, line, dict(zip(names, cells))))
    return names, rows


# A quoted cell may hold line breaks (an address typed on several lines); a cell running on past
# this many lines is an unclosed quote swallowing the rows after it.
MAX_ROW_LINES = 12


def _one_record(lines: list[str], at: int) -> tuple[list[str], int, str | None]:
    """(cells, lines used, problem) for the record starting at ``lines[at]``."""
    used = 0

    def feed():
        nonlocal used
        for line in lines[at:at + MAX_ROW_LINES + 1]:
            used += 1
            yield line

    try:
        cells = next(csv.reader(feed(), strict=True), [])
    except csv.Error as exc:
        if used > MAX_ROW_LINES:
            return [], used, f"a quoted cell that starts in this row is still open {MAX_ROW_LINES} lines later (a stray '\"'?)"
        if "unexpected end of data" in str(exc):
            return [], used, "a quoted cell that starts in this row is never closed (a stray '\"'?)"
        return [], used, f"not readable as CSV: {exc}"
    return cells, used, None


def _resumed(used: int) -> str:
    return "; the lines after it were read as rows of their own" if used > 1 else ""


def _check_header(path, names: list[str], template) -> None:
    """A first row naming no field (a file without a header) or one field twice would silently
    drop every value or one of two columns: refuse it before any letter is written."""
    fields = template.meta.fields
    if fields and not any(name in fields for name in names):
        raise MergeError(
            f"{path}:1: the first row must name the fields ({', '.join(fields)}); "
            f"it names none of them: {', '.join(names)[:120]}"
        )
    twice = sorted({name for name in names if name and names.count(name) > 1})
    if twice:
        raise MergeError(f"{path}:1: the column {', '.join(twice)} is named more than once")


def _output_folder(out_dir: Path) -> Path:
    """Make the folder before the first letter, so an unusable --out fails with nothing written."""
    try:
        make_folder(out_dir)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        where = "" if str(out_dir) in reason else f"{out_dir}: "  # the path once, not twice
        raise MergeError(f"{where}cannot make the folder for the letters: {reason}") from None
    return out_dir


def _field_name(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def file_name(row_number: int, reference: str | None, template_id: str, fmt: str) -> str:
    safe = _UNSAFE.sub("-", reference or "").strip("-")[:40]
    return f"{row_number:05d}-{safe or template_id}.{fmt}"


def merge(catalogue: Catalogue, template_id: str, csv_path: Path, out_dir: Path, on: dt.date, fmt: str = "docx",
          large_print: bool = False, store=None, progress: Callable[[int, int], None] | None = None) -> MergeResult:
    """Write one letter per row into ``out_dir``; record each in ``store`` if given.

    Each letter is written to a waiting file named with its letter id, recorded (with its audit
    entry) in one transaction, then renamed into place; letters a crash left waiting are put in
    place or removed first (``reconcile``), so the folder and the record always agree. Raises
    MergeError when the merge cannot start, or stops because the record cannot be written (the
    letters before that row are written and recorded).
    """
    template = catalogue.template(template_id)
    names, rows = read_rows(Path(csv_path))
    _check_header(csv_path, names, template)
    result = MergeResult(batch=secrets.token_hex(4), rows=len(rows))
    result.ignored_columns = [n for n in names if n and n not in template.meta.fields]
    out_dir = _output_folder(Path(out_dir))
    if store is not None:
        result.finished, result.removed = reconcile(out_dir, store)
    for index, row in enumerate(rows):
        made = _make(catalogue, template_id, row, on, fmt, large_print, result)
        if made is not None:
            letter, output = made
            target = out_dir / file_name(row.number, letter.reference, template_id, fmt)
            blocked = _in_the_way(target)
            if blocked:
                result.failed.append((row.number, blocked))
                if progress:
                    progress(index + 1, len(rows))
                continue
            record = record_for(letter, template, fmt, large_print, output, batch=result.batch) if store is not None else None
            try:
                _issue(target, output, store, record, template.source)
            except (StoreError, OSError) as exc:
                reason = getattr(exc, "strerror", None) or str(exc)
                raise MergeError(f"stopped at row {row.number}: {reason}; the {len(result.written)} letters before it "
                                 f"are written{' and recorded' if store is not None else ''} (batch {result.batch})") from None
            result.written.append(target)
        if progress:
            progress(index + 1, len(rows))
    return result


def _make(catalogue, template_id, row: Row, on, fmt, large_print, result: MergeResult):
    """(letter, bytes) for one row, or None with the row named in ``result.failed``."""
    if row.values is None:
        result.failed.append((row.number, row.problem or "the row cannot be read"))
        return None
    try:
        letter = catalogue.make(template_id, row.values, on, unknown="ignore", deadlines=True)
        return letter, write(letter, fmt, large_print)
    except LetterError as exc:
        result.failed.append((row.number, "; ".join(message for _path, _line, message in exc.problems)))
    except (ArithmeticError, ValueError, TypeError, LookupError, RecursionError) as exc:
        # One row's odd value must not stop the letters to everyone else: name it and go on.
        result.failed.append((row.number, f"the letter could not be made from this row's values ({type(exc).__name__})"))
    return None


def _in_the_way(target: Path) -> str | None:
    """Why ``target`` must not be replaced, or None. A letter from an earlier run into the same
    folder (a regular file) is replaced; a link, folder, pipe or device standing there never is."""
    import stat

    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"{target.name} in the letters folder cannot be checked: {exc.strerror}"
    if stat.S_ISREG(mode):
        return None
    kind = "a symbolic link" if stat.S_ISLNK(mode) else "a folder" if stat.S_ISDIR(mode) else "not a regular file"
    return f"{target.name} in the letters folder is {kind}: not replaced, no letter made for this row"


PENDING = ".pending"
_PENDING_NAME = re.compile(r"\.(?P<name>\d{5,}-[A-Za-z0-9_-]+\.[a-z]+)\.(?P<id>[0-9a-f]{12})" + re.escape(PENDING))
_TEMPORARY = re.compile(r"\.\.?\d{5,}-[A-Za-z0-9_.-]+\.tmp")  # atomic_write_bytes' temporary files for letters


def _issue(target: Path, output: bytes, store, record, source: str) -> None:
    """Put one letter in place; with a store, record it in the same step (see ``reconcile``)."""
    if store is None:
        atomic_write_bytes(target, output)
        return
    letter_id = new_letter_id()
    waiting = target.with_name(f".{target.name}.{letter_id}{PENDING}")
    atomic_write_bytes(waiting, output)
    try:
        store.add(record, source, letter_id)
    except BaseException:
        waiting.unlink(missing_ok=True)
        raise
    os.replace(waiting, target)
    _sync_folder(target.parent)


def reconcile(out_dir: Path, store) -> tuple[int, int]:
    """Finish what an interrupted merge left in ``out_dir``: (letters put in place, files removed).

    A waiting letter whose id is in the record was issued: it is renamed into place. One whose id
    is not was never recorded (the run stopped before the transaction committed): it is removed,
    as are half-written temporary files.
    """
    waiting, temporary = {}, []
    for entry in out_dir.iterdir():
        match = _PENDING_NAME.fullmatch(entry.name)
        if match and entry.is_file():
            waiting[match.group("id")] = (entry, out_dir / match.group("name"))
        elif _TEMPORARY.fullmatch(entry.name) and entry.is_file():
            temporary.append(entry)
    known = store.known(list(waiting))
    finished = removed = 0
    for letter_id, (entry, target) in sorted(waiting.items()):
        if letter_id in known and _in_the_way(target):
            continue  # recorded, but something that is not a letter stands in its place: left waiting
        if letter_id in known:
            os.replace(entry, target)
            finished += 1
        else:
            entry.unlink(missing_ok=True)
            removed += 1
    for entry in temporary:
        entry.unlink(missing_ok=True)
        removed += 1
    if finished or removed:
        _sync_folder(out_dir)
    return finished, removed


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
