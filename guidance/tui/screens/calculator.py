"""A calculator as a form: inputs checked as typed, the answer with how it was worked out.

The form is made from the calculator's declared inputs (``FIELDS`` in its module, see
``guidance.calculators.registry``): each field's label, kind and choices give the widget, and the
field itself checks what is typed, so the app, the command line and flows read values the same
way. A new calculator appears here without a new screen.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from guidance.kinds import Choice, FieldError, YesNo
from guidance.tui.messages import ReportsFailures
from guidance.tui.screens.first_field import FirstFieldScreen
from guidance.calculators.shortcuts import also_accepts, prepared, prepared_inputs, still_off


#: Inputs the form does not ask for in a field of their own, because the fact is typed in another
#: field as that field's shortcut (``also_accepts``): input -> the field it is typed in. "Still
#: off" as the last day off sick is the "Still off sick" input (``shortcuts.prepared_inputs``):
#: one fact, one field (the command line keeps --still-off for scripts).
TOLD_IN_ANOTHER_FIELD = {"still_off": "sick_end"}


class FieldValidator(Validator):
    """Checks what is typed against one declared field, with the field's own message."""

    def __init__(self, field, screen):
        super().__init__()
        self.field = field
        self.screen = screen

    def validate(self, value: str) -> ValidationResult:
        try:
            self.field.parse(prepared(self.field.name, value, self.screen.app.today), self.screen.app.today)
        except FieldError as exc:
            return self.failure(str(exc))
        return self.success()


