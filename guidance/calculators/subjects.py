"""Which calculators help with which subjects, so a page can offer the right one."""

from __future__ import annotations

CALCULATOR_SUBJECTS: dict[str, tuple[str, ...]] = {
    "holiday": ("holiday",),
    "sick-pay": ("sickness",),
    "average-earnings": ("sickness", "family_leave"),
    "redundancy": ("redundancy",),
    "minimum-wage": ("pay_and_minimum_wage",),
    "tribunal-deadline": ("employment_tribunals",),
    "employer-cost": ("becoming_an_employer", "national_insurance", "workplace_pensions", "recruitment"),
}


def calculators_for(covers: list[str]) -> list[str]:
    """Calculator names relevant to a page's subjects, in a stable order."""
    return [name for name, subjects in CALCULATOR_SUBJECTS.items() if set(subjects) & set(covers)]
