"""What was worked out, in words for the case note and the follow-up letter (no Textual here).

A calculation or a finished flow becomes a few lines: its title, the inputs given, the figures,
and the key dates. The first line names it; the case note and the letter keep the rest as is.
"""

from __future__ import annotations

import datetime as dt

from guidance.content.formatting import long_date

SICK_END = "sick_end"
# the lines of a summary, by what they start with (written here, read back by advice_points)
INPUTS, RESULT, OUTCOME, ANSWERS, KEY_DATES = "Inputs: ", "Result: ", "Outcome: ", "Answers: ", "Key dates: "
WARNINGS = "Warnings: "
# the line marking a confidential outcome (a safeguarding exit, a misuse referral): the case note
# keeps it; letters to the person filled from the call leave the whole flow out (``for_the_person``)
CONFIDENTIAL = "For officers only: not put in letters to the person."


def _shown_input(calculator, key: str, value) -> str:
    """An input as its field's kind shows it (guidance.kinds): 2 November 2026, Monday, Tuesday
    and Wednesday, £400.00, Yes. A value its field cannot read is shown as typed."""
    try:
        field = calculator.field(key)
        return field.show(field.parse(value))
    except (KeyError, ValueError):
        return str(value).replace("_", " ")


def _input_words(calculator, key: str, value, still_off: bool) -> str:
    from guidance.calculators.shortcuts import still_off_words

    shown = _shown_input(calculator, key, value)
    return still_off_words(shown) if still_off and key == SICK_END else shown


def calculator_key_dates(calculator, inputs: dict, result: dict, still_off: bool = False) -> list[tuple[dt.date, str]]:
    """Dates a calculator worked out (its headline dates, e.g. the last day to claim), and for
    sick pay the last day of sickness it was worked out to (``still_off``: they have not come
    back, so it is never called their last day off)."""
    from guidance.calculators.presentation import label, shows

    dates = []
    for key in calculator.headline:
        value = result.get(key)
        if shows(key, result) and isinstance(value, str) and len(value) == 10:
            try:
                dates.append((dt.date.fromisoformat(value), label(key, result)))
            except ValueError:
                continue
    if SICK_END in inputs and result.get("entitled"):
        try:  # read as the form reads it: "20/11/2026" as much as "2026-11-20"
            text = "Still off: sick pay worked out to this day" if still_off else "Sick pay worked out to this day"
            dates.append((calculator.field(SICK_END).parse(inputs[SICK_END]), text))
        except (KeyError, ValueError):
            pass
    return dates


def calculation_summary(calculator, inputs: dict, result: dict, label, still_off: bool = False) -> str:
    """Title, then "Inputs: ...", "Result: ...", "Key dates: ..." and "Warnings: ..." (unusual
    inputs, figures that may change) lines. ``label(key)`` gives an input's label as the form
    shows it. ``still_off``: the last day was typed as "still off", so it shows as "still off
    (worked out to 2 December 2026)", never as the day they came back."""
    from guidance.calculators.presentation import headline

    lines = [calculator.title]
    if inputs:
        lines.append(INPUTS + "; ".join(f"{label(key)} {_input_words(calculator, key, value, still_off)}"
                                        for key, value in inputs.items()))
    figures = headline(calculator, result)
    if figures:
        lines.append(RESULT + "; ".join(f"{name} {value}" for name, value in figures))
    dates = calculator_key_dates(calculator, inputs, result, still_off)
    if dates:
        lines.append(KEY_DATES + "; ".join(f"{long_date(day)} {text}" for day, text in sorted(dates)))
    warnings = [item["warning"] for item in result.get("unusual") or ()]
    warnings += [result["figures_may_change"]] if result.get("figures_may_change") else []
    if warnings:  # what the officer was told to check goes on record with the figure
        lines.append(WARNINGS + " ".join(w if w.endswith(".") else w + "." for w in warnings))
    return "\n".join(lines)


RESULT_LIMIT = 400  # characters of an outcome's first paragraph kept as its result line


