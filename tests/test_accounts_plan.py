"""The plan file (errors with file and line, JSON Schema), the payments due under it (pro rata
around suspensions), the contingency, and the rules file check."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from guidance.accounts.plan import Plan, PlanError, load_plan, plan_schema
from guidance.accounts.schedule import add_months, contingency, dues, weekly

PLAN = """\
reference: DP-004512
period: {from: 2026-04-06, to: 2026-10-04}
council_payments:
  - {from: 2026-04-06, amount: "1920.00", every: 4 weeks}
contribution:
  - {from: 2026-04-06, amount: "35.00", every: 1 week}
suspensions:
  - {from: 2026-07-01, to: 2026-07-21, reason: hospital}
contingency_weeks: 8
owed: "0.00"
payees:
  - {match: "A JONES", kind: wages}
  - {match: "CAREPAY PAYROLL", kind: payroll_service}
"""


def _plan(tmp_path, text=PLAN) -> Plan:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return load_plan(path)


def test_issue_example_loads(tmp_path):
    plan = _plan(tmp_path)
    assert plan.period.start == dt.date(2026, 4, 6) and plan.council_payments[0].amount == Decimal("1920.00")


def test_sums_written_without_pence_are_kept_in_pounds_and_pence(tmp_path):
    """'owed: "0"' came back as "0" in the audit's JSON and the batch summary, beside "0.00"."""
    plan = _plan(tmp_path, PLAN.replace('owed: "0.00"', 'owed: "0"').replace('"1920.00"', '"1920"').replace('"35.00"', "35"))
    assert (str(plan.owed), str(plan.council_payments[0].amount), str(plan.contribution[0].amount)) == ("0.00", "1920.00", "35.00")


@pytest.mark.parametrize("old, new, line, words", [
    ("every: 4 weeks", "every: 3 weeks", 4, "every"),
    ('amount: "35.00"', 'amount: "35.005"', 6, "pounds and pence"),
    ("to: 2026-07-21", "to: 2026-06-21", 8, "before"),
    ("kind: wages", "kind: holiday", 12, "kind"),
    ("contingency_weeks: 8", "contingency_weeks: 8\ncolour: red", 10, "unknown field 'colour'"),
    ("period: {from: 2026-04-06, to: 2026-10-04}", "period: {from: 2026-04-31, to: 2026-10-04}", 2, "period.from"),
    ('amount: "1920.00"', 'amount: "1e400"', 4, "too large"),
    ('amount: "35.00"', 'amount: "99999999999999999999999999999.00"', 6, "too large"),
])
def test_errors_name_file_and_line(tmp_path, old, new, line, words):
    with pytest.raises(PlanError) as err:
        _plan(tmp_path, PLAN.replace(old, new))
    problems = err.value.problems.errors
    assert any(p.line == line and words in p.message for p in problems), problems
    assert all(p.path.endswith("plan.yaml") for p in problems)


def test_broken_yaml_and_missing_file(tmp_path):
    with pytest.raises(PlanError, match=r"plan.yaml:\d+: invalid YAML"):
        _plan(tmp_path, "reference: [\n")
    with pytest.raises(PlanError, match="no such file"):
        load_plan(tmp_path / "none.yaml")


def test_schema_for_editors():
    schema = plan_schema()
    json.dumps(schema)
    assert {"reference", "period", "council_payments", "contingency_weeks"} <= set(schema["required"])
    assert "from" in json.dumps(schema["$defs"]["Payment"])
    # plans take dates as people write them: the schema must not call 6/4/2026 an error
    assert '"format": "date"' not in json.dumps(schema)
    assert "6 April 2026" in schema["$defs"]["Payment"]["properties"]["from"]["description"]


def test_a_plan_takes_dates_as_people_write_them(tmp_path):
    text = PLAN.replace("{from: 2026-04-06, to: 2026-10-04}", "{from: 6/4/2026, to: 4 October 2026}")
    assert text != PLAN
    period = _plan(tmp_path, text).period
    assert (period.start, period.end) == (dt.date(2026, 4, 6), dt.date(2026, 10, 4))


