"""What a finished flow gives the person: the outcome, their checklist, dates, pages and letters.

The report is plain data (JSON-ready) so the CLI, the TUI and the records all show the same thing,
and it carries the flow version and content release it was made with.
"""

from __future__ import annotations

import datetime as dt
import re

from guidance.content.formatting import long_date
from guidance.flows.answers import display, to_json_value
from guidance.flows.engine import Engine, FlowRunError, State
from guidance.flows.expressions import ExpressionError, _as_date, evaluate, render_text, truth
from guidance.flows.prefill import note
from guidance.flows.schema import Calculate, Checklist, Outcome, Question


def _render(engine: Engine, source: str, context: dict, where: str) -> str:
    try:
        return render_text(source, engine.rates, engine.on, context).strip()
    except ExpressionError as exc:
        raise FlowRunError(f"{where}: {exc}") from None


def _when(source: str | None, context: dict, where: str) -> bool:
    if source is None:
        return True
    try:
        return truth(source, context)
    except ExpressionError as exc:
        raise FlowRunError(f"{where}: {exc}") from None


def transcript(engine: Engine, state: State) -> list[dict]:
    """Each question on the trail with the answer given, in the order asked."""
    context = engine.context(state)
    rows = []
    for node_id in state.trail:
        node = engine.node(node_id)
        if isinstance(node, (Question, Checklist)) and node_id in state.answers:
            question = _render(engine, node.title or node.text, context, f"node '{node_id}'")
            row = {"node": node_id, "question": question, "answer": display(node, state.answers[node_id])}
            source = note(state.prefill, node, node_id, state.answers[node_id])
            if source:
                row["source"] = source
            rows.append(row)
    return rows


def checklists(engine: Engine, state: State) -> list[dict]:
    """Every checklist on the trail split into what is done and what is left."""
    context = engine.context(state)
    out = []
    for node_id in state.trail:
        node = engine.node(node_id)
        if not isinstance(node, Checklist):
            continue
        ticked = set(state.answers.get(node_id, []))
        items = []
        for item in node.items:
            if not _when(item.when, context, f"node '{node_id}' item '{item.id}'"):
                continue
            text = _render(engine, item.text, context, f"node '{node_id}' item '{item.id}'")
            items.append({"id": item.id, "text": text, "page": item.page, "done": item.id in ticked})
        title = _render(engine, node.title or node.text, context, f"node '{node_id}'")
        out.append({"node": node_id, "title": title, "items": items})
    return out


def timeline(engine: Engine, node: Outcome, node_id: str, context: dict) -> list[dict]:
    rows = []
    for index, entry in enumerate(node.timeline):
        where = f"node '{node_id}' timeline {index + 1}"
        if not _when(entry.when, context, where):
            continue
        try:
            day = _as_date(evaluate(entry.date, context))
        except (ExpressionError, ValueError) as exc:
            raise FlowRunError(f"{where}: date: {exc}") from None
        rows.append({"date": day, "text": _render(engine, entry.text, context, where)})
    rows.sort(key=lambda row: row["date"])
    return rows


def _pages(engine: Engine, state: State, node: Outcome, base) -> list[dict]:
    """The outcome's pages first, then pages met on the way, each once."""
    ids: list[str] = list(node.pages)
    for node_id in state.trail:
        for page in engine.node(node_id).pages:
            if page not in ids:
                ids.append(page)
    out = []
    for page_id in ids:
        page = base.pages.get(page_id) if base is not None else None
        out.append({
            "id": page_id,
            "title": page.meta.title if page else page_id,
            "version": page.meta.version if page else None,
        })
    return out


def build_report(engine: Engine, state: State, base=None, release: str | None = None) -> dict:
    """The finished session as data. Raises FlowRunError if the flow's own texts are broken."""
    node_id = state.current
    node = engine.node(node_id)
    if not isinstance(node, Outcome):
        raise FlowRunError(f"the session has not reached an outcome (it is at '{node_id}')")
    context = engine.context(state)
    where = f"node '{node_id}'"
    steps = [
        _render(engine, step.text, context, where)
        for step in node.next_steps
        if _when(step.when, context, f"{where} next step")
    ]
    results = {}
    for trail_id in state.trail:
        trail_node = engine.node(trail_id)
        if isinstance(trail_node, Calculate) and trail_node.store in state.results:
            results[trail_node.store] = to_json_value(state.results[trail_node.store])
    return {
        "flow": engine.flow.id,
        "flow_version": engine.flow.version,
        "content_release": release,
        "on": engine.on.isoformat(),
        "outcome": node_id,
        "title": _render(engine, node.title, context, where),
        "summary": _render(engine, node.text, context, where),
        "next_steps": steps,
        "timeline": [{"date": row["date"].isoformat(), "text": row["text"]} for row in timeline(engine, node, node_id, context)],
        "checklists": checklists(engine, state),
        "pages": _pages(engine, state, node, base),
        "letters": list(node.letters),
        "confidential": node.confidential or node_id == engine.flow.safeguarding,
        "signposts": [s.model_dump(exclude_none=True) for s in node.signposts],
        "answers": transcript(engine, state),
        "results": results,
        "path": list(state.trail),
        "figures_may_change": figures_may_change(engine, state, bool(results)),
        "unusual": unusual_answers(engine, state, getattr(getattr(base, "settings", None), "unusual", None)),
        **({"prefill": {"source": state.prefill.source, "id": state.prefill.record_id, "from": state.prefill.origin}}
           if state.prefill is not None else {}),
    }


