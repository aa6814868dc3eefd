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
results are in the list, and until they are painted. Beside them: a bare Textual app whose list
is refilled with 20 rows on each keystroke (no search), and the search call alone.

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

TYPING = r"""
import asyncio, time, statistics
from textual import events
QUERIES = ["pa off sick", "holiday pay", "sack my pa", "dbs umbrella", "pension", "tribunal claim", "nominated person"]
def p50_p95(times):
    return statistics.median(times), statistics.quantiles(times, n=20)[18]
async def type_queries(pilot, screen, search, results):
    listed, painted, paints = [], [], []
    draw = screen._compositor_refresh
    def drawn():
        draw()
        paints.append((time.perf_counter(), screen.shown_query))
    screen._compositor_refresh = drawn
    search.focus()
    cpu = time.process_time()
    for query in QUERIES * 3:
        search.value = ""
        await pilot.pause()
        typed = ""
        for ch in query:
            typed += ch
            rows = list(results.options)
            paints.clear()
            start = time.perf_counter()
            search.post_message(events.Key("space" if ch == " " else ch, ch))
            while screen.shown_query != typed:
                await asyncio.sleep(0.0005)
            listed.append(time.perf_counter() - start)
            if len(rows) == results.option_count and all(a is b for a, b in zip(rows, results.options)):
                painted.append(listed[-1])
                continue
            while not any(shown == typed for _, shown in paints):
                await asyncio.sleep(0.0005)
            painted.append(next(t for t, shown in paints if shown == typed) - start)
    print(len(listed), *p50_p95(listed), *p50_p95(painted), (time.process_time() - cpu) / len(listed))
"""

#: The floor Textual sets: a search box and a list refilled with 20 two-line rows (a title and a
#: wrapped line of text, a rule between rows) on every keystroke, at once, with no search at all.
BARE_KEYS = TYPING + r"""
from textual.app import App
from textual.screen import Screen
from textual.widgets import Header, Footer, Input, OptionList
from textual.widgets.option_list import Option
TEXT = "A line about the result, about as long as a search snippet, so that it wraps at this width as a snippet does."
class Typing(Screen):
    shown_query = ""
    def compose(self):
        yield Header(); yield Input(id="search"); yield OptionList(id="results"); yield Footer()
    def on_input_changed(self, event):
        rows = []
        for i in range(20):
            rows += [None] if i else []
            rows.append(Option(f"{event.value} result {i}\n{TEXT}", id=f"r{i}"))
        self.query_one(OptionList).set_options(rows)
        self.shown_query = event.value
class Bare(App):
    def on_mount(self):
        self.push_screen(Typing())
async def main():
    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_queries(pilot, app.screen, app.screen.query_one("#search"), app.screen.query_one("#results"))
asyncio.run(main())
"""

KEYS = TYPING + r"""
import datetime as dt
from pathlib import Path
from guidance.tui.app import GuidanceApp
async def main():
    app = GuidanceApp(Path(%r), dt.date(2026, 11, 25))
    async with app.run_test(size=(100, 30)) as pilot:
        while app.services.searcher is None or not app.screen.tabs_ready:
            await pilot.pause(0.01)
        screen = app.screen
        searcher = app.services
        alone = []
        for query in QUERIES * 3:
            for end in range(1, len(query) + 1):
                start = time.perf_counter()
                searcher.search(query[:end], audience=app.mode, limit=20, as_you_type=True)
                alone.append(time.perf_counter() - start)
        await type_queries(pilot, screen, screen.query_one("#search"), screen.query_one("#results"))
        print(*p50_p95(alone))
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
    """Keystroke to refreshed results, beside the bare app's keystroke to a refilled list and
    the search call alone (p50 and p95 of each, ms), and the CPU time each spent per key."""
    ms = lambda seconds: f"p50 {seconds[0] * 1000:5.1f} ms, p95 {seconds[1] * 1000:5.1f} ms"  # noqa: E731
    bare = run(BARE_KEYS)
    ours = run(KEYS)
    count = int(ours[0])
    print(f"keystrokes typed: {count} (7 queries x 3, a key at a time, 100x30)")
    print(f"bare Textual app, key to list refilled:   {ms(bare[1:3])}")
    print(f"bare Textual app, key to list painted:    {ms(bare[3:5])}")
    print(f"search call alone (same prefixes):        {ms(ours[6:8])}")
    print(f"guidance, key to results in the list:     {ms(ours[1:3])}")
    print(f"guidance, key to results painted:         {ms(ours[3:5])}  (target p95 < 50 ms)")
    print(f"CPU per key (all threads, with polling):  bare {bare[5] * 1000:.1f} ms, guidance {ours[5] * 1000:.1f} ms"
          " (a measure the machine's other load hardly moves)")


if __name__ == "__main__":
    main()
