"""The plain-language summary of an audit for the person (or their representative): what came
in, what went out, what is kept for emergencies, what we are asking back and why, what to do.

It is held to the letters' plain-language bar (``check_summary``: reading ease at least 60, the
shared sentence lengths and no words from the plain words list). Amounts are the audit's own.
"""

from __future__ import annotations

from guidance.accounts.audit import Audit
from guidance.accounts.days import from_span, long_span, long_spans
from guidance.accounts.letters import missing_spans
from guidance.accounts.money import money_text
from guidance.content.formatting import long_date
from guidance.problems import Problems

OUT_WORDS = {
    "wages": "wages for your PA",
    "tax": "tax and National Insurance paid to HMRC",
    "pension": "pension payments for your PA",
    "insurance": "insurance",
    "payroll_service": "your payroll service",
    "agency": "care from an agency",
    "care_other": "other costs of your care",
    "cash": "cash you took out",
    "excluded": "things a direct payment cannot pay for",
    "unexplained": "payments we could not match to your care",
}

#: What each kind of flag means to the person, in a sentence they can act on.
ASK = {
    "household_payment": "Some payments went to someone who lives with you. Please tell us what they were for.",
    "large_transfer": "A large sum left the account in one go. Please tell us what it was for.",
    "excluded_spending": "Some money was spent on things a direct payment cannot pay for.",
    "overdrawn": "The account went below zero. Please tell us why.",
    "missing_statement": "Some statements seem to be missing. Please send them to us.",
    "council_payment_missing": "A payment from us did not reach your account. We will look into this.",
    "payment_during_suspension": "We paid you for days when no payment was due, such as a stay in hospital.",
    "no_tax_payment": "We could not see a payment to HMRC for your PA's tax. Please check this with your payroll service.",
    "wages_gap": "Your PA was not paid for a while. Please tell us if they have left, or if they are owed wages.",
    "unexplained": "We could not match some payments to your care. Please tell us what they were for.",
    "cash": "You took out cash. Please send us receipts or time sheets for it.",
    "duplicate": "The same sum went to the same person twice in a few days. Please check it was not paid twice.",
    "contribution_shortfall": "You paid in less than your share of the cost.",
    "council_overpayment": "We paid more into the account than was due. We will check this and tell you what happens next.",
    "surplus": "There is more money in the account than you need.",
}

#: Flags the person need not act on, each told in a sentence of its own after what to do. A
#: sentence here never says whether anything needs doing: "What to do" says that, once, so the
#: two can never contradict each other.
TELL = {
    "balance_misprint": "One balance printed on your statement was wrong. This was a printing mistake by the bank, not by you.",
}

#: What the summary says happens to a contribution paid in short when there is also a surplus:
#: the surplus letter says what the council has decided (added to the money to pay back, asked
#: for apart, or not asked); while the surplus is provisional no such letter is sent yet.
SHORTFALL_LATER = {
    False: "Our letter about the money to pay back will tell you what happens to it.",
    True: "When we look again, we will tell you what happens to it.",
}

#: What the summary says of money asked back while the surplus is not final: it asks for none
#: itself, and a surplus letter made all the same (``use_provisional_surplus``) says the sum is
#: not final and is worked out again, so the two always agree.
NOT_FINAL_ASK = ("If we write to ask for money back before that, our letter will say that the sum is not final "
                 "and that we will work it out again.")

#: What we ask when the statements stop before the period ends but no days are asked for as
#: missing (a payment due on the few days after the last statement): the next statement.
NEXT_STATEMENT = "Please send us your next statement when you get it."


