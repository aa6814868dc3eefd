"""Shared set-up for the letter tests: the shipped content, loaded once, on a fixed day."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from guidance.content.base import ContentBase
from guidance.letters.catalogue import Catalogue

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "data" / "letters"
ON = dt.date(2026, 11, 25)
TEMPLATE_IDS = [
    "advice-follow-up", "employer-duties", "written-statement", "minimum-wage-change", "pa-off-sick",
    "tribunal-claim-received", "capacity-assessment-record", "dp-statements-request", "dp-surplus-repayment",
    "redundancy-employer-died",
]


@lru_cache(maxsize=1)
def shipped() -> Catalogue:
    return Catalogue.load(ContentBase.load(REPO, use_cache=False))
