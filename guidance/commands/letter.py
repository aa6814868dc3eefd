"""``guidance letter list|render|merge``: letters and documents from the templates in content/letters.

A letter made from real values (``--data``, ``--session``, a merge row) is kept in the record of
letters issued, so it can be printed again exactly (``render --record ID``). Previews made with
``--example`` are not recorded.
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from pathlib import Path

from guidance.commands.common import CommandError, UsageError, add_json_option, add_on_option, load_base, print_json, today
from guidance.content.formatting import long_date

FORMATS = ("md", "txt", "html", "docx")


def register(sub) -> None:
    letter = sub.add_parser("letter", help="make letters and documents from the templates")
    actions = letter.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="the letter templates: id, title, version, fields")
    add_json_option(listing)
    listing.set_defaults(func=run_list)

    render = actions.add_parser("render", help="make one letter")
    render.add_argument("id", help="template id, e.g. pa-off-sick")
    source = render.add_mutually_exclusive_group()
    source.add_argument("--example", action="store_true", help="use the template's example values (a preview; not recorded)")
    source.add_argument("--data", metavar="FILE", help="values from a YAML or JSON file (with --session: values the session lacks)")
    source.add_argument("--record", metavar="LETTER", help="print again a letter issued before, exactly as sent")
    render.add_argument("--session", metavar="ID", help="values from a finished flow session")
    _output_options(render, default="md")
    render.add_argument("--out", metavar="PATH", help="write to a new file PATH, owner-only (default: the screen; needed for docx)")
    render.add_argument("--force", action="store_true", help="replace PATH if it is an existing file (never a link or device)")
    render.add_argument("--no-record", action="store_true", help="do not keep this letter in the record of letters issued")
    add_on_option(render, says="date the letter DATE, with figures in force then")
    render.set_defaults(func=run_render)

    merge = actions.add_parser("merge", help="one letter per row of a CSV file")
    merge.add_argument("id", help="template id, e.g. minimum-wage-change")
    merge.add_argument("--csv", required=True, metavar="FILE", help="first row: field names; one letter per further row")
    _output_options(merge, default="docx")
    merge.add_argument("--out", required=True, metavar="DIR", help="folder for the letters")
    merge.add_argument("--no-record", action="store_true", help="do not keep the letters in the record of letters issued")
    add_on_option(merge, says="date the letters DATE, with figures in force then")
    merge.set_defaults(func=run_merge)


def _output_options(parser, default: str) -> None:
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help=f"output format (default: what --out's name says, else {default}); must agree with --out's name")
    parser.set_defaults(default_format=default)
    parser.add_argument("--large-print", action="store_true", help="large print (18pt text in HTML and Word)")


def _catalogue(args):
    from guidance.letters.catalogue import Catalogue

    base = load_base(args, needs_figures=True)
    catalogue = Catalogue.load(base)
    for problem in catalogue.problems.errors:
        print(f"guidance: {problem}", file=sys.stderr)
    return catalogue


def run_list(args) -> int:
    catalogue = _catalogue(args)
    rows = []
    for template in catalogue.sorted_templates():
        meta = template.meta
        fields = [
            {"name": name, "type": spec.type, "required": spec.required, "label": spec.label, **({"choices": spec.choices} if spec.choices else {})}
            for name, spec in meta.fields.items()
        ]
        rows.append({"id": meta.id, "title": meta.title, "version": meta.version, "kind": meta.kind,
                     "audience": meta.audience, "purpose": meta.purpose, "fields": fields})
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No letter templates (content/letters/*.md).")
    for row in rows:
        names = ", ".join(f["name"] + ("" if f["required"] else "?") for f in row["fields"])
        print(f"{row['id']}  v{row['version']}  {row['title']}")
        print(f"    fields: {names}")
    return 0


def run_render(args) -> int:
    from guidance.letters.compose import LetterError

    if not (args.example or args.data or args.session or args.record):
        raise UsageError("say where the values come from: --data FILE, --example, --session ID or --record LETTER")
    if args.session and (args.example or args.record):
        raise UsageError("--session cannot be used with --example or --record")
    on = args.on or today()
    _check_out(args)
    try:
        if args.record:
            return _reprint(args)
        args.format = _format(args, args.default_format)
        _check_screen(args)
        catalogue = _catalogue(args)
        template = catalogue.template(args.id)
        session_id = audit_id = None
        if args.example:
            letter = catalogue.example(args.id, on)
        elif args.session:
            from guidance.letters.session import carried_clash, finished_session_from, session_values

            answers, results, _flow, carried, audit_id = finished_session_from(args.session)
            session_id = args.session
            values = session_values(template, answers, results, carried)
            data = _read_data(Path(args.data)) if args.data else {}
            data = _review_letter_data(args.id, values, carried, data, args.data, answers)
            unknown = sorted(name for name in data if name not in template.meta.fields)
            if unknown:  # a misspelt field would be left out of the letter without a word
                known = ", ".join(sorted(template.meta.fields))
                raise LetterError([("", None, f"'{name}' is not a field of this letter (its fields: {known})") for name in unknown])
            carried_clash(template, answers, results, carried, data, args.data or "")
            values.update(data)
            letter = catalogue.make(args.id, values, on, unknown="ignore", deadlines=True)
        else:
            letter = catalogue.make(args.id, _read_data(Path(args.data)), on, deadlines=True)
    except LetterError as exc:
        if args.data:
            exc = blame_data_file(exc, Path(args.data))
        raise CommandError("the letter was not made:\n  " + "\n  ".join(exc.lines())) from None
    from guidance.letters.formats import write

    output = write(letter, args.format, args.large_print)
    _emit(output, args.out, args.format, args.force)
    if not args.example and not args.no_record:
        _record(letter, template, args, output, session_id, audit_id)
    return 0


def _format(args, default: str) -> str:
    """The letter's format: what --out's name says (``letter.md`` is Markdown), else --format, else
    ``default``; a --format the name contradicts is a usage error."""
    from guidance.outnames import FormatClash, output_format

    try:
        return output_format(args.out, args.format, default, FORMATS)
    except FormatClash as exc:
        raise UsageError(f"--out: {exc}") from None


def _check_screen(args) -> None:
    if args.format == "docx" and not args.out and sys.stdout.isatty():
        raise UsageError("a Word letter cannot be shown on screen: add --out FILE.docx")


def _check_out(args) -> None:
    """Refuse an --out that would not be written before any letter is made or recorded."""
    from guidance.fileio import NotReplaced, check_output_path

    if args.out:
        try:
            check_output_path(Path(args.out), args.force)
        except NotReplaced as exc:
            raise CommandError(exc.strerror) from None


def _emit(output: bytes, out: str | None, fmt: str, force: bool = False) -> None:
    if out:
        from guidance.fileio import NotReplaced, write_output_file

        try:
            write_output_file(Path(out), output, replace=force)
        except NotReplaced as exc:
            raise CommandError(exc.strerror) from None
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc.strerror}") from None
        print(f"Wrote {out}", file=sys.stderr)
    elif fmt == "docx":
        sys.stdout.buffer.write(output)
    else:
        sys.stdout.write(output.decode("utf-8"))


def _record(letter, template, args, output: bytes, session_id, audit_id: str | None = None) -> None:
    """Record the letter as issued (``audit_id``: the account audit a review session it was
    made from was started from)."""
    from guidance.letters.issue import record_for
    from guidance.records.letters import open_letter_store
    from guidance.records.store import StoreError

    try:
        with open_letter_store() as store:
            letter_id = store.add(record_for(letter, template, args.format, args.large_print, output, session_id=session_id,
                                             audit_id=audit_id), template.source)
    except StoreError as exc:
        raise CommandError(f"the letter was made but not recorded: {exc}") from None
    print(f"Recorded as letter {letter_id} (reference {letter.reference or 'none'})", file=sys.stderr)


def _reprint(args) -> int:
    from guidance.letters.issue import reprint
    from guidance.records.letters import UnknownLetter, open_letter_store
    from guidance.records.store import StoreError

    try:
        with open_letter_store() as store:
            record = store.get(args.record)
            if record.template_id != args.id:
                raise CommandError(f"letter {args.record} was made from '{record.template_id}', not '{args.id}'")
            fmt = args.format = _format(args, record.format)
            _check_screen(args)
            letter, output, same = reprint(store, args.record, fmt, args.large_print or record.large_print)
    except UnknownLetter:
        raise CommandError(f"no letter '{args.record}' in the record of letters issued") from None
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    _emit(output, args.out, fmt, args.force)
    if same:
        print(f"Identical to the letter sent on {long_date(record.on)} (SHA-256 {record.output_sha256[:16]}...)", file=sys.stderr)
    elif fmt == record.format:
        print("warning: this copy differs from the bytes sent (the software that writes this format has changed)", file=sys.stderr)
    return 0


_FIELD_PROBLEM = re.compile(r"^(?:field '(?P<a>[^']+)'|'(?P<b>[^']+)' (?:is not a field|in the data:))")


def blame_data_file(exc, path: Path):
    """A value's problem is the data file's, at the line that gives the value (not the
    template's): ``field 'x' ...``, ``'x' is not a field ...`` and ``'x' in the data: ...`` (a
    value the session or the audit fills in) are moved there, in the file's order."""
    from guidance.letters.compose import LetterError

    lines = _data_lines(path)
    moved, others = [], []
    for where, line, message in exc.problems:
        match = _FIELD_PROBLEM.match(message)
        if match:
            name = match.group("a") or match.group("b")
            moved.append((str(path), lines.get(name), message))
        else:
            others.append((where, line, message))
    moved.sort(key=lambda problem: problem[1] or 0)
    return LetterError(moved + others)