def test_dues_pro_rata_by_day(tmp_path):
    plan = _plan(tmp_path)
    council = dues(plan.council_payments, plan, "council")
    assert [d.date for d in council] == [dt.date(2026, 4, 6) + dt.timedelta(weeks=4 * n) for n in range(7)]
    cut = next(d for d in council if d.suspended)
    assert (cut.date, cut.days, cut.suspended, cut.amount) == (dt.date(2026, 6, 29), 28, 21, Decimal("480.00"))
    contribution = {d.date: d.amount for d in dues(plan.contribution, plan, "contribution")}
    assert contribution[dt.date(2026, 6, 29)] == Decimal("10.00")  # 1 to 5 July suspended: 2 of 7 days due
    assert contribution[dt.date(2026, 7, 6)] == Decimal("0.00")
    assert contribution[dt.date(2026, 7, 20)] == Decimal("25.00")  # 20 and 21 July suspended
    assert len(contribution) == 26


def test_monthly_and_changes_of_amount(tmp_path):
    text = PLAN.replace('  - {from: 2026-04-06, amount: "1920.00", every: 4 weeks}',
                        '  - {from: 2026-01-31, amount: "2000.00", every: 1 month}\n  - {from: 2026-08-31, amount: "2100.00", every: 1 month}')
    plan = _plan(tmp_path, text.replace("suspensions:\n  - {from: 2026-07-01, to: 2026-07-21, reason: hospital}\n", ""))
    council = dues(plan.council_payments, plan, "council")
    assert [(d.date, d.amount) for d in council] == [
        (dt.date(2026, 4, 30), Decimal("2000.00")), (dt.date(2026, 5, 31), Decimal("2000.00")),
        (dt.date(2026, 6, 30), Decimal("2000.00")), (dt.date(2026, 7, 31), Decimal("2000.00")),
        (dt.date(2026, 8, 31), Decimal("2100.00")), (dt.date(2026, 9, 30), Decimal("2100.00"))]
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    # weekly equivalent of a monthly payment: 12 months / 52 weeks
    assert contingency(plan) == (Decimal(8) * Decimal("2100.00") * 12 / 52).quantize(Decimal("0.01"))


@pytest.mark.parametrize("every, amount, week", [("1 week", "100.00", "100"), ("2 weeks", "100.00", "50"), ("4 weeks", "1920.00", "480")])
def test_weekly_equivalent(tmp_path, every, amount, week):
    plan = _plan(tmp_path, PLAN.replace('amount: "1920.00", every: 4 weeks', f'amount: "{amount}", every: {every}'))
    assert weekly(plan.council_payments[0]) == Decimal(week)


def _rules_problems(root, old, new):
    from guidance.content.base import ContentBase
    from guidance.content.check import check_content

    rules = root / "content" / "accounts" / "rules.yaml"
    text = rules.read_text(encoding="utf-8").replace(old, new)
    rules.write_text(text, encoding="utf-8")
    base = ContentBase.load(root, use_cache=False)
    problems = [p for p in check_content(base, dt.date(2026, 12, 1), style_checks=False) if p.path.endswith("rules.yaml")]
    return text.splitlines(), {p.line: p.message for p in problems}


def test_rules_file_errors_in_content_check(content_copy):
    bet = '  - {match: "BET 365", kind: excluded, note: gambling}'
    lines, at = _rules_problems(content_copy, bet, '  - {match: "BET365", kind: excluded}\n  - {match: "HMRC", kind: cash}')
    assert "say why 'BET365' is excluded" in at[at_line(lines, '"BET365"')]
    assert "listed twice" in at[at_line(lines, '"HMRC", kind: cash')] and "as tax and as cash" in at[at_line(lines, '"HMRC", kind: cash')]


