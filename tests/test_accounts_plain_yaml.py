"""The quick reader for plain plan YAML (``guidance.accounts.plain_yaml``) gives exactly the data
the safe loaders give, or leaves the text to them: never different data.

Every text below is read three ways: by the quick reader, by the project's loader
(``guidance.yamlio.load_yaml``) and by PyYAML's own pure-Python ``SafeLoader`` (dates kept as
text, as the project keeps them). Where the quick reader gives data it must be the same, type for
type (``1`` is not ``True``, ``"8"`` is not ``8``), and the loaders must both accept the text.
"""

from __future__ import annotations

import random

import pytest
import yaml

from guidance.accounts.plain_yaml import NOT_PLAIN, plain_data
from guidance.accounts.plan import PlanError, load_plan
from guidance.yamlio import ContentYamlError, load_yaml

from accounts_support import Account, random_account


class _SafeTextDates(yaml.SafeLoader):
    """``yaml.safe_load``'s rules, with timestamps kept as their text (as plans keep them)."""


_SafeTextDates.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _typed(value):
    """``value`` with the type of every part beside it, so that 1 and True, 8 and "8" differ."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, value)


def _check(text: str) -> bool:
    """Assert the quick reader agrees with both loaders; True when it read the text itself."""
    quick = plain_data(text)
    if quick is NOT_PLAIN:
        return False
    try:
        project = load_yaml(text).data
    except ContentYamlError as exc:
        raise AssertionError(f"the quick reader read a text the project's loader refuses ({exc}):\n{text}") from None
    assert _typed(quick) == _typed(project), text
    assert _typed(quick) == _typed(yaml.load(text, Loader=_SafeTextDates)), text
    return True


PLAN = """\
# Plan for an audit
reference: DP-004512   # from the case system
period:
  from: 2026-04-06
  to: '2026-10-04'
council_payments:
- from: 2026-04-06
  amount: "1920.00"
  every: 4 weeks
  match: NORTHFIELD COUNCIL
contribution:
  - from: 2026-04-06
    amount: '35.00'
    every: 1 week

suspensions:
  -   from: 2026-07-01
      to: 2026-07-21
      reason: hospital (planned)
contingency_weeks: 8
owed: '0.00'
payees:
- match: A JONES
  kind: wages
- match: "O'NEIL & SONS, CARE"
  kind: agency
- match: 'MR P O''NEIL'
  kind: wages
