"""The app in a browser, for officers without a terminal: textual-serve runs one app process
per browser tab (``python -m guidance``, exactly as the ``guidance`` command opens the app) and
relays it over a websocket.

It listens on loopback by default: a team puts it behind the council's reverse proxy (TLS and
sign-in there), and ``--public-url`` tells the page which address the browser really uses.
Every app process shares the records database given to the server.

What this module adds to textual-serve's server (aiohttp), because a page on any other site can
open a websocket to a server it can reach:

- the websocket is refused (403) unless its ``Origin`` is the public URL or the address the
  server listens on;
- with ``user_header`` (e.g. ``X-Forwarded-User``, set by the proxy after sign-in) every request
  must carry it, and each browser tab's app runs as that officer (``GUIDANCE_OFFICER``) and sees
  only that officer's sessions, calls and letters (``GUIDANCE_OFFICER_ONLY``), with its own
  state folder; a file the app hands to the browser is given only to the officer whose app made it;
- no folder listing under ``/static/``; every response carries a Content-Security-Policy
  (``frame-ancestors 'none'``), ``X-Frame-Options: DENY``, ``X-Content-Type-Options: nosniff``
  and ``Referrer-Policy: no-referrer``, and ``Server:`` names no versions.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import os
import re
import shlex
import sys
from pathlib import Path
from urllib.parse import urlsplit

from guidance.records.audit import ENV_OFFICER, ENV_OFFICER_ONLY

SERVER_HEADER = "guidance"
MAX_USER_LENGTH = 200
_USER = re.compile(r"[^\x00-\x1f\x7f]{1,%d}" % MAX_USER_LENGTH)


def app_command(root: Path) -> str:
    return shlex.join([sys.executable, "-m", "guidance", "--root", str(root)])


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """True for 0.0.0.0 or :: (every address of the machine)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def origin_of(url: str) -> str:
    """'https://guidance.council.example/app/' -> 'https://guidance.council.example' (what a
    browser sends as ``Origin``: scheme, host and a port other than the scheme's own)."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(scheme)
    port = parts.port
    return f"{scheme}://{host}" + (f":{port}" if port and port != default else "")


def allowed_origins(public_url: str, host: str, port: int) -> frozenset[str]:
    """The public URL's origin, and the listening address's own (with localhost for loopback)."""
    hosts = {host}
    if is_loopback(host):
        hosts |= {"localhost", "127.0.0.1", "[::1]"}
    shown = {f"[{h}]" if ":" in h and not h.startswith("[") else h for h in hosts if not is_wildcard(h)}
    return frozenset({origin_of(public_url)} | {origin_of(f"http://{h}:{port}") for h in shown})


def officer_from(headers, user_header: str | None) -> str | None:
    """The signed-in officer named by the proxy's header; None when it is missing or odd."""
    if not user_header:
        return None
    value = headers.get(user_header, "").strip()
    return value if _USER.fullmatch(value) else None


def _inline_hashes(template: str) -> list[str]:
    """CSP hashes for the page's own inline script and its onClick handlers (nothing else runs)."""
    scripts = re.findall(r"<script>(.*?)</script>", template, re.DOTALL)
    handlers = set(re.findall(r'\bon[A-Za-z]+="([^"]*)"', template))
    return ["'sha256-%s'" % base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() for text in (*scripts, *sorted(handlers))]


def content_security_policy(public_url: str, template: str) -> str:
    origin = origin_of(public_url)
    websocket = ("wss" if origin.startswith("https") else "ws") + origin[origin.index(":"):]
    hashes = " ".join(_inline_hashes(template))
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'unsafe-hashes' {hashes}",
        "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
        "font-src 'self' data: https://fonts.gstatic.com",
        "img-src 'self' data:",
        f"connect-src 'self' {websocket}",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ])


