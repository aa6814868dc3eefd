"""The flow file format (``flows/<id>.yaml``), checked by pydantic when a flow is loaded.

A flow is a graph of nodes keyed by id. Routing (``next``) is either one node id or a list of
``{when: <expression>, goto: <id>}`` ending with a default ``{goto: <id>}``. Expressions and texts
are Jinja2 (sandboxed) over ``answers`` and calculated ``results``: authors never write Python.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

NODE_ID = r"^[a-z][a-z0-9_]*$"
FLOW_ID = r"^[a-z][a-z0-9_]*$"
ITEM_ID = r"^[a-z0-9][a-z0-9_-]*$"
PAGE_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"

#: Names a node may not take: in an expression ``answers.items`` would find the dict method.
RESERVED_IDS = frozenset(name for name in dir(dict) if not name.startswith("_"))

QUESTION_KINDS = ("choice", "yes_no", "number", "money", "date", "text", "several", "list")
#: Kinds whose answers cannot be listed, so path enumeration needs example answers.
OPEN_KINDS = ("number", "money", "date", "text", "list")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Route(_Strict):
    """One way out of a node: taken when ``when`` is true (no ``when``: the default)."""

    when: str | None = Field(default=None, min_length=1)
    goto: str = Field(pattern=NODE_ID)


def _routes(value):
    """``next: some_node`` is short for ``next: [{goto: some_node}]``."""
    if isinstance(value, str):
        return [{"goto": value}]
    return value


class Option(_Strict):
    value: str = Field(pattern=ITEM_ID)
    label: str = Field(min_length=1)


class Rule(_Strict):
    """A condition an answer must meet (checked with the new answer in place)."""

    rule: str = Field(min_length=1)
    message: str = Field(min_length=3)


class _Node(_Strict):
    title: str | None = Field(default=None, description="short label for graphs and summaries")
    text: str = Field(min_length=1, description="what is shown (a template over answers/results)")
    pages: list[str] = Field(default_factory=list, description="content page ids worth reading here")

    @field_validator("pages")
    @classmethod
    def _page_ids(cls, value):
        import re

        for page in value:
            if not re.match(PAGE_ID, page):
                raise ValueError(f"'{page}' is not a page id (kebab-case)")
        return value


class _Routed(_Node):
    next: list[Route] = Field(min_length=1)

    @field_validator("next", mode="before")
    @classmethod
    def _short_next(cls, value):
        return _routes(value)


class Question(_Routed):
    type: Literal["question"]
    kind: Literal["choice", "yes_no", "number", "money", "date", "text", "several", "list"]
    list_of: str | None = Field(default=None, description="for a 'list' question: the kind of list (guidance.kinds.LIST_KINDS), e.g. dated-amounts")
    help: str | None = None
    options: list[Option] = Field(default_factory=list)
    min: Decimal | None = None
    max: Decimal | None = None
    whole: bool = Field(default=False, description="number must be a whole number")
    optional: bool = Field(default=False, description="text may be left empty")
    must: list[Rule] = Field(default_factory=list)
    examples: list[Any] = Field(default_factory=list, description="answers used to enumerate paths")

    @model_validator(mode="after")
    def _options_fit_kind(self):
        if self.kind in ("choice", "several"):
            if len(self.options) < (2 if self.kind == "choice" else 1):
                raise ValueError(f"a '{self.kind}' question needs options")
            values = [o.value for o in self.options]
            if len(set(values)) != len(values):
                raise ValueError("option values must be different")
        elif self.options:
            raise ValueError(f"a '{self.kind}' question takes no options")
        if (self.min is not None or self.max is not None) and self.kind not in ("number", "money"):
            raise ValueError("min and max apply to number and money questions only")
        self._list_of_fits_kind()
        return self

    def _list_of_fits_kind(self) -> None:
        """``list_of`` goes with ``kind: list`` and names a kind of list there is."""
        from guidance.kinds import LIST_KINDS

        if self.kind != "list":
            if self.list_of is not None:
                raise ValueError(f"list_of goes with kind: list, not with a '{self.kind}' question")
            return
        if self.list_of is None:
            raise ValueError(f"a 'list' question needs list_of: one of {', '.join(sorted(LIST_KINDS))}")
        if self.list_of not in LIST_KINDS:
            raise ValueError(f"list_of: '{self.list_of}' is not a kind of list: use one of {', '.join(sorted(LIST_KINDS))}")


class Info(_Routed):
    type: Literal["info"]


class ChecklistItem(_Strict):
    id: str = Field(pattern=ITEM_ID)
    text: str = Field(min_length=1)
    page: str | None = Field(default=None, pattern=PAGE_ID)
    when: str | None = Field(default=None, min_length=1, description="shown only when true")


class Checklist(_Routed):
    type: Literal["checklist"]
    items: list[ChecklistItem] = Field(min_length=1)
    examples: list[list[str]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_items(self):
        ids = [item.id for item in self.items]
        if len(set(ids)) != len(ids):
            raise ValueError("checklist item ids must be different")
        return self


class Calculate(_Routed):
    type: Literal["calculate"]
    text: str = "Working it out"
    calculator: str = Field(min_length=1)
    inputs: dict[str, str] = Field(default_factory=dict, description="calculator input -> expression")
    store: str = Field(pattern=NODE_ID, description="name of the result in 'results'")


class Step(_Strict):
    text: str = Field(min_length=1)
    when: str | None = Field(default=None, min_length=1)


def _steps(value):
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


class TimelineEntry(_Strict):
    date: str = Field(min_length=1, description="expression giving a date")
    text: str = Field(min_length=1)
    when: str | None = Field(default=None, min_length=1)


class Signpost(_Strict):
    name: str = Field(min_length=2)
    detail: str | None = None
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    phone: str | None = None


class Outcome(_Node):
    type: Literal["outcome"]
    title: str = Field(min_length=3)
    next_steps: list[Step] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    letters: list[str] = Field(default_factory=list)
    letter_values: dict[str, str] = Field(
        default_factory=dict,
        description="letter field -> expression: figures this outcome works out for its letters (kept in 'results' under the outcome's id)")
    signposts: list[Signpost] = Field(default_factory=list)
    confidential: bool = Field(
        default=False,
        description="what this outcome says is for officers only (a misuse or fraud referral): it is never put into a letter to the person; a flow's safeguarding exit is always confidential")

    @field_validator("next_steps", mode="before")
    @classmethod
    def _short_steps(cls, value):
        return _steps(value)


class PrefillRule(_Strict):
    """How one question is filled from a source: a field of the source (``field``), its values
    turned into option values (``map``; ``~`` leaves a value out), or a fixed answer (``value``)."""

    field: str | None = Field(default=None, min_length=1)
    map: dict[str, str | None] | None = None
    value: Any = None

    @model_validator(mode="after")
    def _field_or_value(self):
        if (self.field is None) == (self.value is None):
            raise ValueError("give either 'field' (a field of the source) or 'value' (a fixed answer)")
        if self.map is not None and self.field is None:
            raise ValueError("'map' goes with 'field'")
        return self


def _prefill_schema(schema: dict) -> None:
    """Editors: a rule may also be written as just the field's name."""
    rules = schema.get("additionalProperties", {}).get("additionalProperties")
    if rules is not None:
        schema["additionalProperties"]["additionalProperties"] = {"anyOf": [{"type": "string"}, rules]}


