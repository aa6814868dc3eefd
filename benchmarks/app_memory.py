"""Memory of the app over a long session: after 1 round and after N rounds of mixed use, beside
the app just started (the baseline, measured in the same run).

Each round does what an officer does through a day, driven headless with Pilot: a search typed
and cleared, a page opened and closed, a calculator opened and closed, the command palette opened
and closed, two mode switches (F2), a resize, and an account audit of the test accounts
(tests/data/accounts: synthetic, no real person's data) opened and closed. Printed for each
point: the process's resident memory (MB), the memory Python's allocator holds for live objects
(``tracemalloc``, only with ``--traced``, which slows the app several times), the live objects
the garbage collector tracks, and the live widgets (Textual nodes). Below, the kinds of widget
whose count grew between round 1 and round N: a kind that grows with every round is kept after
use.

``--keep-watchers`` runs the session without the app letting go of the watchers of widgets that
have gone (``guidance.tui.watchers``), to see what that costs.

Every run uses fresh user folders (data, cache, config, state) made for this benchmark.

    python benchmarks/app_memory.py [--rounds 20] [--traced] [--keep-watchers]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import datetime as dt
import gc
import os
import sys
import tempfile
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ACCOUNTS = REPO / "tests" / "data" / "accounts"
TODAY = dt.date(2026, 11, 25)
PAGE = "minimum-wage"
CALCULATOR = "sick-pay"
QUERY = "holiday pay"


def resident_mb() -> float:
    """The process's resident memory, in MB (Linux: /proc; elsewhere the peak, from resource)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def widget_counts() -> collections.Counter:
    """Live Textual nodes by class name."""
    from textual.dom import DOMNode

    return collections.Counter(type(obj).__name__ for obj in gc.get_objects() if isinstance(obj, DOMNode))


def measure(label: str, traced: bool) -> dict:
    """One line of figures, printed; the widget counts returned."""
    gc.collect()
    counts = widget_counts()
    held = f"{tracemalloc.get_traced_memory()[0] / 2**20:8.1f}" if traced else "       -"
    print(f"{label:<22}{resident_mb():9.1f}{held}{len(gc.get_objects()):12,}{sum(counts.values()):9,}", flush=True)
    return counts


async def one_round(app, pilot) -> None:
    """A search, a page, a calculator, the palette, two mode switches, a resize and an audit."""
    from textual.command import CommandList

    from guidance.tui.screens.account import AccountScreen
    from guidance.tui.screens.calculator import CalculatorScreen
    from guidance.tui.screens.home import HomeScreen
    from guidance.tui.screens.page import PageScreen

    await pilot.press(*QUERY)
    await until(pilot, lambda: getattr(app.screen, "shown_query", None) == QUERY)
    await pilot.press(*["backspace"] * len(QUERY))
    await pilot.pause()
    app.open_page(PAGE)
    await until(pilot, lambda: isinstance(app.screen, PageScreen) and app.screen.is_mounted)
    await pilot.pause()
    await back_home(app, pilot, HomeScreen)
    app.push_screen(CalculatorScreen(CALCULATOR))
    await until(pilot, lambda: isinstance(app.screen, CalculatorScreen) and app.screen.is_mounted)
    await pilot.pause()
    await back_home(app, pilot, HomeScreen)
    await pilot.press("ctrl+p")
    await until(pilot, lambda: app.screen.query(CommandList))
    await pilot.press(*"wage")
    await pilot.pause(0.2)
    await back_home(app, pilot, HomeScreen)
    await pilot.press("f2")
    await pilot.pause()
    await pilot.press("f2")
    await pilot.pause()
    await pilot.resize_terminal(80, 24)
    await pilot.pause()
    await pilot.resize_terminal(100, 32)
    await pilot.pause()
    app.push_screen(AccountScreen("plan.yaml", "statement.csv"))
    await until(pilot, lambda: isinstance(app.screen, AccountScreen) and app.screen.query("#account-plan"))
    screen = app.screen
    await pilot.press("ctrl+r")
    await until(pilot, lambda: screen.audit is not None)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await back_home(app, pilot, HomeScreen)


async def back_home(app, pilot, home) -> None:
    """Esc until the home screen is back."""
    while not isinstance(app.screen, home):
        await pilot.press("escape")
        await pilot.pause()


async def until(pilot, condition, tries: int = 6000) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise SystemExit("the app did not get there")


async def session(rounds: int, traced: bool, keep_watchers: bool) -> None:
    from guidance.tui.app import GuidanceApp

    if keep_watchers:
        GuidanceApp.drop_gone_watchers = lambda self: 0
    app = GuidanceApp(REPO, TODAY, mode="officer", offer_open_work=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: app.services.base is not None and app.services.searcher is not None)
        await pilot.pause()
        print(f"{'':<22}{'RSS MB':>9}{'traced':>8}{'gc objects':>12}{'widgets':>9}")
        measure("started (baseline)", traced)
        await one_round(app, pilot)
        first = measure("after 1 round", traced)
        for _ in range(rounds - 1):
            await one_round(app, pilot)
        last = measure(f"after {rounds} rounds", traced)
    grew = sorted(((last[k] - first[k], k) for k in last if last[k] > first[k]), reverse=True)
    print("widgets that grew from round 1 to round", rounds, ":", ", ".join(f"{k} +{n}" for n, k in grew[:12]) or "none")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--traced", action="store_true", help="also the memory held by live Python objects (slow)")
    parser.add_argument("--keep-watchers", action="store_true", help="without letting go of gone widgets' watchers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="app-memory-") as home:
        for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
            os.environ[name] = str(Path(home) / name.lower())
        os.chdir(ACCOUNTS)  # the audit's plan and statement are named as in the working folder
        if args.traced:
            tracemalloc.start()
        asyncio.run(session(max(2, args.rounds), args.traced, args.keep_watchers))


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
