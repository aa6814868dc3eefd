"""``guidance show ID``: one page rendered for the terminal, as it is or as a released version."""

from __future__ import annotations

import re
import sys

from guidance.commands.common import CommandError, add_json_option, add_on_option, kind_type, load_base, print_json, refuse_broken, today
from guidance.content.formatting import long_date
from guidance.kinds import Whole


def register(sub) -> None:
    show = sub.add_parser("show", help="show a page")
    show.add_argument("id", help="page id, e.g. holiday-pay")
    add_on_option(show)
    show.add_argument("--version", type=kind_type(Whole(minimum=1, maximum=1_000_000)), metavar="N", help="show the text of released version N")
    show.add_argument("--markdown", action="store_true",
                      help="print the page as Markdown, marks and all (for editors and other tools); "
                           "otherwise it is formatted on a terminal and plain text when piped")
    add_json_option(show)
    show.set_defaults(func=run_show)


def run_show(args) -> int:
    from guidance.content.export import page_record
    from guidance.content.pages import parse_page_text
    from guidance.content.release import release_of_version, version_text
    from guidance.problems import Problems

    from guidance.content.rates import FIGURES_FROM
    from guidance.content.render import RenderError
    from guidance.content.suggest import did_you_mean

    base = load_base(args)
    refuse_broken(base)
    on = args.on or today()
    page = base.pages.get(args.id)
    shown_version = None
    if args.version is not None:
        text = version_text(base, args.id, args.version)
        if text is None:
            raise CommandError(f"no released version {args.version} of page '{args.id}' is kept")
        problems = Problems()
        current = page
        page = parse_page_text(text, page.area if page else "unknown", f"{args.id} v{args.version}", problems)
        if page is None:
            raise CommandError("; ".join(str(p) for p in problems))
        shown_version = _version_note(args.version, release_of_version(base, args.id, args.version), page, current)
    if page is None:
        near = did_you_mean(args.id, base.pages)
        raise CommandError(f"no page with id '{args.id}'{near or ' (try guidance search)'}")
    try:
        base.render_body(page, on)
    except RenderError as exc:
        if on < FIGURES_FROM:  # not a broken page: the day asked for is before the figures
            raise CommandError(f"this page cannot be shown: {exc.message}") from None
        line = page.body_line + exc.line - 1 if exc.line else page.body_line
        raise CommandError(f"this page cannot be shown: {page.path}:{line}: {exc.message}") from None
    record = page_record(base, page, on)
    record["text"] = render_links(record["text"], base)
    if shown_version:
        record["shown_version"] = shown_version
    record["figures_may_change"] = base.figures_may_change(page, on)
    if args.json:
        print_json(record)
        return 0
    _print_page(record, on, args.markdown)
    return 0


def _version_note(version: int, release, page, current) -> str:
    """Which text this is: its version, the release that published it and its date."""
    if release is not None:
        when = f"released in {release.release} on {release.date.isoformat()}"
    else:
        when = "released before releases recorded page versions"
    note = f"Version {version} of this page, {when} (updated {page.meta.updated.isoformat()})."
    if current is not None and current.meta.version != version:
        note += f" The current version is {current.meta.version}."
    return note


_PAGE_LINK = re.compile(r"\[([^\]]+)\]\(page:([a-z0-9-]+)\)")


def render_links(text: str, base) -> str:
    """Links to other pages as a reader can follow them here: the words, then the page and
    the command that shows it ("[sick pay](page:ssp)" -> "sick pay (see "Sick pay": guidance show ssp)")."""

    def one(match: re.Match) -> str:
        words, target = match.group(1), match.group(2)
        page = base.pages.get(target)
        title = f'"{page.meta.title}": ' if page is not None else ""
        return f"{words} (see {title}guidance show {target})"

    return _PAGE_LINK.sub(one, text)


def _print_page(record: dict, on, markdown: bool = False) -> None:
    """The page on a terminal formatted (bold, headings, lists); piped or to a file as plain text
    with no Markdown marks; with ``markdown`` (``--markdown``) as Markdown, marks and all."""
    heading = f"# {record['title']}\n\n**{record['summary']}**\n\n"
    if record.get("figures_may_change"):
        heading = f"> Warning: {record['figures_may_change']}\n\n" + heading
    if record.get("shown_version"):
        heading = f"> {record['shown_version']}\n\n" + heading
    sources = "\n".join(f"- {s['title']}" + (f" ({s.get('url') or s.get('citation')})") for s in record["sources"])
    footer = (
        f"\n\n---\n\nVersion {record['version']}, updated {long_date(record['updated'])}, review by {long_date(record['review_by'])}. "
        f"Figures as in force on {long_date(on)}.\n\n**Sources**\n\n{sources}\n"
    )
    text = heading + record["text"] + footer
    if markdown:
        sys.stdout.write(text)
    elif sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))  # rich leaves colour out itself when NO_COLOR is set
    else:
        from guidance.commands.terminal_text import plain_text

        sys.stdout.write(plain_text(text))