def outcome_result(summary: str) -> str:
    """The first paragraph of a flow outcome's text, on one line, without Markdown emphasis:
    where the outcome says what was worked out ("Your PA is due £256.01 Statutory Sick Pay for
    ...: 12 day(s) paid"). Cut at a sentence end within ``RESULT_LIMIT`` characters."""
    paragraph = next((p for p in summary.split("\n\n") if p.strip() and not p.lstrip().startswith("#")), "")
    text = " ".join(paragraph.replace("**", "").replace("__", "").split())
    if len(text) <= RESULT_LIMIT:
        return text
    cut = text.rfind(". ", 0, RESULT_LIMIT)
    return text[: cut + 1] if cut > 0 else text[:RESULT_LIMIT].rstrip() + "…"


def flow_key_dates(report: dict) -> list[tuple[dt.date, str]]:
    return [(dt.date.fromisoformat(row["date"]), row["text"]) for row in report.get("timeline", [])]


GUIDES = "Guides: "  # the line naming the outcome's pages, by title, joined by GUIDES_SEPARATOR
GUIDES_SEPARATOR = "; "


def flow_summary(title: str, report: dict, answers: list[dict]) -> str:
    """Title, then the outcome, the answers given (the inputs), the key dates and the guides the
    outcome points to (by title: the follow-up letter ticks them)."""
    lines = [title, OUTCOME + report["title"]]
    if report.get("confidential"):
        lines.append(CONFIDENTIAL)
    said = outcome_result(report.get("summary") or "")
    if said:
        lines.append(RESULT + said)
    if answers:
        lines.append(ANSWERS + "; ".join(f"{row['question']} {row['answer']}" for row in answers))
    dates = flow_key_dates(report)
    if dates:
        lines.append(KEY_DATES + "; ".join(f"{long_date(day)} {text}" for day, text in sorted(dates)))
    pages = [page["title"] for page in report.get("pages") or []]
    if pages:
        lines.append(GUIDES + GUIDES_SEPARATOR.join(pages))
    return "\n".join(lines)


def for_the_person(items) -> list:
    """The call's items that may be put into a letter to the person: all but the guided help
    that ended at a confidential outcome (marked by ``CONFIDENTIAL`` in its summary): a letter
    telling of a safeguarding concern or a fraud referral can put the person at risk or warn
    whoever is suspected (the flows' own advice: do not confront the person suspected, do not
    tell the person about a fraud referral)."""
    return [item for item in items if CONFIDENTIAL not in (line.strip() for line in item.title.split("\n"))]


def guide_ids(details: list[str], pages: dict) -> list[str]:
    """The page ids named on a summary's "Guides:" line, found by title in ``pages`` (id -> page);
    a title no longer in the content is left out."""
    by_title = {page.meta.title: page_id for page_id, page in pages.items()}
    found = []
    for line in details:
        if line.startswith(GUIDES):
            found += [by_title[t] for t in line[len(GUIDES):].split(GUIDES_SEPARATOR) if t in by_title]
    return found


def advice_points(items, notes: str) -> list[str]:
    """The advice points of a follow-up letter, in the caller's words, from a call.

    ``items``: the call's ``CallItem``s; ``notes``: the call notes (the first line is the
    caller's question, so it is left out). Returns the other note lines, then for each
    calculation and guided help its outcome and figures ("Statutory Sick Pay: SSP due £287.59")
    and its key dates ("Dates to remember (Statutory Sick Pay): 2 November 2026 ..."). The
    answers and inputs given stay in the case note: they are not advice. Each point once; a
    calculator worked out more than once in the call gives only its last figures (the case note
    keeps every run).
    """
    lines = [line.strip().lstrip("-•*").strip() for line in notes.splitlines()]
    points = [line for line in lines if line][1:]
    items = for_the_person(items)
    latest = {item.item_id: item for item in items if item.kind == "calculator"}
    for item in items:
        if item.kind not in ("calculator", "flow"):
            continue
        if item.kind == "calculator" and latest[item.item_id] is not item:
            continue  # worked out again later in the call: only the last figures are advice
        title, *details = [d.strip() for d in item.title.split("\n")]
        said = [d[len(prefix):] for d in details for prefix in (OUTCOME, RESULT) if d.startswith(prefix)]
        if said:
            points.append(f"{title}: " + "; ".join(said))
        points += [f"Dates to remember ({title}): {d[len(KEY_DATES):]}" for d in details if d.startswith(KEY_DATES)]
    return list(dict.fromkeys(points))
