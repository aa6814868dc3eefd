"""Answers filled before a flow starts (``prefill``): the account review from a recorded audit.

The audits are run on synthetic statements (``accounts_support``), never real people's data.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from records_support import database, database_url  # noqa: F401  (fixtures)

from accounts_support import Account, plant, write
from guidance.accounts.audit import audit_files, audit_json
from guidance.cli import main
from guidance.content.base import ContentBase
from guidance.content.formatting import money
from guidance.flows.answers import display
from guidance.flows.engine import Engine
from guidance.flows.loader import load_flow_file
from guidance.flows.outcome import build_report, transcript
from guidance.flows.prefill import PrefillError, fill, note, source_values
from guidance.flows.terminal import show_step
from guidance.problems import Problems
from guidance.records.accounts import AuditRecord, FlagRecord

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 11, 25)
FLOW = REPO / "flows" / "dp_account_review.yaml"


@pytest.fixture(scope="module")
def base():
    return ContentBase.load(REPO)


@pytest.fixture(scope="module")
def flow():
    problems = Problems()
    loaded = load_flow_file(FLOW, "flows/dp_account_review.yaml", problems)
    assert not problems.errors
    return loaded.flow


def _audit(folder: Path, *kinds):
    folder.mkdir(parents=True, exist_ok=True)
    account = Account.base()
    for kind in kinds:
        plant(account, kind)
    plan = account.write_plan(folder / "plan.yaml", opening_balance=str(account.opening))
    statement = write(account, "paid", folder)
    return plan, statement, audit_files(plan, [statement], REPO / "content")


def _record(audit, audit_id: str = "a1b2c3d4e5f6") -> AuditRecord:
    """The audit as the records database gives it back (figures as decimal strings)."""
    data = audit_json(audit)
    flags = data.pop("flags")
    rec = audit.reconciliation
    return AuditRecord(
        id=audit_id, reference=rec.reference, period_from=rec.start.isoformat(), period_to=rec.end.isoformat(),
        content_release=None, figures=json.loads(json.dumps(data)), statements=[],
        plan=audit.plan.model_dump(mode="json", by_alias=True), audited_at="2026-11-25T10:00:00Z", officer=None,
        flags=tuple(FlagRecord(n, f["kind"], f["date"], f["amount"], None, f["line"], f["message"])
                    for n, f in enumerate(flags, start=1)))


def _filled(flow, audit, audit_id="a1b2c3d4e5f6"):
    record = _record(audit, audit_id)
    return fill(flow, "account_audit", record.id, source_values("account_audit", record))


def _walk(engine, state, first_answer="routine"):
    """Answer the first question, then keep every prefilled answer until an outcome."""
    state = engine.answer(state, first_answer)
    while not engine.is_finished(state):
        state = engine.answer(state, state.answers[state.current])
    return state


# -- engine ---------------------------------------------------------------------------------------

def test_the_audit_fills_its_figures_and_flag_kinds(flow, tmp_path):
    _plan, _statement, audit = _audit(tmp_path, "cash", "surplus")
    rec = audit.reconciliation
    prefill = _filled(flow, audit)
    assert prefill.answers == {
        "audit": "audited", "audit_reference": "a1b2c3d4e5f6", "audit_balance": rec.closing_balance,
        "audit_owed": rec.owed, "audit_contingency": rec.contingency, "audit_paid_ahead": rec.paid_for_after_period,
        "audit_shortfall": rec.contribution_shortfall,
        "audit_flags": ["misuse"],  # cash is misuse; the surplus flag is worked out from the figures
    }
    assert prefill.left == {}
    assert prefill.trail_detail() == {"source": "account_audit", "id": "a1b2c3d4e5f6", "answers": sorted(prefill.answers), "left": []}


def test_prefilled_answers_are_offered_marked_and_lead_to_the_audits_surplus(flow, base, tmp_path):
    _plan, _statement, audit = _audit(tmp_path, "surplus")
    rec = audit.reconciliation
    assert rec.surplus > 0
    engine = Engine(flow, base.rates, ON)
    state = engine.start(prefill=_filled(flow, audit))
    assert state.current == "review_reason" and "review_reason" not in state.answers  # not filled: asked as usual
    state = engine.answer(state, "routine")
    assert state.current == "audit" and state.answers["audit"] == "audited"
    assert note(state.prefill, engine.node("audit"), "audit", "audited") == "from account audit a1b2c3d4e5f6"
    # texts see what was filled: the hint to start from an audit is not shown to one who did
    assert engine.text(engine.node("audit").help, state).strip() == ""
    plain = engine.answer(engine.start(), "routine")
    assert "start this review from the audit" in engine.text(engine.node("audit").help, plain)
    done = _walk(engine, engine.start(prefill=_filled(flow, audit)))
    report = build_report(engine, done, base)
    assert report["outcome"] == "surplus"
    assert f"{money(rec.surplus)}" in report["summary"] and f"{money(rec.closing_balance)}" in report["summary"]
    assert report["prefill"] == {"source": "account_audit", "id": "a1b2c3d4e5f6", "from": "account audit a1b2c3d4e5f6"}
    sources = {row["node"]: row.get("source") for row in report["answers"]}
    assert sources["audit_balance"] == "from account audit a1b2c3d4e5f6" and sources["review_reason"] is None


def test_a_prefilled_answer_can_be_changed_and_the_outcome_follows(flow, base, tmp_path):
    _plan, _statement, audit = _audit(tmp_path, "surplus")
    rec = audit.reconciliation
    engine = Engine(flow, base.rates, ON)
    done = _walk(engine, engine.start(prefill=_filled(flow, audit)))
    # the officer knows of invoices the plan did not list: owing all of the surplus leaves none
    owed = rec.owed + rec.surplus
    changed = engine.change(done, "audit_owed", str(owed))
    assert changed.current == "review_clear"
    rows = {row["node"]: row for row in transcript(engine, changed)}
    assert rows["audit_owed"]["source"] == f"changed: account audit a1b2c3d4e5f6 gave '{display(flow.nodes['audit_owed'], rec.owed)}'"
    assert rows["audit_balance"]["source"] == "from account audit a1b2c3d4e5f6"


def test_the_audits_flags_route_the_review(flow, base, tmp_path):
    _plan, _statement, audit = _audit(tmp_path, "household_payment")
    engine = Engine(flow, base.rates, ON)
    done = _walk(engine, engine.start(prefill=_filled(flow, audit)))
    # a payment to a household member is also unexplained; safeguarding comes first
    assert done.answers["audit_flags"] == ["safeguarding", "misuse"] and done.current == "safeguarding"
    _plan, _statement, clean = _audit(tmp_path / "clean")
    done = _walk(engine, engine.start(prefill=_filled(flow, clean)))
    assert done.answers["audit_flags"] == [] and done.current == "review_clear"


def test_a_contribution_shortfall_is_asked_for_with_its_amount(flow, base, tmp_path):
    _plan, _statement, audit = _audit(tmp_path, "contribution_shortfall")
    shortfall = audit.reconciliation.contribution_shortfall
    assert shortfall > 0
    engine = Engine(flow, base.rates, ON)
    done = _walk(engine, engine.start(prefill=_filled(flow, audit)))
    steps = " ".join(build_report(engine, done, base)["next_steps"])
    assert f"{money(shortfall)} of their contribution not paid in" in steps


def test_a_value_that_does_not_fit_is_left_to_ask(flow, tmp_path):
    _plan, _statement, audit = _audit(tmp_path, "overdrawn")
    record = _record(audit)
    values = source_values("account_audit", record)
    values["closing_balance"] = Decimal("-25.00")
    prefill = fill(flow, "account_audit", record.id, values)
    assert "audit_balance" not in prefill.answers
    assert prefill.left == {"audit_balance": "an amount cannot be negative"}
    assert "misuse" in prefill.answers["audit_flags"]  # overdrawn


def test_the_terminal_shows_a_prefilled_answer_as_such(flow, base, tmp_path):
    from guidance.flows.session import Session
    from guidance.records import open_store

    _plan, _statement, audit = _audit(tmp_path, "surplus")
    with open_store(tmp_path / "records.db") as store:
        session = Session.start(Engine(flow, base.rates, ON), store, "test", prefill=_filled(flow, audit))
        session.answer("routine")
        out = io.StringIO()
        show_step(session, out)
        assert "(Filled from account audit a1b2c3d4e5f6: Yes: use the audit. Enter keeps it, or type another answer.)" in out.getvalue()
        resumed = Session.resume(Engine(flow, base.rates, ON), store, session.id, "test")
        assert resumed.state.prefill == session.state.prefill and resumed.kept_answer() == "audited"
        assert note(resumed.state.prefill, resumed.node, "audit", "audited") == "from account audit a1b2c3d4e5f6"
        resumed.answer("by_hand")  # changed: the audit's figures are no longer on the way
        assert resumed.state.current == "statements" and "audit_balance" not in resumed.state.answers


def test_a_flow_without_a_prefill_cannot_start_from_an_audit(base, tmp_path):
    problems = Problems()
    other = load_flow_file(REPO / "flows" / "pa_off_sick.yaml", "flows/pa_off_sick.yaml", problems).flow
    with pytest.raises(PrefillError, match="names no answers to fill"):
        fill(other, "account_audit", "x", {})


def test_editors_schema_takes_the_short_form():
    from guidance.flows.schema import Flow

    rules = Flow.model_json_schema()["properties"]["prefill"]["additionalProperties"]["additionalProperties"]
    assert rules["anyOf"][0] == {"type": "string"} and rules["anyOf"][1]["$ref"].endswith("PrefillRule")


# -- content check ---------------------------------------------------------------------------------

def _check(content_copy, capsys, old: str, new: str) -> list[dict]:
    path = content_copy / "flows" / "dp_account_review.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    main(["--root", str(content_copy), "content", "check", "--no-style", "--on", "2026-11-25", "--json"])
    data = json.loads(capsys.readouterr().out)
    return [p for p in data["problems"] if p["path"] == "flows/dp_account_review.yaml"]


def _line(content_copy, text: str) -> int:
    lines = (content_copy / "flows" / "dp_account_review.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def test_a_prefill_key_that_names_no_question_is_an_error_with_file_and_line(content_copy, capsys):
    problems = _check(content_copy, capsys, "    audit_owed: owed\n", "    audit_owd: owed\n")
    assert problems == [{"path": "flows/dp_account_review.yaml", "line": _line(content_copy, "audit_owd: owed"), "level": "error",
                         "message": "prefill: 'audit_owd' names no question of this flow (did you mean 'audit_owed'?)"}]


@pytest.mark.parametrize(("old", "new", "words"), [
    ("    audit_owed: owed\n", "    audit_owed: owing\n", "account audit has no field 'owing'"),
    ("    audit_owed: owed\n", "    review_clear: owed\n", "'review_clear' is not a question"),
    ("    audit_reference: id\n", "    audit_reference: surplus\n", "'surplus' cannot fill the text question 'audit_reference'"),
    ("    audit: {value: audited}\n", "    audit: {value: maybe}\n", "the fixed answer for 'audit' does not fit it"),
    ("  account_audit:\n", "  account_audits:\n", "unknown source 'account_audits'"),
    ("        cash: misuse\n", "        cash: misused\n", "'misused' is not an option of 'audit_flags'"),
    ("        cash: misuse\n", "        cash: misuse\n        cheque: misuse\n", "'cheque' is not a value of 'flag_kinds'"),
])
def test_other_prefill_mistakes_are_named_at_their_line(content_copy, capsys, old, new, words):
    problems = _check(content_copy, capsys, old, new)
    assert [p["level"] for p in problems] == ["error"] and words in problems[0]["message"]
    assert problems[0]["line"] == _line(content_copy, new.splitlines()[-1].strip())


def test_a_flag_kind_the_map_leaves_out_is_a_warning(content_copy, capsys):
    problems = _check(content_copy, capsys, "        surplus: ~", "        # surplus")
    assert [p["level"] for p in problems] == ["warning"] and "can hold 'surplus'" in problems[0]["message"]


# -- the command line ---------------------------------------------------------------------------------

def test_flow_run_from_a_recorded_audit(capsys, tmp_path, database_url):
    plan, statement, audit = _audit(tmp_path, "surplus", "cash")
    rec = audit.reconciliation
    assert main(["account", "audit", "--plan", str(plan), str(statement)]) == 0
    audit_id = capsys.readouterr().err.split("Recorded as account audit ")[1].split()[0]
    answers = tmp_path / "answers.yaml"
    answers.write_text("review_reason: routine\naudit_owed: '0.00'\n", encoding="utf-8")
    code = main(["flow", "run", "dp_account_review", "--from-audit", audit_id, "--answers", str(answers), "--json", "--on", "2026-11-25"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["finished"] and out["outcome"] == "escalate_misuse"  # the cash flag
    assert out["prefill"]["id"] == audit_id
    rows = {row["node"]: row for row in out["answers"]}
    assert rows["audit_balance"]["answer"] == f"£{rec.closing_balance:,.2f}" and rows["audit_balance"]["source"] == f"from account audit {audit_id}"
    assert rows["audit_flags"]["source"] == f"from account audit {audit_id}"

    from guidance.records.audit import AuditTrail
    from guidance.records.database import open_database

    db = open_database()
    try:
        (start,) = [e for e in AuditTrail(db).entries() if e.action == "session.start"]
    finally:
        db.close()
    assert start.detail["prefill"] == {"source": "account_audit", "id": audit_id, "left": [],
                                       "answers": sorted(["audit", "audit_reference", "audit_balance", "audit_owed",
                                                          "audit_contingency", "audit_paid_ahead", "audit_shortfall", "audit_flags"])}
    trail = json.dumps(start.detail)
    assert rec.reference not in trail and f"{rec.closing_balance}" not in trail  # ids, never the person's figures

    shown = main(["flow", "sessions", "show", out["session"]])
    text = capsys.readouterr().out
    assert shown == 0 and f"Closing balance: £{rec.closing_balance:,.2f} (from account audit {audit_id})" in text


def test_flow_run_from_an_unknown_audit_saves_nothing(capsys, database_url):
    assert main(["flow", "run", "dp_account_review", "--from-audit", "nope"]) == 1
    assert "no account audit 'nope'" in capsys.readouterr().err
    assert main(["flow", "sessions", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_flow_run_from_an_empty_audit_number_is_refused_not_ignored(capsys, database_url):
    assert main(["flow", "run", "dp_account_review", "--from-audit", " "]) == 1
    assert "--from-audit needs an audit's number" in capsys.readouterr().err
    assert main(["flow", "sessions", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_flow_run_from_an_audit_needs_a_flow_that_takes_one(capsys, database_url):
    assert main(["flow", "run", "pa_off_sick", "--from-audit", "abc"]) == 1
    assert "cannot start from an account audit" in capsys.readouterr().err


def _surplus_letter_values(engine, state, base):
    """The dp-surplus-repayment template and what the finished review fills in on it."""
    from guidance.letters.session import session_values

    template = base.letters().template("dp-surplus-repayment")
    assert state.current == "surplus"
    carried = state.prefill.carried if state.prefill is not None else {}
    return template, session_values(template, dict(state.answers), dict(state.results), carried)


def test_the_surplus_letter_takes_the_figures_as_changed_in_the_review(flow, base, tmp_path):
    """An answer changed from the audit's figure is the one the letter says (not the audit's)."""
    from guidance.letters.compose import fill

    _plan, _statement, audit = _audit(tmp_path, "surplus")
    rec = audit.reconciliation
    engine = Engine(flow, base.rates, ON)
    done = _walk(engine, engine.start(prefill=_filled(flow, audit)))
    more_owed = rec.owed + Decimal("100.00")
    changed = engine.change(done, "audit_owed", str(more_owed))
    template, values = _surplus_letter_values(engine, changed, base)
    assert values["balance"] == rec.closing_balance
    assert values["keep"] == more_owed + rec.contingency + rec.paid_for_after_period  # the changed figure, not the audit's
    # carried from the audit (one recorded before its letter values were kept: its closing day and reference)
    assert (values["balance_date"], values["reference"]) == (rec.closing_date.isoformat(), rec.reference)
    filled = fill(template, {**values, "recipient_name": "A person",
                             "repay_by": "2027-01-15", "query_by": "2026-12-31", "how_to_pay": "invoice", "officer": "An officer"})
    assert (filled["balance"], filled["keep"]) == (rec.closing_balance, more_owed + rec.contingency + rec.paid_for_after_period)


def test_the_surplus_letter_from_the_review_states_the_contribution_not_paid_in(flow, base, tmp_path):
    """A surplus and a contribution shortfall: the review's surplus letter is given the shortfall
    (so it tells the person what the council decided, as their summary says it will), and the
    next step is to decide that, not to ask for it to be paid into the account."""
    _plan, _statement, audit = _audit(tmp_path, "surplus", "contribution_shortfall")
    rec = audit.reconciliation
    assert rec.surplus > 0 and rec.contribution_shortfall > 0 and not rec.surplus_provisional
    engine = Engine(flow, base.rates, ON)
    done = _walk(engine, engine.start(prefill=_filled(flow, audit)))
    _template, values = _surplus_letter_values(engine, done, base)
    assert values["shortfall"] == rec.contribution_shortfall
    steps = " ".join(build_report(engine, done, base)["next_steps"])
    assert "not to pay it into the account" in steps and "shortfall_action" in steps


def test_the_surplus_letter_takes_the_figures_given_without_an_audit(flow, base):
    engine = Engine(flow, base.rates, ON)
    state = engine.start()
    for answer in ("routine", "by_hand", "all", "matches", "yes", "9000.00", "500.00", "400.00", "8", ""):
        state = engine.answer(state, answer)
    _template, values = _surplus_letter_values(engine, state, base)
    assert values["balance"] == Decimal("9000.00")
    assert values["keep"] == Decimal("500.00") + Decimal("400.00") * 8
    assert values["balance_date"] == ON  # the balance asked for is today's


def test_the_app_says_an_answer_changed_from_the_audit_in_a_sentence():
    from guidance.tui.screens.flow import _source_words

    assert _source_words("from account audit 7") == "Filled from account audit 7: check it, then continue, or change it."
    assert _source_words("changed: account audit 7 gave 'None of these'") == (
        "You changed this answer (account audit 7 gave 'None of these'): check it, then continue.")
    assert _source_words(None) == ""


def test_flow_run_from_an_audit_with_another_label_is_refused(capsys, tmp_path, database_url):
    """The session of a review started from an audit is the audit's person's: a --label naming
    someone else (the call's reference, say) would file the audit's figures under them."""
    plan, statement, audit = _audit(tmp_path, "surplus")
    own = audit.reconciliation.reference
    assert main(["account", "audit", "--plan", str(plan), str(statement)]) == 0
    audit_id = capsys.readouterr().err.split("Recorded as account audit ")[1].split()[0]
    answers = tmp_path / "answers.yaml"
    answers.write_text("review_reason: routine\n", encoding="utf-8")
    run = ["flow", "run", "dp_account_review", "--from-audit", audit_id, "--answers", str(answers), "--json", "--on", "2026-11-25"]
    assert own != "DP-777"
    assert main([*run, "--label", "DP-777"]) == 1
    err = capsys.readouterr().err
    assert f"--label DP-777 is not the reference of account audit {audit_id} ({own})" in err and "nothing was saved" in err
    assert main(["flow", "sessions", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []

    assert main([*run, "--label", own.lower()]) == 0  # the same reference, typed in small letters
    session = json.loads(capsys.readouterr().out)["session"]
    assert main(["flow", "sessions", "list", "--json"]) == 0
    labels = {row["id"]: row["label"] for row in json.loads(capsys.readouterr().out)}
    assert labels[session] == own


def test_the_audits_record_number_stays_that_of_the_audit_the_review_started_from(capsys, tmp_path, database_url):
    """Changed to another audit's number, the review would still hold the first audit's figures,
    reference and letters: the change is refused, saying how to review the other audit."""
    plan, statement, audit = _audit(tmp_path, "surplus")
    assert main(["account", "audit", "--plan", str(plan), str(statement)]) == 0
    first = capsys.readouterr().err.split("Recorded as account audit ")[1].split()[0]
    plan, statement, _ = _audit(tmp_path / "later", "surplus", "cash")
    assert main(["account", "audit", "--plan", str(plan), str(statement)]) == 0
    other = capsys.readouterr().err.split("Recorded as account audit ")[1].split()[0]
    assert other != first
    answers = tmp_path / "answers.yaml"
    for given in (other, "zzzz-not-an-audit", "''"):
        answers.write_text(f"review_reason: routine\naudit_reference: {given}\n", encoding="utf-8")
        code = main(["flow", "run", "dp_account_review", "--from-audit", first, "--answers", str(answers), "--on", "2026-11-25"])
        err = capsys.readouterr().err
        assert code == 1 and f"{answers}:2: answer for 'audit_reference'" in err, err
        assert f"started from account audit {first}, so the account audit's record number stays {first}" in err, err
        assert "--from-audit" in err and "V on its account screen" in err, err
    answers.write_text(f"review_reason: routine\naudit_reference: {first}\n", encoding="utf-8")
    assert main(["flow", "run", "dp_account_review", "--from-audit", first, "--answers", str(answers), "--on", "2026-11-25"]) == 0


def test_a_review_by_hand_takes_only_a_recorded_audits_number(capsys, tmp_path, database_url):
    plan, statement, audit = _audit(tmp_path, "surplus")
    assert main(["account", "audit", "--plan", str(plan), str(statement)]) == 0
    recorded = capsys.readouterr().err.split("Recorded as account audit ")[1].split()[0]
    answers = tmp_path / "answers.yaml"
    rest = ("audit_balance: '3750.00'\naudit_owed: '100.00'\naudit_contingency: '923.08'\naudit_paid_ahead: '0'\n"
            "audit_shortfall: '0'\naudit_flags: []\n")
    answers.write_text(f"review_reason: routine\naudit: audited\naudit_reference: zzzz-not-an-audit\n{rest}", encoding="utf-8")
    assert main(["flow", "run", "dp_account_review", "--answers", str(answers), "--on", "2026-11-25"]) == 1
    err = capsys.readouterr().err
    assert f"{answers}:3: answer for 'audit_reference': no account audit is recorded with that number" in err, err
    assert "zzzz" not in err  # what was typed is not repeated
    for given in (recorded, "''"):  # a recorded audit's number, or none (the audit was not recorded)
        answers.write_text(f"review_reason: routine\naudit: audited\naudit_reference: {given}\n{rest}", encoding="utf-8")
        assert main(["flow", "run", "dp_account_review", "--answers", str(answers), "--on", "2026-11-25"]) == 0, capsys.readouterr().err
        capsys.readouterr()
