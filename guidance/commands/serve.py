"""``guidance serve``: the app for browsers (textual-serve), for officers without a terminal."""

from __future__ import annotations

from guidance.commands.common import CommandError


def register(sub) -> None:
    parser = sub.add_parser("serve", help="run the app for web browsers (put it behind the council's reverse proxy)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: loopback only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--public-url", metavar="URL", help="the address browsers use, e.g. https://guidance.council.example")
    parser.set_defaults(func=run_serve)


def run_serve(args) -> int:
    from guidance.content.roots import RootError, resolve_root
    from guidance.records.database import database_url, open_database
    from guidance.records.store import StoreError

    try:
        root = resolve_root(getattr(args, "root", None))
    except RootError as exc:
        raise CommandError(str(exc)) from None
    url = database_url()
    try:
        open_database(url).close()  # fail here, plainly, rather than in every browser tab
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    from guidance.tui.serve import serve

    return serve(root, args.host, args.port, args.public_url, url)
