"""OFX (and Quicken .qfx) statements, read with ofxtools.

Each STMTTRN becomes a transaction, its line the line of its ``<STMTTRN>`` tag in the file. The
statement's stated period (BANKTRANLIST DTSTART/DTEND) is kept to check that the statements cover
the audit (see ``last_day_covered`` for how DTEND is read); the ledger balance (LEDGERBAL) is the
balance after the last transaction on or before its date. Dates are taken in UK time (ofxtools
gives UTC).
"""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

from guidance.accounts.money import pence

UK = ZoneInfo("Europe/London")
_TAG = re.compile(r"<STMTTRN>", re.I)
_DTEND = re.compile(r"<BANKTRANLIST>.*?<DTEND>\s*(\d{8})(\d*)", re.I | re.S)


def _uk_date(value):
    return value.astimezone(UK).date() if getattr(value, "tzinfo", None) else value.date()


def last_day_covered(dtend, time_given: bool):
    """The last day a statement covers, from its DTEND (a UTC datetime, as ofxtools reads it).

    The OFX specification (BANKTRANLIST, in the chapter on bank statement download) defines
    DTEND as the "value that client should send in next <DTSTART> request to ensure that it does
    not miss any transactions": the first moment the statement does not cover. So a DTEND with a
    time of day covers up to the moment before it: midnight at the start of 1 October covers up
    to the end of 30 September, not 1 October. Midnight is the start of a day in UK time or in
    UTC (the specification's zone for a time with none), so the earlier of the two days is taken:
    a bank's 00:00:00 with no zone, in summer, is still the end of the day before. A DTEND that is
    a date alone names the statement's last day, as banks write it (read as the midnight that
    starts it, every statement ending 30 September would leave that day uncovered before the next
    one starting 1 October)."""
    import datetime as dt

    if not time_given:
        return dtend.date()
    before = dtend - dt.timedelta(microseconds=1)
    return min(before.date(), before.astimezone(UK).date())


def _stated_end(text: str) -> bool:
    """True when the statement's DTEND gives a time of day, not only a date."""
    found = _DTEND.search(text)
    return bool(found and found.group(2))


#: The parts of an OFX file a reason names, in words (an OFX part's tag, upper case).
_PARTS = {"BANKACCTFROM": "the account's sort code and number", "CCACCTFROM": "the card account's number",
          "TRNUID": "the download's number", "LEDGERBAL": "the balance", "CURDEF": "the currency",
          "BANKTRANLIST": "the list of transactions", "STATUS": "the bank's status code", "DTASOF": "the balance's date",
          "BALAMT": "the balance's amount", "DTPOSTED": "a transaction's date", "TRNAMT": "a transaction's amount"}
_CANT_SET = re.compile(r"^Can't set (\w+)\.(\w+) to (None\b)?")
_ONE_OF = re.compile(r"^(\w+)\(.*must contain exactly 1 of \[\[([\w', ]+)\]\]", re.S)


def _reason(exc: Exception) -> str:
    """Why ofxtools could not read the file, in plain words: the OFX part missing or holding a
    value OFX does not allow, or a header or tags not as OFX has them. Never ofxtools' own
    words (its class names) nor the file's text it quotes (a statement holds people's names)."""
    kind = exc.__class__.__name__
    said = str(exc).strip()
    if kind == "OFXHeaderError":
        return "its OFX header (the lines before <OFX>, from OFXHEADER:100) is missing or not as OFX has it"
    found = _CANT_SET.match(said)
    if found:
        parent, tag = found.group(1).upper(), found.group(2).upper()
        if found.group(3):
            words = f" ({_PARTS[tag]})" if tag in _PARTS else ""
            return f"the <{tag}> part{words} is missing from <{parent}>, and OFX must have it"
        return f"<{tag}> in <{parent}> holds a value OFX does not allow"
    found = _ONE_OF.match(said)
    if found:
        names = ["<" + name.strip("' ").upper() + ">" for name in found.group(2).split(",")]
        return f"<{found.group(1).upper()}> must hold one of {' or '.join(names)}"
    if kind == "ParseError":
        return "its tags are not as OFX has them (a tag closed that was not opened, or the file cut short?)"
    return "it is not as OFX has it (a part missing, or the file cut short?)"


