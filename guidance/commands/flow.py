"""``guidance flow ...``: check, list, graph, paths, run and sessions."""

from __future__ import annotations

import sys
from pathlib import Path

from guidance.words import counted
from guidance.commands.common import (
    CommandError,
    add_json_option,
    add_on_option,
    load_base,
    print_json,
    today,
)


def register(sub) -> None:
    flow = sub.add_parser("flow", help="decision flows: check, draw, run and resume them")
    actions = flow.add_subparsers(dest="action", metavar="ACTION", required=True)

    check = actions.add_parser("check", help="check flows (all, or the files named) and run every path")
    check.add_argument("files", nargs="*", metavar="FILE")
    add_on_option(check, says="check as if today were DATE")
    add_json_option(check)
    check.set_defaults(func=run_check)

    listing = actions.add_parser("list", help="the flows there are")
    add_json_option(listing)
    listing.set_defaults(func=run_list)

    graph = actions.add_parser("graph", help="draw a flow (Mermaid or Graphviz dot)")
    graph.add_argument("flow_id", metavar="ID")
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    graph.set_defaults(func=run_graph)

    paths = actions.add_parser("paths", help="every path through a flow, with answers that take it")
    paths.add_argument("flow_id", metavar="ID")
    add_on_option(paths, "figures")
    add_json_option(paths)
    paths.set_defaults(func=run_paths)

    run = actions.add_parser("run", help="work through a flow (answers are saved as you go)")
    run.add_argument("flow_id", metavar="ID")
    run.add_argument("--answers", metavar="FILE", help="take the answers from a YAML file (node id: answer)")
    run.add_argument("--label", metavar="REF", help="the person's reference (case or person number, never a name) to find the session by later")
    run.add_argument("--from-audit", metavar="AUDIT", help="fill the answers the flow takes from a recorded account audit "
                     "(its number, see 'guidance account list'); each is shown and can be changed. The session is kept under "
                     "the audit's reference (a --label naming another is refused)")
    add_on_option(run, "figures")
    add_json_option(run)
    run.set_defaults(func=run_run)

    sessions = actions.add_parser("sessions", help="list, show, resume or delete saved sessions")
    what = sessions.add_subparsers(dest="what", metavar="WHAT", required=True)
    listed = what.add_parser("list", help="saved sessions, latest first")
    listed.add_argument("--active", action="store_true", help="only unfinished sessions")
    add_json_option(listed)
    listed.set_defaults(func=run_sessions_list)
    show = what.add_parser("show", help="a session's answers (and outcome if finished)")
    show.add_argument("session_id", metavar="SESSION")
    add_json_option(show)
    show.set_defaults(func=run_sessions_show)
    resume = what.add_parser("resume", help="carry on a session where it stopped")
    resume.add_argument("session_id", metavar="SESSION")
    resume.add_argument("--answers", metavar="FILE", help="take the remaining answers from a YAML file")
    add_json_option(resume)
    resume.set_defaults(func=run_sessions_resume)
    delete = what.add_parser("delete", help="delete a session and its answers")
    delete.add_argument("session_id", metavar="SESSION")
    delete.set_defaults(func=run_sessions_delete)


# -- loading ------------------------------------------------------------------------------------
def _flows(base):
    from guidance.flows.loader import load_flows
    from guidance.problems import Problems

    problems = Problems()
    flows = load_flows(base.root, problems)
    return flows, problems


def _found(base, flow_id: str):
    """The loaded flow; a file that would not load is named with its problems, not 'no flow'."""
    flows, problems = _flows(base)
    if flow_id not in flows:
        mine = [p for p in problems if Path(p.path).stem == flow_id]
        if mine:
            raise CommandError(f"flow '{flow_id}' cannot be loaded:\n" + "\n".join(str(p) for p in mine))
        known = ", ".join(sorted(flows)) or "none"
        raise CommandError(f"no flow '{flow_id}' (flows: {known})")
    return flows[flow_id]


def _runnable(base, flow_id: str):
    """The flow, refusing one whose structure is broken (missing pages do not stop a run)."""
    from guidance.flows.checker import Known, calculator_names, check_flow
    from guidance.problems import Problems

    loaded = _found(base, flow_id)
    structural = Problems()
    check_flow(loaded, Known(calculators=calculator_names()), structural, references=False)
    if structural.errors:
        raise CommandError(f"flow '{flow_id}' has errors; run 'guidance flow check':\n" + "\n".join(str(p) for p in structural.errors))
    return loaded


def _structural_errors(loaded) -> bool:
    """True when the flow's structure is broken (a step gone, a route to nowhere)."""
    from guidance.flows.checker import Known, calculator_names, check_flow
    from guidance.problems import Problems

    structural = Problems()
    check_flow(loaded, Known(calculators=calculator_names()), structural, references=False)
    return bool(structural.errors)


