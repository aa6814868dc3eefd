"""A calculator as a form: inputs checked as typed, the answer with how it was worked out.

The form is made from the calculator's own list of inputs (``guidance.calculators.registry``),
so a new calculator appears here without a new screen.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from guidance.tui.messages import ReportsFailures
from guidance.tui.validators import DateValidator, MoneyValidator, NumberValidator, parse_date, parse_pay

#: input name -> (label, kind, choices). Kinds: date, money, number, choice, yesno, text.
FIELDS = {
    "basis": ("How the PA works", "choice", ("days-per-week", "hours-per-week", "compressed-hours", "shifts", "annualised-hours", "irregular-hours")),
    "days_per_week": ("Days worked a week", "number", ()),
    "hours_per_week": ("Hours worked a week", "number", ()),
    "shifts_per_pattern": ("Shifts in the shift pattern", "number", ()),
    "days_per_pattern": ("Days in the shift pattern", "number", ()),
    "hours_worked": ("Hours worked in the pay period", "number", ()),
    "leave_year_start": ("Leave year starts", "date", ()),
    "start_date": ("Job started (if this leave year)", "date", ()),
    "leaving_date": ("Job ends (if this leave year)", "date", ()),
    "sick_start": ("First day off sick", "date", ()),
    "sick_end": ("Last day off sick", "date", ()),
    "work_days": ("Days they normally work (e.g. mon,tue,wed)", "text", ()),
    "average_weekly_earnings": ("Average weekly pay (£)", "money", ()),
    "linked_start": ("Earlier linked sickness: first day", "date", ()),
    "linked_end": ("Earlier linked sickness: last day", "date", ()),
    "age": ("PA's age", "number", ()),
    "years": ("Full years worked", "number", ()),
    "weekly_pay": ("Weekly pay before tax (£)", "money", ()),
    "date": ("Date of dismissal", "date", ()),
    "weekly_cap": ("Weekly pay cap (£, leave blank for the law's)", "money", ()),
    "apprentice": ("Apprentice?", "yesno", ()),
    "on": ("Date to work it out for", "date", ()),
    "pay": ("Pay for the period (£)", "money", ()),
    "hours": ("Hours worked in the period", "number", ()),
    "pay_period_days": ("Days in the pay period", "number", ()),
    "accommodation_charge": ("Accommodation charge a night (£)", "money", ()),
    "nights": ("Nights of accommodation a week", "number", ()),
    "event_date": ("Date of dismissal or the act complained of", "date", ()),
    "claim_type": ("Type of claim", "choice", ("unfair_dismissal", "redundancy_pay", "discrimination", "unlawful_deductions", "holiday_pay", "breach_of_contract", "whistleblowing", "written_statement", "equal_pay")),
    "acas_day_a": ("Acas contacted (Day A)", "date", ()),
    "acas_day_b": ("Acas certificate (Day B)", "date", ()),
    "et1_sent": ("Date the claim was sent to you", "date", ()),
    "hourly_rate": ("Hourly rate (£)", "money", ()),
}

_VALIDATORS = {"date": DateValidator, "money": MoneyValidator, "number": NumberValidator}
WEEKLY_PAY = {"average_weekly_earnings", "weekly_pay"}  # hours × rate accepted ("30 x 12.71")
STILL_OFF = "still off"  # for the last day of sickness: worked out to today


class CalculatorScreen(ReportsFailures, Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="calc.back"),
        Binding("ctrl+r", "calculate", "Work it out", id="calc.calculate"),
        Binding("ctrl+t", "calendar", "Calendar", id="calc.calendar"),
    ]

    def __init__(self, name: str):
        super().__init__()
        from guidance.calculators.registry import CALCULATORS

        self.calculator = CALCULATORS[name]
        self.label_texts: dict[str, str] = {}
        self.last_result = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="calc-form"):
            for key in self.calculator.inputs:
                label, kind, choices = FIELDS.get(key, (key.replace("_", " ").capitalize(), "text", ()))
                needed = "" if key in self.calculator.required else " (optional)"
                hint = " (or hours x rate, e.g. 30 x 12.71)" if key in WEEKLY_PAY else ""
                hint += " (or type: still off)" if key == "sick_end" else ""
                self.label_texts[key] = label + needed + hint
                yield Label(self.label_texts[key], id=f"label-{key}", classes="field-label")
                if kind == "choice":
                    yield Select([(c.replace("-", " ").replace("_", " "), c) for c in choices], id=f"in-{key}", allow_blank=key not in self.calculator.required)
                elif kind == "yesno":
                    yield Select([("No", "no"), ("Yes", "yes")], id=f"in-{key}", value="no", allow_blank=False)
                else:
                    if key == "sick_end":
                        validators = [_StillOffOrDate()]
                    elif kind == "money":
                        validators = [MoneyValidator(hours_times_rate=key in WEEKLY_PAY)]
                    else:
                        validators = [_VALIDATORS[kind]()] if kind in _VALIDATORS else []
                    yield Input(id=f"in-{key}", validators=validators, valid_empty=key not in self.calculator.required)
            with Horizontal(classes="buttons"):
                yield Button("Work it out", id="calculate", variant="primary")
            yield Static(id="calc-result", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = self.calculator.title
        self.query_one("#calc-form").query("Input, Select").first().focus()

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; Enter in the last one works it out."""
        inputs = list(self.query("#calc-form Input"))
        if inputs and event.input is inputs[-1]:
            self.action_calculate()
        else:
            self.focus_next()

    def _inputs(self) -> dict:
        values = {}
        for key in self.calculator.inputs:
            widget = self.query_one(f"#in-{key}")
            value = widget.value
            if value in (None, "", Select.NULL):
                continue
            kind = FIELDS.get(key, ("", "text", ()))[1]
            if key == "sick_end" and str(value).strip().lower() == STILL_OFF:
                value = self.app.today.isoformat()
            elif kind == "date":
                parsed = parse_date(str(value))
                value = parsed.isoformat() if parsed else value
            elif kind == "money":
                pay = parse_pay(str(value)) if key in WEEKLY_PAY else None
                value = str(pay) if pay is not None else str(value).replace("£", "").replace(",", "").strip()
            values[key] = value
        return values

    @on(Button.Pressed, "#calculate")
    def action_calculate(self) -> None:
        from guidance.calculators.common import CalculatorError
        from guidance.calculators.registry import run_calculator
        from guidance.tui.call_summary import calculation_summary

        output = self.query_one("#calc-result", Static)
        self._clear_field_errors()
        inputs = self._inputs()
        missing = [key for key in self.calculator.required if key not in inputs]
        if missing:
            for key in missing:
                self._field_error(key, "fill this in")
            output.update("Please fill in the fields marked in red.")
            return
        try:
            result = run_calculator(self.calculator.name, inputs, self.app.services.base.rates, self.app.today)
        except CalculatorError as exc:
            key = self._field_named_in(str(exc))
            if key:
                self._field_error(key, str(exc).split(":", 1)[-1].strip())
            output.update(f"Please check: {self._plain(str(exc))}")
            return
        except (ArithmeticError, ValueError, OverflowError) as exc:  # never close the app on odd input
            output.update(f"Please check the numbers: {exc}")
            return
        self.last_result = (inputs, result)
        self.refresh_bindings()
        output.update(format_result(self.calculator, result))
        output.scroll_visible()
        self.app.record_use("calculator", self.calculator.name,
                            calculation_summary(self.calculator, inputs, result, self._label), None)

    def _label(self, key: str) -> str:
        return FIELDS.get(key, (key.replace("_", " ").capitalize(), "", ()))[0]

    def _plain(self, message: str) -> str:
        """Input names in a message given as the field labels people see."""
        import re

        for key in self.calculator.inputs:
            message = re.sub(rf"\b{re.escape(key)}\b", f"'{self._label(key)}'", message)
        return message

    def _field_named_in(self, message: str) -> str | None:
        head = message.split(":", 1)[0].strip().lower()
        for key in self.calculator.inputs:
            if head in (key.lower(), key.replace("_", " ").lower(), self._label(key).lower()):
                return key
        return None

    def _field_error(self, key: str, problem: str) -> None:
        label = self.query_one(f"#label-{key}", Label)
        label.update(f"{self._label(key)}: {problem}")
        label.add_class("error")
        self.query_one(f"#in-{key}").focus()

    def _clear_field_errors(self) -> None:
        for key in self.calculator.inputs:
            label = self.query_one(f"#label-{key}", Label)
            if label.has_class("error"):
                label.remove_class("error")
                label.update(self.label_texts[key])

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


class _StillOffOrDate(DateValidator):
    """A date, or "still off" (sickness that has not ended: worked out to today)."""

    def validate(self, value: str):
        if value.strip().lower() == STILL_OFF:
            return self.success()
        return super().validate(value)


def format_result(calculator, result: dict) -> str:
    """The headline figures first, then each step of the working, then any warnings."""
    from guidance.calculators.presentation import headline

    lines = [f"{label}: {value}" for label, value in headline(calculator, result)]
    working = result.get("working") or []
    if working:
        lines += ["", "How this was worked out:"] + [f"  • {step}" for step in working]
    for warning in result.get("warnings") or ([result["warning"]] if result.get("warning") else []):
        lines += ["", f"Warning: {warning}"]
    return "\n".join(lines)
