"""``guidance serve``: the app for browsers (textual-serve), for officers without a terminal.

On loopback (the default) it is one person's app. On any other address it refuses to start
unless the council's reverse proxy names the signed-in officer in a header (``--user-header``),
or ``--insecure`` says that anyone who can reach the address may use every record.
"""

from __future__ import annotations

import re
import socket
import sys

from guidance.commands.common import CommandError, UsageError, kind_type
from guidance.kinds import Whole

_HEADER_NAME = re.compile(r"[A-Za-z0-9-]{1,64}")


def register(sub) -> None:
    parser = sub.add_parser("serve", help="run the app for web browsers (put it behind the council's reverse proxy)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: loopback only)")
    parser.add_argument("--port", type=kind_type(Whole(minimum=1, maximum=65535)), default=8000, help="port (default 8000)")
    parser.add_argument("--public-url", metavar="URL", help="the address browsers use, e.g. https://guidance.council.example")
    parser.add_argument("--user-header", metavar="NAME",
                        help="header in which the reverse proxy names the signed-in officer, e.g. X-Forwarded-User; "
                             "each officer then sees only their own sessions, calls and letters")
    parser.add_argument("--insecure", action="store_true",
                        help="listen on a non-loopback address without --user-header (anyone reaching it sees every record)")
    parser.set_defaults(func=run_serve)


def public_url(args) -> str:
    """The address browsers use: --public-url, else the listening address (the machine's name
    for 0.0.0.0 or ::, which no browser can open)."""
    from guidance.tui.serve import is_wildcard

    if args.public_url:
        url = args.public_url.strip().rstrip("/")
        if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", url):
            raise UsageError("--public-url must be an http:// or https:// address, e.g. https://guidance.council.example")
        return url
    host = socket.getfqdn() if is_wildcard(args.host) else args.host
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{args.port}"


def check_exposure(args) -> list[str]:
    """Refuse (UsageError) a non-loopback address without --user-header or --insecure; return
    the warnings to print for what is allowed."""
    from guidance.tui.serve import is_loopback, is_wildcard

    if args.user_header and not _HEADER_NAME.fullmatch(args.user_header):
        raise UsageError("--user-header must be a header name such as X-Forwarded-User")
    if not 0 < args.port < 65536:
        raise UsageError("--port must be between 1 and 65535")
    warnings = []
    if not is_loopback(args.host):
        if not args.user_header and not args.insecure:
            raise UsageError(
                f"not listening on {args.host} without sign-in: put the app behind the council's reverse proxy and give "
                "--user-header (e.g. X-Forwarded-User) naming the signed-in officer, or add --insecure if everyone "
                "who can reach this address may see every record")
        if args.insecure and not args.user_header:
            warnings.append("warning: --insecure: anyone who can reach this address can open the app and every record in it")
        if is_wildcard(args.host):
            warnings.append(f"warning: listening on every address of this machine ({args.host}); "
                            "make sure only the reverse proxy can reach the port")
    if args.user_header and not args.public_url:
        raise UsageError("--user-header needs --public-url: the address the reverse proxy serves the app on "
                         "(browsers' websockets are accepted only from it)")
    return warnings


def run_serve(args) -> int:
    from guidance.content.roots import RootError, resolve_root
    from guidance.records.database import database_url, open_database
    from guidance.records.store import StoreError

    warnings = check_exposure(args)
    url_for_browsers = public_url(args)
    try:
        root = resolve_root(getattr(args, "root", None))
    except RootError as exc:
        raise CommandError(str(exc)) from None
    url = database_url()
    try:
        open_database(url).close()  # fail here, plainly, rather than in every browser tab
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    for warning in warnings:
        print(f"guidance: {warning}", file=sys.stderr)
    print(f"guidance: open {url_for_browsers}/ in a browser", file=sys.stderr)
    from guidance.tui.serve import serve

    state_root = _state_root() if args.user_header else None
    return serve(root, args.host, args.port, url_for_browsers, url, args.user_header, state_root)


def _state_root():
    """Where each signed-in officer's app keeps its own small state files (recent pages)."""
    from pathlib import Path

    import platformdirs

    return Path(platformdirs.user_state_dir("guidance", appauthor=False)) / "officers"
