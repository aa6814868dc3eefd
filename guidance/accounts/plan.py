"""The plan file: what the officer fills in from the case system for one account audit.

```yaml
reference: DP-004512
period: {from: 2026-04-06, to: 2026-10-04}
council_payments: [{from: 2026-04-06, amount: "1920.00", every: 4 weeks}]
contribution: [{from: 2026-04-06, amount: "35.00", every: 1 week}]
suspensions: [{from: 2026-07-01, to: 2026-07-21, reason: hospital}]
contingency_weeks: 8
owed: "0.00"
payees: [{match: "A JONES", kind: wages}]
```

Optional: ``opening_balance`` (needed only when no statement shows a balance; when given, it
must agree before a first balance shown is read as misprinted), ``household``
(text that identifies people in the household who are not named as PAs: money paid to them is a
safeguarding sign), and ``match`` on a payment line (words the bank shows for it).

``load_plan(path)`` validates with pydantic through the shared YAML reader and raises
``PlanError`` listing every problem with its file and line. ``plan_schema()`` is the JSON Schema
editors use to check the file as it is typed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator, model_validator

from guidance.accounts.plain_yaml import NOT_PLAIN, plain_data
from guidance.kinds import Date, KindError, read_decimal
from guidance.problems import Problems
from guidance.references import DEFAULT, ReferenceError
from guidance.yamlio import ContentYamlError, read_text, read_yaml_file, validate

EVERY = ("1 week", "2 weeks", "4 weeks", "1 month")
OUT_KINDS = ("wages", "tax", "pension", "insurance", "payroll_service", "agency", "care_other", "cash", "excluded")
Every = Literal["1 week", "2 weeks", "4 weeks", "1 month"]
OutKind = Literal["wages", "tax", "pension", "insurance", "payroll_service", "agency", "care_other", "cash", "excluded"]


def _number(raw):
    """A number in the plan read by the one reader (:func:`guidance.kinds.read_decimal`): "1e5",
    "+5", "nan" and digits other than 0-9 are refused as everywhere else."""
    try:
        return _remembered(read_decimal, raw)
    except KindError as exc:
        raise ValueError(str(exc)) from None


_DATE = Date()


def _date(raw):
    """A date in the plan read as every date is (:class:`guidance.kinds.Date`): 2026-04-06 or
    6/4/2026, day first; "31/04/2026" says that day does not exist."""
    try:
        return _remembered(_DATE.parse, raw)
    except KindError as exc:
        raise ValueError(str(exc)) from None


#: (reader, type, text) -> value, for the texts plans repeat (a batch's plans share periods,
#: payment dates and amounts): each read once. Values are dates and Decimals (never changed);
#: a text that is refused raises and is never remembered.
_READ: dict[tuple, object] = {}


def _remembered(read, raw):
    if raw.__class__ not in (str, int):
        return read(raw)
    key = (read, raw.__class__, raw)  # by type too: True == 1, but a plan's 1 is not its true
    value = _READ.get(key)
    if value is None:
        value = read(raw)
        if len(_READ) >= 4096:
            _READ.clear()
        _READ[key] = value
    return value


PlanNumber = Annotated[Decimal, BeforeValidator(_number)]
PlanDate = Annotated[dt.date, BeforeValidator(_date)]


def _money(value: Decimal, name: str) -> Decimal:
    if not value.is_finite() or value < 0:
        raise ValueError(f"{name} must be a sum of money of 0 or more, e.g. \"35.00\"")
    try:
        pence = value.quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValueError(f"{name} is too large to be a sum of money") from None
    if value != pence:
        raise ValueError(f"{name} must be in pounds and pence, e.g. \"35.00\"")
    return pence  # "0" is kept as 0.00: every sum is shown in pounds and pence


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Period(_Strict):
    start: PlanDate = Field(alias="from", description="first day of the audit")
    end: PlanDate = Field(alias="to", description="last day of the audit")

    @model_validator(mode="after")
    def _in_order(self):
        if self.end < self.start:
            raise ValueError("'to' is before 'from'")
        return self


class Payment(_Strict):
    """An amount in force from a date, paid every week, 2 weeks, 4 weeks or month; the first
    payment is on ``from``."""

    start: PlanDate = Field(alias="from", description="date of the first payment at this amount")
    amount: PlanNumber = Field(description="amount of each payment in pounds, e.g. \"1920.00\"")
    every: Every = Field(description="how often: 1 week, 2 weeks, 4 weeks or 1 month")
    match: str | None = Field(None, description="words the bank statement shows for this payment (optional)")

    @field_validator("amount")
    @classmethod
    def _amount(cls, value):
        return _money(value, "amount")


class Suspension(_Strict):
    start: PlanDate = Field(alias="from")
    end: PlanDate = Field(alias="to")
    reason: str = Field("", description="e.g. hospital, respite")

    @model_validator(mode="after")
    def _in_order(self):
        if self.end < self.start:
            raise ValueError("'to' is before 'from'")
        return self


class Payee(_Strict):
    match: str = Field(min_length=2, description="words in the statement description, e.g. \"A JONES\"")
    kind: OutKind


class Plan(_Strict):
    reference: str = Field(min_length=1, max_length=40,
                           description="the case reference in the council's form (content/references.yaml), never a name")
    period: Period
    council_payments: list[Payment] = Field(min_length=1)
    contribution: list[Payment] = Field(default_factory=list)
    suspensions: list[Suspension] = Field(default_factory=list)
    contingency_weeks: PlanNumber = Field(ge=0, le=52, description="weeks of the council payment the account may keep")
    owed: PlanNumber = Field(Decimal("0.00"), description="money already owed at the end (wages, HMRC, invoices)")
    payees: list[Payee] = Field(default_factory=list)
    household: list[str] = Field(default_factory=list, description="how the statement names household members who are not PAs")
    opening_balance: PlanNumber | None = Field(None, description="balance on the first day, if no statement shows balances")

    @field_validator("owed")
    @classmethod
    def _owed(cls, value):
        return _money(value, "owed")

    @field_validator("council_payments", "contribution")
    @classmethod
    def _dates_rise(cls, value):
        for before, after in zip(value, value[1:]):
            if after.start <= before.start:
                raise ValueError("list each amount in date order, each from a later date")
        return value


class PlanError(ValueError):
    """A plan file that cannot be used: ``problems`` holds each one with its file and line."""

    def __init__(self, problems: Problems):
        super().__init__("\n".join(f"{p.path}:{p.line}: {p.message}" if p.line else f"{p.path}: {p.message}" for p in problems.errors))
        self.problems = problems


def load_plan(path: Path, shown: str | None = None, references=None) -> Plan:
    """Read and validate a plan file. Raises PlanError (file and line of every problem).

    ``references``: the council's ``ReferenceRule`` (``guidance.references``; the default rule
    when None): the plan's ``reference`` is checked with it, as every reference is, and kept in
    its canonical form (``dp-004512`` as ``DP-004512``)."""
    path = path if isinstance(path, Path) else Path(path)
    quick = _plain_plan(path, references)
    if quick is not None:
        return quick
    shown = shown or str(path)
    problems = Problems()
    try:
        doc = read_yaml_file(path, shown, problems, lazy_lines=True, quote_lines=False)  # lines only for a plan with a mistake
    except FileNotFoundError:
        problems.error(shown, None, "no such file")
        raise PlanError(problems) from None
    except OSError as exc:
        problems.error(shown, None, f"cannot be read: {exc.strerror or exc}")
        raise PlanError(problems) from None
    if doc is not None and not isinstance(doc.data, dict):
        problems.error(shown, doc.line_of(), "a plan is a mapping of fields (reference:, period:, ...)")
        doc = None
    plan = validate(Plan, doc, shown, problems, quote_values=False) if doc is not None else None
    if plan is None:
        if doc is not None and isinstance(doc.data.get("reference"), str) and doc.data["reference"].strip():
            _reference(doc.data["reference"], doc, shown, references, problems)  # told with the other problems
        problems.items.sort(key=lambda p: p.line or 0)  # stable: in the file's order
        raise PlanError(problems)
    reference = _reference(plan.reference, doc, shown, references, problems)
    if reference is None:
        raise PlanError(problems)
    return plan if reference == plan.reference else plan.model_copy(update={"reference": reference})


def _plain_plan(path: Path, references) -> Plan | None:
    """The plan, when its file is in the plain YAML most plans are written in (read quickly by
    :mod:`guidance.accounts.plain_yaml`, with the same data) and has no mistake; else None, and
    ``load_plan`` reads the file the full way, which names every problem with its line."""
    try:
        data = plain_data(read_text(path))
    except (ContentYamlError, OSError):
        return None
    if data is NOT_PLAIN:
        return None
    try:
        plan = Plan.model_validate(_parts_made(data))
        reference = (references or DEFAULT).check(plan.reference)
    except (ValidationError, ReferenceError):
        return None
    return plan if reference == plan.reference else plan.model_copy(update={"reference": reference})


#: The parts of a plan that are models of their own, by field: a batch's plans share periods,
#: payment lines, suspensions and payees, and each is checked once (``_parts_made``).
_PARTS = {"period": Period, "council_payments": Payment, "contribution": Payment, "suspensions": Suspension, "payees": Payee}
_MADE: dict[tuple, _Strict] = {}  # (model, (key, type, value) of each field given) -> the part made from them


def _parts_made(data: dict) -> dict:
    """``data`` with each part (the period, each payment line, suspension and payee) that is a
    mapping of plain values replaced by the part made from the same values before, or made now.
    Parts are never changed (frozen), so plans can share them, and pydantic takes a part already
    made as it is: the plan is the plan ``data`` gives. A part that cannot be made is left as it
    is, for the plan's own check to report."""
    out = dict(data)
    for name, model in _PARTS.items():
        value = data.get(name)
        if value.__class__ is dict:
            out[name] = _part(model, value)
        elif value.__class__ is list:
            out[name] = [_part(model, item) if item.__class__ is dict else item for item in value]
    return out


