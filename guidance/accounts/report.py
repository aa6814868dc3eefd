"""The audit report: the officer's reconciliation with every flag, then the person's
plain-language summary with a chart of the balance, as Markdown, HTML or Word (.docx).

``report_markdown(audit)`` is the text both other formats are made from; ``write_report(audit,
fmt)`` gives the bytes of a file (``md``, ``html`` or ``docx``). Both take the titles of the pages
a flag points to (``titles``: page id -> title; a page's id is never shown to people) and the
decisions recorded so far on the flags (``decisions``: flag number, from 1 -> decision).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from html import escape

from guidance.accounts.audit import Audit
from guidance.accounts.chart import balance_points, png, svg
from guidance.accounts.days import span
from guidance.accounts.money import money_text
from guidance.accounts.summary import summary_markdown
from guidance.words import counted

FORMATS = ("md", "html", "docx")
CHART_MARK = "<!-- chart -->"
KIND_WORDS = {"payroll_service": "payroll service", "care_other": "other care costs"}


def kind_words(kind: str) -> str:
    """A money kind in words ("payroll_service" -> "payroll service")."""
    return KIND_WORDS.get(kind, kind.replace("_", " "))


def page_names(pages, titles: Mapping[str, str] | None) -> str:
    """The pages a flag points to, by title (an id without a title reads as words, never as an id)."""
    titles = titles or {}
    return ", ".join(f"'{titles.get(p) or p.replace('-', ' ').capitalize()}'" for p in pages)


def _not_received(rec, day) -> str:
    """What the table says of a payment due that nothing matched: none, or not shown when no
    statement shows its day (it cannot be checked)."""
    return "not shown (no statement for that day)" if any(a <= day <= b for a, b in rec.unseen) else "none"


def _on(day) -> str:
    """' on <day>' for a balance's row label ('' when the day is not known)."""
    return f" on {day.isoformat()}" if day else ""


def _received_on(day, due) -> str:
    """The day a payment came in, with how many days late or early it was ("2026-05-05 (1 day late)")."""
    off = (day - due).days
    return day.isoformat() + (f" ({counted(abs(off), 'day')} {'late' if off > 0 else 'early'})" if off else "")


def _after_what(rec) -> str:
    """The day the money kept back pays for care after (``Reconciliation.paid_ahead_from``): "the
    period", or, when the statements stop early, "2026-03-20, the last day the statements show"
    (those days are inside the period)."""
    return "the period" if rec.paid_ahead_from == rec.end else f"{rec.paid_ahead_from.isoformat()}, the last day the statements show"


def _with_after(rec, amount) -> str:
    """What a row of payments expected counts when a payment due in the period pays for days after
    it (or after the last day the statements show) too ('' when none does): each payment due in
    the period, in full."""
    return f" (each due in the period, in full: {money_text(amount)} of it pays for days after {_after_what(rec)})" if amount else ""


def _paid_early(amount) -> str:
    """What a row of payments received holds that was paid early for payments due after the
    period ('' when nothing was): not due in the period, so not expected in it, and kept back."""
    return f" ({money_text(amount)} of it paid early for payments due after the period)" if amount else ""


def _after_period_row(rec) -> list[str]:
    """The row for money received in the period that pays for days after it (none when there is
    none): the council's (or the person's) money for care not yet due, so not surplus."""
    if not rec.paid_for_after_period:
        return []
    parts = [f"{what} {money_text(amount)}" for what, amount in (("council", rec.council_for_after_period),
                                                                  ("contribution", rec.contribution_for_after_period)) if amount]
    return [f"| Paid for days after {_after_what(rec)} ({', '.join(parts)}; pro rata by day, care not yet due, so not surplus) "
            f"| {money_text(rec.paid_for_after_period)} |"]


def _less_after(rec) -> str:
    """The surplus row's words for the money kept back ('' when there is none)."""
    if not rec.paid_for_after_period:
        return ""
    return " − paid for after " + ("the period" if rec.paid_ahead_from == rec.end else rec.paid_ahead_from.isoformat())


