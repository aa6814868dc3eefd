"""The council's details printed on every letter: ``content/letters/council.yaml``.

Kept in one file the team edits, so a new phone number or address changes every letter at once,
and so the details a letter was sent with can be stored in its record and printed again exactly.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from guidance.problems import Problems
from guidance.yamlio import read_yaml_file, validate

COUNCIL_FILE_NAME = "council.yaml"


class Council(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=3, description="the council's name, as on its letterhead")
    team: str = Field(min_length=3, description="the team that sends the letters")
    address: list[str] = Field(min_length=2, max_length=7, description="postal address, one line each, postcode last")
    phone: str = Field(min_length=5)
    email: str | None = None
    website: str | None = None
    opening_hours: str | None = None
    sign_off: str = Field(min_length=3, description="who signs letters when no officer is named")


#: Used when council.yaml is missing, so a fresh content base can still preview letters.
PLACEHOLDER = Council(
    name="Your council",
    team="Direct payments team",
    address=["Council offices", "High Street", "Town", "AB1 2CD"],
    phone="0300 000 0000",
    sign_off="Direct payments team",
)


def load_council(path: Path, shown: str, problems: Problems) -> Council:
    if not path.is_file():
        problems.warning(shown, None, "no council details: letters show a placeholder address until this file exists")
        return PLACEHOLDER
    doc = read_yaml_file(path, shown, problems)
    council = validate(Council, doc, shown, problems) if doc else None
    return council or PLACEHOLDER
