"""JSON Schemas generated from the pydantic models, so editors validate YAML as authors type.

Each model that describes a file format registers here; flows and letters add theirs.
"""

from __future__ import annotations

import json
from pathlib import Path

from guidance.fileio import PUBLIC_FILE, PUBLIC_FOLDER, atomic_write_text, make_folder


def _models() -> dict[str, object]:
    from guidance.content.pages import PageMeta
    from guidance.content.rates import RatesFile
    from guidance.content.release import Manifest
    from guidance.content.settings import SettingsModel

    models: dict[str, object] = {
        "page": PageMeta,
        "rates": RatesFile,
        "manifest": Manifest,
        "settings": SettingsModel,
    }
    for name, loader in (("flow", "guidance.flows.schema:Flow"), ("letter", "guidance.letters.templates:LetterMeta"),
                         ("account-plan", "guidance.accounts.plan:Plan"), ("account-rules", "guidance.accounts.rules:RulesFile")):
        module, _, attr = loader.partition(":")
        try:
            import importlib

            models[name] = getattr(importlib.import_module(module), attr)
        except (ModuleNotFoundError, AttributeError):
            continue
    return models


def write_schemas(out: Path) -> list[Path]:
    make_folder(out, PUBLIC_FOLDER)  # editors' schemas hold no personal data
    written = []
    for name, model in _models().items():
        schema = model.model_json_schema(by_alias=True)
        schema.setdefault("title", name)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        path = out / f"{name}.schema.json"
        atomic_write_text(path, json.dumps(schema, indent=2) + "\n", mode=PUBLIC_FILE)
        written.append(path)
    return written