def _unseen_row(what: str, amount) -> list[str]:
    """The row for what was due on days no statement shows (none when nothing was): not
    checked, and not counted as missing or short."""
    return [f"| {what} due on days no statement shows (not checked) | {money_text(amount)} |"] if amount else []


def officer_markdown(audit: Audit, titles: Mapping[str, str] | None = None,
                     decisions: Mapping[int, str] | None = None) -> str:
    """The officer's reconciliation: figures, money in and out by kind, payments due, flags with
    the decisions recorded so far."""
    rec = audit.reconciliation
    files = ", ".join(s.file for s in audit.ledger.statements)
    lines = [
        f"# Account audit {rec.reference}",
        "",
        f"Audit period {span(rec.start, rec.end)}. Statements: {files}"
        + (f" ({counted(audit.ledger.overlaps, 'row')} shown twice {'was' if audit.ledger.overlaps == 1 else 'were'} counted once)."
           if audit.ledger.overlaps else ".")
        + (f" {rec.outside_text[0].upper()}{rec.outside_text[1:]}." if rec.outside_text else ""),
        "",
        "## Reconciliation",
        "",
        "| Figure | Amount |",
        "| --- | ---: |",
        f"| Opening balance{_on(rec.opening_date)} | {money_text(rec.opening_balance)} |",
        f"| Money in | {money_text(rec.total_in)} |",
        f"| Money out | {money_text(rec.total_out)} |",
    ]
    if rec.unaccounted:
        lines.append(f"| Not shown on any statement (balance breaks, or a balance misprinted within a day) | {money_text(rec.unaccounted)} |")
    lines += [
        f"| Closing balance{_on(rec.closing_date)} | {money_text(rec.closing_balance)} |",
        f"| Council payments expected{_with_after(rec, rec.council_for_after_period - rec.council_paid_early)} | "
        f"{money_text(rec.council_expected)} |",
        *_unseen_row("Council payments", rec.council_expected_uncovered),
        f"| Council payments received{_paid_early(rec.council_paid_early)} | {money_text(rec.council_received)} |",
        f"| Contribution expected{_with_after(rec, rec.contribution_for_after_period - rec.contribution_paid_early)} | "
        f"{money_text(rec.contribution_expected)} |",
        *_unseen_row("Contribution", rec.contribution_expected_uncovered),
        f"| Contribution paid{_paid_early(rec.contribution_paid_early)} | {money_text(rec.contribution_paid)} |",
        f"| Contribution shortfall | {money_text(rec.contribution_shortfall)} |",
        *([f"| Contribution paid above what was due (already in the balance and any surplus; whose it is, the council's policy says) | {money_text(rec.contribution_overpaid)} |"]
          if rec.contribution_overpaid else []),
        f"| Contingency | {money_text(rec.contingency)} |",
        f"| Owed | {money_text(rec.owed)} |",
        *_after_period_row(rec),
        f"| Surplus (closing − owed − contingency{_less_after(rec)}, not below zero)"
        f"{' — PROVISIONAL, not final' if rec.surplus_provisional else ''} | {money_text(rec.surplus)} |",
        "",
        "## Money in by kind",
        "",
        "| Kind | Amount |",
        "| --- | ---: |",
        *[f"| {kind_words(k)} | {money_text(v)} |" for k, v in rec.money_in.items()],
        "",
        "## Money out by kind",
        "",
        "| Kind | Amount |",
        "| --- | ---: |",
        *[f"| {kind_words(k)} | {money_text(v)} |" for k, v in rec.money_out.items()],
        "",
        "## Council payments due",
        "",
        "| Due | Amount due | Received | On |",
        "| --- | ---: | ---: | --- |",
    ]
    for m in rec.council:
        got = m.entry
        lines.append(f"| {m.due.date.isoformat()} | {money_text(m.due.amount)}{' (suspension)' if m.due.suspended else ''}"
                     f"{' (due after the period)' if m.due.date > rec.end else ''} | "
                     f"{money_text(got.tx.amount) if got else _not_received(rec, m.due.date)} | {_received_on(got.tx.date, m.due.date) if got else ''} |")
    if audit.notes:
        lines += ["", "## Notes (no decision needed)", "", *[f"- {note[0].upper()}{note[1:]}." for note in audit.notes]]
    lines += ["", f"## Flags ({len(audit.flags)})", ""]
    if any(f.safeguarding for f in audit.flags):
        lines += ["Some flags are possible signs of financial abuse. Decide under the safeguarding procedure "
                  "before the summary below is sent to anyone.", ""]
    if not audit.flags:
        lines.append("No flags.")
    decisions = decisions or {}
    for number, f in enumerate(audit.flags, start=1):
        where = f"{f.file}:{f.line}" if f.file else f.source
        text = f"- **{f.label}** {f.date.isoformat()}, {money_text(f.amount)} ({where}): {f.message}."
        if f.safeguarding:
            text += " **Safeguarding:** follow the council's safeguarding procedure; see " + page_names(f.pages, titles) + "."
        elif f.pages:
            text += " See " + page_names(f.pages, titles) + "."
        if decisions.get(number):
            text += f" Decision: {decisions[number]}."
        lines.append(text)
    return "\n".join(lines) + "\n"


