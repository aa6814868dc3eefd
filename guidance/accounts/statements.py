"""Reading bank and prepaid-card statements: CSV, OFX and Excel (.xlsx) into one ledger.

Shapes: ``read_statement(path)`` gives a ``Statement`` (its ``Transaction`` rows in date order, oldest
first; amounts signed, money in positive); ``read_statements(paths)`` merges several statements
for one account into a ``Ledger`` in date order, dropping the rows that overlapping statements
both hold.

Errors: a statement that cannot be read raises ``StatementError`` naming the file, the row (or
line) and the problem, for every bad row of every file at once (each file is read to its end), and
never quoting a cell. A statement is read whole or not at all: nothing is half-read.

CSV headers are detected (``Date``, ``Description``, a signed ``Amount`` or ``Paid in``/``Paid out``,
``Money in``/``Money out``, ``Credit``/``Debit``, and an optional ``Balance``); other headers are
named with a columns mapping such as ``date=Posted,description=Details,amount=Value``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import logging
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import count, repeat
from operator import is_, itemgetter, le
from pathlib import Path
from typing import NamedTuple

from guidance.accounts.money import READ_AMOUNTS, READ_DATES, READ_LIMIT, common_amounts, statement_amount, statement_date
from guidance.fileio import FileTooLarge, read_bytes
from guidance.words import counted
from guidance.references import without_value

FIELDS = ("date", "description", "amount", "paid_in", "paid_out", "balance")

#: Header names each field is known by in UK bank and prepaid-card exports (compared lower case,
#: without punctuation or a "(£)" / "GBP" suffix). The first listed wins when several are present.
HEADERS = {
    "date": ("date", "transaction date", "posting date", "posted date", "date posted", "value date", "completed date"),
    "description": ("description", "transaction description", "details", "transaction details", "narrative",
                    "merchant", "merchant name", "payee", "payee name", "counter party", "counterparty", "name", "memo",
                    "reference"),
    "amount": ("amount", "value", "transaction amount", "amount gbp"),
    "paid_in": ("paid in", "money in", "credit", "credits", "credit amount", "in", "deposits"),
    "paid_out": ("paid out", "money out", "debit", "debits", "debit amount", "out", "withdrawals"),
    "balance": ("balance", "running balance", "account balance"),
}
OVERLAP_CHARS = 16  # description characters two exports of one transaction share
HEADER_SEARCH_ROWS = 30  # exports may start with a few lines about the account before the header
_SKIP_ROW = re.compile(r"\b(brought|carried) forward\b|\b(opening|closing) balance\b", re.I)


#: How many problems an error lists before it says "and N more problems".
SHOWN_PROBLEMS = 20


class StatementError(ValueError):
    """Statements that cannot be read: ``problems`` holds every one found, each a (file, line,
    message) triple (line: the row or line in the file, or None); ``file``, ``line`` and
    ``message`` are those of the first. ``str()`` is ``file:line: message``, one a line, the first
    ``SHOWN_PROBLEMS`` of them and then how many more there are. Messages never quote a cell."""

    def __init__(self, file: str, line: int | None, message: str, problems=None):
        self.problems = tuple(problems) if problems else ((file, line, message),)
        self.file, self.line, self.message = self.problems[0]
        super().__init__(_listed(self.problems))

    @classmethod
    def of(cls, problems) -> "StatementError":
        """One error for several (file, line, message) problems, the first first."""
        return cls(*problems[0], problems=problems)


def _listed(problems) -> str:
    lines = [f"{file}:{line}: {message}" if line else f"{file}: {message}" for file, line, message in problems[:SHOWN_PROBLEMS]]
    more = len(problems) - SHOWN_PROBLEMS
    if more > 0:
        lines.append(f"... and {more} more problem{'s' if more > 1 else ''} ({len(problems)} in all)")
    return "\n".join(lines)


class Transaction(NamedTuple):
    """One statement row. ``amount`` is signed (money in > 0); ``balance`` is the account balance
    after it, when the statement gives one; ``file`` and ``line`` say where it was read.

    A named tuple (fields read by name, never changed): an audit makes one for every row of every
    statement, and a tuple is made in one step, many at once (``_plain_rows``)."""

    date: dt.date
    description: str
    amount: Decimal
    balance: Decimal | None
    file: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def key(self) -> tuple:
        """What two statements that overlap both show for the same bank transaction: the date,
        the amount and the start of the description (OFX cuts names to 32 characters, and other
        exports may add a reference after the payee)."""
        return (self.date, self.amount, normalise(self.description)[:OVERLAP_CHARS])


@dataclass(frozen=True)
class Statement:
    """One statement file: its transactions oldest first, and the period it says it covers
    (``start``/``end``; for files that do not say, the first and last transaction dates)."""

    file: str
    format: str
    transactions: tuple[Transaction, ...]
    start: dt.date | None
    end: dt.date | None
    stated: bool = False


@dataclass(frozen=True)
class Ledger:
    """All statements for one account, merged: ``transactions`` oldest first (several on one day
    keep their statement order), ``overlaps`` the number of rows dropped as shown twice, and
    ``unproved_overlaps`` those of them dropped with no balance on both rows to prove they are the
    same bank transaction (the date, amount and description matched, but a second payment alike
    would match too: the officer is told, to check them)."""

    statements: tuple[Statement, ...]
    transactions: tuple[Transaction, ...]
    overlaps: int = 0
    unproved_overlaps: tuple[Transaction, ...] = ()


@lru_cache(maxsize=16384)
def normalise(description: str) -> str:
    """Upper case, single spaces: the form rules and payees are matched against."""
    return " ".join(str(description).upper().split())


def parse_columns(text: str | None) -> dict[str, str]:
    """``"date=Posted,description=Details,amount=Value"`` as a mapping of our fields to headers.

    Fields: date, description, amount, paid_in (or in), paid_out (or out), balance. For a file
    with no header row, give column numbers instead (``date=1,description=2,amount=3``).
    Raises ValueError naming what is wrong.
    """
    if not text:
        return {}
    aliases = {"in": "paid_in", "out": "paid_out", "money_in": "paid_in", "money_out": "paid_out"}
    mapping: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, header = part.partition("=")
        name = aliases.get(name.strip().lower(), name.strip().lower())
        if not sep or not header.strip():
            raise ValueError(f"'{part.strip()}' should be FIELD=HEADER, e.g. date=Posted")
        if name not in FIELDS:
            raise ValueError(f"unknown field '{name}': use {', '.join(FIELDS)}")
        mapping[name] = header.strip()
    numbers = [v.isdigit() for v in mapping.values()]
    if any(numbers) and not all(numbers):
        raise ValueError("give every column by its header, or every column by its number, not a mix")
    if all(numbers) and mapping:
        if any(int(v) < 1 for v in mapping.values()):
            raise ValueError("column numbers start at 1")
        if "date" not in mapping or "description" not in mapping or not {"amount", "paid_in", "paid_out"} & set(mapping):
            raise ValueError("by number, give at least date, description and amount (or paid_in / paid_out)")
    return mapping


def read_statements(paths, columns: dict[str, str] | None = None) -> Ledger:
    """Read every statement and merge them (see ``merge``). Raises StatementError with the
    problems of every statement that cannot be read (each file is read to its end)."""
    paths = [path if isinstance(path, Path) else Path(path) for path in paths]
    _given_once(paths)
    statements, problems = [], []
    for path in paths:
        try:
            statements.append(read_statement(path, columns))
        except StatementError as exc:
            problems.extend(exc.problems)
    if problems:
        raise StatementError.of(problems)
    return merge(statements)


def _given_once(paths: list[Path]) -> None:
    """Raise StatementError when one statement is given twice: by one path (or two that name the
    same file) or as two files with the same bytes (a copy under another name). Not merged as an
    overlap: the officer may have meant to give another statement. Files that cannot be read are
    left to ``read_statement`` to name. One statement alone is given once: nothing is looked at."""
    if len(paths) < 2:
        return
    import hashlib

    seen: dict = {}
    for path in paths:
        try:
            stat = path.stat()
            if not path.is_file():
                continue
            same = seen.get((stat.st_dev, stat.st_ino))
            if same is None and stat.st_size <= MAX_STATEMENT_BYTES:
                digest = hashlib.sha256(path.read_bytes()).digest()
                same = seen.get(digest)
                seen[digest] = seen.get(digest, path)
        except OSError:
            continue
        if same is not None:
            if same == path or same.resolve() == path.resolve():
                raise StatementError(str(path), None, "is given twice: give each statement once")
            raise StatementError(str(path), None, f"is the same file as {same} (the same bytes): give each statement once")
        seen[(stat.st_dev, stat.st_ino)] = path


#: A statement file larger than this is refused before it is read: a year of a direct payment
#: account is a few thousand rows (well under 1 MB); a file of many megabytes is the wrong file
#: and would take minutes and gigabytes to read.
MAX_STATEMENT_BYTES = 10_000_000


def read_statement(path: Path, columns: dict[str, str] | None = None, shown: str | None = None) -> Statement:
    """Read one statement, choosing the reader by the file's extension (.csv, .txt, .ofx, .qfx,
    .xlsx). Raises StatementError with the file and row."""
    path = path if isinstance(path, Path) else Path(path)
    shown = shown or str(path)
    if path.suffix.lower() in QUIET_SUFFIXES:
        with libraries_quiet():
            return _read_statement(path, columns, shown)
    return _read_statement(path, columns, shown)  # CSV is read by the csv module, which neither logs nor warns


#: The statements read by a library that may log or warn (see ``libraries_quiet``).
QUIET_SUFFIXES = (".ofx", ".qfx", ".xlsx", ".xlsm")


#: The libraries that read statements: what they log may quote the statement's text.
READER_LOGGERS = ("ofxtools", "openpyxl")


@contextmanager
def libraries_quiet():
    """While statements are read, the reading libraries' warnings are dropped and their loggers
    are off: they quote the statement's text (ofxtools warns "NagString: 'TFR FROM ...' exceeds
    max length"), and a statement holds people's names. Problems are told by StatementError,
    which never quotes it."""
    loggers = [logging.getLogger(name) for name in READER_LOGGERS]
    were = [(logger.disabled, logger.propagate) for logger in loggers]
    drop = logging.NullHandler()  # their modules' own loggers end here, not at the app's handlers
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for logger in loggers:
            logger.disabled, logger.propagate = True, False
            logger.addHandler(drop)
        try:
            yield
        finally:
            for logger, (disabled, propagate) in zip(loggers, were):
                logger.removeHandler(drop)
                logger.disabled, logger.propagate = disabled, propagate


def _read_statement(path: Path, columns: dict[str, str] | None, shown: str) -> Statement:
    """``read_statement`` with the libraries quiet."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt", ""):  # its size is checked as it is opened (``csv_rows``)
            return table_statement(csv_rows(path, shown), shown, "csv", columns or {})
        _check_size(path.stat().st_size, shown)
        if suffix in (".ofx", ".qfx"):
            from guidance.accounts.ofx import read_ofx

            return read_ofx(path, shown)
        if suffix in (".xlsx", ".xlsm"):
            from guidance.accounts.xlsx import xlsx_sheets

            return table_statement(_statement_sheet(xlsx_sheets(path, shown), shown, columns or {}), shown, "xlsx", columns or {})
    except OSError as exc:
        raise StatementError(shown, None, f"cannot be read: {exc.strerror or exc}") from None
    raise StatementError(shown, None, f"unknown statement type '{suffix}': use CSV, OFX or Excel (.xlsx)")


