"""Letter checks for ``guidance content check``: every template loads, renders from its examples,
quotes only known figures and pages, and passes the plain-language gate (see plain.py).
"""

from __future__ import annotations

import datetime as dt

from guidance.content.pages import _RATE_CALL
from guidance.letters.compose import LetterError
from guidance.letters.plain import check_letter
from guidance.letters.templates import LetterTemplate
from guidance.problems import Problems


def check_letters(base, on: dt.date, problems: Problems) -> None:
    catalogue = base.letters()
    problems.extend(base.part_problems("letters"))
    if not catalogue.templates:
        return
    style = base.style()  # its own problems are reported with the pages
    for template in catalogue.sorted_templates():
        if not _rates_known(base, template, problems):
            continue
        try:
            letter = catalogue.example(template.id, on)
        except LetterError as exc:
            for path, line, message in exc.detail:
                problems.error(path, line, f"with its example values: {message}")
            continue
        check_letter(letter, style, base.glossary, template.path, template.body_line, problems)
        if template.meta.review_by and template.meta.review_by < on:
            problems.warning(template.path, template.line_of("review_by"), f"review was due on {template.meta.review_by.isoformat()}")


def _rates_known(base, template: LetterTemplate, problems: Problems) -> bool:
    """Unknown rate keys, each with its line (rendering would stop at the first)."""
    ok = True
    for number, line in enumerate(template.body.split("\n")):
        for match in _RATE_CALL.finditer(line):
            if match.group(1) not in base.rates:
                problems.error(template.path, template.body_line + number, f"unknown rate '{match.group(1)}' (see content/rates.yaml)")
                ok = False
    return ok