def make_server(command: str, host: str, port: int, public_url: str, user_header: str | None = None,
                state_root: Path | None = None):
    """A textual-serve ``Server`` with the checks above (see the module docstring)."""
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    class OfficerAppService(AppService):
        """One tab's app process, run as the officer the proxy named."""

        def __init__(self, *args, officer: str | None = None, **kwargs):
            super().__init__(*args, **kwargs)
            self.officer = officer

        def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
            environment = super()._build_environment(width=width, height=height)
            if self.officer is not None:
                environment[ENV_OFFICER] = self.officer
                environment[ENV_OFFICER_ONLY] = "1"
                if state_root is not None:
                    name = hashlib.sha256(self.officer.encode("utf-8")).hexdigest()[:16]
                    environment["XDG_STATE_HOME"] = str(state_root / name)
            return environment

    class GuardedServer(Server):
        def __init__(self):
            super().__init__(command, host=host, port=port, title="Guidance", public_url=public_url)
            self.origins = allowed_origins(public_url, host, port)
            template = (Path(self.templates_path) / "app_index.html").read_text(encoding="utf-8")
            self.csp = content_security_policy(public_url, template)

        async def _make_app(self) -> web.Application:
            import aiohttp_jinja2
            import jinja2

            app = web.Application(middlewares=[self._guard])
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
            app.add_routes([
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ])
            app.on_response_prepare.append(self._headers)
            app.on_startup.append(self.on_startup)
            return app

        @web.middleware
        async def _guard(self, request, handler):
            officer = officer_from(request.headers, user_header)
            if user_header and officer is None:
                raise web.HTTPUnauthorized(text=f"Sign in first: the request has no {user_header} header from the proxy.\n")
            if request.path == "/ws":
                origin = request.headers.get("Origin", "")
                if not origin or origin_of(origin) not in self.origins:
                    raise web.HTTPForbidden(text="This page may not open the app: its origin is not this server's.\n")
            return await handler(request)

        async def _headers(self, request, response) -> None:
            response.headers["Server"] = SERVER_HEADER
            response.headers["Content-Security-Policy"] = self.csp
            response.headers["X-Frame-Options"] = "DENY"
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Referrer-Policy"] = "no-referrer"

        async def on_startup(self, app) -> None:
            print(f"guidance: serving the app on {self.public_url} (Ctrl+C to stop)", flush=True)

        async def handle_download(self, request):
            key = request.match_info["key"]
            try:
                meta = await self.download_manager.get_download_metadata(key)
            except KeyError:
                raise web.HTTPNotFound(text="No such download.\n") from None
            if getattr(meta.app_service, "officer", None) != officer_from(request.headers, user_header):
                raise web.HTTPNotFound(text="No such download.\n")
            return await super().handle_download(request)

        async def handle_websocket(self, request):
            import asyncio
            import logging

            websocket = web.WebSocketResponse(heartbeat=15)
            width = _size(request.query.get("width"), 80)
            height = _size(request.query.get("height"), 24)
            service = None
            try:
                await websocket.prepare(request)
                service = OfficerAppService(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                            close=websocket.close, download_manager=self.download_manager,
                                            debug=self.debug, officer=officer_from(request.headers, user_header))
                await service.start(width, height)
                try:
                    await self._process_messages(websocket, service)
                finally:
                    await service.stop()
            except asyncio.CancelledError:
                await websocket.close()
            except Exception:
                logging.getLogger("guidance.serve").exception("the app for a browser tab stopped")
            finally:
                if service is not None:
                    await service.stop()
            return websocket

    return GuardedServer()


def _size(text: str | None, default: int) -> int:
    try:
        return min(max(int(text or default), 10), 1000)
    except ValueError:
        return default


def serve(root: Path, host: str, port: int, public_url: str, database_url: str | None = None,
          user_header: str | None = None, state_root: Path | None = None) -> int:
    if database_url:
        os.environ["GUIDANCE_DATABASE_URL"] = database_url  # the app processes inherit it
    make_server(app_command(root), host, port, public_url, user_header, state_root).serve()
    return 0
