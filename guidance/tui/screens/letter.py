"""Make a letter: fields filled from the flow or the call, the rest asked for, a live preview,
the plain-language score, and export in any format (large print too).

Export goes through ``App.deliver_binary``: saved to the downloads folder in a terminal, offered
as a download in a browser. Every export is recorded so the letter can be re-made exactly.
"""

from __future__ import annotations

import re

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, Markdown, Select, SelectionList, Static, TextArea

from guidance.words import counted
from guidance.kinds import Date, read_date
from guidance.tui.latest_writes import LatestWrites
from guidance.tui.messages import CallChanged, ReportsFailures
from guidance.tui.screens.first_field import FirstFieldScreen
from guidance.tui.validators import DateValidator, MoneyValidator, NumberValidator
from guidance.tui.widgets.lists import TickCheckbox, TickSelectionList

FORMATS = [("Word (.docx)", "docx"), ("Web page (.html)", "html"), ("Plain text (.txt)", "txt"), ("Markdown (.md)", "md")]
NO_PREVIEW = "No preview yet: first fill in what the top of the form lists."
_VALIDATORS = {"date": DateValidator, "money": MoneyValidator, "number": NumberValidator}


class LetterScreen(ReportsFailures, FirstFieldScreen, Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="letter.back"),
        Binding("ctrl+s", "export", "Save letter", id="letter.export"),
        Binding("ctrl+o", "toggle_preview", "Preview", id="letter.preview"),
    ]
    PREVIEW_DELAY = 0.25  # seconds after the last keystroke before the preview is made again

    @property
    def offered_item(self) -> tuple[str, str]:
        """(kind, id) of what this screen holds: a screen for officers only stays out of recipient mode."""
        return ("letter", self.template_id)

    def __init__(self, template_id: str, prefill: dict | None = None, session_id: str | None = None,
                 call_id: str | None = None, draft_id: str | None = None, restored: bool = False,
                 notice: str | None = None, reference_fixed: bool = False, outside_call: bool = False,
                 source: dict | None = None, locked: tuple[str, ...] = (), audit_id: str | None = None):
        """What is typed is kept as a draft until the letter is saved, so a killed app loses
        none: with the call the letter is written in (``call_id``, ``CallStore.save_draft``), or
        outside a call as the draft ``draft_id`` (a new one when None; ``LetterDraftStore``).
        ``restored``: ``prefill`` holds a draft given back, so the letter is unsaved from the start.
        ``notice``: said at the top of the form (the letter's reference is not the open call's).
        ``reference_fixed``: the reference is the letter's source's (an account audit), shown
        and not typed over. ``outside_call``: a letter about another reference than the open
        call's: saving it is not added to that call. ``source``: the account audit the letter is
        made from (``StandaloneDraft.source``), kept with its draft. ``locked``: the fields an account
        audit fills in (``accounts.letters.audit_locks``: made from the audit, or from a review
        started from it), shown and not typed over, as the command line refuses them in the data.
        ``audit_id``: that audit's record, named in the letter's record when it is saved."""
        from guidance.records.drafts import new_draft_id

        super().__init__()
        self.template_id = template_id
        self.prefill = dict(prefill or {})
        self.session_id = session_id
        self.call_id = call_id
        self.draft_id = None if call_id is not None else (draft_id or new_draft_id())
        self.restored = restored
        self.notice = notice
        self.reference_fixed = reference_fixed
        self.outside_call = outside_call
        self.source = source
        self.locked = tuple(locked)
        self.audit_id = audit_id
        self.letter = None
        self._preview_timer = None
        self._drafts = LatestWrites()  # the draft's writes: the values to keep, or ``_DROP``
        self._kept = None  # the values last kept as the draft (at first: as the form opened)
        self._clean = None  # the values as opened or last saved (None: a draft given back, never saved)
        self._problems: list[tuple[str | None, str]] = []  # (field name or None, problem in words)

    @property
    def catalogue(self):
        return self.app.services.letters()

    def compose(self) -> ComposeResult:
        template = self.catalogue.template(self.template_id)
        yield Header()
        with Horizontal(id="letter-layout"):
            with VerticalScroll(id="letter-form"):
                notice = Static(self.notice or "", id="letter-notice", classes="notice", markup=False)
                notice.display = bool(self.notice)
                yield notice
                fills = Static(self._fills_line(), id="letter-audit-fills", classes="notice", markup=False)
                fills.display = bool(self.locked)
                yield fills
                yield Static("", id="letter-problems", classes="error", markup=False)
                for name, spec in template.meta.fields.items():
                    optional = _when_needed(spec, template.meta.fields)
                    label = _field_label(name, spec)
                    if name in self.locked and "audit fills" not in label:
                        label += " (the audit fills this in)"
                    yield Label(label + (" (Space ticks)" if _is_guides(name, spec) else "") + optional)
                    yield self._field_widget(name, spec)
                    error = Static("", id=f"error-{name}", classes="error field-error", markup=False)
                    error.display = False
                    yield error
                yield Label("Format")
                yield Select(FORMATS, value="docx", allow_blank=False, id="letter-format")
                yield TickCheckbox("Large print", id="letter-large")
                with Horizontal(classes="buttons"):
                    yield Button("Save letter", id="letter-save", variant="primary", compact=True)
            with VerticalScroll(id="letter-preview-pane"):
                yield Static("", id="letter-score")
                yield Markdown("", id="letter-preview")
                with Horizontal(classes="buttons"):  # Tab from the preview reaches Save
                    yield Button("Save letter", id="letter-save-preview", variant="primary", compact=True)
        yield Footer(compact=True)

    def _fills_line(self) -> str:
        """What the form says of the values the audit fills in (none: "")."""
        if not self.locked:
            return ""
        reference = (self.source or {}).get("reference") or self.prefill.get("reference") or ""
        return (f"Made from the account audit for {reference}: the fields marked '(the audit fills this in)' "
                "are shown as the audit gives them and cannot be typed over. To change them, audit the "
                "account again (with the plan or statements corrected) and make the letter from that audit.")

    def _field_widget(self, name: str, spec):
        widget = self._field_widget_for(name, spec)
        if name in self.locked and not widget.disabled:  # shown, never typed over, not in the Tab order
            widget.disabled = True
            widget.tooltip = "From the account audit the letter is made from"
        return widget

    def _field_widget_for(self, name: str, spec):
        value = self.prefill.get(name)
        value = "" if value is None else value  # a value left empty (None) is an empty field, never "None"
        widget_id = f"field-{name}"
        if _is_guides(name, spec):  # guides by title, never ids typed by hand
            # a letter to the person, their family or a PA names only guides written for them
            reader = "officer" if self.catalogue.template(self.template_id).meta.audience == "officer" else "recipient"
            offered = {p.id: p for p in self.app.services.pages_for(reader)}
            chosen = [pid for pid in (value if isinstance(value, list) else []) if pid in offered]
            pages = self.app.services.base.pages
            ordered = chosen + [pid for pid in offered if pid not in chosen]
            return TickSelectionList(*[(pages[pid].meta.title, pid, pid in chosen) for pid in ordered], id=widget_id, classes="guides-field")
        if spec.type == "list":
            lines = value if isinstance(value, list) else ([str(value)] if value else [])
            return TextArea("\n".join(str(v) for v in lines), id=widget_id, classes="list-field")
        if spec.type == "choice":
            return Select([(c, c) for c in spec.choices], id=widget_id, value=value if value in spec.choices else Select.NULL)
        validators = [_VALIDATORS[spec.type]()] if spec.type in _VALIDATORS else []
        day = read_date(value) if spec.type == "date" else None
        text = Date().show(day) if day is not None else str(value)  # a date in words, never ISO
        fixed = name == "reference" and self.reference_fixed and bool(text)
        return Input(text, id=widget_id, validators=validators, valid_empty=not spec.required, disabled=fixed,
                     tooltip="From the account audit the letter is made from" if fixed else None)

    def on_mount(self) -> None:
        template = self.catalogue.template(self.template_id)
        self.title = f"Letter: {template.meta.title}"
        self.focus_first_field()  # before the preview is made: keys typed now go to the form
        self.refresh_preview()
        self._kept = self.values()  # nothing typed yet: no draft
        self._clean = None if self.restored else self._kept

    @property
    def title_text(self) -> str:
        return self.catalogue.template(self.template_id).meta.title

    @property
    def unsaved(self) -> bool:
        """Typed into (or given back as a draft) and not saved since."""
        if self._kept is None:  # not yet mounted: nothing typed
            return False
        return self._clean is None or self.values() != self._clean

    def take_typing(self, event) -> bool | None:
        """Enter in a one-line field moves on to the next field as the key is handed out (the app
        calls this first), so the keys typed straight after it go to that field: moved later,
        on the field's Submitted message, the next answer typed fast landed in the field before."""
        if event.key == "enter" and isinstance(self.focused, Input) and self.focused.id and self.focused.id.startswith("field-"):
            self.focus_next()
            return True
        return None

    @on(Input.Submitted)
    def next_field(self) -> None:
        """Enter in a one-line field moves to the next field (it never joins lines together)."""
        self.focus_next()

    # -- values and preview ----------------------------------------------------------------

    def values(self) -> dict:
        from guidance.tui.validators import parse_date

        template = self.catalogue.template(self.template_id)
        data = {}
        for name, spec in template.meta.fields.items():
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, SelectionList):
                if widget.selected:
                    data[name] = list(widget.selected)
                continue
            if isinstance(widget, TextArea):
                items = [line.strip() for line in widget.text.split("\n") if line.strip()]
                if items:
                    data[name] = items
                continue
            raw = widget.value
            if raw in (None, "", Select.NULL):
                continue
            if spec.type == "date":
                parsed = parse_date(str(raw))
                raw = parsed.isoformat() if parsed else raw
            data[name] = raw
        return data

    @on(Input.Changed)
    @on(SelectionList.SelectedChanged)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def changed(self) -> None:
        """Every change is kept as the draft at once (a killed app loses at most the write in
        flight); the preview is made again once the person pauses, not on every keystroke."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(self.PREVIEW_DELAY, self.refresh_preview)
        self.keep_draft()

    def keep_draft(self) -> None:
        """Keep the form as typed, with the call or as a letter on its own, if it changed since
        last kept (written in a worker: typing never waits on the records)."""
        data = self.values()
        if self._kept is None or data == self._kept:
            return
        self._kept = data
        kept = self._storable(data)
        if self.call_id is None:
            from guidance.records.drafts import StandaloneDraft

            self.app.letter_drafts[(self.template_id, self.session_id)] = StandaloneDraft(
                self.draft_id, self.template_id, kept, self.session_id, "", self.source)
        self._queue_draft(kept)

    def _queue_draft(self, what) -> None:
        """Write ``what`` (the values to keep, or ``_DROP``) after the write in flight, if any
        (``LatestWrites``: the last one asked for is always written, in the order asked)."""
        if self._drafts.put(what):
            self._write_drafts()

    @property
    def draft_settled(self) -> bool:
        """No draft write in flight or waiting: the records hold the draft as last kept."""
        return self._drafts.settled

    @work(thread=True, group="letter-draft-write", exit_on_error=False, name="keep the letter draft")
    def _write_drafts(self) -> None:
        self._drafts.drain(self._write_draft)

    def _write_draft(self, what) -> None:
        """One write to the records: the draft kept with the call or on its own, or removed."""
        if self.call_id is not None:
            calls = self.app.services.calls()
            if what is _DROP:
                calls.drop_draft(self.call_id, self.template_id)
            else:
                calls.save_draft(self.call_id, self.template_id, what, self.session_id, source=self.source)
            self.app.post_message(CallChanged(calls.get(self.call_id)))  # the letter opened again in the call shows it
        elif what is _DROP:
            self.app.services.letter_drafts().drop(self.draft_id)
        else:
            reference = what.get("reference")
            reference = self.app.services.check_reference(reference) if isinstance(reference, str) and reference.strip() else None
            self.app.services.letter_drafts().save(self.draft_id, self.template_id, what, self.session_id, reference,
                                                   source=self.source)

    def _storable(self, data: dict) -> dict:
        """The draft as it may be kept: a reference the council's rule refuses (it may be a
        person's name) is kept empty, never stored in the records."""
        reference = data.get("reference")
        if isinstance(reference, str) and reference.strip():
            try:
                self.app.services.check_reference(reference)
            except ValueError:
                return {**data, "reference": ""}
        return data

    def action_toggle_preview(self) -> None:
        """Ctrl+O: to the preview, with the keys (PgDn and the arrows scroll it, Tab reaches
        Save), and back to the field that was being filled in. At 80 columns the form has the
        width, so the preview shows instead of it."""
        if self.previewing:
            self.close_preview()
            return
        self._form_field = self.focused
        self.add_class("-side")
        self.query_one("#letter-preview-pane").focus()

    @property
    def previewing(self) -> bool:
        """The preview has the keys (at 80 columns: it is showing instead of the form)."""
        pane = self.query_one("#letter-preview-pane")
        return self.has_class("-side") or (self.focused is not None and pane in self.focused.ancestors_with_self)

    def close_preview(self) -> None:
        """Back to the form, on the field the person was in."""
        self.remove_class("-side")
        field = getattr(self, "_form_field", None)
        if field is not None and field.is_attached and field.focusable:
            self.set_focus(field)
        else:
            self.focus_first_field(again=True)

    def refresh_preview(self) -> None:
        from guidance.letters.compose import LetterError
        from guidance.letters.formats import to_markdown

        problems = self.query_one("#letter-problems", Static)
        try:
            self.letter = self.catalogue.make(self.template_id, self.values(), self.app.today, deadlines=True)
        except LetterError as exc:
            self.letter = None
            labels = {name: _field_label(name, spec) for name, spec in self.catalogue.template(self.template_id).meta.fields.items()}
            self._problems = [(_field_of(p[2], labels), _plain(p[2], labels)) for p in exc.problems]
            problems.update("To finish the letter:\n" + "\n".join(f"• {said}" for _name, said in self._problems))
            self._show_field_errors(exc.problems, labels)
            self.query_one("#letter-score", Static).update(NO_PREVIEW)
            self.query_one("#letter-preview", Markdown).update("")
            return
        problems.update("")
        self._problems = []
        self._show_field_errors([], {})
        large = self.query_one("#letter-large", Checkbox).value
        self.query_one("#letter-preview", Markdown).update(to_markdown(self.letter, large))
        self.query_one("#letter-score", Static).update(self._score())

    def _show_field_errors(self, problems: list, labels: dict[str, str]) -> None:
        """Each field's problem under the field itself (a value typed but wrong: a date to reply
        by before the letter's date, a malformed amount). A field still to fill in is listed at
        the top only, so an empty form is not all red."""
        said = {}
        for _path, _line, message in problems:
            found = _FIELD_PROBLEM.match(message)
            if found and found.group(1) in labels and "is required" not in message:
                said[found.group(1)] = _plain(message, labels)
        for name in labels or self.catalogue.template(self.template_id).meta.fields:
            box = self.query_one(f"#error-{name}", Static)
            box.update(said.get(name, ""))
            box.display = name in said

    def _score(self) -> str:
        from guidance.content.style import reader_text, reading_ease
        from guidance.letters.plain import unexplained

        ease = reading_ease(reader_text(self.letter.body))
        jargon = unexplained(self.letter, self.app.services.base.glossary)
        verdict = "plain English" if ease >= 60 else "hard to read: use shorter sentences and words"
        extra = f" · {counted(len(jargon), 'term')} not explained" if jargon else ""
        return f"Reading ease {ease:.0f} ({verdict}){extra}"

    # -- export ----------------------------------------------------------------------------

    @on(Button.Pressed, "#letter-save")
    @on(Button.Pressed, "#letter-save-preview")
    def action_export(self) -> None:
        self.refresh_preview()  # what is typed now, even within the preview's pause
        if self.letter is None:
            self._tell_problems()
            return
        fmt = self.query_one("#letter-format", Select).value
        large = self.query_one("#letter-large", Checkbox).value
        self.save(self.letter, fmt, large)

    def _tell_problems(self) -> None:
        """Why the letter cannot be saved: each problem by its field's label (a date in the past,
        a field still empty), with the focus on the first field at fault, scrolled into view."""
        fields = list(self.catalogue.template(self.template_id).meta.fields)
        at_fault = sorted({name for name, _said in self._problems if name in fields}, key=fields.index)
        said = "\n".join(f"• {text}" for _name, text in self._problems) or NO_PREVIEW
        self.notify(f"The letter cannot be saved yet:\n{said}", severity="warning", markup=False)
        if self.previewing:
            self.close_preview()
        if at_fault:
            widget = self.query_one(f"#field-{at_fault[0]}")
            self.set_focus(widget, scroll_visible=False)
            self.query_one("#letter-form").scroll_to_widget(widget, animate=False)

    @work(thread=True, exclusive=True, group="letter-save", exit_on_error=False, name="save the letter")
    def save(self, letter, fmt: str, large: bool) -> None:
        """Write the file, then record the letter as issued (a file that failed is not recorded)."""
        saved_as = self.app.services.save_letter(self.app, letter, self.template_id, fmt, large, self.session_id,
                                                 audit_id=self.audit_id)
        self.app.call_from_thread(self._saved, saved_as)

    def _saved(self, saved_as: str) -> None:
        template = self.catalogue.template(self.template_id)
        self.saved_as = saved_as
        if not self.outside_call:
            self.app.record_use("letter", self.template_id, template.meta.title, template.meta.version)
        self.notify(f"Letter saved: {saved_as}")
        self._kept = self._clean = self.values()  # as saved: a draft again only if the officer changes it
        if self.call_id is None:
            self.app.letter_drafts.pop((self.template_id, self.session_id), None)
        self._queue_draft(_DROP)  # saved: the draft has done its work (after any write in flight)

    def action_back(self) -> None:
        """Esc: from the preview, back to the form; from the form, back where the letter was
        opened from (a letter not saved keeps its draft)."""
        if self.previewing:
            self.close_preview()
            return
        if self.unsaved:
            self.keep_draft()
            if self.call_id is None:
                self.notify(f"'{self.title_text}' is not saved: what you typed is kept, and offered back "
                            "when guidance next starts.")
        self.app.pop_screen()


