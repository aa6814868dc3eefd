"""The fields a letter made from an account audit takes from it (``accounts.letters.audit_locks``,
what the app shows and does not let be typed over) are exactly those the command line refuses in
the officer's data: for a letter from a review session started from an audit, those
``guidance letter render --session`` refuses; and the letter's record names the audit.
Synthetic plans and statements only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accounts_support import FOUR_WEEKLY_PLAN, FOUR_WEEKLY_ROWS, Account, plant, write
from guidance.cli import main

ON = "2026-11-25"
LETTERS = Path(__file__).resolve().parents[1] / "content" / "letters"


def _template(template_id: str):
    from guidance.letters.templates import parse_template_text
    from guidance.problems import Problems

    return parse_template_text((LETTERS / f"{template_id}.md").read_text(encoding="utf-8"), template_id, Problems())


def _review(capsys, tmp_path: Path, kind: str) -> tuple[str, str]:
    """(session id, audit id): a finished review started from a recorded audit that found a
    surplus (``kind`` "surplus") or statements missing ("statements")."""
    if kind == "surplus":
        plan, statement = tmp_path / "plan.yaml", tmp_path / "s.csv"
        plan.write_text(FOUR_WEEKLY_PLAN, encoding="utf-8")
        statement.write_text(FOUR_WEEKLY_ROWS, encoding="utf-8")
    else:
        account = Account.base()
        plant(account, "missing_statement")
        plan = account.write_plan(tmp_path / "plan.yaml", opening_balance=str(account.opening))
        statement = write(account, "paid", tmp_path)
    assert main(["account", "audit", "--plan", str(plan), str(statement)]) == 0
    audit_id = capsys.readouterr().err.split("Recorded as account audit ")[1].split()[0]
    answers = tmp_path / "answers.yaml"
    answers.write_text("review_reason: routine\n", encoding="utf-8")
    assert main(["flow", "run", "dp_account_review", "--from-audit", audit_id, "--answers", str(answers), "--json", "--on", ON]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["outcome"] == {"surplus": "surplus", "statements": "statements_missing"}[kind]
    return report["session"], audit_id


def _a_value(spec):
    if spec.example is not None:
        return spec.example if isinstance(spec.example, list) else str(spec.example)
    return {"list": ["1 July 2026 to 7 July 2026"], "date": "2026-10-31", "money": "1.00",
            "choice": (spec.choices or ["x"])[0]}.get(spec.type, "x")


@pytest.mark.parametrize(("kind", "template_id"), [("surplus", "dp-surplus-repayment"), ("surplus", "dp-statements-request"),
                                                   ("statements", "dp-statements-request")])
def test_the_fields_locked_are_exactly_those_letter_render_session_refuses(capsys, tmp_path, kind, template_id):
    from guidance.accounts.letters import audit_locks
    from guidance.letters.session import finished_session

    session, _audit = _review(capsys, tmp_path, kind)
    template = _template(template_id)
    answers, results, _flow, carried = finished_session(session)
    locked = audit_locks(template, (answers, results, carried))
    refused = []
    for name, spec in template.meta.fields.items():
        data = tmp_path / "data.json"
        data.write_text(json.dumps({name: _a_value(spec)}), encoding="utf-8")
        main(["letter", "render", template_id, "--session", session, "--data", str(data), "--no-record", "--on", ON])
        err = capsys.readouterr().err
        if f"'{name}' in the data" in err:
            refused.append(name)
    assert "reference" in locked
    assert list(locked) == refused


def test_a_session_not_started_from_an_audit_locks_nothing():
    from guidance.accounts.letters import audit_locks
    template = _template("dp-surplus-repayment")
    assert audit_locks(template, ({"audit": "audited"}, {"balance": "10.00"}, {})) == ()
    assert "balance" in audit_locks(template)  # made from the audit itself: AUDIT_FILLS
    assert audit_locks(_template("advice-follow-up")) == ()


def test_the_letters_record_names_the_audit_the_review_was_started_from(capsys, tmp_path):
    from guidance.records.letters import open_letter_store

    session, audit_id = _review(capsys, tmp_path, "surplus")
    data = tmp_path / "person.yaml"
    data.write_text("recipient_name: Mx Sample Person\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n",
                    encoding="utf-8")
    assert main(["letter", "render", "dp-surplus-repayment", "--session", session, "--data", str(data),
                 "--out", str(tmp_path / "letter.md"), "--on", ON]) == 0, capsys.readouterr().err
    with open_letter_store() as store:
        (record,) = store.list()
    assert record.audit_id == audit_id and record.session_id == session


def test_a_letter_recorded_before_its_source_was_kept_loads_with_none():
    import datetime as dt

    from guidance.records.letters import LetterRecord

    old = LetterRecord("dp-surplus-repayment", 5, "d" * 64, "r", dt.date(2026, 11, 25), "DP-1", "md", False, {},
                       {"rates": {}, "pages": {}, "glossary": {}, "council": {}}, "0" * 64)
    assert old.audit_id is None
