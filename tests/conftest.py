"""Shared test set-up: every test gets its own user data, cache and config folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def private_user_dirs(tmp_path_factory, monkeypatch):
    """Point platformdirs (XDG folders) at a temp dir so tests never touch a real user's files."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("GUIDANCE_ROOT", raising=False)
    return home


@pytest.fixture
def bundled_root() -> Path:
    return REPO


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the shipped content root (content/ and flows/)."""
    root = tmp_path / "root"
    shutil.copytree(REPO / "content", root / "content")
    if (REPO / "flows").is_dir():
        shutil.copytree(REPO / "flows", root / "flows")
    return root