def _engine(base, loaded, on):
    from guidance.flows.engine import Engine

    return Engine(loaded.flow, base.rates, on)


def _store():
    from guidance.records import open_store
    from guidance.records.store import StoreError

    try:
        return open_store()
    except StoreError as exc:
        raise CommandError(str(exc)) from None


# -- check, list, graph, paths --------------------------------------------------------------------
def run_check(args) -> int:
    from guidance.flows.check import check_all, check_files
    from guidance.problems import Problems

    base = load_base(args)
    on = args.on or today()
    problems = Problems()
    if args.files:
        folders = [f for f in args.files if Path(f).is_dir()]
        if folders:
            raise CommandError(f"a folder, not a flow file: {', '.join(folders)} (name the .yaml files)")
        missing = [f for f in args.files if not Path(f).is_file()]
        if missing:
            raise CommandError(f"no such file: {', '.join(missing)}")
        flows = check_files([Path(f) for f in args.files], base, on, problems)
    else:
        flows = list(check_all(base, on, problems).values())
    problems.items.sort(key=lambda p: (p.path, p.line or 0, p.level, p.message))
    if args.json:
        print_json({"flows": len(flows), "problems": [p.as_dict() for p in problems]})
    else:
        for problem in problems:
            print(problem)
        print(f"{counted(len(flows), 'flow')} checked: {counted(len(problems.errors), 'error')}, "
              f"{counted(len(problems.warnings), 'warning')}", file=sys.stderr)
    return 1 if problems.errors else 0


def run_list(args) -> int:
    base = load_base(args)
    flows, problems = _flows(base)
    rows = [
        {"id": f.id, "title": f.flow.title, "version": f.flow.version, "audience": f.flow.audience, "nodes": len(f.flow.nodes), "path": f.path}
        for f in sorted(flows.values(), key=lambda f: f.id)
    ]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['id']:<32} v{row['version']:<3} {'/'.join(row['audience']):<18} {row['title']}")
        for problem in problems.errors:
            print(problem, file=sys.stderr)
    return 1 if problems.errors else 0


def run_graph(args) -> int:
    from guidance.flows.graph import dot, mermaid

    base = load_base(args)
    flow = _found(base, args.flow_id).flow
    sys.stdout.write(mermaid(flow) if args.format == "mermaid" else dot(flow))
    return 0


def run_paths(args) -> int:
    from guidance.flows.engine import FlowRunError
    from guidance.flows.paths import PathError, enumerate_paths

    base = load_base(args, needs_figures=True)
    loaded = _runnable(base, args.flow_id)
    on = args.on or today()
    try:
        paths = enumerate_paths(_engine(base, loaded, on))
    except (FlowRunError, PathError) as exc:
        raise CommandError(f"{loaded.path}: {exc}") from None
    if args.json:
        print_json({"flow": loaded.id, "version": loaded.flow.version, "on": on.isoformat(), "count": len(paths), "paths": [p.as_dict() for p in paths]})
        return 0
    for number, path in enumerate(paths, start=1):
        mark = " (safeguarding exit)" if path.safeguarding else ""
        print(f"{number:>3}. {path.outcome}{mark}: {' > '.join(path.nodes)}")
    print(counted(len(paths), "path"), file=sys.stderr)
    return 0


