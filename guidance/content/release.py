"""Content releases: the manifest, the lock file and the history of superseded page text.

Advice given last May must be provable later. The lock records each page's version and a hash
of its text at the last release; a page whose text changed without a higher version fails the
check. A release keeps the text each changed page had before, so any released version can be
shown again exactly. The lock also records each figure in ``rates.yaml`` (a hash and its
periods), so a release names the figures that changed and the new periods, as well as pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from guidance.content.formatting import format_value, long_date
from guidance.fileio import PUBLIC_FILE, atomic_write_text
from guidance.problems import Problems
from guidance.yamlio import read_yaml_file, validate

RELEASE_PATTERN = r"^\d{4}\.\d{1,2}\.\d+$"


class ChangelogEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    release: str = Field(pattern=RELEASE_PATTERN)
    date: dt.date
    notes: str = Field(min_length=1)
    pages: list[str] = Field(default_factory=list)
    #: Figures new or changed in this release, each as "key: what changed".
    rates: list[str] = Field(default_factory=list)
    #: The version of each page released here (page id -> version).
    versions: dict[str, int] = Field(default_factory=dict)


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    release: str = Field(pattern=RELEASE_PATTERN)
    date: dt.date
    changelog: list[ChangelogEntry] = Field(default_factory=list)


EMPTY_MANIFEST = Manifest(release="0000.1.0", date=dt.date(2000, 1, 1))


def load_manifest(path: Path, shown: str, problems: Problems) -> Manifest:
    try:
        doc = read_yaml_file(path, shown, problems)
    except FileNotFoundError:
        problems.error(shown, None, "manifest is missing: run 'guidance content release' to make one")
        return EMPTY_MANIFEST
    manifest = validate(Manifest, doc, shown, problems) if doc else None
    return manifest or EMPTY_MANIFEST


def load_lock(path: Path, shown: str, problems: Problems) -> dict[str, dict]:
    """page id -> {"version": int, "digest": str}; an absent lock means nothing released yet."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (ValueError, UnicodeDecodeError) as exc:
        problems.error(shown, None, f"lock file is damaged ({exc}); restore it from version control")
        return {}
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, dict):
        problems.error(shown, None, "lock file has no 'pages' table; restore it from version control")
        return {}
    return pages


def next_release(current: str, on: dt.date) -> str:
    """2026.11.1 -> 2026.11.2 in the same month; a new month starts at .1."""
    match = re.match(r"^(\d{4})\.(\d{1,2})\.(\d+)$", current)
    if match and int(match.group(1)) == on.year and int(match.group(2)) == on.month:
        return f"{on.year}.{on.month}.{int(match.group(3)) + 1}"
    return f"{on.year}.{on.month}.1"


def history_path(content: Path, page_id: str, version: int) -> Path:
    return content / "history" / page_id / f"v{version}.md"


class ReleaseError(RuntimeError):
    """A release refused because the content has errors."""


def changed_pages(base) -> list[str]:
    """Ids of pages new or changed since the last release."""
    out = []
    for page in base.sorted_pages():
        locked = base.lock.get(page.id)
        if locked is None or locked.get("digest") != page.digest or locked.get("version") != page.meta.version:
            out.append(page.id)
    return out


@dataclass(frozen=True)
class RateChange:
    """A figure new, changed or removed since the last release, in words."""

    key: str
    now: str
    released: str

    def __str__(self) -> str:
        return f"{self.key}: {self.now}" if self.released == "new" else f"{self.key}: {self.now} (was {self.released})"


def rate_digest(rate) -> str:
    data = json.dumps(rate.model_dump(mode="json"), sort_keys=True)
    return hashlib.blake2b(data.encode("utf-8"), digest_size=16).hexdigest()


