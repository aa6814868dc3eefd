"""``guidance serve`` in a real browser: Debian's chromium, headless, opens the app, sees the home
screen and runs one search. Skipped only where chromium is not installed (CI installs it)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser_support import CAPTURE_SCRIPT, Browser, chromium

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(chromium() is None, reason="chromium is not installed (Debian package: chromium)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, proc) -> None:
    deadline = time.monotonic() + 60  # a guard against hanging, not a speed check
    while True:
        assert proc.poll() is None, proc.stdout.read().decode(errors="replace")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert time.monotonic() < deadline, "guidance serve did not start listening"
            time.sleep(0.1)


async def _drive(url: str, profile: Path) -> tuple[str, str]:
    browser = Browser(profile)
    try:
        await browser.start()
        await browser.send("Page.enable")
        await browser.send("Page.addScriptToEvaluateOnNewDocument", source=CAPTURE_SCRIPT)
        await browser.send("Page.navigate", url=url)
        await browser.wait_for("window.__screenText.includes('Type what the caller is asking')", timeout=180)
        home = await browser.evaluate("window.__screenText")
        await browser.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        before = len(home)
        await browser.type_text("sack my pa")
        titles = ["Dismissing a PA fairly", "Gross misconduct and suspension", "Unfair dismissal: who can claim"]
        checks = " || ".join(f"window.__screenText.slice({before}).includes({title!r})" for title in titles)
        await browser.wait_for(checks, timeout=240)
        return home, (await browser.evaluate("window.__screenText"))[before:]
    finally:
        await browser.close()


def test_the_app_in_a_browser_shows_home_and_searches(tmp_path):
    port = _free_port()
    env = dict(os.environ, GUIDANCE_ROOT=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "guidance", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for_port(port, proc)
        profile = tmp_path / "chromium-profile"
        profile.mkdir()
        home, after_search = asyncio.run(_drive(f"http://127.0.0.1:{port}/", profile))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert "guidance" in home
    assert "sack my pa" in after_search
    assert any(title in after_search for title in ("Dismissing a PA fairly", "Gross misconduct and suspension", "Unfair dismissal: who can claim"))
