"""Helpers shared by the subcommands: the content root, dates, durations and JSON output."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys


class CommandError(RuntimeError):
    """A problem the user can fix (bad file, unknown id): printed plainly, exit 1."""


class UsageError(RuntimeError):
    """The command line itself is wrong: exit 2."""


def iso_date(text: str) -> dt.date:
    """argparse type for dates: 2026-04-01, or as people write them (1/4/2026, 1 April 2026),
    read by ``guidance.kinds.Date`` like every other date; "31/02/2026" says it does not exist."""
    from guidance.kinds import Date, KindError

    try:
        return Date(earliest=dt.date.min, latest=dt.date.max).parse(text)  # commands check their own spans
    except KindError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def kind_type(kind, then=None):
    """argparse type reading an option through a kind of :mod:`guidance.kinds` (the one reader of
    numbers and dates): "1e5", "+5", "1_000", "nan" and digits other than 0-9 are refused with the
    kind's message, as in every other place. ``then`` converts the value (e.g. ``float`` for a
    share stored as JSON)."""
    from guidance.kinds import KindError

    def read(text: str):
        try:
            value = kind.parse(text)
        except KindError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
        return then(value) if then else value

    read.__name__ = kind.name  # argparse names the type in its messages
    return read


def lazy_kind_type(name: str, make, then=None):
    """``kind_type`` of the kind ``make()`` returns, made (and :mod:`guidance.kinds` imported)
    only when the option is given: a command that starts often (a search) does not pay for
    every kind's set-up on each run. ``name`` is the kind's name, for argparse's messages."""

    def read(text: str):
        return kind_type(make(), then)(text)

    read.__name__ = name
    return read


MAX_SPAN_DAYS = 100 * 366


def duration_days(text: str) -> int:
    """argparse type for spans such as 30d, 6w, 3m (months count as 30 days), 1y or plain days."""
    match = re.fullmatch(r"\s*(\d+)\s*([dwmy]?)\s*", text.lower())
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a span: use e.g. 30d, 6w, 3m or 1y")
    number, unit = int(match.group(1)), match.group(2) or "d"
    days = number * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]
    if days > MAX_SPAN_DAYS:
        # Dates stop at year 9999: a span of centuries is a typing slip, not a retention period.
        raise argparse.ArgumentTypeError(f"'{text}' is too long a span: use at most 100y")
    return days


def today() -> dt.date:
    """The only place the CLI reads the clock: everything below takes an explicit date."""
    return dt.date.today()


def add_on_option(parser: argparse.ArgumentParser, what: str = "figures", *, says: str | None = None) -> None:
    """``--on DATE``: by default "show figures in force on DATE"; ``says`` gives the whole help
    for a command where the date means something else (a check's day, a letter's date)."""
    text = says if says is not None else f"show {what} in force on DATE"
    parser.add_argument("--on", type=iso_date, metavar="DATE", help=f"{text} (default: today)")


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def load_base(args, use_cache: bool = True, needs_figures: bool = False):
    """Load the content base at the chosen root; a root with no content is a clear error.

    ``needs_figures``: the command shows figures (a page, a flow, a letter), so content whose
    rates or taxonomy cannot be read is refused with where it is broken (see refuse_broken).
    """
    from guidance.content.base import ContentBase
    from guidance.content.roots import RootError, resolve_root

    try:
        root = resolve_root(getattr(args, "root", None))
    except RootError as exc:
        raise CommandError(str(exc)) from None
    base = ContentBase.load(root, use_cache=use_cache)
    if needs_figures:
        refuse_broken(base)
    return base


def refuse_broken(base, rates_only: bool = False) -> None:
    """Raise CommandError naming where, when the content as a whole cannot be used.

    ``rates_only``: only a rates file that cannot be read matters (``guidance rates``).
    """
    core = [p for p in base.core_errors() if not rates_only or p.path == base.rates.path]
    if core:
        lines = "\n".join(f"  {p}" for p in core[:5])
        raise CommandError(f"the content is broken and figures cannot be shown until this is fixed:\n{lines}")


def print_json(data) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def warn_left_out(base) -> None:
    """Say on stderr when broken files were left out, so a script's output is not taken as whole."""
    broken = sorted({p.path for p in base.problems.errors})
    if broken:
        from guidance.words import counted

        one = len(broken) == 1
        print(
            f"guidance: warning: {counted(len(broken), 'content file')} {'has' if one else 'have'} errors and "
            f"{'was' if one else 'were'} left out "
            f"(first: {broken[0]}); run 'guidance content check'",
            file=sys.stderr,
        )
