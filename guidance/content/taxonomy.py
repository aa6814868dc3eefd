"""The subject taxonomy: areas and the subject keys that pages name in ``covers``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from guidance.problems import Problems
from guidance.yamlio import ContentYamlError, load_yaml, read_text


@dataclass
class Taxonomy:
    """area -> {subject key -> description}."""

    areas: dict[str, dict[str, str]]

    def area_of(self, key: str) -> str | None:
        for area, subjects in self.areas.items():
            if key in subjects:
                return area
        return None

    @property
    def keys(self) -> dict[str, str]:
        return {key: text for subjects in self.areas.values() for key, text in subjects.items()}


def load_taxonomy(path: Path, shown: str, problems: Problems) -> Taxonomy:
    try:
        doc = load_yaml(read_text(path))
    except FileNotFoundError:
        problems.error(shown, None, "taxonomy file is missing")
        return Taxonomy({})
    except ContentYamlError as exc:
        problems.error(shown, exc.line, exc.message)
        return Taxonomy({})
    areas: dict[str, dict[str, str]] = {}
    if not isinstance(doc.data, dict):
        problems.error(shown, 1, "taxonomy must map each area to its subjects")
        return Taxonomy({})
    for area, subjects in doc.data.items():
        if not isinstance(subjects, dict):
            problems.error(shown, doc.line_of(area), f"area '{area}' must map subject keys to descriptions")
            continue
        areas[str(area)] = {str(k): str(v) for k, v in subjects.items()}
    return Taxonomy(areas)