def report_markdown(audit: Audit, titles: Mapping[str, str] | None = None,
                    decisions: Mapping[int, str] | None = None) -> str:
    """The whole report as Markdown: the officer's part, then the person's summary."""
    return officer_markdown(audit, titles, decisions) + "\n---\n\n" + summary_markdown(audit).replace(
        "### What came in", CHART_MARK + "\n\n### What came in", 1)


def write_report(audit: Audit, fmt: str, titles: Mapping[str, str] | None = None,
                 decisions: Mapping[int, str] | None = None) -> bytes:
    """The report file's bytes in ``fmt`` (md, html or docx). Raises ValueError for another format."""
    text = report_markdown(audit, titles, decisions)
    points = balance_points(audit.reconciliation)
    if fmt == "md":
        return text.replace(CHART_MARK + "\n\n", "").encode("utf-8")
    if fmt == "html":
        return _html(audit, text, svg(points, audit.reconciliation.contingency)).encode("utf-8")
    if fmt == "docx":
        return _docx(audit, text, png(points, audit.reconciliation.contingency))
    raise ValueError(f"unknown report format '{fmt}': use {', '.join(FORMATS)}")


def _html(audit: Audit, text: str, chart: str) -> str:
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    body = body.replace(escape(CHART_MARK), "").replace("<p></p>", "")
    body = body.replace("<h3>What came in</h3>", f'<figure class="chart">{chart}</figure>\n<h3>What came in</h3>', 1)
    return (
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Account audit {escape(audit.reconciliation.reference)}</title>\n"
        "<style>body{font-family:Arial,sans-serif;max-width:46rem;margin:2rem auto;line-height:1.5}"
        "table{border-collapse:collapse}td,th{border-bottom:1px solid #b1b4b6;padding:.2rem .6rem;text-align:left}"
        "td:last-child{text-align:right}figure{margin:1rem 0}</style>\n</head>\n<body>\n"
        + body + "</body>\n</html>\n"
    )


def _docx(audit: Audit, text: str, chart: bytes) -> bytes:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    table_rows: list[list[str]] = []

    def flush_table():
        if not table_rows:
            return
        table = doc.add_table(rows=0, cols=len(table_rows[0]))
        table.style = "Table Grid"
        for cells in table_rows:
            row = table.add_row().cells
            for cell, value in zip(row, cells):
                cell.text = value
        table_rows.clear()

    for line in text.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                table_rows.append([c.replace("**", "") for c in cells])
            continue
        flush_table()
        if line == CHART_MARK:
            doc.add_picture(io.BytesIO(chart), width=Cm(16))
            doc.add_paragraph("The chart shows the money in the account over time. The dashed line is the sum kept for emergencies.")
        elif line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            doc.add_heading(line.lstrip("# "), level=min(level, 3))
        elif line.startswith("- "):
            doc.add_paragraph(line[2:].replace("**", ""), style="List Bullet")
        elif line.strip() == "---":
            doc.add_page_break()
        elif line.strip():
            doc.add_paragraph(line.replace("**", ""))
    flush_table()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
