"""``guidance search`` and ``guidance index``: find pages, and look after the search index.

Nothing here imports the app, so a search from a cold process starts quickly.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from guidance.commands.common import CommandError, add_json_option, add_on_option, lazy_kind_type, load_base, print_json, today, warn_left_out


def _limit_kind():
    from guidance.kinds import Whole

    return Whole(minimum=1, maximum=10_000)


_positive = lazy_kind_type("whole", _limit_kind)


def register(sub) -> None:
    search = sub.add_parser("search", help="find the pages that answer a question")
    search.add_argument("query", nargs="*", help="words to search for; typos and caller words are fine")
    search.add_argument("--audience", choices=("recipient", "officer"), help="only pages for this audience")
    search.add_argument("--area", metavar="AREA", help="only pages in this area (e.g. employment)")
    search.add_argument("--limit", type=_positive, default=10, metavar="N", help="at most N results (default 10)")
    search.add_argument("--batch", metavar="FILE", help="one query a line from FILE ('-' for standard input); one JSON line out per query")
    search.add_argument("--as-you-type", action="store_true", help="treat the last word as unfinished")
    search.add_argument("--exact", action="store_true", help="search for the words as typed: no spelling correction")
    search.add_argument("--kind", action="append", choices=("page", "flow", "calculator", "letter"), metavar="KIND",
                        help="only results of this kind: page, flow (guided help), calculator or letter; repeat for several")
    add_on_option(search, "figures in snippets")
    add_json_option(search)
    search.set_defaults(func=run_search)

    index = sub.add_parser("index", help="build the search index or show where it is")
    actions = index.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser("build", help="rebuild the search index now")
    add_on_option(build, "figures")
    build.set_defaults(func=run_index_build)
    status = actions.add_parser("status", help="where the index is, its age and size")
    add_on_option(status, "figures")
    add_json_option(status)
    status.set_defaults(func=run_index_status)


def _open_searcher(base, on, progress=None):
    from guidance.search import SearchError, Searcher
    from guidance.search.store import IndexLockTimeout

    try:
        return Searcher.open(base, on, progress=progress)
    except (SearchError, IndexLockTimeout) as exc:
        raise CommandError(str(exc)) from None


def run_search(args) -> int:
    if args.batch is None and not args.query:
        raise CommandError("say what to search for, e.g. guidance search holiday pay (or use --batch FILE)")
    on = args.on or today()
    searcher = _open_unchanged(args, on)
    if searcher is not None and args.area and args.area not in (searcher.areas or ()):
        searcher.close()  # the long way checks the area against the taxonomy and says what is wrong
        searcher = None
    if searcher is None:
        base = load_base(args, needs_figures=True)
        warn_left_out(base)
        if args.area and args.area not in base.taxonomy.areas:
            raise CommandError(f"unknown area '{args.area}': choose one of {', '.join(sorted(base.taxonomy.areas))}")
        searcher = _open_searcher(base, on, _progress_printer() if sys.stderr.isatty() else None)
    with searcher:
        if args.batch is not None:
            return _run_batch(searcher, args)
        results = _search(searcher, " ".join(args.query), args)
    if args.json:
        print_json([hit.as_dict() for hit in results.hits])
        for note in _notes(results):
            print(note, file=sys.stderr)
        return 0
    _print_results(results)
    return 0


def _open_unchanged(args, on):
    """The index as last opened, when no content file changed since (no content is loaded)."""
    from guidance.content.roots import RootError, resolve_root
    from guidance.search.searcher import Searcher

    try:
        return Searcher.open_unchanged(resolve_root(getattr(args, "root", None)), on)
    except RootError:
        return None  # the full path says what is wrong with the root
    except Exception:  # any doubt about the shortcut: take the full path
        return None


def _search(searcher, text: str, args):
    from guidance.search import SearchError

    try:
        return searcher.search(text, audience=args.audience, area=args.area, limit=args.limit, as_you_type=args.as_you_type,
                               kinds=getattr(args, "kind", None), exact=getattr(args, "exact", False))
    except SearchError as exc:
        raise CommandError(str(exc)) from None


def _notes(results) -> list[str]:
    """What the searcher did with the words, said plainly; a correction is never silent."""
    notes = []
    if results.corrections:
        notes.append(f"Showing results for: {results.suggestion}")
        note = results.correction_note
        notes.append(f"{note[:1].upper()}{note[1:]}. To search for your words as typed, add --exact.")
    elif results.suggestion:
        notes.append(f"Showing results for: {results.suggestion}")
    return notes + [f"Note: {note}" for note in results.notes]


def _print_results(results) -> None:
    """Each hit with its snippet, the words matched in bold on a terminal (plain when piped or
    with NO_COLOR: never the ``**`` marks, which ``--json`` keeps for other tools)."""
    from guidance.commands.terminal_text import bold_wanted, show_bold, terminal_width, wrapped

    bold = bold_wanted(sys.stdout)
    width = terminal_width(sys.stdout)  # on a terminal, lines break between words, not inside one
    for note in _notes(results):
        print(note)
    from guidance.search.kinds import OPEN_COMMANDS, PAGE

    for number, hit in enumerate(results.hits, start=1):
        marker = "" if hit.kind == PAGE else f"{hit.kind_label}: "
        opens = hit.id if hit.kind == PAGE else f"{OPEN_COMMANDS[hit.kind]} {hit.id}"  # a page: guidance show ID
        title = f"{marker}{hit.title}  [{opens}]"
        print(wrapped(title, width, "    ", f"{number:>2}. ") if width else f"{number:>2}. {title}")
        if hit.snippet:
            snippet = show_bold(hit.snippet, bold)
            print(wrapped(snippet, width, "    ") if width else f"    {snippet}")


def _run_batch(searcher, args) -> int:
    """One JSON line per query line, in order. A line that is not UTF-8 (a binary or wrongly saved
    file) gets an error object in its place (``{"query": null, "line": N, "error": ...}``) and is
    named on standard error, so the other queries still get answers; exit 1 then."""
    try:
        handle = _stdin_bytes() if args.batch == "-" else open(args.batch, "rb")
    except OSError as exc:
        raise CommandError(f"cannot read {args.batch}: {exc.strerror}") from None
    name = "standard input" if args.batch == "-" else args.batch
    bad = 0
    with handle:
        for number, raw in enumerate(handle, start=1):
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
            except UnicodeDecodeError as exc:
                problem = f"not UTF-8 text (byte {exc.start + 1})"
                print(f"{name}:{number}: error: {problem}; line skipped", file=sys.stderr)
                sys.stdout.write(json.dumps({"query": None, "line": number, "error": problem}) + "\n")  # lines stay aligned
                bad += 1
                continue
            results = _search(searcher, text, args)
            row = {"query": text, "results": [hit.as_dict() for hit in results.hits], "suggestion": results.suggestion,
                   "corrections": [{"typed": typed, "searched": searched} for typed, searched in results.corrections.items()]}
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 1 if bad else 0


def _stdin_bytes():
    """Standard input as bytes (a replaced text stream, as in an embedding program, is encoded)."""
    if hasattr(sys.stdin, "buffer"):
        return sys.stdin.buffer
    import io

    return io.BytesIO(sys.stdin.read().encode("utf-8"))


def _progress_printer():
    """A one-line bar on standard error while pages are indexed; when standard error is not a
    terminal (a log file, a CI job), whole lines at each tenth instead of carriage returns."""
    tty = bool(getattr(sys.stderr, "isatty", lambda: False)())
    shown = [-1]

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        bar = f"Indexing pages [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        if tty:
            sys.stderr.write("\r" + bar + ("\n" if done >= total else ""))
        else:
            tenth = done * 10 // total if total else 10
            if tenth == shown[0] and done < total:
                return
            shown[0] = tenth
            sys.stderr.write(bar + "\n")
        sys.stderr.flush()

    return show


def run_index_build(args) -> int:
    from guidance.search import build_index
    from guidance.search.store import IndexLockTimeout

    base = load_base(args, needs_figures=True)
    warn_left_out(base)
    started = time.perf_counter()
    try:
        generation = build_index(base, args.on or today(), progress=_progress_printer())
    except IndexLockTimeout as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"cannot write the search index: {exc.strerror or exc}") from None
    from guidance.search.searcher import count_pages

    pages = count_pages(generation.docs)
    others = len(generation.docs) - pages
    from guidance.words import counted

    print(f"Indexed {_pages(pages)} and {counted(others, 'tool')} (guided help, calculators and letters) in "
          f"{time.perf_counter() - started:.1f} s: {generation.folder}")
    return 0


def run_index_status(args) -> int:
    from guidance.search import index_status

    base = load_base(args)
    status = index_status(base, args.on or today())
    if status.get("exists"):
        status["age_seconds"] = round(max(0.0, time.time() - status["built_mtime"]), 1)
    if args.json:
        print_json(status)
        return 0
    if not status["exists"]:
        print(f"No search index yet (it will be built in {status['folder']} on the first search, or run 'guidance index build').")
        return 0
    state = "up to date" if status["up_to_date"] else f"out of date ({_pages(len(status['changed_pages']))} changed; the next search updates it)"
    print(f"Index: {status['generation']}")
    print(f"Pages: {status['pages']}, size {status['size_bytes'] / 1024:.0f} KiB, built {_age(status['age_seconds'])} ago, {state}")
    return 0


def _pages(count: int) -> str:
    return "1 page" if count == 1 else f"{count} pages"


def _age(seconds: float) -> str:
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60)):
        if seconds >= size:
            return f"{seconds / size:.0f} {unit}"
    return f"{seconds:.0f} seconds"
