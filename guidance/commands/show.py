"""``guidance show ID``: one page rendered for the terminal, as it is or as a released version."""

from __future__ import annotations

import sys

from guidance.commands.common import CommandError, add_json_option, add_on_option, load_base, print_json, refuse_broken, today


def register(sub) -> None:
    show = sub.add_parser("show", help="show a page")
    show.add_argument("id", help="page id, e.g. holiday-pay")
    add_on_option(show)
    show.add_argument("--version", type=int, metavar="N", help="show the text of released version N")
    add_json_option(show)
    show.set_defaults(func=run_show)


def run_show(args) -> int:
    from guidance.content.export import page_record
    from guidance.content.pages import parse_page_text
    from guidance.content.release import version_text
    from guidance.problems import Problems

    from guidance.content.render import RenderError
    from guidance.content.suggest import did_you_mean

    base = load_base(args)
    refuse_broken(base)
    on = args.on or today()
    page = base.pages.get(args.id)
    if args.version is not None:
        text = version_text(base, args.id, args.version)
        if text is None:
            raise CommandError(f"no released version {args.version} of page '{args.id}' is kept")
        problems = Problems()
        page = parse_page_text(text, page.area if page else "unknown", f"{args.id} v{args.version}", problems)
        if page is None:
            raise CommandError("; ".join(str(p) for p in problems))
    if page is None:
        near = did_you_mean(args.id, base.pages)
        raise CommandError(f"no page with id '{args.id}'{near or ' (try guidance search)'}")
    try:
        base.render_body(page, on)
    except RenderError as exc:
        line = page.body_line + exc.line - 1 if exc.line else page.body_line
        raise CommandError(f"this page cannot be shown: {page.path}:{line}: {exc.message}") from None
    record = page_record(base, page, on)
    if args.json:
        print_json(record)
        return 0
    _print_page(record, on)
    return 0


def _print_page(record: dict, on) -> None:
    heading = f"# {record['title']}\n\n**{record['summary']}**\n\n"
    sources = "\n".join(f"- {s['title']}" + (f" ({s.get('url') or s.get('citation')})") for s in record["sources"])
    footer = (
        f"\n\n---\n\nVersion {record['version']}, updated {record['updated']}, review by {record['review_by']}. "
        f"Figures as in force on {on.isoformat()}.\n\n**Sources**\n\n{sources}\n"
    )
    text = heading + record["text"] + footer
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        sys.stdout.write(text)