_BLOCK = re.compile(r"<STMTTRN>(.*?)(?=</STMTTRN>|<STMTTRN>|</BANKTRANLIST>|\Z)", re.I | re.S)
_CHECKED = (("DTPOSTED", "date"), ("TRNAMT", "amount"))


def transaction_problems(text: str, shown: str) -> list[tuple[str, int, str]]:
    """(file, line, problem) for every transaction whose date or amount ofxtools cannot read (or
    that has none), each checked with ofxtools' own types; the values are never quoted."""
    from ofxtools.Types import DateTime, Decimal as Number

    kinds = {"DTPOSTED": DateTime(), "TRNAMT": Number()}
    problems = []
    for block in _BLOCK.finditer(text):
        said = []
        for tag, name in _CHECKED:
            found = re.search(rf"<{tag}>([^<\r\n]*)", block.group(1), re.I)
            value = found.group(1).strip() if found else ""
            if not value:
                said.append(f"no {name}")
                continue
            try:
                kinds[tag].convert(value)
            except Exception:  # ofxtools' types raise their own errors and decimal's
                said.append(f"the {name} cannot be read")
        if said:
            problems.append((shown, text.count("\n", 0, block.start()) + 1, "a transaction: " + "; ".join(said)))
    return problems


def read_ofx(path: Path, shown: str):
    """The statement in an OFX file (one bank or card statement). Raises StatementError."""
    from ofxtools.Parser import OFXTree

    from guidance.accounts.statements import Statement, StatementError, Transaction

    raw = path.read_bytes()
    text = raw.decode("latin-1")
    lines = [text.count("\n", 0, m.start()) + 1 for m in _TAG.finditer(text)]
    tree = OFXTree()
    parsed = False
    try:
        tree.parse(path)
        parsed = True
        ofx = tree.convert()
        statements = list(ofx.statements)
    except Exception as exc:  # ofxtools raises many kinds (ParseError, KeyError, ValueError ...)
        problems = transaction_problems(text, shown) if parsed else []  # it stops at the first bad one: name them all
        if problems:
            raise StatementError.of(problems) from None
        raise StatementError(shown, None, f"is not an OFX statement that can be read: {_reason(exc)}; export it again "
                                          "from the bank (as OFX, or as CSV)") from None
    if len(statements) != 1:
        raise StatementError(shown, None, f"holds {len(statements)} statements; export one account per file")
    stmt = statements[0]
    tranlist = stmt.banktranlist
    rows = list(tranlist) if tranlist is not None else []
    if not rows:
        raise StatementError(shown, None, "has no transactions")
    out, problems = [], []
    for index, item in enumerate(rows):
        line = lines[index] if index < len(lines) else None
        if item.trnamt is None or item.dtposted is None:
            problems.append((shown, line, "a transaction has no amount or date"))
            continue
        description = " ".join(p for p in (item.name, item.memo) if p) or (item.trntype or "")
        out.append(Transaction(_uk_date(item.dtposted), description.strip(), pence(item.trnamt), None, shown, line or 0))
    if problems:
        raise StatementError.of(problems)
    out.sort(key=lambda t: t.date)  # stable: same-day rows keep the file's order
    ledger = getattr(stmt, "ledgerbal", None)
    if ledger is not None and ledger.balamt is not None and _uk_date(ledger.dtasof) >= out[-1].date:
        last = out[-1]
        out[-1] = Transaction(last.date, last.description, last.amount, pence(ledger.balamt), last.file, last.line)
    start = _uk_date(tranlist.dtstart) if tranlist.dtstart else out[0].date
    end = max(last_day_covered(tranlist.dtend, _stated_end(text)), out[-1].date) if tranlist.dtend else out[-1].date
    return Statement(shown, "ofx", tuple(out), start, end, stated=bool(tranlist.dtstart and tranlist.dtend))
