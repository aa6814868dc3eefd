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


def local_time(utc_text: str) -> str:
    """A stored UTC time shown as people read it here (Europe/London), dates as everywhere else
    in guidance: "25 November 2026, 14:05"."""
    from guidance.records.casenote import local_words

    return local_words(utc_text)


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


def config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("guidance", appauthor=False))


def load_settings() -> dict:
    """The app's small settings file (e.g. the mode last used); {} when missing or unreadable."""
    try:
        data = json.loads((config_dir() / "settings.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_setting(name: str, value) -> None:
    """Remember one setting; an unwritable config folder only forgets it."""
    settings = load_settings()
    settings[name] = value
    try:
        atomic_write_text(config_dir() / "settings.json", json.dumps(settings), mode=0o600)
    except OSError:
        pass


def safe_file_part(text: str | None) -> str:
    """A reference made safe for a file name (letters, digits and - only)."""
    import re

    return re.sub(r"[^A-Za-z0-9-]+", "-", text or "").strip("-")[:40]


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
    _letter_drafts: object | None = field(default=None, repr=False)
    _database: object | None = field(default=None, repr=False)
    _account_store: object | None = field(default=None, repr=False)
    _references: object | None = field(default=None, repr=False)
    downloads: Path | None = None  # where exported letters go in a terminal (None: Downloads)
    database_url: str | None = None  # None: the configured records database (see guidance.records)

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

    def search_in_mode(self, query: str, mode: str | None, limit: int = 20, as_you_type: bool = False, exact: bool = False):
        """Search as the home screen and the command palette both do in ``mode``: pages, guided
        help, calculators and letters in one list, a recipient's pages only in recipient mode
        and everything for an officer (as ``pages_for``)."""
        audience = "recipient" if mode == "recipient" else None
        if exact:
            outcome = self._searcher.search(query, audience=audience, limit=limit, exact=True)
        else:
            outcome = self._searcher.search(query, audience=audience, limit=limit, as_you_type=as_you_type)
        return outcome

    @property
    def searcher(self):
        return self._searcher

    def page_text_for(self, page, day, mode: str | None) -> str:
        """A page's body rendered for ``day`` as a reader in ``mode`` sees it: in recipient mode
        the parts written for officers ("For officers", see ``audience_sections`` in the
        settings) are left out; an officer sees everything."""
        from guidance.content.audience_parts import for_audience

        text = self.base.try_render(page, day)
        audience = "recipient" if mode == "recipient" else None
        return for_audience(text, self.base.settings.audience_headings(), audience)

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

    def pages_for(self, mode: str | None) -> list:
        """Pages offered in ``mode``, by title: a recipient is offered the pages written for
        recipients; an officer every page (officers also read what recipients are given)."""
        if self.base is None:
            return []
        pages = self.base.sorted_pages()
        return pages if mode != "recipient" else [p for p in pages if "recipient" in p.meta.audience]

    def page_titles(self) -> dict[str, str]:
        """Page id -> title (what people are shown instead of a page's id)."""
        return {} if self.base is None else {page_id: page.meta.title for page_id, page in self.base.pages.items()}

    def letters_for(self, mode: str | None) -> list:
        """Letter templates offered in ``mode``, by title: writing letters is an officer's work,
        so none in recipient mode (as search, which gives letters to officers only)."""
        from guidance.search.kinds import LETTER_AUDIENCE

        if self.base is None or (mode is not None and mode not in LETTER_AUDIENCE):
            return []
        return self.letters().sorted_templates()

    def calculators_for(self, mode: str | None) -> list:
        """Calculators offered in ``mode`` (those search gives that audience)."""
        from guidance.calculators.registry import CALCULATORS
        from guidance.search.kinds import CALCULATOR_AUDIENCE

        return [] if mode is not None and mode not in CALCULATOR_AUDIENCE else list(CALCULATORS.values())

    def offered(self, kind: str, item_id: str, mode: str | None) -> bool:
        """Whether the ``kind`` ("page", "flow", "letter", "calculator") ``item_id`` is offered
        in ``mode``: nothing written for officers only is opened in recipient mode."""
        if kind == "page":
            return any(page.id == item_id for page in self.pages_for(mode))
        if kind == "flow":
            return any(flow.id == item_id for flow in self.flows_for(mode))
        if kind == "letter":
            return any(template.id == item_id for template in self.letters_for(mode))
        if kind == "calculator":
            return any(calc.name == item_id for calc in self.calculators_for(mode))
        return False

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

    # -- the records database: one engine shared by every store ------------------------------

    def database(self):
        """The records database, opened once. Raises StoreError when it cannot be reached (the
        app reports that and carries on: search and pages need no database)."""
        if self._database is None:
            from guidance.records.database import open_database

            self._database = open_database(self.database_url)
        return self._database

    def store(self):
        """Flow sessions, on the shared database."""
        if self._store is None:
            from guidance.records.sessions import SqlSessionStore

            self._store = SqlSessionStore(self.database())
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
        """Letters issued, on the shared database."""
        if self._letter_store is None:
            from guidance.records.letters import LetterStore

            self._letter_store = LetterStore(self.database())
        return self._letter_store

    def letter_drafts(self):
        """Drafts of letters written outside any call, on the shared database."""
        if self._letter_drafts is None:
            from guidance.records.drafts import LetterDraftStore

            self._letter_drafts = LetterDraftStore(self.database())
        return self._letter_drafts

    def my_letter_drafts(self) -> list:
        """This officer's letters written outside a call and never saved (the app was closed or
        crashed while writing), newest first."""
        from guidance.records.audit import current_officer

        return self.letter_drafts().list(officer=current_officer())

    def account_store(self):
        """Account audits and the decisions on their flags, on the shared database."""
        if self._account_store is None:
            from guidance.records.accounts import AccountAuditStore

            self._account_store = AccountAuditStore(self.database())
        return self._account_store

    def save_letter(self, app, letter, template_id: str, fmt: str, large: bool, session_id: str | None = None,
                    audit_id: str | None = None) -> str:
        """Write the letter out, then record it as issued: a letter that could not be saved is
        never recorded. ``audit_id``: the recorded account audit it was made from (itself, or a
        review started from it), named in its record. Returns where it went. Raises OSError
        (file) or StoreError (records)."""
        from guidance.letters.formats import write
        from guidance.letters.issue import record_for

        output = write(letter, fmt, large_print=large)
        template = self.letters().template(template_id)
        name = f"{template_id}-{safe_file_part(letter.reference) or 'letter'}{'-large-print' if large else ''}.{fmt}"
        saved_as = self.deliver(app, output, name)
        record = record_for(letter, template, fmt, large, output, session_id=session_id, audit_id=audit_id)
        self.letter_store().add(record, template.source)
        return saved_as

    def session_letter_values(self, template_id: str, session_id: str) -> tuple[dict, tuple[str, ...], str | None]:
        """(fields a finished flow session can fill in for a letter, the fields of those locked to
        the account audit the session was started from, that audit's record id or None). Locked:
        what ``letter render --session`` refuses in the data (``accounts.letters.audit_locks``).
        Raises LetterError when the session cannot fill it; NothingToAsk (``accounts.letters``)
        when a surplus letter from a review started from an audit is not to be made, as ``letter
        render --session`` refuses it: the review did not end at its surplus outcome, or the
        audit's surplus is provisional."""
        from guidance.letters.session import finished_session_from, session_values

        from guidance.accounts.letters import audit_locks, check_review_letter

        answers, results, _flow, carried, audit_id = finished_session_from(session_id, self.store())
        template = self.letters().template(template_id)
        values = session_values(template, answers, results, carried)
        check_review_letter(template_id, values, carried, {}, answers)  # as on the command line: NothingToAsk
        return values, audit_locks(template, (answers, results, carried)), audit_id

    def audit_letter_locks(self, template_id: str) -> tuple[str, ...]:
        """The fields of a letter made from an account audit that the audit fills in, locked as
        ``guidance account letter`` refuses them in the data (``accounts.letters.audit_locks``)."""
        from guidance.accounts.letters import audit_locks

        return audit_locks(self.letters().template(template_id))

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

    def save_key_dates(self, app, dates: list, reference: str | None, name: str) -> str:
        """Key dates as an .ics calendar file, handed over like a letter; returns where it went."""
        from guidance.keydates import calendar_ics

        data = calendar_ics(dates, reference, dt.datetime.now(dt.timezone.utc))  # DTSTAMP: when made
        suffix = f"-{safe_file_part(reference)}" if reference else ""
        return self.deliver(app, data, f"{name}-key-dates{suffix}.ics")

    def flow_outline(self, flow_id: str) -> str:
        """The flow drawn as text (Mermaid), for team leaders checking its shape."""
        from guidance.flows.graph import mermaid

        return mermaid(self.flows()[flow_id].flow)

    def calls(self):
        """Call records, on the shared database."""
        if self._calls is None:
            from guidance.records.calls import CallStore

            self._calls = CallStore(self.database())
        return self._calls

    def reference_pattern(self):
        """The council's form of reference, a ``ReferenceRule`` (``content/references.yaml``,
        else the default)."""
        if self._references is None:
            from guidance.references import rule_for

            self._references = rule_for(self.root)  # a broken file: the default; the content check names it
        return self._references

    def check_reference(self, text: str) -> str:
        """The reference tidied; ValueError with a message (a sentence, never the text typed)
        when it is empty, a name or malformed."""
        from guidance.references import ReferenceError

        try:
            return self.reference_pattern().check(text)
        except ReferenceError as exc:
            message = str(exc)
            raise ReferenceError(message if message[:1].isupper() else f"That {message}") from None

    def my_open_calls(self) -> list:
        """This officer's calls left open (the app closed or crashed mid-call), newest first."""
        from guidance.records.audit import current_officer

        return self.calls().list(status="open", officer=current_officer())

    def my_unsaved_letters(self, limit: int = 30) -> list:
        """This officer's ended calls (of the last ``limit``) with a letter still being written:
        its draft was kept but the letter never saved (the app closed or crashed after the call
        ended), newest first."""
        from guidance.records.audit import current_officer

        return [call for call in self.calls().list(status="closed", officer=current_officer(), limit=limit) if call.drafts]

    def my_recent_calls(self, limit: int = 30) -> list:
        """This officer's calls, newest first."""
        from guidance.records.audit import current_officer

        return self.calls().list(officer=current_officer(), limit=limit)

    def empty_session(self, flow_id: str, label: str | None, mode: str) -> str | None:
        """The newest unfinished session of ``flow_id`` with no answer yet, for the same
        reference (``label``), mode, day and content as one started now would have: starting
        that guided help again carries on with it rather than leaving another empty one in the
        list of unfinished work. None if there is none."""
        from guidance.records.store import ACTIVE

        release = str(self.base.manifest.release)
        for record in self.store().list(status=ACTIVE, flow_id=flow_id, mode=mode):
            if (record.steps == 0 and record.label == label and record.on == self.today
                    and record.content_release == release):
                return record.id
        return None

    def open_sessions(self, mode: str) -> list:
        """Unfinished sessions run in ``mode`` ("officer": the officer's guided help, with those
        from before modes were kept; "recipient": the recipient's checklists), newest first,
        labelled for the list."""
        from guidance.records.store import ACTIVE

        out = []
        titles = {flow_id: loaded.flow.title for flow_id, loaded in self.flows().items()}
        for record in self.store().list(status=ACTIVE, mode=mode):
            title = titles.get(record.flow_id, record.flow_id)
            when = local_time(record.updated_at)
            about = f"{record.label}, " if record.label else ""
            answers = "1 answer" if record.steps == 1 else f"{record.steps} answers"
            out.append(_SessionLine(record.id, f"{title} ({about}{answers}, {when})", record.flow_id))
        return out


@dataclass(frozen=True)
class _SessionLine:
    id: str
    label: str
    flow_id: str = ""