def _prefill_rules(value):
    """``question: field`` is short for ``question: {field: field}``."""
    if isinstance(value, dict):
        return {source: ({q: ({"field": r} if isinstance(r, str) else r) for q, r in rules.items()}
                         if isinstance(rules, dict) else rules) for source, rules in value.items()}
    return value


Node = Annotated[Union[Question, Info, Checklist, Calculate, Outcome], Field(discriminator="type")]
NODE_TYPES = ("question", "info", "checklist", "calculate", "outcome")


class Flow(_Strict):
    """A decision flow (see DESIGN.md, Formats)."""

    id: str = Field(pattern=FLOW_ID)
    title: str = Field(min_length=3)
    version: int = Field(ge=1)
    audience: list[Literal["recipient", "officer"]] = Field(min_length=1)
    description: str | None = None
    description_recipient: str | None = Field(
        default=None, min_length=3,
        description="the description as a recipient reads it (speaking to them); needed when the audience includes recipients")
    start: str = Field(pattern=NODE_ID)
    safeguarding: str | None = Field(
        default=None,
        pattern=NODE_ID,
        description="node reached at any step when abuse or neglect is raised",
    )
    prefill: dict[str, dict[str, PrefillRule]] = Field(
        default_factory=dict,
        description="answers filled from a source before the session starts: source -> question id -> rule",
        json_schema_extra=_prefill_schema,
    )
    nodes: dict[str, Node] = Field(min_length=1)

    @field_validator("prefill", mode="before")
    @classmethod
    def _short_prefill(cls, value):
        return _prefill_rules(value)

    @field_validator("audience", mode="before")
    @classmethod
    def _audience_list(cls, value):
        if value == "both":
            return ["recipient", "officer"]
        return [value] if isinstance(value, str) else value

    @field_validator("nodes")
    @classmethod
    def _node_ids(cls, value):
        import re

        for key in value:
            if not re.match(NODE_ID, key):
                raise ValueError(f"node id '{key}' must be snake_case (a-z, 0-9, _)")
            if key in RESERVED_IDS:
                raise ValueError(f"node id '{key}' is reserved: choose another name")
        return value

    def node(self, node_id: str):
        return self.nodes[node_id]

    def describe(self, mode: str) -> str:
        """The description for ``mode`` ("recipient" or "officer"): a recipient reads the one
        written to them when there is one; "" when there is none."""
        if mode == "recipient" and self.description_recipient:
            return self.description_recipient
        return self.description or ""
