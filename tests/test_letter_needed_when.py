"""A field needed only in some cases (``needed_when``) is refused when left empty in that case,
named by the field and the case, and the form says when it is needed instead of "(optional)"."""

from __future__ import annotations

import pytest

from guidance.letters.compose import LetterError, fill
from guidance.letters.templates import parse_template_text
from guidance.problems import Problems
from guidance.tui.screens.letter import _plain, _when_needed
from letters_support import shipped


def _example(template_id: str, **changes) -> dict:
    template = shipped().templates[template_id]
    data = {name: spec.example for name, spec in template.meta.fields.items() if spec.example is not None}
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def _problems(template_id: str, data: dict) -> list[str]:
    try:
        fill(shipped().templates[template_id], data)
    except LetterError as exc:
        return [message for _path, _line, message in exc.problems]
    return []


@pytest.mark.parametrize(("template_id", "changes", "needed"), [
    ("dp-surplus-repayment", {"shortfall": "35.00", "shortfall_action": None},
     "field 'shortfall_action' is needed when field 'shortfall' is filled in (one of: ask separately, add to repayment, not asked)"),
    ("written-statement", {"job_length": "fixed term", "end_date": None},
     "field 'end_date' is needed when field 'job_length' is 'fixed term'"),
    ("written-statement", {"sick_pay": "more than statutory", "sick_pay_details": None},
     "field 'sick_pay_details' is needed when field 'sick_pay' is 'more than statutory'"),
])
def test_a_field_left_empty_when_it_is_needed_is_named(template_id, changes, needed):
    assert needed in _problems(template_id, _example(template_id, **changes))


@pytest.mark.parametrize(("template_id", "changes"), [
    ("dp-surplus-repayment", {"shortfall": None, "shortfall_action": None}),
    ("dp-surplus-repayment", {"shortfall": "0.00", "shortfall_action": None}),
    ("written-statement", {"job_length": "permanent", "end_date": None}),
    ("written-statement", {"sick_pay": "statutory only", "sick_pay_details": None}),
])
def test_a_field_not_needed_in_this_case_may_be_empty(template_id, changes):
    assert not [p for p in _problems(template_id, _example(template_id, **changes)) if "is needed when" in p]


def test_the_form_says_when_a_field_is_needed_and_names_fields_by_their_labels():
    fields = shipped().templates["dp-surplus-repayment"].meta.fields
    assert _when_needed(fields["shortfall_action"], fields) == " (needed when 'Contribution the person paid in short' is filled in)"
    assert _when_needed(fields["shortfall"], fields) == " (optional)"
    assert _when_needed(fields["keep"], fields) == ""
    labels = {name: spec.label for name, spec in fields.items()}
    shown = _plain(_problems("dp-surplus-repayment", _example("dp-surplus-repayment", shortfall_action=None))[0], labels)
    assert "shortfall_action" not in shown and "field 'shortfall'" not in shown
    assert shown.startswith("What the council has decided about the contribution paid in short is needed when")


BODY = "---\nid: t\ntitle: A test\nversion: 1\naudience: recipient\nfields:\n{fields}---\nHello {{{{ a }}}} {{{{ b }}}}\n"


@pytest.mark.parametrize(("fields", "words"), [
    ("  a: {type: text, example: x}\n  b: {type: text, required: false, needed_when: {field: c}}\n", "names 'c', which is not another field"),
    ("  a: {type: text, example: x}\n  b: {type: text, required: false, needed_when: {field: a, is: x}}\n", "needs 'a' to be a choice field"),
    ("  a: {type: choice, choices: [x, y], example: x}\n  b: {type: text, required: false, needed_when: {field: a, is: z}}\n", "'z', not a choice of 'a'"),
    ("  a: {type: text, example: x}\n  b: {type: text, example: y, needed_when: {field: a}}\n", "add 'required: false'"),
])
def test_a_needed_when_that_cannot_work_is_refused_with_its_line(fields, words):
    problems = Problems()
    assert parse_template_text(BODY.format(fields=fields), "letters/t.md", problems) is None
    assert any(words in p.message for p in problems.errors), [str(p) for p in problems.errors]
