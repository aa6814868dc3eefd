"""Excel (.xlsx) statements, read with openpyxl: every sheet's rows; the statement reader takes the
one sheet with a statement header (a workbook with statements on several sheets is refused
rather than half-read)."""

from __future__ import annotations

import zipfile
from pathlib import Path


def xlsx_sheets(path: Path, shown: str) -> list[tuple[str, list[tuple[int, list]]]]:
    """(sheet name, [(row number, cell values)]) for each sheet in order. Raises StatementError
    for a file that is not a workbook. Date cells come as dates, number cells as numbers."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from guidance.accounts.statements import StatementError

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise StatementError(shown, None, f"is not an Excel workbook that can be read ({exc.__class__.__name__})") from None
    try:
        if not book.worksheets:
            raise StatementError(shown, None, "the workbook has no sheets")
        return [(sheet.title, [(number, list(cells)) for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)])
                for sheet in book.worksheets]
    finally:
        book.close()
