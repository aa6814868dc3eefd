"""``guidance serve`` keeps other sites and other officers out: the websocket's Origin, the
proxy's user header, per-officer records, security headers, no listings, no versions."""

from __future__ import annotations

import argparse
import shlex
import sys

import pytest
from aiohttp import WSServerHandshakeError
from aiohttp.test_utils import TestClient, TestServer

from guidance.cli import main
from guidance.tui.serve import allowed_origins, make_server, origin_of

PUBLIC = "https://guidance.council.example"


def _command(tmp_path) -> str:
    """An 'app' that writes down who it runs as, then ends (the websocket then closes)."""
    out = tmp_path / "seen.txt"
    code = (f"import os; open({str(out)!r}, 'a').write(os.environ.get('GUIDANCE_OFFICER', '-') + '|' "
            f"+ os.environ.get('GUIDANCE_OFFICER_ONLY', '-') + '|' + os.environ.get('XDG_STATE_HOME', '-') + chr(10))")
    return shlex.join([sys.executable, "-c", code])


async def _client(tmp_path, user_header="X-Forwarded-User"):
    server = make_server(_command(tmp_path), "127.0.0.1", 8000, PUBLIC, user_header, tmp_path / "state")
    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    return client


async def _handshake(client, headers, seen=None) -> int:
    import asyncio

    try:
        ws = await client.ws_connect("/ws?width=80&height=24", headers=headers)
    except WSServerHandshakeError as exc:
        return exc.status
    for _ in range(3000):  # the app writes down who it runs as, then ends
        if seen is None or seen.exists():
            break
        await asyncio.sleep(0.02)
    await ws.close()
    return 101


async def test_a_websocket_from_another_site_is_refused(tmp_path):
    client = await _client(tmp_path)
    try:
        signed_in = {"X-Forwarded-User": "alice"}
        assert await _handshake(client, {**signed_in, "Origin": "https://evil.example"}) == 403
        assert await _handshake(client, {**signed_in, "Origin": "null"}) == 403
        assert await _handshake(client, signed_in) == 403  # no Origin at all
        assert await _handshake(client, {**signed_in, "Origin": "https://guidance.council.example.evil.example"}) == 403
        assert not (tmp_path / "seen.txt").exists()  # no app was started for any of them
        assert await _handshake(client, {**signed_in, "Origin": PUBLIC}, tmp_path / "seen.txt") == 101
    finally:
        await client.close()
    officer, only, state = (tmp_path / "seen.txt").read_text().strip().split("|")
    assert (officer, only) == ("alice", "1") and state.startswith(str(tmp_path / "state"))


async def test_every_request_needs_the_proxy_user_header(tmp_path):
    client = await _client(tmp_path)
    try:
        for path in ("/", "/static/js/textual.js"):
            response = await client.get(path)
            assert response.status == 401
        assert await _handshake(client, {"Origin": PUBLIC}) == 401
        assert await _handshake(client, {"Origin": PUBLIC, "X-Forwarded-User": "a" * 300}) == 401
        response = await client.get("/", headers={"X-Forwarded-User": "alice"})
        assert response.status == 200 and "wss://guidance.council.example/ws" in await response.text()
    finally:
        await client.close()


async def test_no_listing_under_static_and_security_headers_without_versions(tmp_path):
    client = await _client(tmp_path)
    signed_in = {"X-Forwarded-User": "alice"}
    try:
        for path in ("/static/", "/static/js/", "/static"):
            response = await client.get(path, headers=signed_in)
            assert response.status in (403, 404) and "textual.js" not in await response.text()
        for path in ("/", "/static/js/textual.js", "/no-such-page"):
            response = await client.get(path, headers=signed_in)
            headers = response.headers
            assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
            assert "wss://guidance.council.example" in headers["Content-Security-Policy"]
            assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
            assert headers["Server"] == "guidance" and not any(ch.isdigit() for ch in headers["Server"])
    finally:
        await client.close()


def test_origins_are_the_public_url_and_the_listening_address():
    assert origin_of("https://Guidance.Council.example:443/app/") == "https://guidance.council.example"
    assert origin_of("http://10.0.0.5:8000") == "http://10.0.0.5:8000"
    origins = allowed_origins(PUBLIC, "127.0.0.1", 8000)
    assert {"https://guidance.council.example", "http://127.0.0.1:8000", "http://localhost:8000"} <= origins
    assert "http://0.0.0.0:8000" not in allowed_origins("http://host.example:8000", "0.0.0.0", 8000)


@pytest.mark.parametrize("argv, message", [
    (["--host", "0.0.0.0"], "without sign-in"),
    (["--host", "10.1.2.3"], "--user-header"),
    (["--host", "0.0.0.0", "--user-header", "X-Forwarded-User"], "needs --public-url"),
    (["--user-header", "X Forwarded\x1b[2J"], "header name"),
])
def test_serve_refuses_to_start_open_to_the_network(argv, message, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["serve", *argv])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and message in err and "\x1b" not in err


def test_serve_warns_on_every_address_and_links_to_the_public_url():
    from guidance.commands.serve import check_exposure, public_url

    args = argparse.Namespace(host="0.0.0.0", port=8000, public_url=None, user_header=None, insecure=True)
    warnings = check_exposure(args)
    assert any("every address" in w for w in warnings) and any("--insecure" in w for w in warnings)
    assert "0.0.0.0" not in public_url(args)
    args.public_url = "https://guidance.council.example/"
    assert public_url(args) == PUBLIC
    args = argparse.Namespace(host="127.0.0.1", port=8000, public_url=None, user_header=None, insecure=False)
    assert check_exposure(args) == [] and public_url(args) == "http://127.0.0.1:8000"


async def test_a_download_is_given_only_to_the_officer_whose_app_made_it(tmp_path):
    from types import SimpleNamespace

    server = make_server(_command(tmp_path), "127.0.0.1", 8000, PUBLIC, "X-Forwarded-User", tmp_path / "state")
    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    try:
        alices_app = SimpleNamespace(officer="alice", app_service_id="a1")
        await server.download_manager.create_download(app_service=alices_app, delivery_key="k1", file_name="letter.docx",
                                                       open_method="download", mime_type="application/octet-stream")
        response = await client.get("/download/k1", headers={"X-Forwarded-User": "bob"})
        assert response.status == 404
        assert (await server.download_manager.get_download_metadata("k1")).file_name == "letter.docx"  # still there for alice
    finally:
        await client.close()
