"""Loading templates and checking values: every mistake is named with its file, field and line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from guidance.letters.compose import LetterError, Sources, compose, fill
from guidance.letters.fields import FieldValueError, LetterField, convert
from guidance.letters.templates import parse_template
from guidance.problems import Problems
from letters_support import FIXTURES, ON, TEMPLATE_IDS, shipped


def _load(name: str):
    problems = Problems()
    template = parse_template(FIXTURES / f"{name}.md", f"letters/{name}.md", problems)
    return template, problems


def test_every_planned_template_is_shipped_and_loads_cleanly():
    catalogue = shipped()
    assert sorted(catalogue.templates) == sorted(TEMPLATE_IDS)
    assert [str(p) for p in catalogue.problems.errors] == []


def test_a_field_the_body_never_declares_is_named_with_its_line():
    template, problems = _load("missing-field")
    messages = [str(p) for p in problems.errors]
    assert messages == ["letters/missing-field.md:16: error: 'pa_name' is not a field of this letter: declare it under 'fields' or fix the spelling"]


def test_bad_syntax_is_reported_at_the_template_line():
    template, problems = _load("bad-syntax")
    assert template is None
    (problem,) = problems.errors
    assert problem.path == "letters/bad-syntax.md"
    assert "template syntax error" in problem.message and "endif" in problem.message
    assert problem.line == 16  # the block left open


def test_reaching_for_python_internals_is_refused_with_the_line():
    template, problems = _load("sandbox-escape")
    assert not problems.errors
    catalogue = shipped()
    values = fill(template, template.examples())
    with pytest.raises(LetterError) as caught:
        compose(template, values, Sources.from_base(catalogue.base), ON, "test", catalogue.council)
    (path, line, message) = caught.value.problems[0]
    assert (path, line) == ("letters/sandbox-escape.md", 16)
    assert "sandbox" in message or "unsafe" in message


def test_an_unknown_rate_is_an_error_naming_the_rate_and_line():
    template, problems = _load("unknown-rate")
    catalogue = shipped()
    values = fill(template, template.examples())
    with pytest.raises(LetterError) as caught:
        compose(template, values, Sources.from_base(catalogue.base), ON, "test", catalogue.council)
    (path, line, message) = caught.value.problems[0]
    assert line == 16
    assert "national_living_wage_next_year" in message


def test_badly_declared_fields_each_get_their_line():
    template, problems = _load("bad-fields")
    assert template is None
    found = {(p.line, p.message.split(":")[0]) for p in problems.errors}
    assert (13, "fields.amount") in found  # the example is not money
    assert (16, "fields.choice_without_choices") in found  # a choice with no choices
    assert (20, "fields.start.type must be one of") in found  # no such type, in plain words


def test_a_missing_and_a_mistyped_value_name_the_field_and_its_line():
    template = shipped().template("pa-off-sick")
    data = template.examples()
    del data["pa_name"]
    data["first_day_off"] = "31/02/2026"
    with pytest.raises(LetterError) as caught:
        fill(template, data)
    messages = caught.value.lines()
    assert f"content/letters/pa-off-sick.md:{template.field_line('pa_name')}: field 'pa_name' is required but was not given" in messages
    assert any(m.startswith(f"content/letters/pa-off-sick.md:{template.field_line('first_day_off')}: field 'first_day_off' must be a real date") for m in messages)


def test_a_name_that_is_not_a_field_is_refused_in_a_data_file():
    template = shipped().template("pa-off-sick")
    data = dict(template.examples(), pa_nmae="Sam")
    with pytest.raises(LetterError, match="'pa_nmae' is not a field of this letter"):
        fill(template, data)


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("money", "£1,234.50", Decimal("1234.50")),
        ("money", 12, Decimal("12.00")),
        ("date", "1/4/2026", dt.date(2026, 4, 1)),
        ("date", "2026-04-01", dt.date(2026, 4, 1)),
        ("number", "3", 3),
        ("list", "12 Elm Road; Northfield ;NF3 4CD", ["12 Elm Road", "Northfield", "NF3 4CD"]),
        ("text", "  Sam Jones ", "Sam Jones"),
    ],
)
def test_values_are_converted_by_type(kind, raw, expected):
    assert convert(LetterField(type=kind, required=False), raw) == expected


@pytest.mark.parametrize(
    ("kind", "raw", "wanted"),
    [
        ("money", "12.345", "pounds and pence"),
        ("money", "-5", "negative"),
        ("money", "lots", "amount in pounds"),
        ("date", "next week", "real date"),
        ("number", "three", "a number"),
        ("text", ["a"], "text"),
    ],
)
def test_wrong_values_say_what_would_fit(kind, raw, wanted):
    with pytest.raises(FieldValueError, match=wanted):
        convert(LetterField(type=kind, required=False), raw)


def test_a_choice_takes_only_its_choices():
    field = LetterField(type="choice", choices=["invoice", "reduce payments"], example="invoice")
    assert convert(field, "Invoice") == "invoice"
    with pytest.raises(FieldValueError, match="one of: invoice, reduce payments"):
        convert(field, "cheque")


def test_one_line_fields_have_a_sensible_maximum_that_a_template_may_set():
    from guidance.letters.fields import FieldValueError, LetterField, convert

    name = LetterField(type="text", label="Name", example="Ms A")
    assert convert(name, "A" * 200) == "A" * 200
    with pytest.raises(FieldValueError, match="is 201 characters long, more than the 200 it may have"):
        convert(name, "A" * 201)
    note = LetterField(type="text", multiline=True, required=False)
    assert len(convert(note, "A" * 2400)) == 2400
    short = LetterField(type="list", required=False, max_length=10)
    with pytest.raises(FieldValueError, match="more than the 10"):
        convert(short, ["12345678901"])
    with pytest.raises(ValueError, match="only a text or list field"):
        LetterField(type="date", required=False, max_length=10)


def test_every_shipped_text_and_list_field_declares_its_own_limit_and_its_example_fits():
    catalogue = shipped()
    assert len(catalogue.templates) >= 5
    for template in catalogue.templates.values():
        for name, field in template.meta.fields.items():
            if field.type in ("text", "list"):
                assert field.max_length is not None, (template.id, name)
                if field.example is not None:
                    convert(field, field.example)


def test_a_value_filled_in_from_a_call_is_cut_at_a_word_to_fit_saying_so():
    from guidance.letters.fields import CUT_NOTE, LetterField, convert, cut_to_fit

    field = LetterField(type="list", required=False, max_length=60)
    long_point = "pay the carer " * 10
    cut = cut_to_fit(field, [long_point, "short"])
    assert cut[1] == "short"
    assert cut[0].endswith(CUT_NOTE) and len(cut[0]) <= 60
    assert long_point.startswith(cut[0][: -len(CUT_NOTE)]) and not cut[0][: -len(CUT_NOTE)].endswith(" ")
    assert convert(field, cut) == cut
    assert cut_to_fit(field, ["short"]) == ["short"]