_FIGURE_CALL = re.compile(r"\b(?:rate|rule|rate_value|has_rate)\s*\(")


def figures_may_change(engine: Engine, state: State, calculated: bool) -> str | None:
    """When the flow used figures (a calculator ran, or its texts or conditions quote one) for a
    day after they are known to be right (the day it runs on, or a date answered): the warning
    that they may change (``Rates.may_change``); else None."""
    may_change = getattr(engine.rates, "may_change", None)
    if may_change is None:
        return None
    if not calculated and not _FIGURE_CALL.search(engine.flow.model_dump_json()):
        return None
    days = [engine.on] + [v for v in state.answers.values() if isinstance(v, dt.date)]
    return may_change(max(days))


def unusual_answers(engine: Engine, state: State, unusual) -> list[str]:
    """A warning for each value a calculator of the flow was given outside the bounds the
    settings set (``unusual`` in settings.yaml; see :mod:`guidance.calculators.unusual`), in
    the order the calculators ran; none without bounds."""
    from guidance.calculators.common import CalculatorError
    from guidance.calculators.registry import CALCULATORS, read_inputs
    from guidance.calculators.unusual import unusual_inputs

    if unusual is None:
        return []
    found: list[str] = []
    context = engine.context(state)
    for node_id in state.trail:
        node = engine.node(node_id)
        calculator = CALCULATORS.get(node.calculator) if isinstance(node, Calculate) else None
        if calculator is None:
            continue
        try:
            values = read_inputs(calculator, {key: evaluate(source, context) for key, source in node.inputs.items()}, engine.on)
        except (CalculatorError, ExpressionError):
            continue  # the calculation itself says what is wrong
        found += [item["warning"] for item in unusual_inputs(calculator, values, engine.on, unusual)
                  if item["warning"] not in found]
    return found


def report_text(report: dict) -> str:
    """The report as plain text for the terminal (and to read out on the phone)."""
    lines = [report["title"], "=" * len(report["title"]), "", report["summary"], ""]
    if report.get("figures_may_change"):
        lines += [f"Warning: {report['figures_may_change']}", ""]
    lines += [f"Check: {warning}" for warning in report.get("unusual") or ()]
    lines += [""] if report.get("unusual") else []
    if report.get("prefill"):
        changed = [row["question"] for row in report.get("answers", []) if row.get("source", "").startswith("changed")]
        lines += [f"Started from {report['prefill']['from']}" + (f"; changed: {', '.join(changed)}." if changed else "."), ""]
    if report["timeline"]:
        lines.append("Key dates")
        for row in report["timeline"]:
            lines.append(f"  {long_date(dt.date.fromisoformat(row['date']))}: {row['text']}")
        lines.append("")
    for checklist in report["checklists"]:
        done = [i for i in checklist["items"] if i["done"]]
        left = [i for i in checklist["items"] if not i["done"]]
        lines.append(f"{checklist['title']}: {len(done)} done, {len(left)} left")
        for item in done:
            lines.append(f"  [x] {item['text']}")
        for item in left:
            lines.append(f"  [ ] {item['text']}" + (f"  (see page:{item['page']})" if item["page"] else ""))
        lines.append("")
    if report["next_steps"]:
        lines.append("What to do next")
        lines.extend(f"  {n}. {step}" for n, step in enumerate(report["next_steps"], start=1))
        lines.append("")
    if report["pages"]:
        lines.append("Read more")
        lines.extend(f"  {p['title']} (page:{p['id']})" for p in report["pages"])
        lines.append("")
    if report["letters"]:
        lines.append("Letters offered: " + ", ".join(report["letters"]))
        lines.append("")
    if report["signposts"]:
        lines.append("Who can help")
        for sign in report["signposts"]:
            extra = " ".join(x for x in (sign.get("detail"), sign.get("phone"), sign.get("url")) if x)
            lines.append(f"  {sign['name']}" + (f": {extra}" if extra else ""))
        lines.append("")
    lines.append(f"(Flow {report['flow']} version {report['flow_version']}, content release {report['content_release']})")
    return "\n".join(lines) + "\n"

