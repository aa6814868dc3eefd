"""``guidance`` with no command: open the app (or, until it exists, summarise the content)."""

from __future__ import annotations

from guidance.words import counted
from guidance.commands.common import load_base, today


def open_app(args) -> int:
    try:
        from guidance.tui.app import run_app
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("guidance.tui"):
            raise
        return _summary(args)
    return run_app(args)


def _summary(args) -> int:
    base = load_base(args)
    on = today()
    print(f"guidance: content release {base.manifest.release} ({base.manifest.date.isoformat()})")
    areas = len({p.area for p in base.pages.values()})
    print(f"{counted(len(base.pages), 'page')} in {counted(areas, 'area')}; {counted(len(base.rates.keys()), 'rate')}")
    for page in base.sorted_pages():
        print(f"  {page.area:<16} {page.id:<40} {page.meta.title}")
    print(f"National Living Wage today ({on.isoformat()}): {base.rates.figure('national_living_wage', on)}" if "national_living_wage" in base.rates else "")
    print("Try: guidance show ID, guidance rates, guidance content check")
    return 0
