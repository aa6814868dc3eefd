"""Answers filled in before a session starts, from a source the flow names in its ``prefill``.

A flow declares, per source, which of its questions a field of that source fills::

    prefill:
      account_audit:                   # a recorded account audit ('--from-audit ID')
        audit: {value: audited}         # a fixed answer
        audit_balance: closing_balance  # a field of the source
        audit_flags: {field: flag_kinds, map: {cash: misuse, surplus: ~}}

Sources are registered in ``SOURCES`` (name -> the module that reads them); each module gives a
``SOURCE`` (its label and fields, each with the question kinds it may fill) and
``values(record) -> {field: value}``. ``fill(flow, source, record_id, values)`` turns a record's
values into a ``Prefill``: each answer checked as if it had been typed. An answer that does not
fit its question (a negative balance for a money question) is left for the person to give, and
named in ``Prefill.left``.

A source may also name values it ``carries``: not answers to any question, but kept with the
session (``Prefill.carried``) for the letters made from it, which take them for fields that no
answer or worked-out letter value fills (the account audit's reference and the day of its
balance, see ``accounts.prefill``). They are references, days and figures, never a name.

Prefilled answers are kept answers (``engine.State.answers``): offered as the answer at their
question, which the person confirms or changes, and dropped like any kept answer once no route
leads back to their question. ``State.prefill`` remembers where they came from, so the transcript
can say "from account audit N"; the audit trail holds the source, its record id and the question
ids, never the values.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from guidance.flows.answers import AnswerError, display, parse_answer
from guidance.flows.schema import Flow, PrefillRule, Question

#: Source name -> the module that reads it (``SOURCE`` and ``values(record)``).
SOURCES = {"account_audit": "guidance.accounts.prefill"}


class PrefillError(ValueError):
    """A flow that cannot be filled from this source (it declares no prefill for it)."""


@dataclass(frozen=True)
class SourceField:
    """One field a source gives. ``kinds``: the question kinds it may fill; ``values``: for a
    list field, every value it can hold (each must be mapped to an option)."""

    kinds: tuple[str, ...]
    help: str
    values: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return bool(self.values)


@dataclass(frozen=True)
class Source:
    name: str
    label: str  # "account audit": shown as "from account audit 669c012a0ea6"
    fields: dict[str, SourceField]
    #: The values (named as the letters' fields) a session started from the source keeps for its letters.
    carries: tuple[str, ...] = ()
    #: How a session is started from one of its records (said when another record's number is given).
    started_by: str = ""


@dataclass(frozen=True)
class Prefill:
    """Answers filled from one record of a source. ``answers``: node id -> checked value;
    ``left``: node id -> why the source's value could not be used."""

    source: str
    record_id: str
    label: str
    answers: dict[str, Any] = field(default_factory=dict)
    left: dict[str, str] = field(default_factory=dict)
    #: The source's ``carries`` values (letter field -> value), for the letters made from the session.
    carried: dict[str, Any] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return f"{self.label} {self.record_id}"

    def trail_detail(self) -> dict:
        """For the audit trail: the source, its record and the questions filled; no values."""
        return {"source": self.source, "id": self.record_id, "answers": sorted(self.answers), "left": sorted(self.left)}

    def to_json(self) -> dict:
        from guidance.flows.answers import to_json_value

        data = {"source": self.source, "id": self.record_id, "label": self.label,
                "answers": to_json_value(self.answers), "left": dict(self.left)}
        if self.carried:
            data["carried"] = to_json_value(self.carried)
        return data

    @classmethod
    def from_json(cls, data: dict | None) -> "Prefill | None":
        from guidance.flows.answers import from_json_value

        if not data:
            return None
        return cls(data["source"], data["id"], data["label"], from_json_value(data.get("answers") or {}),
                   dict(data.get("left") or {}), from_json_value(data.get("carried") or {}))


def source(name: str) -> Source | None:
    """The registered source ``name``, or None."""
    module = SOURCES.get(name)
    return importlib.import_module(module).SOURCE if module else None


def source_values(name: str, record) -> dict:
    return importlib.import_module(SOURCES[name]).values(record)


def record_number_source(flow: Flow, node_id: str) -> str | None:
    """The source whose record number question ``node_id`` asks (the question its ``prefill``
    fills from the source's ``id`` field), or None."""
    for name, rules in flow.prefill.items():
        rule = rules.get(node_id)
        if rule is not None and rule.field == "id":
            return name
    return None


def check_record_number(flow: Flow, node_id: str, raw, prefill: "Prefill | None", database=None) -> None:
    """A record number the person gives: raises AnswerError unless it fits.

    A session started from a record keeps that record's number: the figures, reference and
    letters it carries are that record's, so another number (or none) would say one record and
    hold another's; the person is told how to start from the other. In a session not started
    from one, the number, if given, must name a record kept in ``database`` (not checked when
    there is none to ask). What was typed is never repeated (it may be anything)."""
    name = record_number_source(flow, node_id)
    if name is None:
        return
    found = source(name)
    text = raw.strip() if isinstance(raw, str) else ""
    if prefill is not None and prefill.source == name:
        if text.lower() != prefill.record_id.lower():
            raise AnswerError(f"this was started from {prefill.origin}, so the {found.label}'s record number stays "
                              f"{prefill.record_id}. To use another {found.label}, start again from that one "
                              f"({found.started_by.format(flow=flow.id)})", node_id)
        return
    if not text or database is None:
        return
    if not importlib.import_module(SOURCES[name]).recorded(database, text):
        raise AnswerError(f"no {found.label} is recorded with that number: check it (shown as 'Recorded as "
                          f"{found.label} ...'), or leave this empty if the {found.label} was not recorded", node_id)


def fill(flow: Flow, source_name: str, record_id: str, values: dict) -> Prefill:
    """The answers ``flow`` takes from ``values`` (one record of ``source_name``).

    Raises PrefillError when the flow declares no prefill from that source."""
    rules = flow.prefill.get(source_name)
    found = source(source_name)
    if not rules or found is None:
        raise PrefillError(f"the guided help '{flow.id}' cannot start from a {found.label if found else source_name}: "
                           f"it names no answers to fill from one")
    answers, left = {}, {}
    for node_id, rule in rules.items():
        node = flow.nodes.get(node_id)
        if not isinstance(node, Question):
            continue  # the content check reports it; it is never filled
        raw = rule.value if rule.field is None else _mapped(rule, values.get(rule.field))
        if raw is None:
            left[node_id] = "the source has no value for it"
            continue
        try:
            answers[node_id] = parse_answer(node, raw)
        except AnswerError as exc:
            left[node_id] = str(exc)
    carried = {name: values[name] for name in found.carries if name in values}
    return Prefill(source_name, record_id, found.label, answers, left, carried)


def _mapped(rule: PrefillRule, value):
    if rule.map is None or value is None:
        return value
    if isinstance(value, (list, tuple)):
        out = []
        for item in value:
            mapped = rule.map.get(str(item))
            if mapped is not None and mapped not in out:
                out.append(mapped)
        return out
    return rule.map.get(str(value))


def note(prefill: Prefill | None, node: Any, node_id: str, answer) -> str | None:
    """How an answer relates to the source: "from account audit N", "changed: account audit N
    gave 'X'", or None when the question was not filled."""
    if prefill is None or node_id not in prefill.answers:
        return None
    given = prefill.answers[node_id]
    if answer == given:
        return f"from {prefill.origin}"
    return f"changed: {prefill.origin} gave '{display(node, given)}'"
