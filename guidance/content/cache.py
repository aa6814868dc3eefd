"""A cache of parsed pages, keyed by each file's bytes, so loading the content base stays fast.

Parsing front matter and Markdown is the slow part of loading; a page whose bytes have not
changed is taken from the cache. The cache is JSON (never pickle) in the user cache directory,
one file per content root, written atomically; a damaged cache is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import platformdirs

from guidance import __version__
from guidance.content.pages import Page, PageMeta
from guidance.fileio import atomic_write_text

FORMAT = 1


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("guidance", appauthor=False))


def _key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _page_to_json(page: Page) -> dict:
    return {
        "meta": page.meta.model_dump(mode="json"),
        "area": page.area,
        "path": page.path,
        "body": page.body,
        "body_line": page.body_line,
        "digest": page.digest,
        "links": page.links,
        "rate_keys": page.rate_keys,
        "lines": [[list(k), v] for k, v in page.lines.items()],
    }


def _page_from_json(data: dict) -> Page:
    return Page(
        meta=PageMeta.model_validate(data["meta"]),
        area=data["area"],
        path=data["path"],
        body=data["body"],
        body_line=data["body_line"],
        digest=data["digest"],
        links=[tuple(x) for x in data["links"]],
        rate_keys=[tuple(x) for x in data["rate_keys"]],
        lines={tuple(k): v for k, v in data["lines"]},
    )


class PageCache:
    def __init__(self, file: Path):
        self.file = file
        self.entries: dict[str, dict] = {}
        self.used: dict[str, dict] = {}
        self.dirty = False
        self._read()

    @classmethod
    def for_root(cls, root: Path) -> "PageCache":
        name = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
        return cls(cache_dir() / "pages" / f"{name}.json")

    def _read(self) -> None:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and data.get("version") == __version__:
                self.entries = data["entries"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.entries = {}

    def get(self, path: Path) -> Page | None:
        try:
            key = _key(path.read_bytes())
        except OSError:
            return None
        entry = self.entries.get(str(path))
        if not entry or entry.get("key") != key:
            self.dirty = True
            return None
        try:
            page = _page_from_json(entry["page"])
        except Exception:  # a damaged entry is a cache miss, never a crash
            self.dirty = True
            return None
        self.used[str(path)] = entry
        return page

    def put(self, path: Path, page: Page) -> None:
        try:
            key = _key(path.read_bytes())
        except OSError:
            return
        self.used[str(path)] = {"key": key, "page": _page_to_json(page)}
        self.dirty = True

    def save(self) -> None:
        """Keep only the entries used in this load (removed pages drop out)."""
        if not self.dirty and len(self.used) == len(self.entries):
            return
        payload = {"format": FORMAT, "version": __version__, "entries": self.used}
        try:
            atomic_write_text(self.file, json.dumps(payload))
        except OSError:
            pass  # a read-only cache directory only costs speed


class ResultCache:
    """Check results (lists of problems as dicts) keyed by a hash of everything they depend on.

    ``guidance content check`` runs each flow from its start; the result depends only on the
    flow's text, the rates, the date and what the flow may refer to, so an unchanged flow is
    not run again. JSON in the user cache folder, written atomically; a damaged file is ignored.
    """

    def __init__(self, name: str):
        self.file = cache_dir() / "checks" / f"{name}.json"
        self.entries: dict[str, list] = {}
        self.used: dict[str, list] = {}
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and data.get("version") == __version__:
                self.entries = data["entries"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.entries = {}

    @staticmethod
    def key(*parts) -> str:
        digest = hashlib.blake2b(digest_size=16)
        for part in parts:
            digest.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()

    def get(self, key: str) -> list | None:
        found = self.entries.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, value: list) -> None:
        self.used[key] = value

    def save(self) -> None:
        if self.used.keys() == self.entries.keys():
            return
        try:
            atomic_write_text(self.file, json.dumps({"format": FORMAT, "version": __version__, "entries": self.used}))
        except OSError:
            pass


def code_fingerprint(*modules: str) -> str:
    """A hash of the size and modification time of the named modules' source files (packages
    include every file in them), so cached check results never outlive a change of code."""
    import importlib.util

    digest = hashlib.blake2b(digest_size=16)
    digest.update(__version__.encode())
    for name in modules:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            continue
        origin = Path(spec.origin)
        files = sorted(origin.parent.glob("*.py")) if origin.name == "__init__.py" else [origin]
        for file in files:
            try:
                stat = file.stat()
            except OSError:
                continue
            digest.update(f"{file.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()