# -- running and sessions ----------------------------------------------------------------------
def _answers_file(name: str) -> tuple[dict, object]:
    from guidance.yamlio import ContentYamlError, load_yaml

    try:
        doc = load_yaml(Path(name).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CommandError(f"cannot read {name}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{name}: not UTF-8 text") from None
    except ContentYamlError as exc:
        raise CommandError(f"{name}:{exc.line}: {exc.message}") from None
    if not isinstance(doc.data, dict):
        raise CommandError(f"{name}: the answers file must be a mapping of 'node id: answer' lines")
    return doc.data, doc


def _no_unknown_answers(name: str, flow) -> None:
    """Every key of the answers file is a question of the flow; a misspelt one ('employer' for
    'employed') is named at its line with the near miss, instead of a puzzling "no answer"."""
    from guidance.content.suggest import did_you_mean

    answers, doc = _answers_file(name)
    for key in answers:
        if str(key) not in flow.nodes:
            raise CommandError(f"{name}:{doc.line_of(key) or 1}: '{key}' is not a question of this guided help"
                               f"{did_you_mean(str(key), flow.nodes)}; nothing was saved")


def _feed(session, name: str) -> None:
    """Answer from a file until the flow ends; a missing or unfitting answer says where."""
    from guidance.flows.answers import AnswerError
    from guidance.flows.schema import Checklist, Info

    answers, doc = _answers_file(name)
    for _ in range(10 * len(session.engine.flow.nodes) + 10):
        if session.finished:
            return
        node_id = session.current
        node = session.node
        prefill = session.state.prefill
        if node_id in answers:
            value = answers[node_id]
        elif prefill is not None and node_id in prefill.answers and node_id in session.state.answers:
            value = session.state.answers[node_id]  # filled from the source: kept unless the file says otherwise
        elif isinstance(node, Info):
            value = True
        elif isinstance(node, Checklist):
            value = []
        else:
            raise CommandError(f"{name}: Missing answer: {_question_text(session)} ({node_id}); session {session.id} is saved")
        try:
            session.answer(value)
        except AnswerError as exc:
            from guidance.references import without_value

            blamed = exc.node or node_id  # a later step can fail on an earlier answer: name that one
            said = without_value(str(exc), answers.get(blamed, value))  # never repeated: it may be personal
            raise CommandError(f"{name}:{doc.line_of(blamed)}: answer for '{blamed}': {said}") from None
    raise CommandError(f"{name}: the answers go round in a loop")


def _question_text(session) -> str:
    """The current question as the person sees it (figures and answers filled in), on one line."""
    from guidance.flows.engine import FlowRunError

    node = session.node
    try:
        text = session.engine.text(node.text, session.state)
    except FlowRunError:
        text = node.title or ""
    return " ".join(text.split()) or node.title or ""


def _finish(session, base, args, finished: bool) -> int:
    from guidance.flows.engine import FlowRunError
    from guidance.flows.outcome import report_text

    if not finished:
        if args.json:
            print_json({"session": session.id, "finished": False, "at": session.current})
        else:
            print(f"Stopped. Everything is saved: resume with 'guidance flow sessions resume {session.id}'.")
        return 0
    try:
        report = session.report(base)
    except FlowRunError as exc:
        raise CommandError(f"the outcome cannot be shown: {exc}") from None
    if args.json:
        print_json({"session": session.id, "finished": True, **report})
    else:
        sys.stdout.write("\n" + report_text(report))
        print(f"Session {session.id} is saved.")
    return 0


def _drive(session, base, args) -> int:
    from guidance.flows.engine import FlowRunError
    from guidance.flows.terminal import interact
    from guidance.records.store import StoreError

    try:
        if args.answers:
            _feed(session, args.answers)
            finished = True
        else:
            finished = interact(session, sys.stdin, sys.stdout)
    except FlowRunError as exc:
        raise CommandError(f"the flow went wrong at '{session.current}': {exc}") from None
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    return _finish(session, base, args, finished)


def run_run(args) -> int:
    from guidance.flows.session import Session

    base = load_base(args, needs_figures=True)
    label = _checked_label(base, args.label)
    loaded = _runnable(base, args.flow_id)
    engine = _engine(base, loaded, args.on or today())
    if args.answers:
        _no_unknown_answers(args.answers, loaded.flow)  # an unreadable file or a misspelt question stops here, before a session is saved
    prefill, reference = _from_audit(loaded.flow, args.from_audit) if args.from_audit is not None else (None, None)
    if reference is not None:
        label = _audits_label(label, reference, args.from_audit)
    with _store() as store:
        session = Session.start(engine, store, base.manifest.release, label, prefill)
        if not args.answers and not args.json:
            print(f"{loaded.flow.title} (session {session.id})")
        if prefill is not None and not args.json:
            _say_prefilled(loaded.flow, prefill)
        return _drive(session, base, args)


def _from_audit(flow, audit_id: str):
    """(the answers ``flow`` takes from recorded account audit ``audit_id``, its reference).
    Raises CommandError for an unknown audit or a flow that takes nothing from one."""
    from guidance.commands.records_support import open_db
    from guidance.flows.prefill import PrefillError, fill, source_values
    from guidance.records.accounts import AccountAuditStore, UnknownAudit

    if not audit_id.strip():
        raise CommandError("--from-audit needs an audit's number (see 'guidance account list'); nothing was saved")
    if "account_audit" not in flow.prefill:
        raise CommandError(f"the flow '{flow.id}' cannot start from an account audit: it names no answers to fill from one")
    store = AccountAuditStore(open_db())  # a database that cannot be reached is a CommandError
    try:
        record = store.get(audit_id)
    except UnknownAudit:
        raise CommandError(f"no account audit '{audit_id}' (see 'guidance account list'); nothing was saved") from None
    finally:
        store.database.close()
    try:
        return fill(flow, "account_audit", record.id, source_values("account_audit", record)), record.reference
    except PrefillError as exc:
        raise CommandError(str(exc)) from None


def _audits_label(label: str | None, reference: str, audit_id: str) -> str:
    """The label of a session started from an audit: the audit's reference. A --label naming
    another reference is refused (the session, its figures and the letters made from it are the
    audit's person's, never filed under someone else's reference)."""
    from guidance.references import same_reference

    if label is not None and not same_reference(label, reference):
        raise CommandError(f"--label {label} is not the reference of account audit {audit_id} ({reference}): a review "
                           f"started from an audit is kept under the audit's reference. Leave --label out, or give "
                           f"{reference}; nothing was saved")
    return reference


def _say_prefilled(flow, prefill) -> None:
    """Which answers came from the source, and which it could not give (to stderr)."""
    print(f"{counted(len(prefill.answers), 'answer')} filled from {prefill.origin}: each is shown when its question comes; "
          "Enter keeps it, or type another.", file=sys.stderr)
    for node_id, why in prefill.left.items():
        node = flow.nodes[node_id]
        print(f"Not filled: {node.title or node_id} ({why}).", file=sys.stderr)


def _checked_label(base, label: str | None) -> str | None:
    """A session label is the person's reference in the council's form, never a name."""
    from guidance.references import rule_for

    if label is None:
        return None
    try:
        return rule_for(base.root).check(label)
    except ValueError as exc:
        raise CommandError(f"--label: {exc}") from None


def _record(store, session_id):
    from guidance.records.store import UnknownSession

    try:
        return store.get(session_id)
    except UnknownSession:
        raise CommandError(f"no saved session '{session_id}' (see 'guidance flow sessions list')") from None


def run_sessions_resume(args) -> int:
    from guidance.flows.session import Session

    base = load_base(args, needs_figures=True)
    with _store() as store:
        record = _record(store, args.session_id)
        loaded = _runnable(base, record.flow_id)
        engine = _engine(base, loaded, record.on)
        session = Session.resume(engine, store, record.id, base.manifest.release)
        if session.note and not args.json:
            print(session.note)
        if not args.answers and not args.json:
            print(f"{loaded.flow.title} (session {session.id}, resumed)")
        return _drive(session, base, args)


def run_sessions_list(args) -> int:
    from guidance.flows.session import load_state
    from guidance.records.store import ACTIVE

    with _store() as store:
        records = store.list(status=ACTIVE if args.active else None)
    rows = [
        {"id": r.id, "flow": r.flow_id, "flow_version": r.flow_version, "content_release": r.content_release, "status": r.status,
         "steps": r.steps, "at": load_state(r.state).current, "started_at": r.started_at, "updated_at": r.updated_at, "label": r.label}
        for r in records
    ]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No saved sessions.")
    for row in rows:
        label = f"  {row['label']}" if row["label"] else ""
        print(f"{row['id']}  {row['updated_at'][:16].replace('T', ' ')}  {row['status']:<8} {row['flow']:<30} at {row['at']}{label}")
    return 0


def run_sessions_show(args) -> int:
    from guidance.flows.engine import Engine
    from guidance.flows.outcome import build_report, report_text, transcript
    from guidance.flows.session import load_state

    base = load_base(args)
    with _store() as store:
        record = _record(store, args.session_id)
        events = store.events(record.id)
    flows, _ = _flows(base)
    state = load_state(record.state)
    info = {"id": record.id, "flow": record.flow_id, "flow_version": record.flow_version, "content_release": record.content_release,
            "on": record.on.isoformat(), "status": record.status, "at": state.current, "steps": len(events) - 1}
    loaded = flows.get(record.flow_id)
    broken = loaded is not None and (_structural_errors(loaded) or any(n not in loaded.flow.nodes for n in [*state.trail, *state.answers]))
    if loaded is None or loaded.flow.version != record.flow_version or broken:
        info["answers"] = {k: str(v) for k, v in state.answers.items()}
        info["note"] = ("the flow file has errors (run 'guidance flow check'); answers shown as stored" if broken
                        else "the flow has changed or gone since; answers shown as stored")
    else:
        engine = Engine(loaded.flow, base.rates, record.on)
        info["answers"] = transcript(engine, state)
        if engine.is_finished(state):
            info["report"] = build_report(engine, state, base, record.content_release)
    if args.json:
        print_json(info)
        return 0
    print(f"Session {info['id']}: {info['flow']} v{info['flow_version']}, {info['status']}, at {info['at']}")
    if "note" in info:
        print(f"  ({info['note']})")
    if isinstance(info["answers"], list):
        for row in info["answers"]:
            print(f"  {row['question']}: {row['answer']}" + (f" ({row['source']})" if row.get("source") else ""))
    else:
        for key, value in info["answers"].items():
            print(f"  {key}: {value}")
    if "report" in info:
        sys.stdout.write("\n" + report_text(info["report"]))
    return 0


def run_sessions_delete(args) -> int:
    from guidance.records.store import UnknownSession

    with _store() as store:
        try:
            store.delete(args.session_id)
        except UnknownSession:
            raise CommandError(f"no saved session '{args.session_id}'") from None
    print(f"Deleted session {args.session_id}.")
    return 0