def locked_rates(base) -> dict[str, dict] | None:
    """key -> {"digest", "periods"} at the last release; None when that release kept no rates."""
    try:
        data = json.loads((base.content_dir / "pages.lock").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    rates = data.get("rates") if isinstance(data, dict) else None
    return rates if isinstance(rates, dict) else None


def changed_rates(base) -> list[RateChange]:
    """Figures new, changed or removed since the last release, with the new periods named.

    Before any release has recorded rates, every figure counts as new.
    """
    locked = locked_rates(base) or {}
    out = []
    for key in base.rates.keys():
        rate = base.rates.get(key)
        before = locked.get(key)
        if before is None:
            out.append(RateChange(key, "new figure", "new"))
            continue
        if before.get("digest") == rate_digest(rate):
            continue
        old_starts = set(before.get("periods", []))
        added = [p for p in rate.periods if p.start.isoformat() not in old_starts]
        if added:
            words = ", ".join(f"from {long_date(p.start)}: {format_value(p.value, rate.unit)}" for p in added)
            out.append(RateChange(key, f"new period {words}", f"{len(old_starts)} periods"))
        else:
            out.append(RateChange(key, "changed (label, source or an existing value)", "as released"))
    for key in sorted(set(locked) - set(base.rates.keys()) - base.rates.invalid):
        out.append(RateChange(key, "removed", "in the release"))
    return out


def make_release(base, notes: str, on: dt.date) -> ChangelogEntry:
    """Write the superseded texts, then the lock, then the manifest (the manifest last, so an
    interrupted release is simply re-run)."""
    content = base.content_dir
    changed = changed_pages(base)
    release = next_release(base.manifest.release, on)
    # Built (and so validated) before anything is written: bad notes leave no history behind.
    entry = ChangelogEntry(
        release=release, date=on, notes=notes, pages=changed,
        rates=[str(change) for change in changed_rates(base)],
        versions={page_id: base.pages[page_id].meta.version for page_id in changed},
    )
    _keep_superseded(base, content, changed)
    lock = {
        "release": release,
        "pages": {
            p.id: {"version": p.meta.version, "digest": p.digest, "path": p.path, "updated": p.meta.updated.isoformat()}
            for p in base.sorted_pages()
        },
        "rates": {
            key: {"digest": rate_digest(base.rates.get(key)), "periods": [p.start.isoformat() for p in base.rates.get(key).periods]}
            for key in base.rates.keys()
        },
    }
    atomic_write_text(content / "pages.lock", json.dumps(lock, indent=1, sort_keys=True) + "\n", mode=PUBLIC_FILE)
    manifest = Manifest(release=release, date=on, changelog=[entry, *base.manifest.changelog])
    atomic_write_text(content / "manifest.yaml", _manifest_yaml(manifest), mode=PUBLIC_FILE)
    return entry


def _keep_superseded(base, content: Path, changed: list[str]) -> None:
    """Copy the current released text of each page into history (and each page's own current
    text too), so every released version stays readable after later edits."""
    for page_id in changed:
        page = base.pages[page_id]
        source = (base.root / page.path).read_text(encoding="utf-8")
        atomic_write_text(history_path(content, page_id, page.meta.version), source, mode=PUBLIC_FILE)


def _manifest_yaml(manifest: Manifest) -> str:
    import yaml

    data = manifest.model_dump(mode="json")
    header = "# Content release. Written by 'guidance content release'; edit only the notes.\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def version_text(base, page_id: str, version: int) -> str | None:
    """The full source of a page at a released version, or None if that version was never kept."""
    page = base.pages.get(page_id)
    if page is not None and page.meta.version == version:
        locked = base.lock.get(page_id)
        if locked is None or locked.get("version") != version or locked.get("digest") == page.digest:
            return (base.root / page.path).read_text(encoding="utf-8")
    path = history_path(base.content_dir, page_id, version)
    return path.read_text(encoding="utf-8") if path.is_file() else None


def release_of_version(base, page_id: str, version: int) -> ChangelogEntry | None:
    """The release that published ``version`` of a page, or None when no release recorded it
    (releases made before versions were recorded are not guessed at)."""
    for entry in base.manifest.changelog:
        if page_id in entry.pages and entry.versions.get(page_id) == version:
            return entry
    return None
