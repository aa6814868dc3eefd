"""Warnings on an officer's decision on a flag, shared by the command line and the app: the
decision is recorded all the same, but the officer is told when it may be a mistake.

- ``recover`` on a PROVISIONAL surplus: the surplus is not final; the flag says to ask for the
  statements (or the bank) first.
- ``recover`` on money paid in when not due (``council_overpayment``, ``payment_during_suspension``)
  while a surplus that holds that money is also marked ``recover`` (either way round): the same
  money would be recovered twice.
"""

from __future__ import annotations

from guidance.accounts.flags import label_of

#: Flags on money paid in when it was not due: the money is in the closing balance, so in any surplus.
IN_SURPLUS = ("council_overpayment", "payment_during_suspension")


def decision_warnings(kind: str, decision: str, surplus_provisional: bool, others: list[tuple[int, str, str | None]]) -> list[str]:
    """What to warn about when flag ``kind`` is decided ``decision``. ``surplus_provisional``: the
    audit's surplus is not final. ``others``: (number, kind, decision) of the audit's other flags."""
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
