"""The flow wizard: one question at a time, saved as it is answered.

Back and "change an earlier answer" keep later answers that still apply (the engine decides).
Every answer is written to the session store before the next question shows, so closing the app
or losing power loses nothing: reopening offers to resume.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    Markdown,
    OptionList,
    ProgressBar,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets.option_list import Option

from guidance.tui.flow_view import FlowView
from guidance.tui.messages import ModeChanged, ReportsFailures
from guidance.tui.screens.first_field import FirstFieldScreen
from guidance.tui.validators import DateValidator, MoneyValidator, NumberValidator
from guidance.tui.widgets.call_panel import CallPanelHost
from guidance.tui.widgets.lists import ChoiceSet, ShowsTick

_INPUT_KINDS = {"number": NumberValidator, "money": MoneyValidator, "date": DateValidator}


class _Wraps:
    """A toggle button whose label wraps to the width it is given: Textual's keeps every toggle
    button one line high, so a long label was cut off at 80 columns."""

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, self.render().get_height(self.styles, width))


def _highlight_given(choices: RadioSet) -> None:
    """The answer already given highlighted, so Enter keeps it: Textual highlights the first
    choice as the set is mounted, and Enter on it made that the answer (back to a question
    answered "No", Enter, Enter saved "Yes")."""
    if choices.pressed_index >= 0:
        choices._selected = choices.pressed_index


class WrappingRadioButton(_Wraps, ShowsTick, RadioButton):
    """A flow's option: long text wraps; its dot shows only when chosen."""


class TickBox(_Wraps, ShowsTick, Checkbox):
    """One answer or checklist item: Space ticks, Enter continues; the arrows move within the
    list, staying on the first or last item at its ends, and Home and End go to the first and
    last; long text wraps; its "X" shows only when ticked."""

    BINDINGS = [
        Binding("enter", "continue_step", "Continue", show=False),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("home", "move(-1, True)", show=False),
        Binding("end", "move(1, True)", show=False),
    ]

    #: Keys that move the focus to another box: the keys typed after one wait for it (``moves_focus``).
    FOCUS_KEYS = ("down", "up", "home", "end")

    def __init__(self, label: str, value: str, ticked: bool):
        super().__init__(label, ticked)
        self.answer_value = value

    def action_continue_step(self) -> None:
        self.screen.query_one("#continue", Button).press()

    def action_move(self, step: int, to_end: bool = False) -> None:
        """To the next (``step`` 1) or previous (-1) box of the list, or (``to_end``) to its last
        or first; at either end the focus stays where it is (it left the list from the last)."""
        boxes = list(self.parent.query_children(TickBox)) if self.parent is not None else [self]
        here = boxes.index(self) if self in boxes else 0
        there = (len(boxes) - 1 if step > 0 else 0) if to_end else min(max(here + step, 0), len(boxes) - 1)
        if boxes[there] is not self:
            boxes[there].focus()


class TickList(Vertical):
    """Several answers or checklist items to tick, each wrapped to the width (a SelectionList
    keeps each item to one line and cuts it)."""

    def __init__(self, options: list[tuple[str, str]], chosen: set, id: str):
        super().__init__(*[TickBox(label, value, value in chosen) for value, label in options], id=id)

    @property
    def selected(self) -> list[str]:
        return [box.answer_value for box in self.query(TickBox) if box.value]

    def select(self, value: str) -> None:
        for box in self.query(TickBox):
            if box.answer_value == value:
                box.value = True

    def focus(self, scroll_visible: bool = True):
        boxes = self.query(TickBox)
        if boxes:
            boxes.first().focus(scroll_visible)
        return self


