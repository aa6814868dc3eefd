"""Excel (.xlsx) statements, read with openpyxl: the first sheet with a statement header."""

from __future__ import annotations

import zipfile
from pathlib import Path


def xlsx_rows(path: Path, shown: str) -> list[tuple[int, list]]:
    """(row number, cell values) of the first sheet. Raises StatementError for a file that is not
    a workbook. Date cells come as dates, number cells as numbers."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from guidance.accounts.statements import StatementError

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise StatementError(shown, None, f"is not an Excel workbook that can be read ({exc.__class__.__name__})") from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise StatementError(shown, None, "the workbook has no sheets")
        return [(number, list(cells)) for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()