def audit_fills_error(exc, path: Path | None, says: str = "the letter was not made") -> CommandError:
    """CommandError for ``accounts.letters.AuditFills``: each field the data gives that the audit
    fills in, at the data file's line that gives it."""
    from guidance.letters.compose import LetterError

    refused = LetterError([("", None, problem) for problem in exc.problems()])
    if path is not None:
        refused = blame_data_file(refused, path)
    return CommandError(f"{says}:\n  " + "\n  ".join(refused.lines()))


def _data_lines(path: Path) -> dict[str, int]:
    """The line each top-level key of the data file is on, from the shared YAML reader (which
    reads JSON too); empty when the file cannot be read again."""
    from guidance.yamlio import ContentYamlError, load_yaml

    try:
        doc = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ContentYamlError):
        return {}
    keys = doc.data if isinstance(doc.data, dict) else {}
    return {str(key): doc.line_of(key) for key in keys}


def _review_letter_data(template_id: str, values: dict, carried: dict, data: dict, data_path: str | None = None,
                        answers: dict | None = None) -> dict:
    """The officer's data for a letter made from a session, checked as the letters made from an
    account audit are when the session was started from one (``accounts.letters.check_review_letter``).
    Raises CommandError naming the data file."""
    from guidance.accounts.letters import AuditFills, NothingToAsk, check_review_letter

    try:
        return check_review_letter(template_id, values, carried, data, answers)
    except AuditFills as exc:
        raise audit_fills_error(exc, Path(data_path) if data_path else None) from None
    except NothingToAsk as exc:  # a provisional surplus too
        raise CommandError(f"the letter was not made: {exc}") from None


