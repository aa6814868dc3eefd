"""The app in a browser, for officers without a terminal: textual-serve runs one app process
per browser tab (``python -m guidance``, exactly as the ``guidance`` command opens the app) and
relays it over a websocket.

It listens on loopback by default: a team puts it behind the council's reverse proxy (TLS and
sign-in there), and ``--public-url`` tells the page which address the browser really uses.
Every app process shares the records database given to the server.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path


def app_command(root: Path) -> str:
    return shlex.join([sys.executable, "-m", "guidance", "--root", str(root)])


def serve(root: Path, host: str, port: int, public_url: str | None = None, database_url: str | None = None) -> int:
    from textual_serve.server import Server

    if database_url:
        os.environ["GUIDANCE_DATABASE_URL"] = database_url  # the app processes inherit it
    Server(app_command(root), host=host, port=port, title="Guidance", public_url=public_url).serve()
    return 0