_DROP = object()  # a draft write that removes the draft (the letter was saved)
_FIELD_PROBLEM = re.compile(r"field '([a-z][a-z0-9_]*)' ")  # as guidance.letters.compose.fill words it


def _field_of(message: str, labels: dict[str, str]) -> str | None:
    """The field a problem is about (as guidance.letters.compose.fill names it), or None."""
    found = _FIELD_PROBLEM.search(message)
    return found.group(1) if found and found.group(1) in labels else None


def _is_guides(name: str, spec) -> bool:
    return name == "pages" and spec.type == "list"


def _field_label(name: str, spec) -> str:
    """The field as the form names it (guides by title, never "ids")."""
    if _is_guides(name, spec):
        return "Guides the advice came from"
    return spec.label or name.replace("_", " ").capitalize()


def _when_needed(spec, fields: dict) -> str:
    """What the form adds to a field's label: "" (always needed), " (optional)", or when it is
    needed (``needed_when``), naming the other field by its label without its note in brackets."""
    if spec.required:
        return ""
    rule = spec.needed_when
    if rule is None:
        return " (optional)"
    other = _field_label(rule.field, fields[rule.field]).split(" (")[0]
    quoted = f"'{other}'"
    return f" (needed when {rule.words(quoted)})"


def _plain(message: str, labels: dict[str, str]) -> str:
    """A problem in the person's words: "Field 'reference' is required" -> "Our reference ... is required"."""
    for name, label in labels.items():
        message = message.replace(f"Field '{name}'", label).replace(f"field '{name}'", label)
        # another field named in the message ("is less than 'paid_ahead', the money paid in ...:"): by its label
        message = re.sub(rf"'{name}'(?:, [^:']*)?(?=:)", lambda _m, said=label.split(" (")[0]: f"'{said}'", message)
        message = message.replace(f"'{name}'", f"'{label.split(' (')[0]}'")
    return message[:1].upper() + message[1:]
