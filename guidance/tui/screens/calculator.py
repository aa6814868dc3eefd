"""A calculator as a form: inputs checked as typed, the answer with how it was worked out.

The form is made from the calculator's declared inputs (``FIELDS`` in its module, see
``guidance.calculators.registry``): each field's label, kind and choices give the widget, and the
field itself checks what is typed, so the app, the command line and flows read values the same
way. A new calculator appears here without a new screen.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from guidance.kinds import Choice, FieldError, YesNo


class FieldValidator(Validator):
    """Checks what is typed against one declared field, with the field's own message."""

    def __init__(self, field):
        super().__init__()
        self.field = field

    def validate(self, value: str) -> ValidationResult:
        try:
            self.field.parse(value)
        except FieldError as exc:
            return self.failure(str(exc))
        return self.success()


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
            for field in self.calculator.fields:
                key, kind = field.name, field.kind
                unit = f" ({field.unit})" if field.unit == "pounds" else ""
                needed = "" if field.required else " (optional)"
                yield Label(field.label + unit.replace("pounds", "£") + needed)
                if isinstance(kind, Choice):
                    yield Select([(kind.show(c), c) for c in kind.choices], id=f"in-{key}", allow_blank=not field.required)
                elif isinstance(kind, YesNo):
                    yield Select([("No", "no"), ("Yes", "yes")], id=f"in-{key}", value="no", allow_blank=False)
                else:
                    yield Input(id=f"in-{key}", placeholder=kind.hint, validators=[FieldValidator(field)],
                                valid_empty=not field.required)
            with Horizontal(classes="buttons"):
                yield Button("Work it out", id="calculate", variant="primary")
            yield Static(id="calc-result", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = self.calculator.title
        self.app.record_use("calculator", self.calculator.name, self.calculator.title, None)

    def _inputs(self) -> dict:
        """What was typed, as text: the registry reads each value through its field."""
        values = {}
        for key in self.calculator.inputs:
            value = self.query_one(f"#in-{key}").value
            if value in (None, "", Select.NULL):
                continue
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