def summary_markdown(audit: Audit) -> str:
    """The person's summary as Markdown (headings, short paragraphs, lists)."""
    rec = audit.reconciliation
    lines = [
        "## Your direct payment account: what we found",
        "",
        *_period_lines(rec),
        "",
        "### What came in",
        "",
        f"- We paid in {money_text(rec.council_received)}.",
        f"- You paid in {money_text(rec.contribution_paid)} as your share of the cost.",
    ]
    if rec.money_in["refund"]:
        lines.append(f"- Money paid back to you came to {money_text(rec.money_in['refund'])}.")
    if rec.money_in["other"]:
        lines.append(f"- Other money came to {money_text(rec.money_in['other'])}.")
    lines += ["", "### What went out", ""]
    spent = [(kind, value) for kind, value in rec.money_out.items() if value]
    lines += [f"- {OUT_WORDS[kind][0].upper()}{OUT_WORDS[kind][1:]}: {money_text(value)}." for kind, value in spent] or ["- Nothing went out."]
    lines += ["", "### What you keep for emergencies", "",
              f"You can keep {money_text(rec.contingency)} in the account. This pays for things you do not plan for, such as cover when your PA is ill."]
    if rec.owed:
        lines.append(f"You also keep {money_text(rec.owed)} for bills you still have to pay.")
    if rec.paid_for_after_period:
        lines.append(f"You also keep {money_text(rec.paid_for_after_period)} that was paid in for your care after "
                     f"{rec.paid_ahead_from:%-d %B %Y}. This is not money left over. It pays for the weeks ahead.")
    lines += ["", "### What we are asking back, and why", ""]
    kinds = list(dict.fromkeys(f.kind for f in audit.flags))
    if rec.surplus and rec.surplus_provisional and (rec.statements_missing or rec.stops_early):
        missing = "Some of your statements are missing" if "missing_statement" in kinds else "Your statements stop before the end of this check"
        lines.append(f"{missing}, so we cannot yet tell for sure if there is more money in the account than you need. "
                     f"We are not asking for any money back in this summary. {_look_again(audit)} {NOT_FINAL_ASK}")
    elif rec.surplus and rec.surplus_provisional:
        lines.append("The last balance on your statement does not match the payments on it, so we cannot yet tell for sure if there "
                     "is more money in the account than you need. We are not asking for any money back in this summary. We will look "
                     f"again when the bank has told us the balance. {NOT_FINAL_ASK}")
    elif rec.surplus:
        lines.append(f"There is {money_text(rec.surplus)} more in the account than you need. We will ask you to pay this back. "
                     "We will write to you about how to do this.")
    else:
        lines.append("We are not asking for any money back.")
    asking_back = bool(rec.surplus) and not rec.surplus_provisional
    if rec.contribution_shortfall and rec.surplus:
        # The account holds more than it needs (final or provisional): paid in, it would only add
        # to a surplus. What happens to it is the council's choice, which the surplus letter
        # states (its shortfall_action): the summary says only that the letter will say it.
        lines.append(f"You also paid in {money_text(rec.contribution_shortfall)} less than your share. "
                     f"Do not pay this into the account now. {SHORTFALL_LATER[bool(rec.surplus_provisional)]}")
    elif rec.contribution_shortfall:
        lines.append(f"You paid in {money_text(rec.contribution_shortfall)} less than your share. Please pay this into the account.")
    unchecked = rec.contribution_expected_uncovered + rec.council_expected_uncovered
    if unchecked:
        lines.append("Some payments were due on days your statements do not show. We have not counted them as missing. "
                     "We will check them when we have those statements.")
    asks = [_ask(audit, kind) for kind in kinds if kind in ASK and kind not in ("surplus", "contribution_shortfall")]
    if rec.surplus and rec.surplus_provisional and rec.stops_early and "missing_statement" not in kinds:
        asks.append(NEXT_STATEMENT)  # the surplus waits for it: never "you do not need to do anything"
    lines += ["", "### What to do", ""]
    if asks:
        lines += ["We need to ask you about some things:", ""] + [f"- {text}" for text in asks]
        lines += ["", "Please call us about these. We can help you sort them out."]
    elif asking_back or (rec.contribution_shortfall and not rec.surplus):
        lines.append("Please do what we ask above. Call us if you have any questions.")
    else:
        lines.append("You do not need to do anything. Thank you for keeping good records.")
    told = [TELL[kind] for kind in kinds if kind in TELL]
    if told:
        lines += [""] + told
    return "\n".join(lines) + "\n"


def _missing_days(audit: Audit) -> str | None:
    """The days statements are missing for, as the statements letter and the missing_statement
    flags name them ("15 June 2026 to 19 June 2026"), or None when no days are missing."""
    spans = missing_spans(audit)
    return long_spans(spans) if spans else None


def _look_again(audit: Audit) -> str:
    """When we look at a provisional surplus again: when the missing days' statements come (the
    same days the statements letter asks for), else when the next statement comes."""
    days = _missing_days(audit)
    return f"We will look again when we have the statements for {days}." if days else "We will look again when we have your next statement."


def _ask(audit: Audit, kind: str) -> str:
    """What the person is asked about a flag of ``kind``; a missing statement names its days."""
    days = _missing_days(audit) if kind == "missing_statement" else None
    return f"Some statements are missing. Please send us the statements for {days}." if days else ASK[kind]


def _period_lines(rec) -> list[str]:
    """Which days the statements show, and the balance on the first and the last of them (the
    days they are from are always said, as the statements may not reach the start or the end)."""
    opened, closed = rec.opening_date or rec.start, rec.closing_date or rec.end
    lines = [f"We looked at the statements for your account {from_span(rec.start, rec.end, long_date)}."]
    if (opened, closed) != (rec.start, rec.end) and (rec.uncovered or rec.breaks):
        lines.append(f"The statements we have show {long_span(opened, closed)}. Some statements are missing.")
    lines.append(f"On {opened:%-d %B %Y} there was {money_text(rec.opening_balance)} in the account. "
                 f"On {closed:%-d %B %Y} there was {money_text(rec.closing_balance)}.")
    return lines


def check_summary(text: str, content_dir, where: str = "summary") -> Problems:
    """Every way the summary is not plain enough, by the letters' bar (see guidance/letters/plain.py)."""
    from guidance.content.style import check_text, load_style, reader_text
    from guidance.letters.plain import letter_style

    problems = Problems()
    style = load_style(content_dir, str, Problems())
    check_text(letter_style(style), text, "letter", where, 1, problems)
    for _offset, phrase, better in style.plain_word_hits(reader_text(text)):
        problems.error(where, 1, f"'{phrase}': say '{better}' (plain words list)")
    return problems