GAMBLING_PRINTED = ["SKY BETTING AND GAMING", "PADDYPOWER", "PADDY POWER 0123", "SKYBET.COM", "BET365 LTD", "BET 365",
                    "WWW.BET365.COM", "WILLIAMHILL", "WILLIAM HILL ORG", "LADBROKES 1234", "CORAL RACING LTD",
                    "CORAL.CO.UK", "BETFAIR", "BETFRED 55", "NATIONAL LOTTERY", "NATIONALLOTTERY.CO.UK", "GALA BETTING SHOP",
                    "TOMBOLA ARCADE", "GALA BINGO", "PAYPAL *BET365"]
ORDINARY_PAYEES = ["ALPHABET LTD", "BETTY SMITH", "CORAL STREET SURGERY", "HONEST BAKERY", "BETTER LEISURE", "ELIZABETH HILL",
                   "PADDY JONES", "SKYLINE TAXIS", "SKY DIGITAL", "WILLIAMS HILLTOP FARM", "BETHANY CARE LTD",
                   "SHOPPING ARCADE CAFE", "BINGLEY PHARMACY"]


@pytest.mark.parametrize("description", GAMBLING_PRINTED)
def test_shipped_rules_find_gambling_as_banks_print_it(bundled_root, description):
    from guidance.accounts.rules import load_rules
    from guidance.problems import Problems

    rule = load_rules(bundled_root / "content", str, Problems()).match(description)
    assert rule is not None and (rule.kind, rule.note) == ("excluded", "gambling"), description


@pytest.mark.parametrize("description", ORDINARY_PAYEES)
def test_shipped_rules_leave_ordinary_payees_alone(bundled_root, description):
    from guidance.accounts.rules import load_rules
    from guidance.problems import Problems

    rule = load_rules(bundled_root / "content", str, Problems()).match(description)
    assert rule is None or rule.kind != "excluded", (description, rule)


# Payees as banks print them, with spaces inside or between words (initials spelled out).
SPACED_PRINTED = {"H M REVENUE": "tax", "H M REVENUE & CUSTOMS": "tax", "HMRC CUMBERNAULD": "tax", "H M R C": "tax",
                  "H.M.R.C. PAYE": "tax", "N E S T": "pension", "N.E.S.T": "pension", "NEST PENSIONS": "pension",
                  "BILL PAYMENT TO N E S T REF 123": "pension", "A T M 0321 HIGH ST": "cash"}
# Words that share letters with a rule, spaced or not, but are not that payee.
SPACED_ORDINARY = ["HONEST BAKERY", "NESTLE UK", "EARNEST HOMES", "N E STREET GARAGE", "PAID AT M AND S", "A T MILLER",
                   "H M SMITH", "FLAT MATES LTD", "ONE STOP 123", "ST MARYS HALL"]


@pytest.mark.parametrize("description, kind", sorted(SPACED_PRINTED.items()))
def test_shipped_rules_find_payees_printed_with_spaces_inside_words(bundled_root, description, kind):
    from guidance.accounts.rules import load_rules
    from guidance.problems import Problems

    rule = load_rules(bundled_root / "content", str, Problems()).match(description)
    assert rule is not None and rule.kind == kind, (description, rule)


@pytest.mark.parametrize("description", SPACED_ORDINARY)
def test_shipped_rules_do_not_find_payees_in_words_that_only_share_letters(bundled_root, description):
    from guidance.accounts.rules import load_rules
    from guidance.problems import Problems

    rule = load_rules(bundled_root / "content", str, Problems()).match(description)
    assert rule is None or rule.kind not in ("tax", "pension", "cash"), (description, rule)


def test_rules_file_unknown_kind(content_copy):
    lines, at = _rules_problems(content_copy, '  - {match: "ATM", kind: cash}', '  - {match: "ATM", kind: lottery}')
    assert "kind" in at[at_line(lines, '"ATM"')]


def at_line(lines, words):
    return next(n for n, line in enumerate(lines, 1) if words in line)


