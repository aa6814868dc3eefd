"""The mail merge: one letter per row of a CSV file (the yearly rate-change mail-out).

A bad row never stops the run: it is reported with its row number (as a spreadsheet shows it,
the header being row 1) and skipped, and every other row still gets its letter. Each file is
written atomically, so an interrupted run leaves only whole letters. Progress goes to stderr;
it names rows, never people.
"""

from __future__ import annotations

import csv
import datetime as dt
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

RECORD_BATCH = 100
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


class MergeError(ValueError):
    """The whole merge cannot run (no such file, no header): nothing was written."""


@dataclass
class MergeResult:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    batch: str | None = None

    def summary(self) -> str:
        text = f"{len(self.written)} letters written, {len(self.failed)} rows skipped"
        if self.failed:
            text += ": rows " + ", ".join(str(row) for row, _ in self.failed)
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


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    """Header (normalised like field names) and rows. Raises MergeError."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if not header:
                raise MergeError(f"{path}: the file is empty; the first row must name the fields")
            names = [_field_name(name) for name in header]
            rows = []
            for cells in reader:
                rows.append(dict(zip(names, cells)) if any(c.strip() for c in cells) else {})
    except OSError as exc:
        raise MergeError(f"{path}: cannot read the file: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise MergeError(f"{path}: not UTF-8 text; save the spreadsheet as 'CSV UTF-8'") from None
    except csv.Error as exc:
        raise MergeError(f"{path}: not a readable CSV file: {exc}") from None
    return names, rows


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
        raise MergeError(f"{out_dir}: cannot make the folder for the letters: {exc.strerror}") from None
    return out_dir


def _field_name(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def file_name(row_number: int, reference: str | None, template_id: str, fmt: str) -> str:
    safe = _UNSAFE.sub("-", reference or "").strip("-")[:40]
    return f"{row_number:05d}-{safe or template_id}.{fmt}"


def merge(catalogue: Catalogue, template_id: str, csv_path: Path, out_dir: Path, on: dt.date, fmt: str = "docx",
          large_print: bool = False, store=None, progress: Callable[[int, int], None] | None = None) -> MergeResult:
    """Write one letter per row into ``out_dir``; record each in ``store`` if given."""
    template = catalogue.template(template_id)
    names, rows = read_rows(Path(csv_path))
    _check_header(csv_path, names, template)
    result = MergeResult(batch=secrets.token_hex(4))
    result.ignored_columns = [n for n in names if n and n not in template.meta.fields]
    out_dir = _output_folder(Path(out_dir))
    pending = []
    for index, row in enumerate(rows):
        row_number = index + 2
        if not row:
            result.failed.append((row_number, "the row is empty"))
        else:
            try:
                letter = catalogue.make(template_id, row, on, unknown="ignore")
                output = write(letter, fmt, large_print)
            except LetterError as exc:
                result.failed.append((row_number, "; ".join(message for _path, _line, message in exc.problems)))
            else:
                target = out_dir / file_name(row_number, letter.reference, template_id, fmt)
                atomic_write_bytes(target, output)
                result.written.append(target)
                if store is not None:
                    pending.append((record_for(letter, template, fmt, large_print, output, batch=result.batch), template.source))
                    if len(pending) >= RECORD_BATCH:
                        store.add_many(pending)
                        pending = []
        if progress:
            progress(index + 1, len(rows))
    if store is not None and pending:
        store.add_many(pending)
    return result
