"""Driving Debian's chromium headless over its DevTools protocol (a websocket), with aiohttp.

No browser is downloaded: the test uses /usr/bin/chromium as installed by the system, with a
fresh profile, no sandbox (CI runs as root), no GPU, and no background network traffic.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import shutil
import subprocess
import time
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-extensions", "--remote-debugging-port=0", "--window-size=1280,900"]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    """One headless chromium with one page, driven by DevTools commands."""

    def __init__(self, profile: Path):
        self.profile = profile
        self.proc = subprocess.Popen([chromium(), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._ids = itertools.count(1)
        self.ws = None
        self.http = None

    async def start(self) -> None:
        import aiohttp

        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60  # a guard against hanging, not a speed check
        while not port_file.exists() or not port_file.read_text().strip():
            assert self.proc.poll() is None, "chromium exited"
            assert time.monotonic() < deadline, "chromium did not open its DevTools port"
            await asyncio.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        self.http = aiohttp.ClientSession()
        async with self.http.get(f"http://127.0.0.1:{port}/json/list") as response:
            targets = json.loads(await response.text())
        page = next(t for t in targets if t["type"] == "page")
        self.ws = await self.http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)

    async def send(self, method: str, **params):
        message_id = next(self._ids)
        await self.ws.send_str(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            reply = json.loads((await self.ws.receive()).data)
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    async def evaluate(self, expression: str):
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result.get("result", {}).get("value")

    async def wait_for(self, expression: str, timeout: float = 120):
        deadline = time.monotonic() + timeout  # a guard against hanging, not a speed check
        while True:
            value = await self.evaluate(expression)
            if value:
                return value
            assert time.monotonic() < deadline, f"timed out waiting for {expression}"
            await asyncio.sleep(0.2)

    async def type_text(self, text: str) -> None:
        for char in text:
            await self.send("Input.dispatchKeyEvent", type="keyDown", text=char, key=char, unmodifiedText=char)
            await self.send("Input.dispatchKeyEvent", type="keyUp", key=char)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.http is not None:
            await self.http.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


#: Installed before the page's own scripts: keeps a copy of everything the app sends to the
#: terminal, as text with the escape sequences removed, because xterm.js draws on a canvas.
CAPTURE_SCRIPT = r"""
(() => {
  const Original = window.WebSocket;
  const decoder = new TextDecoder();
  window.__screenText = "";
  const add = (text) => {
    window.__screenText += text.replace(/\x1b\[[0-9;?<>=]*[ -\/]*[@-~]/g, "").replace(/\x1b[\]P_^][^\x07\x1b]*(\x07|\x1b\\)/g, "");
  };
  function Capturing(url, protocols) {
    const socket = protocols === undefined ? new Original(url) : new Original(url, protocols);
    socket.addEventListener("message", (event) => {
      if (event.data instanceof ArrayBuffer) add(decoder.decode(new Uint8Array(event.data), {stream: true}));
      else if (event.data instanceof Blob) event.data.arrayBuffer().then((b) => add(decoder.decode(new Uint8Array(b), {stream: true})));
    });
    return socket;
  }
  Capturing.prototype = Original.prototype;
  for (const name of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) Capturing[name] = Original[name];
  window.WebSocket = Capturing;
})();
"""