def test_shipped_rules_are_clean(bundled_root):
    from guidance.accounts.rules import load_rules
    from guidance.problems import Problems

    problems = Problems()
    rules = load_rules(bundled_root / "content", str, problems)
    assert not problems.errors
    assert rules.match("HMRC CUMBERNAULD").kind == "tax"
    assert rules.match("BET365 LTD").note == "gambling"
    assert rules.match("HONEST BAKERY") is None  # whole words: NEST is not in HONEST


def test_overlapping_suspensions_count_each_day_once(tmp_path):
    from guidance.accounts.schedule import suspended_days

    text = PLAN.replace("  - {from: 2026-07-01, to: 2026-07-21, reason: hospital}",
                        "  - {from: 2026-07-01, to: 2026-07-21, reason: hospital}\n  - {from: 2026-07-10, to: 2026-07-25, reason: respite}")
    plan = _plan(tmp_path, text)
    assert suspended_days(dt.date(2026, 6, 29), dt.date(2026, 7, 26), plan.suspensions) == 25  # 1 to 25 July
    assert suspended_days(dt.date(2026, 7, 26), dt.date(2026, 8, 1), plan.suspensions) == 0
    assert suspended_days(dt.date(2026, 7, 12), dt.date(2026, 7, 12), plan.suspensions) == 1


def test_content_schema_writes_the_account_schemas(tmp_path):
    from guidance.content.schemas import write_schemas

    names = {p.name for p in write_schemas(tmp_path)}
    assert {"account-plan.schema.json", "account-rules.schema.json"} <= names
    plan = json.loads((tmp_path / "account-plan.schema.json").read_text(encoding="utf-8"))
    assert "contingency_weeks" in plan["properties"] and "period" in plan["required"]


@pytest.mark.parametrize("reference, words", [
    ("Mrs Jones", "looks like a name"),
    ("Jones", "looks like a name"),
    ("PRICE-12", "looks like a name"),
    ("ABC_123", "not a reference in this council's form"),
    ("DP-001/", "not a reference in this council's form"),
])
def test_reference_is_checked_with_the_councils_rule(tmp_path, reference, words):
    """The plan's reference is checked as every reference is (content/references.yaml), with the
    plan file, the line and the problem, and never repeats what was typed (it may be a name)."""
    with pytest.raises(PlanError) as err:
        _plan(tmp_path, PLAN.replace("reference: DP-004512", f"reference: {reference}"))
    message = str(err.value)
    assert message.startswith(f"{tmp_path / 'plan.yaml'}:1: reference: ") and words in message
    assert reference not in message


def test_reference_follows_the_councils_own_pattern_and_is_kept_canonical(tmp_path):
    from guidance.references import ReferenceRule

    strict = ReferenceRule(pattern=r"DP-[0-9]{6}", example="DP-004512")
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.replace("reference: DP-004512", "reference: dp – 004512"), encoding="utf-8")
    assert load_plan(path, references=strict).reference == "DP-004512"
    path.write_text(PLAN.replace("reference: DP-004512", "reference: DP-4512"), encoding="utf-8")
    with pytest.raises(PlanError, match=r"plan.yaml:1: reference: .*e\.g\. DP-004512"):
        load_plan(path, references=strict)


def test_audit_command_uses_the_content_roots_rule(tmp_path, capsys):
    """`account audit` checks the plan's reference against the pattern in the content root."""
    import shutil
    from pathlib import Path

    from guidance.cli import main

    repo = Path(__file__).resolve().parents[1]
    root = tmp_path / "root"
    shutil.copytree(repo / "content", root / "content")
    (root / "content" / "references.yaml").write_text('pattern: "ASC-[0-9]{6}"\nexample: ASC-104233\n', encoding="utf-8")
    data = repo / "tests" / "data" / "accounts"
    assert main(["--root", str(root), "account", "audit", "--plan", str(data / "plan.yaml"), str(data / "statement.csv")]) == 1
    err = capsys.readouterr().err
    assert f"{data / 'plan.yaml'}:1: reference: " in err and "ASC-104233" in err


