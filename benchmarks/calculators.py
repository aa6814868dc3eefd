"""Time each calculator on a typical and a heavy case; print microseconds per call.

Baseline, in the same run: one ``Rates.value`` look-up (the least any calculator does, since every
figure comes from the rates). A flow step that calls a calculator should stay well under 5 ms.

    python benchmarks/calculators.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from guidance.calculators.registry import run_calculator  # noqa: E402
from guidance.content.rates import load_rates  # noqa: E402
from guidance.problems import Problems  # noqa: E402

ON = dt.date(2026, 11, 1)
CASES = [
    ("holiday", {"basis": "compressed-hours", "hours_per_week": 37.5, "days_per_week": 5,
                 "start_date": "2026-06-01", "leave_year_start": "2026-04-01"}),
    ("sick-pay", {"sick_start": "2026-05-04", "sick_end": "2026-05-15", "work_days": "mon,tue,wed,thu,fri",
                  "average_weekly_earnings": 400}),
    ("sick-pay (28 weeks, linked)", {"sick_start": "2026-09-01", "sick_end": "2027-06-30", "work_days": "mon,tue,wed,thu,fri",
                                     "average_weekly_earnings": 400, "linked_start": "2026-03-01", "linked_end": "2026-07-31"}),
    ("redundancy", {"age": 45, "years": 20, "weekly_pay": 800}),
    ("minimum-wage", {"age": 30, "pay": 500, "hours": 38, "accommodation_charge": 15, "nights": 5}),
    ("tribunal-deadline", {"event_date": "2026-01-15", "acas_day_a": "2026-04-10", "acas_day_b": "2026-04-12"}),
    ("employer-cost", {"hourly_rate": 13, "hours_per_week": 30, "age": 30}),
    ("average-earnings (monthly, SSP)", {"frequency": "monthly", "sick_start": "2026-04-10",
                                         "payments": "2026-01-30=1000; 2026-02-27=1000; 2026-03-31=1000"}),
    ("average-earnings (holiday, 104 weeks)", {"purpose": "holiday", "holiday_start": "2026-06-01",
                                               "payments": "; ".join(f"{dt.date(2024, 6, 8) + dt.timedelta(weeks=i)}=200"
                                                                     for i in range(104))}),
]


def per_call(fn, repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    rates = load_rates(REPO / "content" / "rates.yaml", Problems())
    baseline = per_call(lambda: rates.value("ssp_weekly_rate", ON), args.repeat * 10)
    print(f"baseline: one rates look-up  {baseline:9.1f} us")
    for label, inputs in CASES:
        name = label.split(" ")[0]
        took = per_call(lambda: run_calculator(name, inputs, rates, ON), args.repeat)
        print(f"{label:<30} {took:9.1f} us  ({took / baseline:6.0f} x baseline)")


if __name__ == "__main__":
    main()
