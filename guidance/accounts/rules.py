"""Classification rules: which bank transactions are wages, tax, cash, spending a direct payment may
not buy, and so on. The team keeps them in ``content/accounts/rules.yaml``; an audit's plan adds
its payees (tried first). Matching is on whole words, any case, first rule wins; the words of a
rule may be printed joined (``PADDY POWER`` also finds ``PADDYPOWER``), since banks often drop the
spaces of a name, and a word may be printed letter by letter (``NEST`` also finds ``N E S T`` and
``N.E.S.T``, ``HMRC`` finds ``H M R C``), as some banks print initials.

``load_rules(content_dir, shown, problems)`` reads and checks the file (every problem with its
line goes to ``problems``; a file with errors gives no rules rather than half of them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from guidance.accounts.plan import OUT_KINDS, Plan
from guidance.accounts.statements import normalise
from guidance.problems import Problems
from guidance.yamlio import read_yaml_file, validate

IN_KINDS = ("council", "contribution", "refund", "other")
RULE_KINDS = OUT_KINDS + ("council", "contribution", "refund")
RULES_FILE = Path("accounts") / "rules.yaml"
DEFAULT_LARGE_TRANSFER_WEEKS = Decimal("2")
MATCHES_KEPT = 20_000  # descriptions whose matching rule is remembered
PLANS_KEPT = 256  # sets of plan payee words whose rules are kept (see ``Rules.for_plan``)


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    match: str = Field(min_length=2)
    kind: Literal[RULE_KINDS]  # type: ignore[valid-type]
    note: str = ""


class RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    large_transfer_weeks: Decimal = Field(DEFAULT_LARGE_TRANSFER_WEEKS, gt=0, le=52)
    rules: list[RuleSpec] = Field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    """One rule: ``words`` matched as whole words (with or without the spaces between them), the
    ``kind`` of money, where it came from."""

    words: str
    kind: str
    note: str
    source: str
    pattern: re.Pattern = field(compare=False, repr=False)

    @classmethod
    def make(cls, words: str, kind: str, note: str = "", source: str = "") -> "Rule":
        text = normalise(words)
        return cls(text, kind, note, source, re.compile(r"(?<![A-Z0-9])" + words_pattern(text) + r"(?![A-Z0-9])"))


def words_pattern(text: str) -> str:
    """The regular expression for a rule's words: each word as written or spelled out letter by
    letter (see ``word_pattern``), the space between two words there or not (``SKY BET`` finds
    ``SKY BET`` and ``SKYBET``)."""
    return " ?".join(map(word_pattern, text.split(" ")))


def word_pattern(word: str) -> str:
    """One word of a rule as written, or with each of its letters apart, by a space or a full
    stop (``NEST``: ``NEST``, ``N E S T`` or ``N.E.S.T``). Only the whole word spelled out counts:
    ``AT M`` is not ``ATM``, so ordinary words that happen to share letters are never found."""
    letters = [re.escape(c) for c in word]
    if len(word) < 2 or not word.isalnum():
        return "".join(letters)
    return f"(?:{''.join(letters)}|{'[ .]'.join(letters)})"


@dataclass
class Rules:
    """The ordered rules for one audit. ``match(description)`` gives the first Rule that matches."""

    rules: list[Rule]
    large_transfer_weeks: Decimal = DEFAULT_LARGE_TRANSFER_WEEKS
    then: "Rules | None" = None  # tried after these (the team's rules, behind a plan's payees)
    _cache: dict = field(default_factory=dict, repr=False)
    #: What the reconciliation makes of a row by these rules: (money in?, description) -> (kind,
    #: reason, rule source); kept here because it depends on nothing else.
    kinds: dict = field(default_factory=dict, repr=False, compare=False)
    #: The Rules for each plan's words (see ``for_plan``): ((match, kind), ...) -> Rules.
    _plans: dict = field(default_factory=dict, repr=False, compare=False)

    def match(self, description: str) -> Rule | None:
        key = normalise(description)
        if key not in self._cache:
            if len(self._cache) >= MATCHES_KEPT:
                self._cache.clear()  # a long batch of audits meets many descriptions
            found = next((r for r in self.rules if r.pattern.search(key)), None)
            self._cache[key] = found if found is not None or self.then is None else self.then.match(key)
        return self._cache[key]

    def for_plan(self, plan: Plan) -> "Rules":
        """The plan's payees and payment words, then these rules (whose matches stay cached).

        Plans that give the same words for the same kinds, in the same order, share one Rules
        (up to PLANS_KEPT of them), so what it has matched and classified is worked out once."""
        words = tuple((p.match, p.kind) for p in plan.payees)
        words += tuple((p.match, "council") for p in plan.council_payments if p.match)
        words += tuple((p.match, "contribution") for p in plan.contribution if p.match)
        kept = self._plans.get(words)
        if kept is None:
            if len(self._plans) >= PLANS_KEPT:
                self._plans.clear()
            extra = [Rule.make(match, kind, source="plan") for match, kind in words]
            kept = self._plans[words] = Rules(extra, self.large_transfer_weeks, then=self)
        return kept


def load_rules(content_dir: Path, shown, problems: Problems) -> Rules:
    """The rules in ``content_dir/accounts/rules.yaml`` (no rules if the file is missing).
    ``shown(path)`` gives the path as messages show it."""
    path = Path(content_dir) / RULES_FILE
    if not path.exists():
        return Rules([])
    name = shown(path)
    found = Problems()
    doc = read_yaml_file(path, name, found)
    spec = None
    if doc is not None:
        if not isinstance(doc.data, dict):
            found.error(name, doc.line_of(), "the rules file is a mapping with a 'rules:' list")
        else:
            spec = validate(RulesFile, doc, name, found)
    if spec is not None:
        seen: dict[str, tuple[str, int | None]] = {}
        for index, rule in enumerate(spec.rules):
            words, line = normalise(rule.match), doc.line_of("rules", index)
            if words in seen:
                kind, first = seen[words]
                message = f"'{rule.match}' is listed twice (first at line {first})"
                if kind != rule.kind:
                    found.error(name, line, message + f" as {kind} and as {rule.kind}; keep one")
                else:
                    found.warning(name, line, message)
            else:
                seen[words] = (rule.kind, line)
            if rule.kind == "excluded" and not rule.note:
                found.error(name, line, f"say why '{rule.match}' is excluded in 'note' (e.g. gambling)")
    problems.extend(found)
    if spec is None or found.errors:
        return Rules([])
    return Rules([Rule.make(r.match, r.kind, r.note, f"{name}:{doc.line_of('rules', i)}") for i, r in enumerate(spec.rules)],
                 spec.large_transfer_weeks)