def test_plan_dates_and_amounts_are_read_as_everywhere_else(tmp_path):
    plan = _plan(tmp_path, PLAN.replace("period: {from: 2026-04-06,", 'period: {from: "6/4/2026",')
                 .replace('amount: "1920.00"', 'amount: "£1,920.00"'))
    assert plan.period.start == dt.date(2026, 4, 6) and plan.council_payments[0].amount == Decimal("1920.00")


@pytest.mark.parametrize("old, new, line, words", [
    ('amount: "1920.00"', 'amount: "1e3"', 4, "write the number out in full"),
    ('amount: "1920.00"', 'amount: "+1920.00"', 4, "leave out the + sign"),
    ('amount: "1920.00"', 'amount: "\u0661\u0669\u0662\u0660"', 4, "digits 0 to 9"),
    ('amount: "1920.00"', 'amount: "NaN"', 4, "is not a number"),
    ("period: {from: 2026-04-06,", 'period: {from: "31/04/2026",', 2, "31 April 2026 does not exist"),
    ("period: {from: 2026-04-06,", 'period: {from: "04/16/2026",', 2, "there is no month 16"),
])
def test_plan_refuses_numbers_and_dates_the_one_reader_refuses(tmp_path, old, new, line, words):
    with pytest.raises(PlanError) as err:
        _plan(tmp_path, PLAN.replace(old, new))
    assert any(p.line == line and words in p.message for p in err.value.problems.errors), err.value.problems.errors


def test_dates_and_numbers_remembered_from_one_plan_read_the_same_in_the_next(tmp_path):
    from guidance.accounts.plan import _date, _number

    for _ in range(2):  # a refused text is refused every time, never remembered as read
        with pytest.raises(ValueError, match="31 April 2026 does not exist"):
            _date("31/04/2026")
        with pytest.raises(ValueError):
            _number("1e5")
    assert _date("6/4/2026") == _date("2026-04-06") == dt.date(2026, 4, 6)
    assert _number(1) == _number("1") == Decimal("1")
    with pytest.raises(ValueError, match="must be a number"):
        _number(True)  # True == 1, but a yes/no is not the number 1 read just before


@pytest.mark.parametrize("old, new", [
    ('{match: "A JONES", kind: wages}', '{match: ["A JONES"], kind: wages}'),  # a wrong shape
    ('{match: "A JONES", kind: wages}', '{match: "A JONES", kind: "A JONES"}'),  # a value not allowed
    ('{match: "A JONES", kind: wages}', '{match: "A JONES, kind: wages}'),  # broken YAML on the line
])
def test_plan_errors_never_repeat_a_payee(tmp_path, old, new):
    """A plan names the people paid, so a mistake is told by field and line, never by its value
    (the messages reach the screen, logs and support tickets)."""
    with pytest.raises(PlanError) as err:
        _plan(tmp_path, PLAN.replace(old, new))
    text = str(err.value)
    assert "plan.yaml:" in text
    assert "JONES" not in text, text


@pytest.mark.parametrize("old, new, words", [
    ("kind: wages", "kind: holiday", "payees.0.kind must be one of: wages, "),
    ('match: "A JONES"', 'match: "A"', "payees.0.match must be at least 2 characters long"),
    ("contingency_weeks: 8", "contingency_weeks: eight", "contingency_weeks: it is not a number"),
    ("to: 2026-07-21", "to: soon", "suspensions.0.to: "),
])
def test_plan_errors_are_in_plain_words_not_the_libraries(tmp_path, old, new, words):
    with pytest.raises(PlanError) as err:
        _plan(tmp_path, PLAN.replace(old, new))
    messages = [p.message for p in err.value.problems.errors]
    assert any(words in m for m in messages), messages
    assert not any("should" in m or "Input" in m for m in messages), messages
    assert not any("holiday" in m or "eight" in m or "soon" in m for m in messages), messages  # never the value