class CalculatorScreen(FirstFieldScreen, ReportsFailures, Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="calc.back"),
        Binding("ctrl+r", "calculate", "Work it out", id="calc.calculate"),
        Binding("ctrl+t", "calendar", "Calendar", id="calc.calendar"),
    ]
    FIRST_FIELD = "#calc-form Input, #calc-form Select"  # focused as it opens, with the keys typed meanwhile

    @property
    def offered_item(self) -> tuple[str, str]:
        """(kind, id) of what this screen holds: a screen for officers only stays out of recipient mode."""
        return ("calculator", self.calculator.name)

    def __init__(self, name: str):
        super().__init__()
        from guidance.calculators.registry import CALCULATORS
        from guidance.tui.call_state import new_run

        self.calculator = CALCULATORS[name]
        self.run = new_run()  # this screen's calculations are one entry in the call (the last one)
        self.label_texts: dict[str, str] = {}  # as shown above each field, with hints
        self.last_result = None
        self.typed_still_off = False
        #: The inputs the form asks for, one field each, in the calculator's order.
        self.asked = [key for key in self.calculator.inputs if key not in TOLD_IN_ANOTHER_FIELD]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="calc-form"):
            for field in self.calculator.fields:
                key, kind = field.name, field.kind
                if key not in self.asked:
                    continue
                needed = self.calculator.when_needed(key)
                also = also_accepts(key)
                hint = f" ({also})" if also else ""
                self.label_texts[key] = self._label(key) + needed + hint
                yield Label(self.label_texts[key], id=f"label-{key}", classes="field-label")
                if isinstance(kind, Choice):
                    yield Select([(kind.show(c), c) for c in kind.choices], id=f"in-{key}", allow_blank=not field.required)
                elif isinstance(kind, YesNo):
                    yield Select([("No", "no"), ("Yes", "yes")], id=f"in-{key}", value="no", allow_blank=False)
                else:
                    yield Input(id=f"in-{key}", placeholder=field.hint, validators=[FieldValidator(field, self)],
                                valid_empty=not field.required)
            with Horizontal(classes="buttons"):
                yield Button("Work it out", id="calculate", variant="primary")
            yield Static(id="calc-result", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = self.calculator.title  # the first field takes the focus in FirstFieldScreen.on_mount

    def take_typing(self, event) -> bool | None:
        """Enter in a field but the last moves on to the next field as the key is handed out (the
        app calls this first), so the keys typed straight after it go to that field: moved later,
        on the field's Submitted message, the next answer typed fast landed in the field before.
        Enter in the last field works it out on what was typed before Enter: the keys typed
        straight after it are held until then (``act_when_typed``), then go to the field with
        the focus (the first field marked in red, if any)."""
        inputs = list(self.query("#calc-form Input"))
        if event.key == "enter" and self.focused in inputs[:-1]:
            self.focus_next()
            return True
        if event.key == "enter" and inputs and self.focused is inputs[-1]:
            self.act_when_typed(self.action_calculate)
            return True
        return None

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; Enter in the last one works it out."""
        inputs = list(self.query("#calc-form Input"))
        if inputs and event.input is inputs[-1]:
            self.action_calculate()
        else:
            self.focus_next()

    def _inputs(self) -> dict:
        """What was typed, as text: the registry reads each value through its field."""
        values = {}
        for key in self.asked:
            value = self.query_one(f"#in-{key}").value
            if value in (None, "", Select.NULL):
                continue
            values[key] = value
        self.typed_still_off = still_off(values)
        return prepared_inputs(values, self.app.today)

    @on(Button.Pressed, "#calculate")
    def action_calculate(self) -> None:
        from guidance.calculators.common import CalculatorError
        from guidance.calculators.registry import run_calculator
        from guidance.tui.call_summary import calculation_summary

        output = self.query_one("#calc-result", Static)
        self._clear_field_errors()
        try:
            inputs = self._inputs()
            base = self.app.services.base
            result = run_calculator(self.calculator.name, inputs, base.rates, self.app.today, base.settings.unusual)
        except CalculatorError as exc:
            output.update(self._show_problems(exc))
            return
        except (ArithmeticError, ValueError, OverflowError) as exc:  # never close the app on odd input
            output.update(f"Please check the numbers: {exc}")
            return
        self.last_result = (inputs, result)
        self.refresh_bindings()
        output.update(format_result(self.calculator, result))
        output.scroll_visible()
        from guidance.tui.call_summary import calculator_key_dates

        self.app.record_use("calculator", self.calculator.name,
                            calculation_summary(self.calculator, inputs, result, self._summary_label, self.typed_still_off),
                            None, run=self.run,
                            dates=calculator_key_dates(self.calculator, inputs, result, self.typed_still_off))

    def _show_problems(self, error) -> str:
        """Every problem at its field (the label turns red and says it), the first field in the
        form focused; the text for under the form, each problem by its field's label."""
        lines, marked = [], set()
        for problem in error.problems:
            key = getattr(problem, "field", None) or self._field_named_in(str(problem))
            key = TOLD_IN_ANOTHER_FIELD.get(key, key)  # a problem with "still off" is the last day's
            key = key if key in self.asked and key not in marked else None
            if key:
                marked.add(key)
                self._field_error(key, _problem_only(str(problem), self.calculator.field(key).label))
            lines.append(self._plain(str(problem)))
        first = next((k for k in self.asked if k in marked), None)
        if first:
            self.query_one(f"#in-{first}").focus()
        if len(lines) == 1:
            return f"Please check: {lines[0]}"
        return "Please check the fields marked in red:\n" + "\n".join(f"  • {line}" for line in lines)

    def _summary_label(self, key: str) -> str:
        """The field's label for the case note, where the value shows its own unit (£500.00)."""
        return self.calculator.field(key).label

    def _label(self, key: str) -> str:
        """The field's label as the form shows it, with its unit: "Weekly pay before tax (£)"."""
        field = self.calculator.field(key)
        return field.label + (" (£)" if field.unit == "pounds" else "")

    def _plain(self, message: str) -> str:
        """Input names in a message given as the field labels people see (a message that
        already names the field by its label is left as it is)."""
        import re

        for key in self.calculator.inputs:
            label = self.calculator.field(key).label
            if label.lower() in message.lower():
                continue
            message = re.sub(rf"\b{re.escape(key)}\b", f"'{self._label(key)}'", message)
        return message

    def _field_named_in(self, message: str) -> str | None:
        head = message.split(":", 1)[0].strip().lower()
        for key in self.calculator.inputs:
            if head in (key.lower(), key.replace("_", " ").lower(), self.calculator.field(key).label.lower()):
                return key
        return None

    def _field_error(self, key: str, problem: str) -> None:
        label = self.query_one(f"#label-{key}", Label)
        label.update(f"{self._label(key)}: {problem}")
        label.add_class("error")

    def _clear_field_errors(self) -> None:
        for key in self.asked:
            self._clear_field_error(key)

    def _clear_field_error(self, key: str) -> None:
        label = self.query_one(f"#label-{key}", Label)
        if label.has_class("error"):
            label.remove_class("error")
            label.update(self.label_texts[key])

    @on(Input.Changed)
    @on(Select.Changed)
    def field_changed(self, event) -> None:
        """A field changed since its problem was shown: its old problem goes (the field's own
        check shows at once whether what is typed now reads; Ctrl+R checks the rest again)."""
        key = (event.control.id or "").removeprefix("in-")
        if key in self.asked:
            self._clear_field_error(key)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "calendar":
            return self.last_result is not None  # key dates come with a result
        return True

    def action_calendar(self) -> None:
        """Ctrl+T: the key dates of the last result as a calendar (.ics) file."""
        from guidance.tui.call_summary import calculator_key_dates

        if self.last_result is None:
            self.notify("Work it out first (Ctrl+R).")
            return
        dates = calculator_key_dates(self.calculator, *self.last_result)
        if not dates:
            self.notify("This result has no key dates.")
            return
        self.save_dates(dates)

    @work(thread=True, exit_on_error=False, name="save the key dates")
    def save_dates(self, dates) -> None:
        reference = self.app.call.reference if self.app.call is not None else None
        saved = self.app.services.save_key_dates(self.app, dates, reference, self.calculator.name)
        self.app.call_from_thread(self.notify, f"Key dates saved for a calendar: {saved}")

    def action_back(self) -> None:
        self.app.pop_screen()


def _problem_only(message: str, label: str) -> str:
    """The message without the field's label in front ("Age: must be 16 or more" -> "must be
    16 or more"); a message that does not start with the label is kept whole."""
    if message.lower().startswith(label.lower() + ":"):
        return message[len(label) + 1:].strip()
    return message


def format_result(calculator, result: dict) -> str:
    """The headline figures first, with a warning for each unusual input and for figures that may
    change (a day after they are known to be right) beside them, then each step of the working,
    then the calculator's own warnings."""
    from guidance.calculators.presentation import headline

    lines = [f"{label}: {value}" for label, value in headline(calculator, result)]
    lines += [f"Check: {item['warning']}" for item in result.get("unusual") or ()]
    if result.get("figures_may_change"):
        lines.append(f"Note: {result['figures_may_change']}")
    working = result.get("working") or []
    if working:
        lines += ["", "How this was worked out:"] + [f"  • {step}" for step in working]
    for warning in result.get("warnings") or ([result["warning"]] if result.get("warning") else []):
        lines += ["", f"Warning: {warning}"]
    return "\n".join(lines)
