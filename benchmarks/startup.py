"""Time to the first interactive home screen, against a bare Textual app in the same run; and
keystroke-to-refreshed-results latency on the shipped content.

Headless (``run_test``), index already built. Each start is measured in a fresh process so
imports count, as they do for a person starting the app. Every run uses the same fresh user
folders (data, cache, config, state) made for this benchmark, so a person's own records or
settings never speed it up or slow it down; the first run builds the index there. The app starts
as it does for a person: it also looks for calls left open in the records database.

Start-up is measured several times, bare and guidance runs interleaved (and their order swapped
every other round), so load from anything else on the machine falls on both alike; the ratio is
taken within each pair. Median and 95th percentile are printed, with the CPU time each used to
get there (steadier than the clock on a busy machine). Compiled bytecode is kept in the
benchmark's own folder (as an installed package has it), so neither side pays for compiling
Python on every start, whatever ``PYTHONDONTWRITEBYTECODE`` says; one warm-up run of each fills
it, builds the index and warms the disk cache.

Keystrokes are real key events sent to the search box (the Input inserts the character, the
search runs in its worker, the results list is refilled); the time is until that query's
results are on screen.

    python benchmarks/startup.py [--runs 15] [--no-keys | --keys-only]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Each start prints: seconds to the first screen, CPU seconds used by then (all threads)[, and
# seconds until search is ready]. The first screen is there once its first frame has been drawn
# (Textual's Ready) and the search box has the focus; both are seen as the app handles its
# messages (Pilot's message hook), so no polling delay is counted.
FIRST_SCREEN = r"""
import asyncio, time
from textual import events
from textual.widgets import Input
seen = {}
def first_screen_hook(app):
    def hook(message):
        if isinstance(message, events.Ready):
            seen.setdefault("frame", True)
        if "at" not in seen and "frame" in seen and isinstance(app.focused, Input):
            seen["at"] = (time.perf_counter() - t0, time.process_time() - c0)
    return hook
async def first_screen():
    while "at" not in seen:
        await asyncio.sleep(0.001)
    return seen["at"]
"""

BARE = r"""
import time
t0, c0 = time.perf_counter(), time.process_time()
import asyncio
from textual.app import App
from textual.widgets import Header, Footer, Input
%s
class Bare(App):
    def compose(self):
        yield Header(); yield Input(); yield Footer()
async def main():
    app = Bare()
    async with app.run_test(size=(100, 30), message_hook=first_screen_hook(app)) as pilot:
        print(*await first_screen())
asyncio.run(main())
""" % FIRST_SCREEN

OURS = r"""
import time
t0, c0 = time.perf_counter(), time.process_time()
import asyncio, datetime as dt
from pathlib import Path
from guidance.tui.app import GuidanceApp
%s
async def main():
    app = GuidanceApp(Path(%r), dt.date(2026, 11, 25))
    async with app.run_test(size=(100, 30), message_hook=first_screen_hook(app)) as pilot:
        first, cpu = await first_screen()  # home drawn, search box focused
        while app.services.searcher is None:
            await pilot.pause(0.005)
        print(first, cpu, time.perf_counter() - t0)
asyncio.run(main())
""" % (FIRST_SCREEN, str(REPO))

KEYS = r"""
import asyncio, time, datetime as dt, statistics
from pathlib import Path
from textual import events
from guidance.tui.app import GuidanceApp
QUERIES = ["pa off sick", "holiday pay", "sack my pa", "dbs umbrella", "pension", "tribunal claim", "nominated person"]
async def main():
    app = GuidanceApp(Path(%r), dt.date(2026, 11, 25))
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        while app.services.searcher is None:
            await pilot.pause(0.01)
        screen = app.screen
        search = screen.query_one("#search")
        search.focus()
        for query in QUERIES * 3:
            search.value = ""
            await pilot.pause()
            typed = ""
            for ch in query:
                typed += ch
                start = time.perf_counter()
                search.post_message(events.Key("space" if ch == " " else ch, ch))
                while screen.shown_query != typed:
                    await asyncio.sleep(0.0005)
                times.append(time.perf_counter() - start)
    print(len(times), statistics.median(times), statistics.quantiles(times, n=20)[18])
asyncio.run(main())
""" % str(REPO)


USER_DIRS = ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME")
_HOME = tempfile.mkdtemp(prefix="guidance-bench-")
ENV = dict(os.environ, **{name: os.path.join(_HOME, name.lower()) for name in USER_DIRS})
ENV["PYTHONPYCACHEPREFIX"] = os.path.join(_HOME, "bytecode")  # compiled once, in the warm-up
for name in ("GUIDANCE_DATABASE_URL", "PYTHONDONTWRITEBYTECODE"):
    ENV.pop(name, None)


def run(code: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=ENV)
    if out.returncode != 0:
        raise SystemExit(out.stderr[-2000:])
    return [float(x) for x in out.stdout.split()]


def p95(values: list[float]) -> float:
    """95th percentile, within the values measured (no extrapolation beyond the slowest)."""
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def line(label: str, values: list[float], unit: str = "ms") -> str:
    if unit == "x":
        return f"{label:<40} median {statistics.median(values):5.2f}x  p95 {p95(values):5.2f}x"
    return f"{label:<40} median {statistics.median(values) * 1000:5.0f} ms  p95 {p95(values) * 1000:5.0f} ms"


def startup(runs: int) -> None:
    run(BARE)
    run(OURS)  # warm-up: bytecode compiled, index built, disk cache warm
    bare, ours = [], []
    for index in range(runs):  # interleaved (order swapped each round): both see the same load
        if index % 2:
            ours.append(run(OURS))
            bare.append(run(BARE))
        else:
            bare.append(run(BARE))
            ours.append(run(OURS))
    ratios = [o[0] / b[0] for o, b in zip(ours, bare)]
    cpu_ratios = [o[1] / b[1] for o, b in zip(ours, bare)]
    print(f"start-up: {runs} runs of each, fresh process each, bare and guidance runs interleaved")
    print(line("bare Textual app to first screen", [b[0] for b in bare]))
    print(line("guidance to first interactive screen", [o[0] for o in ours]))
    print(line("guidance / bare, paired (target <= 1.3x)", ratios, "x"))
    print(line("  CPU time, guidance / bare, paired", cpu_ratios, "x"))
    print(line("guidance with search ready", [o[2] for o in ours]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keys-only", action="store_true", help="only keystroke to refreshed results")
    parser.add_argument("--no-keys", action="store_true", help="only the start-up")
    args = parser.parse_args()
    if args.keys_only:
        run(OURS)  # build the index first
        return keys()
    startup(args.runs)
    if not args.no_keys:
        keys()


def keys() -> None:
    """Keystroke to refreshed results (p50 and p95)."""
    count, p50, p95_keys = run(KEYS)
    print(f"keystroke to refreshed results ({int(count)} keys): p50 {p50 * 1000:.1f} ms, p95 {p95_keys * 1000:.1f} ms (target p95 < 50 ms)")


if __name__ == "__main__":
    main()
