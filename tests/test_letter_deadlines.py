"""A date to act by ('deadline: true' in the template: reply by, pay back by, the tribunal's
response due) is refused when it is before the letter's date, naming the field."""

import datetime as dt
from pathlib import Path

import pytest

from guidance.content.base import ContentBase
from guidance.letters.compose import LetterError
from guidance.letters.fields import LetterField

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 12, 2)


@pytest.fixture(scope="module")
def catalogue():
    return ContentBase.load(REPO).letters()


def test_the_shipped_deadlines_are_marked(catalogue):
    marked = {(t.id, name) for t in catalogue.templates.values() for name, spec in t.meta.fields.items() if spec.deadline}
    assert {("tribunal-claim-received", "response_due"), ("dp-statements-request", "reply_by"),
            ("dp-surplus-repayment", "repay_by"), ("dp-surplus-repayment", "query_by")} <= marked


def test_a_deadline_before_the_letter_date_is_refused_at_its_field(catalogue):
    data = dict(catalogue.template("dp-statements-request").examples(), reply_by="1/12/2026")
    with pytest.raises(LetterError) as caught:
        catalogue.make("dp-statements-request", data, ON, deadlines=True)
    (path, line, message), = caught.value.problems
    assert message.startswith("field 'reply_by' is 1 December 2026, before the date of the letter (2 December 2026)")
    assert line == catalogue.template("dp-statements-request").field_line("reply_by")


def test_a_deadline_on_the_letter_date_or_later_is_fine(catalogue):
    data = dict(catalogue.template("dp-statements-request").examples(), reply_by="2026-12-02")
    assert catalogue.make("dp-statements-request", data, ON, deadlines=True).values["reply_by"] == ON
    # not asked (a letter re-made from the records): not checked
    old = dict(data, reply_by="2026-01-01")
    assert catalogue.make("dp-statements-request", old, ON).values["reply_by"] == dt.date(2026, 1, 1)


def test_only_a_date_can_be_a_deadline():
    with pytest.raises(ValueError, match="only a date field can be a 'deadline'"):
        LetterField(type="text", deadline=True, required=False)
