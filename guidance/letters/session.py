"""Filling a letter from a finished flow session: its answers and calculated results.

A field takes the answer to the flow step with the same name, else a calculated result with that
name (at the top level or inside a calculator's result). A field can name another source with
``session:`` in the template, such as ``session: results.sick_pay.weekly_amount``. Yes/no answers
fill choice fields as "yes" or "no".

A session started from a record (``flow run --from-audit``) carries values for its letters
(``Prefill.carried``: an account audit's reference, the day of its balance, the days statements
are missing for). A field no answer or result fills takes the carried value with its name, and
the officer's data may not give it (``carried_clash``), as with the letters made from the audit;
nor may it give a field the session's answers or results fill (change the answer instead).
"""

from __future__ import annotations

from guidance.letters.compose import LetterError
from guidance.letters.templates import LetterTemplate

_MISSING = object()


def session_values(template: LetterTemplate, answers: dict, results: dict, carried: dict | None = None) -> dict:
    """Raw values for the template's fields (unconverted; ``fill`` checks them): from the
    answers, else the results, else the values the session ``carried`` from its source."""
    values = {}
    carried = carried or {}
    for name, spec in template.meta.fields.items():
        value = _lookup(spec.session or name, answers, results)
        if value is _MISSING:
            if name not in carried:
                continue
            value = carried[name]
        if isinstance(value, bool) and spec.type == "choice":
            value = "yes" if value else "no"
        values[name] = value
    return values


def _lookup(path: str, answers: dict, results: dict):
    parts = path.split(".")
    if parts[0] in ("answers", "results") and len(parts) > 1:
        return _dig({"answers": answers, "results": results}[parts[0]], parts[1:])
    if path in answers:
        return answers[path]
    found = _dig(results, parts)
    if found is not _MISSING:
        return found
    for result in results.values():
        if isinstance(result, dict) and path in result:
            return result[path]
    return _MISSING


def _dig(data, parts: list[str]):
    for part in parts:
        if not isinstance(data, dict) or part not in data:
            return _MISSING
        data = data[part]
    return data


def session_fills(template: LetterTemplate, answers: dict, results: dict, carried: dict) -> tuple[list[str], list[str]]:
    """The fields of ``template`` the session fills, which the officer's data may not give
    (``carried_clash``), in the template's order: (those its answers or results give a value,
    those it takes from the values it carried from its source, even when empty)."""
    from_answers, from_source = [], []
    for name, spec in template.meta.fields.items():
        value = _lookup(spec.session or name, answers, results)
        if value is not _MISSING and value is not None:
            from_answers.append(name)
        elif value is _MISSING and name in carried:  # even when empty: "not missing" is the audit's to say
            from_source.append(name)
    return from_answers, from_source


def carried_clash(template: LetterTemplate, answers: dict, results: dict, carried: dict, data: dict,
                  where: str = "") -> None:
    """Raise LetterError when the officer's ``data`` gives a field of ``template`` that the session
    fills: from its answers or results (change the answer in the session instead) or from the
    values it carried from its source (an account audit). Never silently replaced, either way;
    the data gives only what the session lacks. ``where``: the data file, named in the error."""
    filled, from_carried = session_fills(template, answers, results, carried)
    from_answers = [name for name in filled if name in data]
    from_source = [name for name in from_carried if name in data]
    problems = []  # one per field, so that a command names the data file's line that gives it
    for name in sorted(from_answers):
        problems.append(f"'{name}' in the data: the session gives it from its answers; "
                        "change the answer in the session (run it again) and leave it out of the data")
    for name in sorted(from_source):
        problems.append(f"'{name}' in the data: the session was started from an account audit, which fills "
                        "this in; leave it out of the data")
    if problems:
        raise LetterError([(where, None, problem) for problem in problems])


def finished_session(session_id: str, store=None) -> tuple[dict, dict, str, dict]:
    """(answers, results, flow id, carried values) of a finished session in the user's records
    (``store``: an open sessions store to use, else the configured one is opened and closed).
    Raises LetterError."""
    return finished_session_from(session_id, store)[:4]


def finished_session_from(session_id: str, store=None) -> tuple[dict, dict, str, dict, str | None]:
    """As ``finished_session``, with the id of the account audit the session was started from
    (``flow run --from-audit``, V on the account screen), or None."""
    from contextlib import nullcontext

    from guidance.flows.session import load_state
    from guidance.records import open_store
    from guidance.records.store import FINISHED, StoreError, UnknownSession

    try:
        with (nullcontext(store) if store is not None else open_store()) as opened:
            record = opened.get(session_id)
    except UnknownSession:
        raise LetterError([("sessions", None, f"no flow session '{session_id}' (see 'guidance flow sessions')")]) from None
    except StoreError as exc:
        raise LetterError([("sessions", None, str(exc))]) from None
    if record.status != FINISHED:
        raise LetterError([("sessions", None, f"session '{session_id}' has not finished: finish the flow first, then make the letter")])
    state = load_state(record.state)
    on_trail = set(state.trail)
    answers = {node: value for node, value in state.answers.items() if node in on_trail}
    carried = dict(state.prefill.carried) if state.prefill is not None else {}
    audit_id = state.prefill.record_id if state.prefill is not None and state.prefill.source == "account_audit" else None
    return answers, dict(state.results), record.flow_id, carried, audit_id
