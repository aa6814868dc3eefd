"""What the app needs from the core, in one place: content, search, flows, sessions, letters.

Nothing here imports Textual. Screens ask this object, so the app can be driven in tests with any
content root and any date, and slow things (the search index) are opened once, off the UI thread.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from guidance.fileio import atomic_write_bytes, atomic_write_text

if TYPE_CHECKING:  # imported when first used, so the first screen is not kept waiting
    from guidance.content.base import ContentBase

RECENT_LIMIT = 12


def _mime(filename: str) -> str:
    import mimetypes

    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def _unused_name(path: Path) -> Path:
    """letter.docx, then letter (2).docx ...: never overwrite a letter already saved."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        number += 1
    return candidate


def state_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_state_dir("guidance", appauthor=False))


@dataclass
class Services:
    root: Path
    today: dt.date
    base: "ContentBase | None" = None
    _searcher: object | None = field(default=None, repr=False)
    _flows: dict | None = field(default=None, repr=False)
    _store: object | None = field(default=None, repr=False)
    _calls: object | None = field(default=None, repr=False)
    _letters: object | None = field(default=None, repr=False)
    _letter_store: object | None = field(default=None, repr=False)
    downloads: Path | None = None  # where exported letters go in a terminal (None: Downloads)

    def load_content(self) -> ContentBase:
        """Load (from cache when unchanged) the content base. Safe to call from a worker thread."""
        from guidance.content.base import ContentBase

        self.base = ContentBase.load(self.root)
        return self.base

    def open_search(self):
        """Open the search index, building it first if needed. Slow the first time: use a worker."""
        from guidance.search import Searcher

        assert self.base is not None, "load the content first"
        self._searcher = Searcher.open(self.base, self.today)
        return self._searcher

    def search(self, query: str, audience: str | None = None, limit: int = 20, as_you_type: bool = False):
        """Results best first, with "did you mean" and plain notes (see guidance.search.Results)."""
        return self._searcher.search(query, audience=audience, limit=limit, as_you_type=as_you_type)

    @property
    def searcher(self):
        return self._searcher

    # -- recent pages (a small file in the user state folder: ids only, nothing personal) ----

    def recent_pages(self) -> list[str]:
        try:
            data = json.loads((state_dir() / "recent.json").read_text(encoding="utf-8"))
            return [str(x) for x in data][:RECENT_LIMIT]
        except (OSError, ValueError, TypeError):
            return []

    def remember_page(self, page_id: str) -> None:
        recent = [page_id] + [p for p in self.recent_pages() if p != page_id]
        try:
            atomic_write_text(state_dir() / "recent.json", json.dumps(recent[:RECENT_LIMIT]), mode=0o600)
        except OSError:
            pass  # an unwritable state folder only loses the recent list

    # -- guided flows and their sessions -----------------------------------------------------

    def flows(self) -> dict:
        """Flow id -> LoadedFlow, loaded once (flows are small)."""
        if self._flows is None:
            if self.base is not None:
                self._flows = self.base.flows()  # loaded once, with the rest of the content
            else:
                from guidance.flows.loader import load_flows
                from guidance.problems import Problems

                self._flows = load_flows(self.root, Problems())
        return self._flows

    def flows_for(self, mode: str | None) -> list:
        """Flows for the audience (all of them when ``mode`` is None), by title."""
        found = [loaded.flow for loaded in self.flows().values() if mode is None or mode in loaded.flow.audience]
        return sorted(found, key=lambda flow: flow.title)

    def store(self):
        if self._store is None:
            from guidance.records import open_store

            self._store = open_store()
        return self._store

    def letters(self):
        """The letter templates and the council's details, loaded once."""
        if self._letters is None:
            self._letters = self.base.letters()
        return self._letters

    def letter_title(self, letter_id: str) -> str:
        template = self.letters().templates.get(letter_id)
        return template.meta.title if template else letter_id.replace("-", " ").capitalize()

    def letter_store(self):
        if self._letter_store is None:
            from guidance.records.letters import open_letter_store

            self._letter_store = open_letter_store()
        return self._letter_store

    def session_letter_values(self, template_id: str, session_id: str) -> dict:
        """Fields a finished flow session can fill in for a letter."""
        from guidance.letters.session import finished_session, session_values

        answers, results, _flow = finished_session(session_id)
        return session_values(self.letters().template(template_id), answers, results)

    def deliver(self, app, data: bytes, filename: str) -> str:
        """Hand a file to the person: a download in a browser, the Downloads folder in a terminal.

        In a terminal we write the file ourselves (temp file, then rename) so a crash never
        leaves half a letter; Textual's own terminal delivery writes in place.
        """
        if app.is_web:
            import io

            app.deliver_binary(io.BytesIO(data), save_filename=filename, mime_type=_mime(filename))
            return filename
        import platformdirs

        folder = self.downloads or Path(platformdirs.user_downloads_dir())
        target = _unused_name(folder / filename)
        atomic_write_bytes(target, data, mode=0o600)
        return str(target)

    def flow_outline(self, flow_id: str) -> str:
        """The flow drawn as text (Mermaid), for team leaders checking its shape."""
        from guidance.flows.graph import mermaid

        return mermaid(self.flows()[flow_id].flow)

    def calls(self):
        if self._calls is None:
            from guidance.records import open_calls

            self._calls = open_calls()
        return self._calls

    def open_sessions(self) -> list:
        """Unfinished sessions to resume, newest first, labelled for the list."""
        from guidance.records.store import ACTIVE

        out = []
        titles = {flow_id: loaded.flow.title for flow_id, loaded in self.flows().items()}
        for record in self.store().list(status=ACTIVE):
            title = titles.get(record.flow_id, record.flow_id)
            when = record.updated_at[:16].replace("T", " ")
            out.append(_SessionLine(record.id, f"{title} ({record.label or 'no label'}, {record.steps} answers, {when})"))
        return out


@dataclass(frozen=True)
class _SessionLine:
    id: str
    label: str
