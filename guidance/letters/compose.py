"""Filling in one letter: values checked by type, the body rendered in the shared sandbox.

Everything a letter takes from the content base (figures, page titles and versions, glossary
explanations, the council's details) goes through a ``Sources`` object that notes what was used.
That note is the letter's snapshot: stored with the record, it lets the letter be printed again
exactly as sent, even after the rates, pages or glossary have changed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from guidance.content.formatting import long_date
from guidance.content.rates import Figure, RateError
from guidance.content.render import RenderError, render
from guidance.letters.blocks import markdown_text
from guidance.letters.council import Council
from guidance.letters.fields import FieldValueError, check_deadline, check_order, convert, to_plain
from guidance.letters.templates import LetterTemplate

# explain() wraps what it prints in these marks so the checker can see which words it explained;
# field values and page titles are wrapped in the quiet marks: they are not the template's own
# words, so the jargon check leaves them out (see plain.py). The marks never reach an output.
_OPEN, _MID, _CLOSE = "\x02", "\x03", "\x04"
_QUIET_OPEN, _QUIET_CLOSE = "\x05", "\x06"
_MARKED = re.compile(f"{_OPEN}(\\d+){_MID}(.*?){_CLOSE}|{_QUIET_OPEN}(.*?){_QUIET_CLOSE}", re.S)


class LetterError(ValueError):
    """A letter that cannot be made; ``problems`` are (path, line, message) for each reason."""

    def __init__(self, problems: list[tuple[str, int | None, str]], detail: list | None = None):
        self.problems = problems
        #: The same problems with the file and line, for ``content check`` (plain ones drop them).
        self.detail = detail or problems
        super().__init__("; ".join(_where(p) for p in problems))

    def lines(self) -> list[str]:
        return [_where(p) for p in self.problems]


def _where(problem: tuple[str, int | None, str]) -> str:
    path, line, message = problem
    if not path:
        return message
    return f"{path}:{line}: {message}" if line else f"{path}: {message}"


@dataclass(frozen=True)
class PageRef:
    """A page quoted in a letter: printed as its title with the version the advice came from."""

    id: str
    title: str
    version: int

    def __str__(self) -> str:
        return f"{self.title} (guide version {self.version})"


@dataclass
class Sources:
    """What a letter may take from the content base, with a note of everything it took."""

    rates: object = None
    pages: dict = field(default_factory=dict)  # id -> (title, version)
    glossary: object = None
    frozen: dict | None = None  # a snapshot from a record: used instead of the live content
    used: dict = field(default_factory=lambda: {"rates": {}, "pages": {}, "glossary": {}})

    @classmethod
    def from_base(cls, base) -> "Sources":
        pages = {pid: (page.meta.title, page.meta.version) for pid, page in base.pages.items()}
        return cls(rates=base.rates, pages=pages, glossary=base.glossary)

    @classmethod
    def from_snapshot(cls, snapshot: dict) -> "Sources":
        return cls(frozen=snapshot)

    def figure(self, key: str, on: dt.date, note: str | None = None) -> Figure:
        note = note or key
        if self.frozen is not None:
            try:
                value, unit, since = self.frozen["rates"][note]
            except KeyError:
                raise RateError(f"rate '{key}' is not in the letter's record") from None
            figure = Figure(key, Decimal(value), unit, dt.date.fromisoformat(since))
        else:
            figure = self.rates.figure(key, on)
        self.used["rates"][note] = [str(figure.value), figure.unit, figure.since.isoformat()]
        return figure

    def figure_from(self, key: str, day) -> Figure:
        """The figure that starts on ``day`` (a yearly change), or an error if none does yet.

        A mail-out about next April must quote next April's figure; if rates.yaml has not been
        given it yet, the figure in force on that day would be last year's, so refuse instead.
        """
        if isinstance(day, str):
            day = dt.date.fromisoformat(day)
        try:
            figure = self.figure(key, day, f"{key}@{day.isoformat()}")
        except RateError as exc:
            raise RenderError(str(exc)) from None
        if figure.since != day:
            detail = (f"rate_from: '{key}' has no figure starting on {long_date(day)} in content/rates.yaml "
                      f"(the latest starts on {long_date(figure.since)}): add the new figure first")
            rates = self.rates if self.frozen is None else None
            plain = rates.not_known_yet(key, day) if rates is not None else None
            raise RenderError(plain or detail, detail=detail)
        return figure

    def page(self, page_id: str) -> PageRef:
        known = self.frozen["pages"] if self.frozen is not None else self.pages
        if page_id not in known:
            raise RenderError(f"page_ref: no page with id '{page_id}'")
        title, version = known[page_id]
        self.used["pages"][page_id] = [title, version]
        return PageRef(page_id, title, version)

    def meaning(self, term: str) -> tuple[str, str]:
        """(glossary term, its short explanation) for any name of a glossary entry."""
        if self.frozen is not None:
            found = self.frozen["glossary"].get(term)
            if found is None:
                raise RenderError(f"explain: '{term}' is not in the letter's record")
            entry_term, meaning = found
        else:
            entry = self.glossary.lookup(term) if self.glossary is not None else None
            if entry is None:
                raise RenderError(f"explain: '{term}' is not in the glossary (content/glossary.yaml)")
            entry_term, meaning = entry.term, first_sentence(entry.definition)
        self.used["glossary"][term] = [entry_term, meaning]
        return entry_term, meaning


def first_sentence(definition: str) -> str:
    """The glossary definition's first sentence, shaped to sit in brackets after the term."""
    sentence = re.split(r"(?<=[.!?])\s+", definition.strip())[0].rstrip(".")
    words = sentence.split(" ", 1)
    if words and not words[0].isupper():
        words[0] = words[0][:1].lower() + words[0][1:]
    return " ".join(words)