def _check_size(size: int, shown: str) -> None:
    """Refuses a file larger than MAX_STATEMENT_BYTES (before it is read)."""
    if size > MAX_STATEMENT_BYTES:
        raise StatementError(shown, None, f"is {size / 1_000_000:.0f} MB, more than the {MAX_STATEMENT_BYTES // 1_000_000} MB "
                                          "a statement may be (a year of an account is well under 1 MB): is it the right file?")


def csv_rows(path: Path, shown: str) -> list[tuple[int, list]]:
    """(line, cells) for each row of a CSV file (UTF-8, or Windows-1252 as older exports are);
    ``line`` is the line the row starts on (a quoted cell may run on over the lines after it).
    A file larger than MAX_STATEMENT_BYTES is refused before it is read."""
    try:
        data = read_bytes(path, MAX_STATEMENT_BYTES)
    except FileTooLarge as exc:
        _check_size(exc.size, shown)
        raise
    try:
        text = (data[3:] if data.startswith(codecs.BOM_UTF8) else data).decode("utf-8")  # as "utf-8-sig" reads it
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="strict") if _cp1252_ok(data) else None
        if text is None:
            raise StatementError(shown, None, "is not a text file (save it as CSV)") from None
    if "\x00" in text:
        raise StatementError(shown, None, "is not a text file (save it as CSV)")
    dialect = _dialect(text[:4096])
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        rows = list(zip(count(1), reader))  # row n on line n, unless a quoted cell runs over lines:
        if reader.line_num == len(rows):
            return rows
        reader = csv.reader(io.StringIO(text, newline=""), dialect)  # then note where each row starts
        rows = []
        last = 0
        for cells in reader:
            rows.append((last + 1, cells))
            last = reader.line_num
    except csv.Error as exc:
        raise StatementError(shown, reader.line_num, f"not valid CSV: {exc}") from None
    return rows


