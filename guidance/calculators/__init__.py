"""Calculators: pure functions on Decimal and date for the figures callers ask about.

Each module holds one calculator (holiday, sick pay, redundancy, minimum wage, tribunal
deadlines, the cost of employing a PA). Statutory figures are never written into the code: a
calculator takes them from the rates file (``Rates.value(key, on)``) so next April's change is
one edit in ``content/rates.yaml``. ``registry.run_calculator`` runs any of them by name and
returns the same JSON-able dict that ``guidance calc NAME --json`` prints.
"""

from guidance.calculators.common import CalculatorError

__all__ = ["CalculatorError"]