household:
- B CLIENT
- 'C CLIENT'
"""


def test_a_plan_with_comments_quotes_and_every_list_style_is_read_quickly():
    assert _check(PLAN)
    assert plain_data(PLAN)["payees"][2] == {"match": "MR P O'NEIL", "kind": "wages"}


def test_generated_plans_are_read_quickly_and_the_same():
    rng = random.Random(7)
    for number in range(100):
        plan = random_account(rng, number).plan
        for options in ({}, {"indent": 4}, {"default_flow_style": False, "width": 30}):
            assert _check(yaml.safe_dump(plan, sort_keys=False, **options)), plan
    assert _check(yaml.safe_dump(Account.base().plan, sort_keys=False))


#: Values a plan may hold, many of which YAML reads as something other than text unless quoted.
WORDS = ["A JONES", "O'NEIL", "M&S", "yes", "no", "on", "off", "true", "null", "~", "", " ", "1920.00", "8", "010",
         "0x1F", "1_000", "1:30", "2026-04-06", "2026-4-6", "6/4/2026", "a: b", "a:b", "# x", "a #b", "a#b", "-x", "- x",
         "[x]", "{x}", "x,y", "*x", "&x", "!x", "|", ">", "%x", "@x", "`x", "\"q\"", "back\\slash", "JOS\u00c9",
         "\u00a3120.00", "two  spaces", " lead", "trail ", "x" * 90, "line\nbreak", "tab\there", "\u00a0nbsp", "="]


PLAIN_WORDS = ["A JONES", "4 weeks", "2026-04-06", "35.00", "1920.00", 8, 0, "hospital", "wages", "DP-004512", "O'NEIL"]


def _value(rng: random.Random):
    """Mostly what plans hold; now and then something odd."""
    pick = rng.random()
    if pick < 0.9:
        return rng.choice(PLAIN_WORDS)
    if pick < 0.97:
        return rng.choice(WORDS)
    return rng.choice([1, 52, 10**20, -3, 8.5, True, False, None, [], {}])


def test_plans_of_many_shapes_are_read_the_same_or_left_to_the_full_reader():
    """Plans with every field, odd values, lists empty and long, dumped in several styles."""
    rng = random.Random(3)
    quick = 0
    for _ in range(1500):
        payment = lambda: {"from": _value(rng), "amount": _value(rng), "every": _value(rng),  # noqa: E731
                           **({"match": _value(rng)} if rng.random() < 0.5 else {})}
        plan = {"reference": _value(rng), "period": {"from": _value(rng), "to": _value(rng)},
                "council_payments": [payment() for _ in range(rng.randrange(1, 3))],
                "contribution": [payment() for _ in range(rng.randrange(1, 3))],
                "suspensions": [{"from": _value(rng), "to": _value(rng), "reason": _value(rng)} for _ in range(rng.randrange(1, 3))],
                "contingency_weeks": _value(rng), "owed": _value(rng),
                "payees": [{"match": _value(rng), "kind": _value(rng)} for _ in range(rng.randrange(1, 4))],
                "household": [_value(rng) for _ in range(rng.randrange(1, 3))]}
        for key in rng.sample(sorted(plan), rng.randrange(0, 3)):
            del plan[key]
        options = rng.choice([{}, {"indent": 4}, {"default_flow_style": None}, {"width": 20}, {"allow_unicode": True},
                              {"default_style": "'"}, {"default_style": '"'}, {"explicit_start": True}])
        quick += _check(yaml.safe_dump(plan, sort_keys=False, **options))
    assert quick > 100


@pytest.mark.parametrize("old, new", [
    ("contingency_weeks: 8", "contingency_weeks: 8.5"),  # a float
    ("contingency_weeks: 8", "contingency_weeks: 010"),  # octal in YAML 1.1
    ("contingency_weeks: 8", "contingency_weeks: 1_0"),
    ("contingency_weeks: 8", "contingency_weeks: 0x8"),
    ("contingency_weeks: 8", "contingency_weeks: 1:30"),  # base 60 in YAML 1.1
    ("contingency_weeks: 8", "contingency_weeks: -8"),
    ("contingency_weeks: 8", "contingency_weeks: +8"),
    ("contingency_weeks: 8", "contingency_weeks: yes"),
    ("contingency_weeks: 8", "contingency_weeks: ~"),
    ("contingency_weeks: 8", "contingency_weeks: null"),
    ("contingency_weeks: 8", "contingency_weeks:"),
    ("contingency_weeks: 8", "contingency_weeks: .inf"),
    ("owed: '0.00'", "owed: 0.00"),
    ("owed: '0.00'", "owed: '0.00"),  # unclosed
    ("owed: '0.00'", "owed: '0.00'x"),
    ("owed: '0.00'", 'owed: "0.\\x30"'),  # an escape
    ("owed: '0.00'", "owed: !!str 0.00"),
    ("owed: '0.00'", "owed: &a '0.00'"),
    ("owed: '0.00'", "owed: |\n  0.00"),
    ("owed: '0.00'", "owed: >\n  0.00"),
    ("owed: '0.00'", "owed: '0.\n  00'"),  # quoted over two lines
    ("reference: DP-004512   # from the case system", "reference: DP-004512\n  MORE"),  # runs on
    ("reference: DP-004512   # from the case system", "reference: DP-004512\nreference: DP-1"),  # twice
    ("reference: DP-004512   # from the case system", "reference: [DP-004512]"),
    ("reference: DP-004512   # from the case system", "reference: {a: b}"),
    ("reference: DP-004512   # from the case system", "reference: DP: 004512"),
    ("reference: DP-004512   # from the case system", "reference: DP-004512:"),
    ("reference: DP-004512   # from the case system", "reference: DP#004512"),
    ("reference: DP-004512   # from the case system", "reference:\tDP-004512"),
    ("reference: DP-004512   # from the case system", "reference: DP\u00a0004512"),
    ("reference: DP-004512   # from the case system", "reference: DP\u2028004512"),
    ("reference: DP-004512   # from the case system", "reference: JOSÉ"),
    ("reference: DP-004512   # from the case system", "'reference': DP-004512"),
    ("reference: DP-004512   # from the case system", "? reference\n: DP-004512"),
    ("reference: DP-004512   # from the case system", "on: DP-004512"),  # a key read as true
    ("reference: DP-004512   # from the case system", "<<: {a: b}"),
    ("# Plan for an audit", "---"),
    ("# Plan for an audit", "%YAML 1.1\n---"),
    ("  to: '2026-10-04'", "   to: '2026-10-04'"),  # indented unlike its mapping
    ("  to: '2026-10-04'", " to: '2026-10-04'"),
    ("  kind: wages", "  kind: wages\n   x: y"),
    ("  kind: wages", "kind: wages"),
    ("- B CLIENT", "- - B CLIENT"),
    ("- B CLIENT", "-\n  B CLIENT"),
    ("- B CLIENT", "- B CLIENT\n  C CLIENT"),
    ("- B CLIENT", "- 'B' # x"),
    ("- B CLIENT", "- *a"),
    ("- B CLIENT", "- 2026-04-06"),
    ("- B CLIENT", "- 2026-04-06 10:00:00"),
])
def test_texts_outside_the_plain_subset_are_never_read_differently(old, new):
    assert old in PLAN
    _check(PLAN.replace(old, new))


def test_texts_the_full_reader_refuses_are_left_to_it():
    for text in ("", "# only a comment\n", "- a\n- b\n", "just words\n", "a: b\n\ta: c\n", "a: b\r\nc: d\n",
                 "\ufeffa: b\n", "a: b\n...\n", "a: b\nb: c\na: d\n", "a:\n  - b\n c: d\n"):
        assert plain_data(text) is NOT_PLAIN or _check(text), text


def test_changed_plans_are_read_the_same_or_left_to_the_full_reader():
    """Many small slips in a plan (a character added, taken out or swapped; a line moved in or
    out): the quick reader reads each the same as the loaders or leaves it to them."""
    rng = random.Random(16)
    marks = list(" \t\n:-'\"#&*!|>{}[],?%@`~\\.0123456789aYZ\u00a3\u00a0\u00e9")
    quick = 0
    for _ in range(3000):
        text = PLAN
        for _change in range(rng.randint(1, 3)):
            at = rng.randrange(len(text))
            how = rng.random()
            if how < 0.4:
                text = text[:at] + rng.choice(marks) + text[at:]
            elif how < 0.7:
                text = text[:at] + text[at + 1:]
            elif how < 0.85:
                text = text[:at] + rng.choice(marks) + text[at + 1:]
            else:
                lines = text.split("\n")
                n = rng.randrange(len(lines))
                lines[n] = "  " + lines[n] if rng.random() < 0.5 else lines[n][1:]
                text = "\n".join(lines)
        quick += _check(text)
    assert quick > 800  # most slips still leave plain YAML, read quickly


@pytest.mark.parametrize("old, new", [("", ""), ("reference: DP-004512", "reference: dp-004512")])
def test_a_plan_read_quickly_is_the_plan_read_the_full_way(tmp_path, monkeypatch, old, new):
    """The same plan, the reference in its canonical form either way."""
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.replace(old, new) if old else PLAN, encoding="utf-8")
    quick = load_plan(path)
    monkeypatch.setattr("guidance.accounts.plan.plain_data", lambda text: NOT_PLAIN)
    assert load_plan(path) == quick and quick.reference == "DP-004512"


def test_a_plain_plan_is_not_parsed_by_pyyaml_and_one_with_a_mistake_is(tmp_path, monkeypatch):
    """The quick way is taken for a plain plan; a plan with a mistake is read the full way, so its
    problems are named with their lines as they always were."""
    import guidance.accounts.plan as plan_module

    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    full = plan_module.read_yaml_file
    calls = []
    monkeypatch.setattr(plan_module, "read_yaml_file", lambda *a, **k: calls.append(a) or full(*a, **k))
    load_plan(path)
    assert calls == []
    path.write_text(PLAN.replace("every: 4 weeks", "every: 3 weeks"), encoding="utf-8")
    with pytest.raises(PlanError) as err:
        load_plan(path)
    assert len(calls) == 1 and any(p.line == 9 and "every" in p.message for p in err.value.problems.errors)


def test_plans_sharing_parts_share_them_and_are_the_plans_read_the_full_way(tmp_path, monkeypatch):
    """Two plans with the same payment lines and payees (a batch): each part is made once and
    shared (parts are frozen); each plan is the plan the full way reads."""
    first, second = tmp_path / "one.yaml", tmp_path / "two.yaml"
    first.write_text(PLAN, encoding="utf-8")
    second.write_text(PLAN.replace("DP-004512", "DP-004513").replace("hospital (planned)", "respite"), encoding="utf-8")
    one, two = load_plan(first), load_plan(second)
    assert one.council_payments[0] is two.council_payments[0] and one.payees[1] is two.payees[1]
    assert one.suspensions[0] is not two.suspensions[0] and two.suspensions[0].reason == "respite"
    monkeypatch.setattr("guidance.accounts.plan.plain_data", lambda text: NOT_PLAIN)
    assert (load_plan(first), load_plan(second)) == (one, two)
