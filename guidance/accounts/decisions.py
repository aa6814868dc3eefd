"""The officer's decisions on a flag, declared once (``DECISIONS``: the name recorded and shown, its
key in the app, the words either may be typed as), and the warnings on a decision, shared by the command line and the app: the
decision is recorded all the same, but the officer is told when it may be a mistake.

- ``recover`` on a PROVISIONAL surplus: the surplus is not final; the flag says to ask for the
  statements (or the bank) first.
- ``recover`` on money paid in when not due (``council_overpayment``, ``payment_during_suspension``)
  while a surplus that holds that money is also marked ``recover`` (either way round): the same
  money would be recovered twice.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    """One decision an officer can record on a flag: ``name`` is recorded and shown everywhere
    (the command line, ``account show``, the app's flags list and its key label); ``key`` chooses
    it in the app; ``also`` are the other words it may be typed as."""

    name: str
    key: str
    meaning: str
    also: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The name as a key label or heading: "Safeguarding"."""
        return self.name.capitalize()


DECISIONS: dict[str, Decision] = {d.name: d for d in (
    Decision("explained", "e", "the person explained it: nothing more to do", ("explain",)),
    Decision("query", "q", "asked the person about it: waiting for an answer", ("queried",)),
    Decision("recover", "r", "money to be paid back to the council", ("recovery",)),
    Decision("safeguarding", "s", "raised under the safeguarding procedure", ("safeguard",)),
)}

#: The app's key for each decision ("s" chooses "safeguarding").
DECISION_KEYS = {d.key: d.name for d in DECISIONS.values()}


def decision_help() -> str:
    """The decisions for a command's help: "explained (or explain), query (or queried, ask), ..."."""
    return ", ".join(f"{d.name} (or {', '.join(d.also)})" if d.also else d.name for d in DECISIONS.values())


class UnknownDecision(ValueError):
    """A word that names no decision."""


def read_decision(word: str) -> str:
    """The decision ``word`` names, as it is recorded: its name or any of its other words, in
    any case ("Safeguard" and "safeguarding" are both "safeguarding"). Raises UnknownDecision
    naming the decisions."""
    typed = str(word).strip().lower()
    for decision in DECISIONS.values():
        if typed == decision.name or typed in decision.also:
            return decision.name
    raise UnknownDecision(f"unknown decision '{word}': use one of {', '.join(DECISIONS)} "
                          f"(or {', '.join(w for d in DECISIONS.values() for w in d.also)})")

#: Flags on money paid in when it was not due: the money is in the closing balance, so in any surplus.
IN_SURPLUS = ("council_overpayment", "payment_during_suspension")


def decision_warnings(kind: str, decision: str, surplus_provisional: bool, others: list[tuple[int, str, str | None]]) -> list[str]:
    """What to warn about when flag ``kind`` is decided ``decision``. ``surplus_provisional``: the
    audit's surplus is not final. ``others``: (number, kind, decision) of the audit's other flags."""
    from guidance.accounts.flags import label_of

    if decision != "recover":
        return []
    warnings = []
    if kind == "surplus" and surplus_provisional:
        warnings.append("the surplus is PROVISIONAL (not final): ask for the missing statements, or the bank to confirm "
                        "the closing balance, before asking for any money back")
    if kind == "surplus":
        both = [(n, k) for n, k, d in others if k in IN_SURPLUS and d == "recover"]
        if both:
            named = ", ".join(f"{n} ({label_of(k)})" for n, k in both)
            warnings.append(f"flag{'s' if len(both) > 1 else ''} {named} {'are' if len(both) > 1 else 'is'} also marked "
                            "recover, but that money was paid in when not due and is already counted in the surplus: "
                            "recovering both would recover it twice")
    elif kind in IN_SURPLUS:
        both = [n for n, k, d in others if k == "surplus" and d == "recover"]
        if both:
            warnings.append(f"flag {both[0]} ({label_of('surplus')}) is also marked recover, and this money is already counted "
                            "in it: recovering both would recover it twice")
    return warnings
