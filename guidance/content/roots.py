"""Where the content lives: a folder holding ``content/`` and ``flows/``.

A council keeps its own content in its own repository and points ``--root`` (or GUIDANCE_ROOT) at
it, so nothing may assume the content sits inside the source tree. Without either, the content
base shipped with the package is used.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_ROOT = "GUIDANCE_ROOT"


class RootError(ValueError):
    """The chosen root holds no content base."""


def bundled_root() -> Path:
    """The content base shipped with the package: ``guidance/_bundled/`` in an installed wheel
    (the build copies content/ and flows/ there, see setup.py), else the source tree holding the
    package (a checkout, or an editable install). The package is plain files on disk (the content
    must be), so its folder is found from this file, without ``importlib.resources``."""
    packaged = packaged_root()
    if (packaged / "content").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


def packaged_root() -> Path:
    """Where an installed wheel keeps its copy of the content (``guidance/_bundled/``), whether
    or not this install has one."""
    return Path(__file__).absolute().parents[1] / "_bundled"


def is_packaged_copy(root: Path) -> bool:
    """True when ``root`` is the copy of the content inside the installed package: changes made
    there are lost on the next install, and a release made there exists nowhere else."""
    packaged = packaged_root()
    return packaged.is_dir() and Path(root).resolve() == packaged.resolve()


def resolve_root(explicit: str | os.PathLike | None = None) -> Path:
    chosen = explicit or os.environ.get(ENV_ROOT) or bundled_root()
    root = Path(chosen).expanduser().resolve()
    if not (root / "content").is_dir():
        raise RootError(f"{root}: no 'content' folder here; --root must name a folder holding content/ and flows/")
    return root