@dataclass(frozen=True)
class Explained:
    """Where explain() printed a term: the whole span, and where its explanation starts."""

    term: str
    start: int
    end: int
    meaning_start: int


@dataclass
class Letter:
    """One filled-in letter, ready for any output format."""

    template_id: str
    template_version: int
    title: str
    kind: str
    on: dt.date
    release: str
    council: Council
    values: dict
    body: str
    explained: list[Explained]
    snapshot: dict
    quiet: list[tuple[int, int]] = field(default_factory=list)

    @property
    def recipient(self) -> list[str]:
        lines = [self.values.get("recipient_name")] + list(self.values.get("recipient_address") or [])
        return [line for line in lines if line]

    @property
    def reference(self) -> str | None:
        return self.values.get("reference")

    @property
    def date_text(self) -> str:
        return long_date(self.on)

    def stamp(self, large_print: bool = False) -> str:
        """The footer on every output: which template and version, which content release, when."""
        text = f"{self.template_id} version {self.template_version} · content release {self.release} · {self.date_text}"
        return text + (" · large print" if large_print else "")

    @property
    def greeting(self) -> str | None:
        return f"Dear {self.values['recipient_name']}," if self.kind == "letter" else None

    @property
    def signature(self) -> list[str]:
        if self.kind != "letter":
            return []
        signer = self.values.get("officer") or self.council.sign_off
        lines = ["Yours sincerely,", "", signer]
        if signer != self.council.team:
            lines.append(self.council.team)
        return lines


def fill(template: LetterTemplate, data: dict, unknown: str = "error", deadlines_from: dt.date | None = None,
         references=None) -> dict:
    """Each field's value converted by type; every missing or mistyped one is reported.

    ``unknown`` says what to do with names that are not fields: "error" for a data file someone
    wrote for this letter, "ignore" for a flow session's answers (which hold much more).
    ``deadlines_from``: the letter's date; a ``deadline`` field before it is reported (None:
    not checked, as for a letter re-made from the records or a template's example).
    ``references``: the council's ``ReferenceRule``; the ``reference`` field is checked by it
    and kept in its canonical form (None: not checked, for printing again a letter issued before).
    No message repeats a value: a reference refused may be a person's name.
    """
    problems = []
    values = {}
    for name, spec in template.meta.fields.items():
        try:
            values[name] = convert(spec, data.get(name), deadlines_from)
            if deadlines_from is not None:
                check_deadline(spec, values[name], deadlines_from)
            if name == REFERENCE_FIELD and references is not None and values[name] is not None:
                values[name] = _checked_reference(references, values[name])
        except FieldValueError as exc:
            problems.append((template.path, template.field_line(name), f"field '{name}' {exc}"))
    problems += _not_given_when_needed(template, values)
    for name, problem in check_order(template.meta.fields, values):
        problems.append((template.path, template.field_line(name), f"field '{name}' {problem}"))
    if unknown == "error":
        for name in sorted(set(data) - set(template.meta.fields)):
            known = ", ".join(template.meta.fields) or "none"
            problems.append((template.path, template.line_of("fields"), f"'{name}' is not a field of this letter (its fields: {known})"))
    if problems:
        raise LetterError(problems)
    return values


def _not_given_when_needed(template: LetterTemplate, values: dict) -> list[tuple]:
    """A problem for each field left empty that its ``needed_when`` says is needed now (the other
    field read without problems, so a wrong value there is told once, on its own)."""
    problems = []
    for name, spec in template.meta.fields.items():
        rule = spec.needed_when
        if rule is None or name not in values or values[name] not in (None, []):
            continue
        if rule.field in values and rule.applies(values[rule.field]):
            choices = f" (one of: {', '.join(spec.choices)})" if spec.choices else ""
            problems.append((template.path, template.field_line(name),
                             f"field '{name}' is needed when {rule.words(f'field {rule.field!r}')}{choices}"))
    return problems


REFERENCE_FIELD = "reference"


def _checked_reference(rule, value: str) -> str:
    """``value`` as the council keeps references, or FieldValueError without the value."""
    from guidance.references import ReferenceError

    try:
        return rule.check(value)
    except ReferenceError as exc:
        raise FieldValueError(str(exc)) from None