def _part(model, fields: dict):
    """The ``model`` part made from ``fields`` (kept by their keys, types and values), or
    ``fields`` as they are when they cannot be kept or made."""
    try:
        key = (model, tuple([(k, v.__class__, v) for k, v in fields.items()]))
        made = _MADE.get(key)
    except TypeError:  # a value that is a list or mapping: made with the plan
        return fields
    if made is None:
        try:
            made = model.model_validate(fields)
        except ValidationError:
            return fields
        if len(_MADE) >= 4096:
            _MADE.clear()
        _MADE[key] = made
    return made


def _reference(text: str, doc, shown: str, references, problems: Problems) -> str | None:
    """The reference in its canonical form, checked with the council's rule; None, with the
    problem added to ``problems``, when the rule refuses it."""
    try:
        return (references or DEFAULT).check(text)
    except ReferenceError as exc:
        problems.error(shown, doc.line_of("reference"), f"reference: {exc}")
        return None


def plan_schema() -> dict:
    """The JSON Schema of a plan file (for editors' YAML language servers)."""
    schema = Plan.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "guidance account plan"
    _dates_as_people_write_them(schema)
    return schema


DATE_FORMS = "a date, day first: 2026-04-06, 6/4/2026 or 6 April 2026"


def _dates_as_people_write_them(node) -> None:
    """A plan's dates are read by ``guidance.kinds`` (day first, as people write them), so the
    schema must not tell editors that only ISO dates are valid: ``format: date`` becomes a
    description of the forms that are read."""
    if isinstance(node, dict):
        if node.get("format") == "date":
            del node["format"]
            node["description"] = f"{node['description']} ({DATE_FORMS})" if node.get("description") else DATE_FORMS
        for value in node.values():
            _dates_as_people_write_them(value)
    elif isinstance(node, list):
        for value in node:
            _dates_as_people_write_them(value)