class FlowScreen(FirstFieldScreen, ReportsFailures, CallPanelHost, Screen):
    """Guided help, a step at a time. Each step's answer takes the focus as it is put up, with
    the keys typed while it was coming (``FirstFieldScreen``): the answer typed as the guided help
    opens, or straight after Enter gave the answer before, goes into the new question's field."""

    CALL_PANEL_PARENT = "#flow-layout"
    FIRST_FIELD = "#answer"
    AUTO_FOCUS = ""  # nothing takes the focus (or the keys) before the first step's answer is up
    BINDINGS = [
        Binding("escape", "leave", "Leave", id="flow.leave"),
        Binding("ctrl+b", "back", "Back", id="flow.back", show=False),
        Binding("ctrl+y", "change", "Change", id="flow.change"),
        Binding("ctrl+g", "safeguarding", "Safeguard", id="flow.safeguarding"),
        Binding("ctrl+t", "calendar", "Calendar", id="flow.calendar"),
        Binding("ctrl+o", "toggle_side", "Answers", id="flow.toggle_side"),
    ]

    @property
    def offered_item(self) -> tuple[str, str]:
        """(kind, id) of what this screen holds: a screen for officers only stays out of recipient mode."""
        return ("flow", self.flow_id)

    def __init__(self, flow_id: str | None = None, session_id: str | None = None, label: str | None = None,
                 from_audit: str | None = None):
        super().__init__()
        self.flow_id = flow_id
        self.session_id = session_id
        self.label = label  # the call's reference when started during a call
        self.from_audit = from_audit  # a recorded account audit whose figures fill the answers
        self.view: FlowView | None = None
        self.changing: str | None = None  # node id of an earlier answer being changed
        self.run_mode = "officer"  # the app's mode when opened (on_mount), kept with a new session
        self._error_about = None  # the answer the problem shown is about (see show_error)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="flow-layout"):
            with VerticalScroll(id="flow-main"):
                notice = Static("", id="flow-notice", classes="notice", markup=False)
                notice.display = False
                yield notice
                yield Label("", id="flow-progress-label")
                yield ProgressBar(id="flow-progress", show_eta=False, show_percentage=False)
                yield Markdown("", id="flow-text")
                yield Static("", id="flow-help", classes="help", markup=False)
                yield Vertical(id="flow-answer")
                yield Static("", id="flow-error", classes="error", markup=False)
                with Horizontal(classes="buttons"):
                    yield Button("Continue", id="continue", variant="primary", compact=True)
                    yield Button("Back", id="back", compact=True)
                    yield Button("Change answer", id="change", compact=True)
                    yield Button("Safeguarding", id="safeguarding", variant="warning", compact=True)
            with VerticalScroll(id="flow-side"):
                yield Label("Read more", classes="info-heading", id="flow-pages-heading")
                yield OptionList(id="flow-pages")
                yield Label("Your answers", classes="info-heading")
                yield Static("", id="flow-transcript", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.shown_mode = self.app.mode  # the mode its pages and letters are offered for
        self.run_mode = self.app.mode
        self.open_view()

    @work(thread=True, exclusive=True, exit_on_error=False, name="open the guided help")
    def open_view(self) -> None:
        """Start or resume the session off the UI thread (it reads and writes the records)."""
        services = self.app.services
        try:
            # starting again a guided help opened and left before any answer carries on with it
            empty = (services.empty_session(self.flow_id, self.label, self.run_mode)
                     if not self.session_id and not self.from_audit else None)
            if self.session_id or empty:
                view = FlowView.resume(services, self.session_id or empty)
            else:
                view = FlowView.start(services, self.flow_id, self.label, self.from_audit, mode=self.run_mode)
        except Exception as exc:  # a flow that cannot start is reported, never a crash
            self.app.call_from_thread(self._cannot_start, exc)
            return
        self.app.call_from_thread(self._view_ready, view)

    def _cannot_start(self, exc: Exception) -> None:
        from guidance.records.store import StoreError

        if isinstance(exc, StoreError):
            self.app.show_failure("start the guided help (its answers are kept in the records)", exc)
        else:
            self.app.notify(f"This guided help cannot start: {exc}", severity="error")
        if self.app.screen is self:
            self.app.pop_screen()

    async def _view_ready(self, view: FlowView) -> None:
        self.view = view
        self.title = self.view.title
        # one entry per run: the outcome, when reached, replaces this line (same run)
        self.app.record_use("flow", self.view.flow_id, self.view.title, self.view.version, run=self.view.session_id,
                            reference=self.view.own_reference)
        if self.view.note:
            self.notify(self.view.note, timeout=10, markup=False)
        self.sync_call_panel()
        await self.show_step()

    # -- showing a step --------------------------------------------------------------------

    async def show_step(self) -> None:
        view = self.view
        step = view.step(self.changing)
        self.query_one("#flow-progress-label", Label).update(step.progress_text[:1].upper() + step.progress_text[1:])
        bar = self.query_one("#flow-progress", ProgressBar)
        bar.update(total=step.progress_total, progress=step.progress_done)
        self.query_one("#flow-text", Markdown).update("" if step.finished else step.text)
        self._show_notice()
        tick_hint = "Space ticks or unticks; Enter continues." if step.kind in ("several", "checklist") else ""
        source = _source_words(step.source)
        recheck = "An earlier answer changed, so check this one again." if step.recheck else ""
        self.query_one("#flow-help", Static).update("\n".join(x for x in (recheck, source, step.help, tick_hint) if x))
        self.show_error("")
        await self._show_answer_widget(step)
        self._fill_side(step)
        self.query_one("#continue", Button).label = "Save change" if self.changing else ("Continue" if not step.finished else "Done")
        self.query_one("#back", Button).disabled = not view.can_go_back and not self.changing
        self.query_one("#flow-main").scroll_home(animate=False)
        self.refresh_bindings()
        if step.finished and not self.changing:
            self._record_outcome()
            self.app.session_finished(view.session_id)

    def _record_outcome(self) -> None:
        """The outcome, the answers given and the key dates go into the call record."""
        from guidance.tui.call_summary import flow_key_dates, flow_summary

        try:
            report = self.view.session.report(self.app.services.base)
            summary = flow_summary(self.view.title, report, self.view.earlier_answers())
            dates = flow_key_dates(report)
        except Exception:  # the outcome still shows; the call keeps the flow's title
            return
        self.app.record_use("flow", self.view.flow_id, summary, self.view.version, run=self.view.session_id, dates=dates,
                            reference=self.view.own_reference)

    def _show_notice(self) -> None:
        """Started from an account audit of another reference than the open call's: said at the
        top, and the review is kept out of the call (``app.outside_call``)."""
        from guidance.tui.app import other_call_review_notice

        own = self.view.own_reference if self.view is not None else None
        notice = self.query_one("#flow-notice", Static)
        outside = self.app.outside_call(own)
        notice.update(other_call_review_notice(own, self.app.call.reference) if outside else "")
        notice.display = outside

    async def _show_answer_widget(self, step) -> None:
        box = self.query_one("#flow-answer", Vertical)
        await box.remove_children()
        widget = None
        if step.kind in ("choice", "yes_no"):
            chosen = step.default_option
            widget = ChoiceSet(*[WrappingRadioButton(label, value=(value == chosen)) for value, label in step.options], id="answer")
        elif step.kind in ("several", "checklist"):
            chosen = set(step.default or [])
            widget = TickList(step.options, chosen, id="answer")
        elif step.kind in ("number", "money", "date", "text", "list"):
            validators = [_INPUT_KINDS[step.kind]()] if step.kind in _INPUT_KINDS else []
            widget = Input(value=step.default_text, placeholder=step.placeholder, validators=validators, id="answer")
        elif step.kind == "outcome":
            widget = self._outcome_widgets(step)
        if widget is not None:
            await box.mount(widget)
            if isinstance(widget, RadioSet):
                self.call_after_refresh(_highlight_given, widget)
            if isinstance(widget, RadioSet) and step.source:
                # a choice filled from a source: Enter keeps it (arrows up to the choices change it)
                self.call_after_refresh(self.field_ready, self.query_one("#continue", Button))
            else:
                self.call_after_refresh(self.field_ready, widget)
        else:
            self.call_after_refresh(self.field_ready, self.query_one("#continue", Button))  # Enter continues

    def take_typing(self, event) -> bool | None:
        """Enter on a typed answer or on Continue gives the answer as the key is handed out (the
        app calls this first), holding the keys typed after it for the next question's field;
        Enter on a choice makes it and moves on to Continue at once, so a second Enter continues.
        Moved later (Textual acts on Enter after the keys typed after it reached the field), the
        next answer typed fast went into the field being given, or to a button, and was lost.
        PageDown and PageUp scroll the question or the result (``_scroll_page``)."""
        if event.key in ("pagedown", "pageup"):
            return self._scroll_page(event.key)
        if event.key == "space" and isinstance(self.focused, RadioSet) and self.focused.id == "answer" and self.view is not None:
            self.act_when_typed(self._enter)  # Space on a choice makes it, as Enter does (``chosen``)
            return True
        if event.key != "enter" or self.view is None or not self._gives_answer(self.focused):
            return None
        self.act_when_typed(self._enter)
        return True

    @staticmethod
    def _gives_answer(widget) -> bool:
        """True for Continue and the answer's widgets, on which Enter gives (or makes) the answer."""
        return widget is not None and (widget.id == "continue" or isinstance(widget, (Input, RadioSet)) and widget.id == "answer"
                                       or isinstance(widget, TickBox))

    async def _enter(self) -> None:
        """Enter, acted on where the keys typed before it left the focus (``entered_in``): Space on
        a choice or Tab typed just before it moves on to Continue, as when typed slowly. On a choice
        it makes the highlighted one the answer; on Continue or the answer's field it gives the
        answer; on another button it presses it."""
        field = self.entered_in
        if isinstance(field, RadioSet) and field.id == "answer":
            if field._selected is not None:
                self._choose(field)
            else:
                self.field_ready(field)
        elif self._gives_answer(field):
            await self.submit()
        elif isinstance(field, Button) and field.is_attached:
            self.field_ready(field)
            field.press()
        elif field is not None and field.is_attached and field.focusable:
            self.field_ready(field)

    def _scroll_page(self, key: str) -> bool | None:
        """PageDown or PageUp: the question or the result scrolls a page, wherever the focus is on
        it (the letters list at an outcome took the key and the next steps and letters below the
        screen stayed out of reach); in the answers so far (Ctrl+O) the key scrolls those."""
        side = self.query_one("#flow-side")
        if self.focused is not None and side in self.focused.ancestors_with_self:
            return None
        main = self.query_one("#flow-main", VerticalScroll)
        (main.scroll_page_down if key == "pagedown" else main.scroll_page_up)(animate=False)
        return True

    def _choose(self, choices: RadioSet) -> None:
        """Enter on a choice: the highlighted answer chosen, and Continue has the keys."""
        choices.action_toggle_button()
        self.field_ready(self.query_one("#continue", Button))

    def _outcome_widgets(self, step) -> Vertical:
        offered = self.app.services.offered
        letters = OptionList(*[Option(f"Write letter: {title}", id=letter_id) for letter_id, title in step.letters
                               if offered("letter", letter_id, self.app.mode)], id="flow-letters")
        return Vertical(Markdown(step.report_markdown, id="flow-report"), letters, id="flow-outcome")

    async def on_mode_changed(self, _: ModeChanged) -> None:
        """The mode switched (F2) in guided help: the pages to read and the letters offered are
        now those of the new mode (the answers and the step stay as they are)."""
        self.shown_mode = self.app.mode
        if self.view is None:
            return
        step = self.view.step(self.changing)
        self._fill_side(step)
        if step.kind == "outcome" and self.query("#flow-letters"):
            await self._show_answer_widget(step)

    def _fill_side(self, step) -> None:
        pages = self.query_one("#flow-pages", OptionList)
        pages.clear_options()
        for page_id, title in step.pages:
            if self.app.services.offered("page", page_id, self.app.mode):  # none for officers only to a recipient
                pages.add_option(Option(title, id=page_id))
        # never a heading with nothing under it
        pages.display = self.query_one("#flow-pages-heading").display = pages.option_count > 0
        self.query_one("#flow-transcript", Static).update(self.view.transcript_text())

    # -- answering -------------------------------------------------------------------------

    def _raw_answer(self):
        step = self.view.step(self.changing)
        if step.kind in ("info", "outcome"):
            return True
        widget = self.query_one("#answer")
        if isinstance(widget, RadioSet):
            index = widget.pressed_index
            return None if index < 0 else step.options[index][0]
        if isinstance(widget, TickList):
            return list(widget.selected)
        return widget.value

    @on(Button.Pressed, "#continue")
    @on(Input.Submitted, "#answer")
    async def submit(self) -> None:
        if self.view is None:
            return  # still opening
        step = self.view.step(self.changing)
        if step.finished and not self.changing:
            await self.action_leave()
            return
        raw = self._raw_answer()
        if raw is None:
            self.show_error("Choose one of the answers.", about=raw)
            return
        problem = self.view.give(raw, self.changing)
        if problem:
            self.show_error(problem, about=raw)
            return
        self.changing = None
        await self.show_step()

    def show_error(self, text: str, about=None) -> None:
        """A problem with the answer, under it: plain text (an answer with "[" in it is shown as
        typed, never read as markup), wrapped to the width; scrolled into view. ``about``: the
        answer the problem is about (it goes when the answer becomes another)."""
        self._error_about = about
        error = self.query_one("#flow-error", Static)
        error.styles.height = "auto"
        error.update(text)
        error.display = bool(text)
        if text:
            self.call_after_refresh(error.scroll_visible, animate=False)

    @on(RadioSet.Changed, "#answer")
    def chosen(self) -> None:
        """One choice made: the next Enter continues (arrows, Enter, Enter); the problem shown
        with no choice made goes."""
        self.answer_changed()
        self.query_one("#continue", Button).focus()

    @on(Input.Changed, "#answer")
    @on(Checkbox.Changed, "TickBox")
    def answer_changed(self) -> None:
        """The answer is now other than the one its problem is about: the problem goes at once
        (Enter checks the answer again). A change reported after the answer was checked (the
        change message can come after the Enter or the click that checked it) leaves the problem,
        as the answer it is about is still the one there. The problem's lines stay, blank, until
        the answer is checked again, so the buttons under them do not move while the person
        reaches for them (a click aimed at Continue landed on the key line below it)."""
        error = self.query_one("#flow-error", Static)
        if self.view is None or not self.query("#answer") or not error.display or not str(error.render()):
            return
        if self._raw_answer() != self._error_about:
            error.styles.height = error.outer_size.height
            error.update("")

    @on(Button.Pressed, "#back")
    async def action_back(self) -> None:
        if self.view is None:
            return
        if self.changing:
            self.changing = None
        else:
            problem = self.view.back()
            if problem:
                self.notify(problem, markup=False)
        await self.show_step()

    @on(Button.Pressed, "#change")
    def action_change(self) -> None:
        from guidance.tui.screens.pick_answer import PickAnswer

        rows = self.view.earlier_answers() if self.view is not None else []
        if not rows:
            self.notify("There are no answers to change yet.")
            return

        async def picked(node_id: str | None) -> None:
            if node_id:
                self.changing = node_id
                await self.show_step()

        self.app.push_screen(PickAnswer(rows), picked)

    @on(Button.Pressed, "#safeguarding")
    async def action_safeguarding(self) -> None:
        if self.view is None:
            return
        problem = self.view.safeguarding()
        if problem:
            self.notify(problem, severity="warning", markup=False)
        self.changing = None
        await self.show_step()

    @on(OptionList.OptionSelected, "#flow-pages")
    def open_page(self, event: OptionList.OptionSelected) -> None:
        self.app.open_page(event.option.id)

    @on(OptionList.OptionSelected, "#flow-letters")
    def open_letter(self, event: OptionList.OptionSelected) -> None:
        self.app.open_letter(event.option.id, session_id=self.view.session_id)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Calendar only at an outcome (that is where the key dates are)."""
        if action == "calendar":
            return self.view is not None and self.view.finished
        return True

    def action_toggle_side(self) -> None:
        """Ctrl+O: below 100 columns the question has the width; the answers so far and the
        pages to read take it in turn, with the keys (the arrows and PgDn scroll them, Tab
        reaches the pages), and Esc or Ctrl+O again goes back to the question, on the answer
        the person was giving. Wider, the answers are beside the question and Ctrl+O hides or
        shows them."""
        if self.side_open:
            self.close_side()
            return
        came_from = self.focused
        self.toggle_class("-side")
        if self.side_open:
            self._came_from = came_from
            self.query_one("#flow-side").focus()
        elif came_from is not None and self.query_one("#flow-side") in came_from.ancestors_with_self:
            self.query_one("#continue", Button).focus()  # the answers it was in are hidden now

    def close_side(self) -> None:
        """Back from the answers so far to the question, on the widget that had the keys."""
        self.remove_class("-side")
        back, self._came_from = getattr(self, "_came_from", None), None
        if back is not None and back.is_attached and back.focusable:
            self.set_focus(back)
        else:
            self.query_one("#continue", Button).focus()

    @property
    def side_open(self) -> bool:
        """True when the answers so far fill the screen in place of the question (narrow)."""
        return self.has_class("-side") and not self.has_class("-wide")

    def action_calendar(self) -> None:
        """Ctrl+T at the outcome: its key dates as a calendar file."""
        from guidance.tui.call_summary import flow_key_dates

        if self.view is None or not self.view.finished:
            self.notify("Key dates are worked out at the end of the guided help.")
            return
        dates = flow_key_dates(self.view.session.report(self.app.services.base))
        if not dates:
            self.notify("This outcome has no key dates.")
            return
        self.save_dates(dates)

    @work(thread=True, exit_on_error=False, name="save the key dates")
    def save_dates(self, dates) -> None:
        """The key dates as a calendar file, under the reference of the audit the review was
        started from, else the open call's."""
        reference = self.view.own_reference or (self.app.call.reference if self.app.call is not None else None)
        saved = self.app.services.save_key_dates(self.app, dates, reference, self.view.flow_id.replace("_", "-"))
        self.app.call_from_thread(self.notify, f"Key dates saved for a calendar: {saved}")

    async def action_leave(self) -> None:
        """Esc: closes the answers so far when they are shown in place of the question, stops
        changing an earlier answer; otherwise leaves the guided help (everything is saved)."""
        if self.side_open:
            self.close_side()
            return
        if self.changing:  # changing an earlier answer: back to the question it was left at
            await self.action_back()
            return
        if self.view is not None and not self.view.finished:
            self.notify("Your answers are saved. Resume from Recent (F7) on the home screen.")
        self.app.pop_screen()


def _source_words(source: str | None) -> str:
    """Where an offered answer came from, in a sentence (``flows.prefill.note`` gives "from
    account audit N" or "changed: account audit N gave X"); "" when it was not filled."""
    if not source:
        return ""
    if source.startswith("changed: "):
        return f"You changed this answer ({source[len('changed: '):]}): check it, then continue."
    return f"Filled {source}: check it, then continue, or change it."