def _dialect(sample: str):
    """Commas, unless the sample has no commas and semicolons or tabs (some European exports)."""
    if "," in sample or not (";" in sample or "\t" in sample):
        return csv.excel
    try:
        return csv.Sniffer().sniff(sample, delimiters=";\t")
    except csv.Error:
        return csv.excel


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


@lru_cache(maxsize=4096)
def _header_key(cell) -> str:
    text = re.sub(r"\((£|gbp)\)|\bgbp\b|£", " ", str(cell or "").lower())
    return " ".join(re.sub(r"[^a-z ]", " ", text).split())


def _find_header(rows, shown: str, columns: dict[str, str]) -> tuple[int, dict[str, int]]:
    """(index of the header row, field -> column number); -1 when columns are given by number."""
    if not any(any(str(cell or "").strip() for cell in cells) for _line, cells in rows[:HEADER_SEARCH_ROWS]):
        raise StatementError(shown, None, "the file is empty: it has no rows (export the statement again)")
    if columns and all(v.isdigit() for v in columns.values()):
        return -1, {field: int(number) - 1 for field, number in columns.items()}
    wanted = tuple((field, _header_key(name)) for field, name in columns.items())
    for index, (_line, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        cells = tuple(cells)
        try:
            found = _header_fields(cells, wanted)  # exports of one bank repeat one header
        except TypeError:  # a cell that cannot be remembered (unhashable)
            found = _header_fields.__wrapped__(cells, wanted)
        if found is not None:
            return index, dict(found)
    if columns:
        missing = ", ".join(f"{f}={n}" for f, n in columns.items())
        raise StatementError(shown, None, f"no header row with the columns asked for ({missing}) in the first {HEADER_SEARCH_ROWS} rows")
    raise StatementError(
        shown, None,
        "no header row found: need Date, Description and Amount (or Paid in/Paid out, Money in/Money out); "
        "name other headers with --columns, e.g. date=Posted,description=Details,amount=Value",
    )


@lru_cache(maxsize=1024)
def _header_fields(cells: tuple, wanted: tuple[tuple[str, str], ...]) -> tuple[tuple[str, int], ...] | None:
    """(field, column number) pairs when ``cells`` is a header row with a date, a description and
    an amount (or money in / out) and every field ``wanted`` names ((field, header key) pairs);
    else None."""
    wanted = dict(wanted)
    keys = [_header_key(c) for c in cells]
    found: dict[str, int] = {}
    for field in FIELDS:
        names = (wanted[field],) if field in wanted else HEADERS[field]
        for name in names:
            if name in keys and keys.index(name) not in found.values():
                found[field] = keys.index(name)
                break
    if any(f not in found for f in wanted):
        return None
    if "date" in found and "description" in found and ("amount" in found or "paid_in" in found or "paid_out" in found):
        if "amount" in found:
            found.pop("paid_in", None), found.pop("paid_out", None)
        return tuple(found.items())
    return None


def _statement_sheet(sheets, shown: str, columns: dict[str, str]) -> list[tuple[int, list]]:
    """The rows of the one sheet with a statement header. Raises StatementError when no sheet
    has one, or when several do (each would be a statement: none is read rather than some)."""
    found = []
    for name, rows in sheets:
        try:
            _find_header(rows, shown, columns)
        except StatementError:
            continue
        found.append((name, rows))
    if len(found) > 1:
        names = ", ".join(f"'{name}'" for name, _ in found)
        raise StatementError(shown, None, f"has statements on {len(found)} sheets ({names}): save each sheet as its own file")
    return found[0][1] if found else sheets[0][1]


def table_statement(rows, shown: str, fmt: str, columns: dict[str, str]) -> Statement:
    """A statement from (line, cells) rows of a CSV file or sheet. Raises StatementError."""
    header, found = _find_header(rows, shown, columns)
    width = _width(rows[header][1]) if header >= 0 else None
    out = _plain_rows(rows[header + 1:], found, width, shown) if fmt == "csv" and width is not None else None
    if out is not None:
        ordered = _oldest_first(out)
        return Statement(shown, fmt, tuple(ordered), *_row_days(ordered), stated=False)
    read_row = _row_reader(found, shown)
    out, problems = [], []
    append, last = out.append, len(rows) - 1
    for index in range(header + 1, len(rows)):
        line, cells = rows[index]
        try:
            if (width is not None and len(cells) > width) or (fmt == "csv" and (index == last or rows[index + 1][0] - line > 1)):
                _check_cells(cells, width, shown, line, fmt)  # a CSV row on one line has no line break in a cell
            row = read_row(cells, line)
        except StatementError as exc:  # noted, and the rows below still read, so every bad row is named at once
            if _is_header(cells):  # two exports pasted together: every row below would be another problem
                raise StatementError(shown, None, f"a second header row at line {line}: two statements in one file? "
                                                  "Give them as two files") from None
            problems.append((shown, line, exc.message))
            continue
        if row is not None:
            append(row)
    if problems:
        raise StatementError.of(problems)
    if not out:
        raise StatementError(shown, None, "has a header but no transactions")
    ordered = _oldest_first(out)
    return Statement(shown, fmt, tuple(ordered), *_row_days(ordered), stated=False)


def _is_header(cells) -> bool:
    """Whether a row is a statement's header row (a date, a description and an amount, or money in
    and out, by any of the names banks give them)."""
    return _header_fields.__wrapped__(tuple(str(cell or "") for cell in cells), ()) is not None


_LINE, _CELLS = itemgetter(0), itemgetter(1)  # of a (line, cells) row
_IN, _OUT = itemgetter(0), itemgetter(1)  # of a (money in, money out) pair of texts
_DATE = itemgetter(0)  # of a Transaction
_record = tuple.__new__  # _record(Transaction, fields): a Transaction made in one step
_UNREAD = object()  # a text not yet read
SIGNED: dict[tuple[str, str], Decimal | None] = {}  # (money in, money out) texts -> signed amount


def _plain_rows(body: list[tuple[int, list]], found: dict[str, int], width: int, shown: str) -> list[Transaction] | None:
    """The quick way through a CSV statement in which every row is plain: one line each, exactly
    the header's ``width`` cells, an amount and a date that read without a problem, never both
    money in and money out. Cells are read a column at a time, each text once (statements repeat
    dates and amounts). None when any row is not plain: ``_row_reader`` then reads the file row by
    row, and reports the first problem with its line, exactly as it always does."""
    if not body or body[-1][0] - body[0][0] != len(body) - 1 or set(map(len, map(_CELLS, body))) != {width}:
        return None  # rows of other widths, or a cell with a line break in it (a row over several lines)
    if any("\n" in cell for cell in body[-1][1]):
        return None  # the last row may run on to the end of the file
    columns = list(zip(*map(_CELLS, body)))
    try:
        dates = _read_column(columns[found["date"]], READ_DATES, _dates)
        if "amount" in found:
            amounts = _read_column(columns[found["amount"]], READ_AMOUNTS, _amounts)
        elif "paid_in" in found and "paid_out" in found:
            amounts = _signed_column(columns[found["paid_in"]], columns[found["paid_out"]])
        else:
            paid_in = _read_column(columns[found["paid_in"]], READ_AMOUNTS, _amounts) if "paid_in" in found else None
            paid_out = _read_column(columns[found["paid_out"]], READ_AMOUNTS, _amounts) if "paid_out" in found else None
            amounts = _signed(paid_in, paid_out)
        balances = _balances(columns[found["balance"]]) if "balance" in found else repeat(None)
    except (ValueError, KeyError):
        return None
    if amounts is None or any(map(is_, amounts, repeat(None))):
        return None  # a blank row, a "brought forward" line, a row with no amount: read row by row
    texts = map(str.strip, columns[found["description"]])
    return list(map(_record, repeat(Transaction), zip(dates, texts, amounts, balances, repeat(shown), map(_LINE, body))))


def _read_column(cells, known: dict, read) -> list:
    """Each cell's value: ``known`` holds the texts already read (text -> value); the others are
    read by ``read`` (a list of texts -> their values, remembered in ``known``), each once.
    Raises ValueError from ``read``."""
    values = list(map(known.get, cells, repeat(_UNREAD)))
    if any(map(is_, values, repeat(_UNREAD))):  # by identity: == on a Decimal asks if the other is a number
        unread = list(set(cells).difference(known))
        table = dict(zip(unread, read(unread)))
        values = list(map(table.get, cells, values))
    return values


def _balances(cells) -> list:
    """A column of balances: each row's balance differs, so the texts are read at once when every
    one is in the common form (``common_amounts``), without looking each up among the texts
    already read; else as any other column."""
    values = common_amounts(cells, remember=False)
    return values if values is not None else _read_column(cells, READ_AMOUNTS, _amounts)


def _amounts(texts: list) -> list:
    """Amounts, all at once where every text is in the common form."""
    values = common_amounts(texts)
    return values if values is not None else [statement_amount(text) for text in texts]


def _dates(texts: list) -> list:
    return [statement_date(text) for text in texts]


def _signed_column(paid_in: tuple, paid_out: tuple) -> list | None:
    """Signed amounts from money in and money out cells, each pair of texts read once (``SIGNED``
    remembers them); None when a row fills in both."""
    pairs = list(zip(paid_in, paid_out))
    values = list(map(SIGNED.get, pairs, repeat(_UNREAD)))
    if any(map(is_, values, repeat(_UNREAD))):
        unread = list(set(pairs).difference(SIGNED))
        signed = _signed(_read_column(list(map(_IN, unread)), READ_AMOUNTS, _amounts),
                         _read_column(list(map(_OUT, unread)), READ_AMOUNTS, _amounts))
        if signed is None:
            return None
        table = dict(zip(unread, signed))
        if len(SIGNED) + len(table) >= READ_LIMIT:
            SIGNED.clear()
        SIGNED.update(table)
        values = list(map(table.get, pairs, values))
    return values


def _signed(paid_in: list | None, paid_out: list | None) -> list | None:
    """Signed amounts from money in and money out columns; None when a row fills in both."""
    if paid_in is None:
        return [None if o is None else -abs(o) for o in paid_out]
    if paid_out is None:
        return [abs(i) if i else i for i in paid_in]
    if any(i and o for i, o in zip(paid_in, paid_out)):
        return None
    return [abs(i) if i else (-abs(o) if o is not None else i) for i, o in zip(paid_in, paid_out)]


def _row_reader(found: dict[str, int], shown: str):
    """``read(cells, line)``: one row as a Transaction, or None for a blank row or a "brought
    forward" line. The columns are looked up once for the whole file. Raises StatementError
    naming the row and every cell of it that cannot be read (by column, never quoting the cell)."""
    date_at, text_at, balance_at = found.get("date"), found.get("description"), found.get("balance")
    amount_at, in_at, out_at = found.get("amount"), found.get("paid_in"), found.get("paid_out")
    width = max(found.values()) + 1
    named = {v: k for k, v in found.items()}
    missing = (f"column {amount_at + 1}" if amount_at is not None else
               " or ".join(f"column {i + 1}" for i in (in_at, out_at) if i is not None)) + " (" + \
        " / ".join(f.replace("paid_", "paid ") for i, f in sorted(named.items()) if f in ("amount", "paid_in", "paid_out")) + ")"

    def read(cells, line: int) -> Transaction | None:
        if len(cells) < width:
            cells = list(cells) + [None] * (width - len(cells))
        said: list[str] = []
        if amount_at is not None:
            amount = _cell(statement_amount, cells, amount_at, "amount", said)
        else:
            paid_in = None if in_at is None else _cell(statement_amount, cells, in_at, "paid in", said)
            paid_out = None if out_at is None else _cell(statement_amount, cells, out_at, "paid out", said)
            try:
                amount = _in_or_out(paid_in, paid_out)
            except ValueError as exc:
                amount = None
                said.append(str(exc))
        balance = None if balance_at is None else _cell(statement_amount, cells, balance_at, "balance", said)
        description = cells[text_at]
        description = description.strip() if description.__class__ is str else str(description or "").strip()
        if amount is None and not said:
            if all(c is None or not str(c).strip() for c in cells):
                return None  # a blank row
            if _SKIP_ROW.search(description):
                return None  # a "balance brought forward" line is not a transaction
            said.append(f"no amount in {missing}")
        date = _cell(statement_date, cells, date_at, "date", said)
        if said:
            raise StatementError(shown, line, "; ".join(said))
        return Transaction(date, description, amount, balance, shown, line)

    return read


def _cell(read, cells, at: int, name: str, said: list[str]):
    """``read(cells[at])``; None, with the problem added to ``said``, when the cell cannot be read.
    The problem names the column and never quotes the cell (it may hold a person's name)."""
    cell = cells[at]
    if name == "date" and (cell is None or (cell.__class__ is str and not cell.strip())):
        said.append(f"no date in column {at + 1} (date)")
        return None
    try:
        return read(cell)
    except ValueError as exc:
        said.append(f"column {at + 1} ({name}): {without_value(str(exc), cell)}")
        return None


def _width(header_cells) -> int:
    """How many columns the header names: up to its last cell with a name."""
    named = [i for i, c in enumerate(header_cells) if c is not None and str(c).strip()]
    return named[-1] + 1 if named else 0


def _check_cells(cells, width: int | None, shown: str, line: int, fmt: str) -> None:
    """A row is never read in part. Values beyond the columns the header names (a comma typed in
    a description shifts the cells after it) and, in a CSV file, a quoted cell running on over the
    lines after it (a stray ``"`` swallows the transactions below) are errors naming the line."""
    if width is not None and len(cells) > width:
        extra = [i for i, c in enumerate(cells) if i >= width and c is not None and str(c).strip()]
        if extra:
            raise StatementError(shown, line, f"has a value in column {extra[0] + 1}, but the header names only {width} "
                                              "columns (a comma inside a description?)")
    if fmt == "csv":
        for cell in cells:
            if cell.__class__ is str and "\n" in cell:
                breaks = cell.count("\n")
                raise StatementError(shown, line, f"a quoted cell that starts on this line runs on over the next "
                                                  f"{counted(breaks, 'line')} (a stray '\"'?); a statement has one transaction per line")


def _in_or_out(paid_in: Decimal | None, paid_out: Decimal | None) -> Decimal | None:
    """The signed amount of a row with separate money in and money out columns."""
    if paid_in and paid_out:
        raise ValueError("both money in and money out are filled in")
    return abs(paid_in) if paid_in else (-abs(paid_out) if paid_out is not None else paid_in)


def _chain_ok(rows: list[Transaction]) -> bool:
    running = None
    for t in rows:
        if t.balance is None:
            continue
        if running is not None and running + t.amount != t.balance:
            return False
        running = t.balance
    return True


def _oldest_first(rows: list[Transaction]) -> list[Transaction]:
    """Statements list newest first or oldest first; we keep oldest first. When the dates do not
    say (all one day), the running balance does."""
    if rows[0].date > rows[-1].date:
        return rows[::-1]
    if rows[0].date == rows[-1].date and len(rows) > 1 and not _chain_ok(rows) and _chain_ok(rows[::-1]):
        return rows[::-1]
    return rows


def _row_days(rows) -> tuple[dt.date, dt.date]:
    """The earliest and latest day of ``rows``: the days a statement that states no period covers,
    whatever order its rows are listed in (a row may come after later-dated ones)."""
    dates = list(map(_DATE, rows))
    return min(dates), max(dates)


def _dates_rise(rows) -> bool:
    dates = list(map(_DATE, rows))
    return all(map(le, dates, dates[1:]))


def _shown_before(balances: list | None, balance: Decimal | None) -> bool | None:
    """True (and that row used up) when an earlier statement's row like this one (``balances``:
    the balances those rows show, None where none is shown) is the same bank transaction and both
    show the same balance, proving it; None (that row used up too) when it is taken to be the same
    with no balance on one of them to prove it; False when it is not: where both show a balance,
    only the same one matches (a row of the same day, payee and amount whose balance differs is a
    new payment, not the one shown before)."""
    if not balances:
        return False
    for n, shown in enumerate(balances):
        if shown is None or balance is None or shown == balance:
            del balances[n]
            return True if shown is not None and balance is not None else None
    return False


def merge(statements: list[Statement]) -> Ledger:
    """One ledger from several statements of one account: oldest first; where two statements
    cover the same days, the rows the later one repeats are dropped (matched by date, amount and
    description, and by balance where both show one, as many times as the earlier one holds
    them; those with no balance to prove it are listed in ``unproved_overlaps``)."""
    if len(statements) == 1 and _dates_rise(statements[0].transactions):
        return Ledger(tuple(statements), statements[0].transactions, 0)  # one statement, already in order
    firsts = {id(s): _row_days(s.transactions)[0] for s in statements}  # a row may be listed after later-dated ones
    ordered = sorted(statements, key=lambda s: (firsts[id(s)], s.file))
    kept: list[tuple[dt.date, int, int, Transaction]] = []
    overlaps, unproved = 0, []
    for number, statement in enumerate(ordered):
        first = firsts[id(statement)]
        last_kept = max((k[0] for k in kept), default=None)
        earlier: dict[tuple, list] = {}
        for k in kept:
            if k[0] >= first:
                earlier.setdefault(k[3].key(), []).append(k[3].balance)
        for position, t in enumerate(statement.transactions):
            if last_kept is not None and t.date <= last_kept:
                shown = _shown_before(earlier.get(t.key()), t.balance)
                if shown is not False:
                    overlaps += 1
                    if shown is None:
                        unproved.append(t)
                    continue
            kept.append((t.date, number, position, t))
    kept.sort(key=lambda k: k[:3])
    return Ledger(tuple(ordered), tuple(k[3] for k in kept), overlaps, tuple(unproved))