def _read_data(path: Path) -> dict:
    from guidance.yamlio import ContentYamlError, load_yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path}: not UTF-8 text") from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text, parse_float=Decimal)  # exactly as written: 1234.5, and 1e309 is not infinity
        except json.JSONDecodeError as exc:
            raise CommandError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
        if not isinstance(data, dict):
            raise CommandError(f"{path}: the values must be a JSON object: {{\"field\": value, ...}}")
    else:
        try:
            data = load_yaml(text).data
        except ContentYamlError as exc:
            raise CommandError(f"{path}:{exc.line}: {exc.message}") from None
    if not isinstance(data, dict):
        raise CommandError(f"{path}: the values must be 'field: value' lines (a mapping)")
    return data


def run_merge(args) -> int:
    from guidance.letters.compose import LetterError
    from guidance.letters.merge import MergeError, ProgressBar, merge

    on = args.on or today()
    catalogue = _catalogue(args)
    store = None
    try:
        catalogue.template(args.id)
        if not args.no_record:
            from guidance.records.letters import open_letter_store

            store = open_letter_store()
        fmt = args.format or args.default_format
        result = merge(catalogue, args.id, Path(args.csv), Path(args.out), on, fmt, args.large_print, store, ProgressBar().update)
    except (LetterError, MergeError) as exc:
        raise CommandError(str(exc)) from None
    finally:
        if store is not None:
            store.close()
    if result.ignored_columns:
        print(f"Columns not used by this letter: {', '.join(result.ignored_columns)}", file=sys.stderr)
    for row, message in result.failed:
        print(f"{args.csv}: row {row}: skipped: {message}", file=sys.stderr)
    print(result.summary() + f" (into {args.out})")
    return 1 if result.failed else 0
