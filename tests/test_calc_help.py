"""Each calculator's --help comes from its input declaration: every input says what it accepts
(the kind's example or choices) and the shortcuts it takes as well ("still off", hours x rate)."""

from __future__ import annotations

import re

import pytest

from guidance.calculators.registry import CALCULATORS
from guidance.calculators.shortcuts import also_accepts
from guidance.cli import main
from guidance.kinds import Choice, YesNo


def _help(capsys, name: str) -> str:
    with pytest.raises(SystemExit):
        main(["calc", name, "--help"])
    return re.sub(r"\s+", " ", capsys.readouterr().out)


def test_sick_pay_help_gives_both_shortcuts(capsys):
    text = _help(capsys, "sick-pay")
    assert "or 'still off' if they have not come back yet" in text
    assert "or hours x hourly rate, e.g. 30 x 12.71" in text


@pytest.mark.parametrize("name", sorted(CALCULATORS))
def test_every_input_says_what_it_accepts(capsys, name):
    text = _help(capsys, name)
    for field in CALCULATORS[name].fields:
        if isinstance(field.kind, YesNo):
            assert "yes or no" not in field.describe() or field.option in text  # a switch takes no value
            continue
        accepts = "one of " + ", ".join(field.kind.choices) if isinstance(field.kind, Choice) else "e.g."
        described = field.describe(also_accepts(field.name))
        assert accepts in described, (field.name, described)
        assert re.sub(r"\s+", "", described) in text.replace(" ", ""), (field.name, described)  # as wrapped
