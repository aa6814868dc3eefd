"""What the team decides about the product, kept as content: ``content/settings.yaml``.

How each area is named in the app, which calculators a page offers by the subjects it covers,
and which page every flow's safeguarding exit must lead to. Team leaders edit these like any
other content, and ``guidance content check`` checks them (unknown areas, subjects, pages and
calculators are errors with their line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from guidance.problems import Problems
from guidance.yamlio import YamlDoc, read_yaml_file, validate

FILE_NAME = "settings.yaml"
#: Used only when a content root has no settings file (small test roots).
DEFAULT_SAFEGUARDING_PAGE = "recognising-and-reporting-abuse"


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
    if base.pages and settings.safeguarding_page not in base.pages:
        problems.error(settings.path, settings.line_of("safeguarding_page"), f"safeguarding page '{settings.safeguarding_page}' does not exist")
