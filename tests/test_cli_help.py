"""Every command's --on help reads as a sentence (one shared option, worded for each command)."""

import argparse
import re

from guidance.cli import build_parser


def _parsers(parser: argparse.ArgumentParser, path=()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, path + (name,))


def test_every_on_option_says_what_the_date_is_for_in_one_sentence():
    seen = 0
    for path, parser in _parsers(build_parser()):
        for action in parser._actions:
            if "--on" in action.option_strings:
                seen += 1
                text = action.help
                assert re.search(r"\(default:? today\)$", text), (path, text)
                assert not re.search(r"\b(were|dated|made on|as on) in force\b", text), (path, text)
    assert seen >= 10
