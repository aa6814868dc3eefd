"""What the team decides about the product, kept as content: ``content/settings.yaml``.

How each area is named in the app, which calculators a page offers by the subjects it covers,
which page every flow's safeguarding exit must lead to, and which calculator inputs are warned of
as unusual (``unusual``: the bounds, see ``guidance.calculators.unusual``), and which page headings
start a part written for one audience only (``audience_sections``: search never quotes such a part
to the other audience). Team leaders edit these like any
other content, and ``guidance content check`` checks them (unknown areas, subjects, pages and
calculators are errors with their line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from decimal import Decimal

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from guidance.problems import Problems
from guidance.yamlio import YamlDoc, read_yaml_file, validate

FILE_NAME = "settings.yaml"
#: Used only when a content root has no settings file (small test roots).
DEFAULT_SAFEGUARDING_PAGE = "recognising-and-reporting-abuse"


class NumberBounds(BaseModel):
    """An input's usual range: below ``below`` or above ``above`` it is warned of, never refused."""

    model_config = ConfigDict(extra="forbid")

    below: Decimal | None = Field(default=None, ge=0, description="warn when the value is less than this")
    above: Decimal | None = Field(default=None, ge=0, description="warn when the value is more than this")

    @field_validator("below", "above", mode="before")
    @classmethod
    def _no_floats(cls, value):
        if isinstance(value, bool):
            raise ValueError("must be a number, not yes or no")
        return str(value) if isinstance(value, (int, float)) else value

    @model_validator(mode="after")
    def _in_order(self):
        if self.below is not None and self.above is not None and self.below >= self.above:
            raise ValueError(f"below ({self.below}) must be less than above ({self.above})")
        if self.below is None and self.above is None:
            raise ValueError("give below, above or both")
        return self


class DateBounds(BaseModel):
    """How far a date input may be from the day a sum is worked out for before it is warned of."""

    model_config = ConfigDict(extra="forbid")

    years_before: int | None = Field(default=None, ge=1, le=200)
    years_after: int | None = Field(default=None, ge=1, le=200)


class UnusualModel(BaseModel):
    """What a calculator warns is unusual (a warning beside the figure, never a refusal)."""

    model_config = ConfigDict(extra="forbid")

    inputs: dict[str, NumberBounds] = Field(
        default_factory=dict, description="calculator input name -> its usual range (the same name in every calculator)"
    )
    dates: DateBounds | None = Field(default=None, description="for every date a calculator is given")


class SettingsModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    areas: dict[str, str] = Field(default_factory=dict, description="area key -> the name the app shows")
    calculators: dict[str, list[str]] = Field(
        default_factory=dict, description="calculator name -> the subjects whose pages offer it"
    )
    safeguarding_page: str = Field(
        default=DEFAULT_SAFEGUARDING_PAGE, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="the page every flow's safeguarding exit must lead to",
    )
    unusual: UnusualModel | None = Field(
        default=None, description="calculator inputs warned of as unusual (never refused)"
    )
    audience_sections: dict[Literal["recipient", "officer"], list[str]] = Field(
        default_factory=lambda: {"officer": ["For officers"]},
        description="audience -> the page headings whose part is written for that audience only",
    )


@dataclass
class Settings:
    model: SettingsModel = field(default_factory=SettingsModel)
    doc: YamlDoc | None = None
    path: str = f"content/{FILE_NAME}"

    @property
    def safeguarding_page(self) -> str:
        return self.model.safeguarding_page

    def area_name(self, area: str) -> str:
        """The name the app shows for an area ("Employing a PA"), or the key made readable."""
        return self.model.areas.get(area) or area.replace("_", " ").capitalize()

    def calculators_for(self, covers) -> list[str]:
        """Calculator names relevant to a page's subjects, in the file's order."""
        wanted = set(covers)
        return [name for name, subjects in self.model.calculators.items() if wanted & set(subjects)]

    @property
    def unusual(self) -> UnusualModel | None:
        """The bounds calculator inputs are warned of outside (None: no warnings)."""
        return self.model.unusual

    def audience_headings(self) -> dict[str, str]:
        """Heading text -> the audience the part of a page under it is written for (search
        never quotes such a part to a reader of the other audience)."""
        return {heading: audience for audience, headings in self.model.audience_sections.items() for heading in headings}

    def line_of(self, *keys) -> int | None:
        return self.doc.line_of(*keys) if self.doc else None


def load_settings(content: Path, shown: str, problems: Problems) -> Settings:
    """The settings file, or the defaults when it is absent; problems are reported, never raised."""
    try:
        doc = read_yaml_file(Path(content) / FILE_NAME, shown, problems)
    except FileNotFoundError:
        return Settings(path=shown)
    if doc is None:
        return Settings(path=shown)
    if doc.data is None:
        return Settings(doc=doc, path=shown)
    model = validate(SettingsModel, doc, shown, problems)
    return Settings(model or SettingsModel(), doc, shown)


def check_settings(base, on, problems: Problems) -> None:
    """Every area, subject, calculator and page the settings name exists."""
    settings = base.settings
    if settings.doc is None:
        return
    for area in settings.model.areas:
        if area not in base.taxonomy.areas:
            problems.error(settings.path, settings.line_of("areas", area), f"'{area}' is not an area in taxonomy.yaml")
    from guidance.calculators.registry import CALCULATORS

    subjects = base.taxonomy.keys
    for name, covers in settings.model.calculators.items():
        if name not in CALCULATORS:
            problems.error(settings.path, settings.line_of("calculators", name), f"no calculator called '{name}' (there are: {', '.join(sorted(CALCULATORS))})")
        for index, subject in enumerate(covers):
            if subject not in subjects:
                problems.error(settings.path, settings.line_of("calculators", name, index), f"unknown subject '{subject}' (see content/taxonomy.yaml)")
    _check_unusual(settings, problems)
    _check_audience_sections(settings, problems)
    if base.pages and settings.safeguarding_page not in base.pages and settings.safeguarding_page not in base.unreadable_pages:
        problems.error(settings.path, settings.line_of("safeguarding_page"), f"safeguarding page '{settings.safeguarding_page}' does not exist")


def _check_audience_sections(settings: Settings, problems: Problems) -> None:
    """A heading marks a part of a page for one audience only: never for both (its line)."""
    seen: dict[str, str] = {}
    for audience, headings in settings.model.audience_sections.items():
        for index, heading in enumerate(headings):
            key = " ".join(heading.split()).casefold()
            if key in seen and seen[key] != audience:
                problems.error(settings.path, settings.line_of("audience_sections", audience, index),
                               f"audience_sections: the heading '{heading}' is already for the {seen[key]}, so it cannot be for the {audience} too")
            seen.setdefault(key, audience)


def _check_unusual(settings: Settings, problems: Problems) -> None:
    """Each input ``unusual`` names is a number some calculator takes (its line on error)."""
    from guidance.calculators.registry import CALCULATORS
    from guidance.kinds import Number

    if settings.unusual is None:
        return
    numbers = {f.name for c in CALCULATORS.values() for f in c.fields if isinstance(f.kind, Number)}
    for name in settings.unusual.inputs:
        if name not in numbers:
            problems.error(settings.path, settings.line_of("unusual", "inputs", name),
                           f"unusual: no calculator takes a number called '{name}' (they take: {', '.join(sorted(numbers))})")