def compose(template: LetterTemplate, values: dict, sources: Sources, on: dt.date, release: str, council: Council) -> Letter:
    """Render the body for ``on``; ``values`` must come from ``fill``. Raises LetterError."""
    marks: list[tuple[str, int]] = []
    seen: set[str] = set()

    def explain(term, meaning=None):
        name = _unquiet(str(term))
        entry_term, default = sources.meaning(name)
        if entry_term in seen:
            return name
        seen.add(entry_term)
        marks.append((entry_term, len(name)))
        return f"{_OPEN}{len(marks) - 1}{_MID}{name} ({meaning or default}){_CLOSE}"

    refused: list[str] = []  # the field a failed require() names, if it names one

    def require(condition, message="the values do not fit together", field=None):
        """Stop a letter whose values contradict each other (a sum to repay below zero, say).
        ``field``: the field whose value is refused; the problem is then told as that field's
        (``field 'keep' <message>``), so a command names the data file's line that gives it."""
        if not condition:
            if field is not None:
                if field not in template.meta.fields:
                    raise RenderError(f"require: '{field}' is not a field of this letter")
                refused.append(str(field))
            raise RenderError(f"the values do not make sense for this letter: {message}")
        return ""

    def page_ref(page_id):
        return _quiet(str(sources.page(_unquiet(str(page_id)))))

    context = {name: _quiet_value(value, template.meta.fields[name].type) for name, value in values.items()}
    context.update(page_ref=page_ref, explain=explain, rate_from=sources.figure_from, require=require, council=council.model_dump())
    try:
        raw = render(template.body, _RatesView(sources, on), on, context)
    except RenderError as exc:
        line = template.body_line + exc.line - 1 if exc.line else template.body_line
        if refused:
            name = refused[-1]
            message = exc.message.removeprefix("the values do not make sense for this letter: ")
            raise LetterError([(template.path, template.field_line(name), f"field '{name}' {message}")],
                              detail=[(template.path, line, f"field '{name}' {message}")]) from None
        if exc.detail != exc.message:  # plain words for the user (a figure not published yet)
            raise LetterError([("", None, exc.message)], detail=[(template.path, line, exc.detail)]) from None
        raise LetterError([(template.path, line, exc.message)]) from None
    body, explained, quiet = _unmark(raw, marks)
    snapshot = dict(sources.used)
    snapshot["council"] = council.model_dump()
    meta = template.meta
    plain_values = {k: to_plain(v) for k, v in values.items()}
    return Letter(meta.id, meta.version, meta.title, meta.kind, on, release, council, values, body.strip() + "\n", explained, {**snapshot, "values": plain_values}, quiet)


class _RatesView:
    """What render() needs from rates (``figure``), answered by the letter's sources."""

    def __init__(self, sources: Sources, on: dt.date | None = None):
        self.sources = sources
        self.on = on

    def figure(self, key: str, on: dt.date) -> Figure:
        # A figure asked for another day (rate("key", first_day_off)) is recorded apart from the
        # letter's own day, so a stored letter renders again exactly as it was sent.
        note = key if self.on is None or on == self.on else f"{key}@{on.isoformat()}"
        return self.sources.figure(key, on, note)


def _quiet(text: str) -> str:
    return f"{_QUIET_OPEN}{text}{_QUIET_CLOSE}" if text else text


def _unquiet(text: str) -> str:
    return text.replace(_QUIET_OPEN, "").replace(_QUIET_CLOSE, "")


def _quiet_value(value, kind: str):
    """Text typed into a field is marked quiet; other types stay as they are for comparisons."""
    if kind == "text" and isinstance(value, str):
        return _quiet(value)
    if kind == "list" and isinstance(value, list):
        return [_quiet(item) for item in value]
    return value


def _unmark(raw: str, marks: list[tuple[str, int]]) -> tuple[str, list[Explained], list[tuple[int, int]]]:
    """Remove the marks; return the text, the explained spans and the quiet spans. A value typed
    into a field (a quiet span) is escaped so Markdown reads it as text (``markdown_text``)."""
    out, spans, quiet, last = [], [], [], 0
    length = 0
    for match in _MARKED.finditer(raw):
        before = raw[last:match.start()]
        out.append(before)
        length += len(before)
        if match.group(3) is not None:
            visible = markdown_text(match.group(3))  # a typed value is text, never Markdown
            quiet.append((length, length + len(visible)))
        else:
            visible = match.group(2)
            term, name_length = marks[int(match.group(1))]
            spans.append(Explained(term, length, length + len(visible), length + name_length))
        out.append(visible)
        length += len(visible)
        last = match.end()
    out.append(raw[last:])
    text = "".join(out)
    # The body is stripped before use: shift spans by what the strip removes at the start.
    shift = len(text) - len(text.lstrip())
    spans = [Explained(s.term, s.start - shift, s.end - shift, s.meaning_start - shift) for s in spans]
    return text, spans, [(a - shift, b - shift) for a, b in quiet]
