"""Where indexes live and how a new one replaces the old without a reader noticing.

Each content root has a folder in the user cache directory. Every build or update writes a new
*generation* folder beside the current one (Whoosh's own files are not crash-safe), then one
small pointer file, ``current.json``, is replaced atomically to name it. A reader follows the
pointer once and keeps its generation open; a process that crashes half way leaves only a stray
folder that the next build sweeps up. Builders take a lock so two never build at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from guidance.fileio import atomic_write_text

POINTER = "current.json"
META = "meta.json"
LOCK = "build.lock"
#: Old generations are kept this long after being replaced, for readers that still have them open.
GRACE_SECONDS = 120.0


class IndexLockTimeout(RuntimeError):
    """Another process has been building the index for too long."""


def search_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("guidance", appauthor=False)) / "search"


@dataclass
class Generation:
    folder: Path
    meta: dict

    @property
    def docs(self) -> dict[str, str]:
        return self.meta.get("docs", {})


class IndexStore:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    @classmethod
    def for_root(cls, root: Path) -> "IndexStore":
        name = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
        return cls(search_cache_dir() / name)

    @property
    def pointer(self) -> Path:
        return self.folder / POINTER

    def stamp(self) -> tuple | None:
        """Changes whenever the pointer is replaced: cheap enough to check before every query."""
        try:
            st = os.stat(self.pointer)
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def current(self) -> Generation | None:
        """The generation the pointer names, or None when there is none or it is unreadable."""
        try:
            name = json.loads(self.pointer.read_text(encoding="utf-8"))["generation"]
            folder = self.folder / name
            if folder.parent != self.folder or not name.startswith("g-"):
                return None
            meta = json.loads((folder / META).read_text(encoding="utf-8"))
            if not isinstance(meta, dict) or not isinstance(meta.get("docs"), dict):
                return None
            return Generation(folder, meta)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def scratch(self) -> Path:
        """A fresh folder to build a generation in; it becomes visible only when published."""
        import uuid  # writing only: a search starts without it (it loads ``platform``)

        path = self.folder / f".tmp-{uuid.uuid4().hex}"
        path.mkdir(parents=True)
        return path

    def publish(self, scratch: Path, meta: dict) -> Generation:
        atomic_write_text(scratch / META, json.dumps(meta, ensure_ascii=False))
        import uuid

        name = f"g-{time.time_ns()}-{uuid.uuid4().hex[:6]}"
        final = self.folder / name
        os.replace(scratch, final)
        atomic_write_text(self.pointer, json.dumps({"generation": name}))
        self.sweep(keep=final)
        return Generation(final, meta)

    def discard(self, scratch: Path) -> None:
        shutil.rmtree(scratch, ignore_errors=True)

    def sweep(self, keep: Path) -> None:
        """Remove generations replaced a while ago and scratch folders of builds that died."""
        now = time.time()
        for child in self.folder.iterdir():
            if child == keep or not child.is_dir() or not child.name.startswith(("g-", ".tmp-")):
                continue
            try:
                age = now - child.stat().st_mtime
            except OSError:
                continue
            limit = GRACE_SECONDS if child.name.startswith("g-") else 3600.0
            if age > limit:
                shutil.rmtree(child, ignore_errors=True)

    @contextlib.contextmanager
    def build_lock(self, timeout: float = 120.0):
        """Only one process builds at a time; others wait, then find the index already built."""
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            import fcntl
        except ImportError:  # no POSIX locks: builds still publish atomically, they may just repeat
            yield
            return
        with open(self.folder / LOCK, "a+") as handle:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise IndexLockTimeout(f"another process has been building the search index in {self.folder} for over {timeout:.0f} s") from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def size_bytes(self, generation: Generation) -> int:
        return sum(f.stat().st_size for f in generation.folder.iterdir() if f.is_file())
