"""A calculator as a form: inputs checked as typed, the answer with how it was worked out.

The form is made from the calculator's own list of inputs (``guidance.calculators.registry``),
so a new calculator appears here without a new screen.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from guidance.tui.validators import DateValidator, MoneyValidator, NumberValidator, parse_date

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


class CalculatorScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="calc.back"),
        Binding("ctrl+r", "calculate", "Work it out", id="calc.calculate"),
    ]

    def __init__(self, name: str):
        super().__init__()
        from guidance.calculators.registry import CALCULATORS

        self.calculator = CALCULATORS[name]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="calc-form"):
            for key in self.calculator.inputs:
                label, kind, choices = FIELDS.get(key, (key.replace("_", " ").capitalize(), "text", ()))
                needed = "" if key in self.calculator.required else " (optional)"
                yield Label(label + needed)
                if kind == "choice":
                    yield Select([(c.replace("-", " ").replace("_", " "), c) for c in choices], id=f"in-{key}", allow_blank=key not in self.calculator.required)
                elif kind == "yesno":
                    yield Select([("No", "no"), ("Yes", "yes")], id=f"in-{key}", value="no", allow_blank=False)
                else:
                    validators = [_VALIDATORS[kind]()] if kind in _VALIDATORS else []
                    yield Input(id=f"in-{key}", validators=validators, valid_empty=key not in self.calculator.required)
            with Horizontal(classes="buttons"):
                yield Button("Work it out", id="calculate", variant="primary")
            yield Static(id="calc-result", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = self.calculator.title
        self.app.record_use("calculator", self.calculator.name, self.calculator.title, None)

    def _inputs(self) -> dict:
        values = {}
        for key in self.calculator.inputs:
            widget = self.query_one(f"#in-{key}")
            value = widget.value
            if value in (None, "", Select.NULL):
                continue
            kind = FIELDS.get(key, ("", "text", ()))[1]
            if kind == "date":
                parsed = parse_date(str(value))
                value = parsed.isoformat() if parsed else value
            elif kind == "money":
                value = str(value).replace("£", "").replace(",", "").strip()
            values[key] = value
        return values

    @on(Button.Pressed, "#calculate")
    def action_calculate(self) -> None:
        from guidance.calculators.common import CalculatorError
        from guidance.calculators.registry import run_calculator

        output = self.query_one("#calc-result", Static)
        try:
            result = run_calculator(self.calculator.name, self._inputs(), self.app.services.base.rates, self.app.today)
        except CalculatorError as exc:
            output.update(f"Please check: {exc}")
            return
        output.update(format_result(self.calculator, result))
        output.scroll_visible()

    def action_back(self) -> None:
        self.app.pop_screen()


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
