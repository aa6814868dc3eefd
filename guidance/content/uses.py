"""Which figures the product needs besides pages: calculators, letters and flows.

Pages are checked by rendering them; a figure only a calculator reads would otherwise be missed
until a caller's sum failed. Each calculator module declares the figures it reads in
``RATES_USED`` (must be in force on the day checked) and ``RATES_IF_IN_FORCE`` (read only once
the rule has started, so each must exist); letters and flows are read for ``rate("key")``.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from guidance.content.rates import RateError
from guidance.problems import Problems

_RATE_CALL = re.compile(r"""rate\(\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class Need:
    """One use of a figure: which key, who needs it, and whether it must be in force."""

    key: str
    user: str
    in_force: bool = True


def calculator_needs(offered: set[str] | None = None) -> list[Need]:
    """The declared figures of each calculator in ``offered`` (all when None)."""
    from guidance.calculators.registry import CALCULATORS

    out = []
    for name, calculator in sorted(CALCULATORS.items()):
        if offered is not None and name not in offered:
            continue
        module = sys.modules.get(calculator.function.__module__)
        for key in getattr(module, "RATES_USED", ()):
            out.append(Need(key, f"the {name} calculator"))
        for key in getattr(module, "RATES_IF_IN_FORCE", ()):
            out.append(Need(key, f"the {name} calculator", in_force=False))
    return out


def text_needs(folder: Path, pattern: str, what: str) -> list[Need]:
    """``rate("key")`` in every file matching ``pattern`` under ``folder`` (letters, flows)."""
    out = []
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob(pattern)):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the file's own check reports it
        for key in sorted(set(_RATE_CALL.findall(text))):
            out.append(Need(key, f"{what} {path.stem}"))
    return out


_CALCULATOR_CALL = re.compile(r"^\s*calculator:\s*['\"]?([a-z0-9-]+)", re.M)


def offered_calculators(base) -> set[str]:
    """Calculators this content offers: those a page's subjects bring up, and those a flow runs."""
    offered = {name for page in base.pages.values() for name in base.settings.calculators_for(page.meta.covers)}
    folder = Path(base.root) / "flows"
    if folder.is_dir():
        for path in folder.glob("*.yaml"):
            try:
                offered.update(_CALCULATOR_CALL.findall(path.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError):
                continue
    return offered


def all_needs(base) -> list[Need]:
    """Every figure needed by an offered calculator, a letter or a flow."""
    return (
        calculator_needs(offered_calculators(base))
        + text_needs(base.content_dir / "letters", "*.md", "letter")
        + text_needs(Path(base.root) / "flows", "*.yaml", "flow")
    )


def check_rates_needed(base, on: dt.date, problems: Problems) -> None:
    """Every figure a calculator, letter or flow needs exists (and is in force on ``on``).

    A missing figure is reported once, naming everything that needs it. Unknown figures in
    letters and flows are reported at their own line by those checks, so here only calculators'
    missing figures and anyone's figure not in force are reported. Nothing is said when the
    rates file could not be read at all: that error is the cause.
    """
    rates = base.rates
    if getattr(rates, "broken", False):
        return
    missing: dict[str, list[str]] = {}
    not_in_force: dict[str, list[str]] = {}
    for need in all_needs(base):
        if need.key not in rates:
            if need.user.endswith("calculator"):
                missing.setdefault(need.key, []).append(need.user)
            continue
        if need.in_force:
            try:
                rates.figure(need.key, on)
            except RateError:
                not_in_force.setdefault(need.key, []).append(need.user)
    for key, users in sorted(missing.items()):
        problems.error(rates.path, None, f"rate '{key}' is missing, but {_list(users)} {_needs(users)} it{_near(key, rates)}")
    for key, users in sorted(not_in_force.items()):
        first = rates.get(key).periods[0].start.isoformat()
        problems.error(
            rates.path,
            rates.line_of(key),
            f"rate '{key}' has no value on {on.isoformat()} (its first period is from {first}), but {_list(users)} {_needs(users)} it",
        )


def _list(users: list[str]) -> str:
    users = sorted(set(users))
    return users[0] if len(users) == 1 else ", ".join(users[:-1]) + " and " + users[-1]


def _needs(users: list[str]) -> str:
    return "needs" if len(set(users)) == 1 else "need"


def _near(key: str, rates) -> str:
    from guidance.content.suggest import did_you_mean

    return did_you_mean(key, rates.keys())
