"""The ``guidance`` command. Each group of subcommands lives in ``guidance/commands/``.

Exit codes: 0 all well, 1 problems found (content errors, bad input), 2 usage errors.
The CLI never imports Textual except to open the app, so scripted use starts fast.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys

from guidance import __version__
from guidance.commands import COMMAND_MODULES
from guidance.commands.common import CommandError, UsageError


class _Parser(argparse.ArgumentParser):
    """argparse, with its error messages (which quote what was typed) made safe for a terminal.
    Subcommand parsers are made with the same class."""

    def error(self, message: str):
        super().error(printable(message))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser. Given the ``command`` being run, and a module in ``COMMAND_MODULES`` named
    after it that registers it, only that module is imported and registered: parsing the
    command's own arguments needs nothing else, and other modules' imports and options would be
    most of a cold ``guidance search``. Otherwise every command is registered (those that offer a
    ``register_brief`` by name and help only, when another command is being run: the
    calculators' options need the calculators and their rates), so ``--help`` lists them all and
    a mistyped command is told the choices."""
    own = next((name for name in COMMAND_MODULES if name.rsplit(".", 1)[1] == command), None)
    if own is not None:
        parser, sub = _top_parser()
        importlib.import_module(own).register(sub)
        if command in sub.choices:
            return parser
    parser, sub = _top_parser()
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        brief = getattr(module, "register_brief", None)
        if command is not None and brief is not None and name.rsplit(".", 1)[1] != command:
            brief(sub)
        else:
            module.register(sub)
    return parser


def _top_parser() -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    """The ``guidance`` parser with its global options, and the action subcommands are added to."""
    parser = _Parser(
        prog="guidance",
        description="Guidance for direct-payment employers and the officers who advise them.",
    )
    parser.add_argument("--version", action="version", version=f"guidance {__version__}")
    parser.add_argument(
        "--root",
        metavar="PATH",
        help="folder holding content/ and flows/ (default: $GUIDANCE_ROOT, else the bundled content)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="records database, e.g. postgresql://user@host/dbname (default: $GUIDANCE_DATABASE_URL, else a private file)",
    )
    return parser, parser.add_subparsers(dest="command", metavar="COMMAND")


def command_word(argv: list[str]) -> str | None:
    """The subcommand named in ``argv`` (the first word that is not a global option or its
    value), or None when there is none or help is asked for before it."""
    index = 0
    while index < len(argv):
        word = argv[index]
        if word in ("-h", "--help", "--version"):
            return None
        if word in ("--root", "--database"):
            index += 2
            continue
        if word.startswith("-"):
            index += 1
            continue
        return word
    return None


def printable(message: str, limit: int = 2000) -> str:
    """A message safe for a terminal: control characters shown as codes, and not endless
    (an error may quote what was typed, and what was typed may be anything)."""
    shown = "".join(ch if ch.isprintable() or ch in "\n\t" else f"\\x{ord(ch):02x}" for ch in message)
    return shown if len(shown) <= limit else shown[:limit] + f"... ({len(shown) - limit} more characters)"


#: Commands whose objects are left for the operating system to free when the process ends:
#: ``gc.freeze`` spares Python collecting them at exit (a tenth of a cold ``guidance search``).
#: Only a command that closes everything it opens belongs here (a search closes its index and
#: writes its files atomically), and only when ``main`` runs a whole process (no ``argv``).
LEFT_TO_EXIT = frozenset({"search"})


def main(argv: list[str] | None = None) -> int:
    whole_process = argv is None
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(command_word(argv))
    args = parser.parse_args(argv)
    handler = getattr(args, "func", None)
    left_to_exit = whole_process and args.command in LEFT_TO_EXIT
    if args.database:  # imported only when given: a search never opens the records
        from guidance.records.database import set_default_url

        previous = set_default_url(args.database)
    try:
        if handler is None:
            from guidance.commands.app import open_app

            return open_app(args)
        return int(handler(args) or 0)
    except UsageError as exc:
        parser.error(str(exc))  # exits 2
    except CommandError as exc:
        print(f"guidance: error: {printable(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    finally:
        if args.database:
            set_default_url(previous)
        if left_to_exit:
            gc.freeze()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
