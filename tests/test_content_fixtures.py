"""Every kind of broken content gives a clear message with file and line; the rest still loads."""

import datetime as dt
from pathlib import Path

import pytest

from guidance.cli import main
from guidance.content.base import ContentBase
from guidance.content.check import check_content

BROKEN = Path(__file__).resolve().parent / "data" / "broken"
ON = dt.date(2026, 11, 25)

EXPECTED = [
    ("content/employment/unclosed-front-matter.md", 1, "front matter is not closed"),
    ("content/employment/invalid-yaml.md", 14, "invalid YAML"),
    ("content/employment/missing-fields.md", 2, "missing required field 'summary'"),
    ("content/employment/missing-fields.md", 2, "missing required field 'sources'"),
    ("content/payroll/shared-id.md", 2, "duplicate id 'shared-id'"),
    ("content/employment/unknown-subject.md", 5, "unknown subject 'not_a_subject'"),
    ("content/employment/missing-link.md", 14, "related page 'no-such-page' does not exist"),
    ("content/employment/missing-link.md", 19, "link to missing page 'page:nowhere'"),
    ("content/employment/unknown-rate.md", 19, "unknown rate 'no_such_rate'"),
    ("content/employment/jinja-syntax.md", 19, "template syntax error"),
    ("content/employment/sandbox-escape.md", 19, "refused by the sandbox"),
    ("content/employment/not-utf8.md", 20, "not UTF-8"),
    ("content/employment/empty.md", 1, "empty file"),
    ("content/rates.yaml", 15, "'unordered_rate': periods must be in date order"),
    ("content/rates.yaml", 23, "'overlapping_rate': periods must be in date order"),
    ("content/employment/alias-bomb.md", 14, "anchors and aliases"),
    ("content/employment/impossible-date.md", 8, "updated"),
    ("content/employment/literal-figure.md", 19, "money amount or percentage"),
]


@pytest.fixture(scope="module")
def problems():
    base = ContentBase.load(BROKEN, use_cache=False)
    return base, check_content(base, ON, style_checks=False)


@pytest.mark.parametrize("path,line,text", EXPECTED)
def test_each_broken_file_is_reported_with_its_place(problems, path, line, text):
    _, found = problems
    matches = [p for p in found.errors if p.path == path and text in p.message]
    assert matches, f"no error for {path} containing {text!r}; got {[str(p) for p in found if p.path == path]}"
    assert matches[0].line == line


def test_the_good_pages_still_load(problems):
    base, _ = problems
    assert {"good-page", "other-good-page", "shared-id"} <= set(base.pages)
    assert not any(p.path.endswith("good-page.md") for p in problems[1].errors)


def test_the_sandbox_escape_is_refused_not_run(problems):
    base, _ = problems
    text = base.try_render(base.pages["sandbox-escape"], ON)
    assert "cannot be shown" in text and "subclasses" not in text and "<class" not in text


def test_check_command_lists_all_and_exits_1(capsys):
    code = main(["--root", str(BROKEN), "content", "check", "--on", "2026-11-25", "--no-style"])
    out = capsys.readouterr().out
    assert code == 1
    assert "Traceback" not in out
    for path, line, _ in EXPECTED:
        assert f"{path}:{line}: error:" in out


def test_json_output_lists_problems(capsys):
    import json

    main(["--root", str(BROKEN), "content", "check", "--on", "2026-11-25", "--json", "--no-style"])
    data = json.loads(capsys.readouterr().out)
    assert {p["path"] for p in data["problems"]} >= {path for path, _, _ in EXPECTED}
    assert all(p["level"] in ("error", "warning") for p in data["problems"])
