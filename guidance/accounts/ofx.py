"""OFX (and Quicken .qfx) statements, read with ofxtools.

Each STMTTRN becomes a transaction, its line the line of its ``<STMTTRN>`` tag in the file. The
statement's stated period (BANKTRANLIST DTSTART/DTEND) is kept to check that the statements cover
the audit; the ledger balance (LEDGERBAL) is the balance after the last transaction on or
before its date. Dates are taken in UK time (ofxtools gives UTC).
"""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

from guidance.accounts.money import pence

UK = ZoneInfo("Europe/London")
_TAG = re.compile(r"<STMTTRN>", re.I)


def _uk_date(value):
    return value.astimezone(UK).date() if getattr(value, "tzinfo", None) else value.date()


def _reason(exc: Exception) -> str:
    """What ofxtools said, without the file's text it quotes (a statement holds people's names):
    the words before the first colon of its first line, or the kind of error."""
    words = str(exc).strip().splitlines()[0].split(":")[0].strip() if str(exc).strip() else ""
    return words[:80] if words and "<" not in words else exc.__class__.__name__


def read_ofx(path: Path, shown: str):
    """The statement in an OFX file (one bank or card statement). Raises StatementError."""
    from ofxtools.Parser import OFXTree

    from guidance.accounts.statements import Statement, StatementError, Transaction

    raw = path.read_bytes()
    text = raw.decode("latin-1")
    lines = [text.count("\n", 0, m.start()) + 1 for m in _TAG.finditer(text)]
    tree = OFXTree()
    try:
        tree.parse(path)
        ofx = tree.convert()
        statements = list(ofx.statements)
    except Exception as exc:  # ofxtools raises many kinds (ParseError, KeyError, ValueError ...)
        raise StatementError(shown, None, f"is not an OFX statement that can be read ({_reason(exc)})") from None
    if len(statements) != 1:
        raise StatementError(shown, None, f"holds {len(statements)} statements; export one account per file")
    stmt = statements[0]
    tranlist = stmt.banktranlist
    rows = list(tranlist) if tranlist is not None else []
    if not rows:
        raise StatementError(shown, None, "has no transactions")
    out = []
    for index, item in enumerate(rows):
        line = lines[index] if index < len(lines) else None
        if item.trnamt is None or item.dtposted is None:
            raise StatementError(shown, line, "a transaction has no amount or date")
        description = " ".join(p for p in (item.name, item.memo) if p) or (item.trntype or "")
        out.append(Transaction(_uk_date(item.dtposted), description.strip(), pence(item.trnamt), None, shown, line or 0))
    out.sort(key=lambda t: t.date)  # stable: same-day rows keep the file's order
    ledger = getattr(stmt, "ledgerbal", None)
    if ledger is not None and ledger.balamt is not None and _uk_date(ledger.dtasof) >= out[-1].date:
        last = out[-1]
        out[-1] = Transaction(last.date, last.description, last.amount, pence(ledger.balamt), last.file, last.line)
    start = _uk_date(tranlist.dtstart) if tranlist.dtstart else out[0].date
    end = _uk_date(tranlist.dtend) if tranlist.dtend else out[-1].date
    return Statement(shown, "ofx", tuple(out), start, end, stated=bool(tranlist.dtstart and tranlist.dtend))
