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


# --- One file per mistake: each case under data/broken/cases/ is laid over a small good root
# (cases/_base) and checked on its own, so each mistake is seen without the others.

CASES = BROKEN / "cases"


def case_root(tmp_path, name: str) -> Path:
    import shutil

    root = tmp_path / name
    shutil.copytree(CASES / "_base", root)
    if name != "_base":
        shutil.copytree(CASES / name, root, dirs_exist_ok=True)
    return root


def check_case(tmp_path, name: str):
    base = ContentBase.load(case_root(tmp_path, name), use_cache=False)
    return base, check_content(base, ON, style_checks=False)


def test_the_base_of_the_cases_is_clean(tmp_path):
    _, found = check_case(tmp_path, "_base")
    assert not found.items, [str(p) for p in found]


CASE_EXPECTED = [
    # (case, file, line, level, words in the message)
    ("rates-repeated-key", "content/rates.yaml", 56, "error", "'national_living_wage' appears twice (lines 3 and 56)"),
    ("front-matter-repeated-key", "content/employment/repeated-key.md", 11, "error", "'title' appears twice (lines 3 and 11)"),
    ("taxonomy-repeated-key", "content/taxonomy.yaml", 4, "error", "'employment' appears twice (lines 1 and 4)"),
    ("manifest-repeated-key", "content/manifest.yaml", 3, "error", "'release' appears twice (lines 1 and 3)"),
    ("calculator-figure-missing", "content/rates.yaml", None, "error", "rate 'accommodation_offset_daily' is missing, but the minimum-wage calculator needs it"),
    ("figure-not-in-force", "content/rates.yaml", 39, "error", "rate 'accommodation_offset_daily' has no value on 2026-11-25 (its first period is from 2027-04-01), but the minimum-wage calculator needs it"),
    ("half-entered-year", "content/rates.yaml", 18, "warning", "rate 'minimum_wage_18_20' (group 'minimum_wage') has no period from 2027-04-01, but national_living_wage does"),
    ("half-entered-year", "content/rates.yaml", 45, "warning", "rate 'accommodation_offset_daily' (group 'minimum_wage') has no period from 2027-04-01"),
    ("unprintable-value", "content/rates.yaml", 10, "error", "the period from 2026-04-01 has a value that cannot be written out"),
    ("period-value-not-a-number", "content/rates.yaml", 10, "error", "rate 'national_living_wage': the period from 2026-04-01: value must be a number (it says 'twelve pounds')"),
    ("rates-unquoted-colon", "content/rates.yaml", 13, "error", "a colon inside a value; put the value in quotes"),
    ("rates-tab", "content/rates.yaml", 23, "error", "a tab character is used to indent"),
    # the parser notices these a line or more later: the slip's own line is named and quoted
    ("rates-unclosed-quote", "content/rates.yaml", 13, "error", 'a quotation mark is opened but never closed (the line reads: label: "National Minimum Wage'),
    ("rates-missing-colon", "content/rates.yaml", 14, "error", "a line with no 'key: value' (is a colon missing?) (the line reads: unit money)"),
    ("rates-under-indented", "content/rates.yaml", 16, "error", "this line is indented differently from the lines around it"),
    ("rates-unclosed-brace", "content/rates.yaml", 18, "error", "a '{' or '[' opened on this line is not closed"),
    ("glossary-not-utf8", "content/glossary.yaml", 3, "error", "not UTF-8 text"),
    ("template-recursive-macro", "content/employment/recursive-macro.md", 18, "error", "macros call each other more than"),
    ("template-nested-loops", "content/employment/nested-loops.md", 18, "error", "range of 100,000 numbers"),
    ("template-huge-string", "content/employment/huge-string.md", 18, "error", "repeating a text 10,000,000,000 times"),
    ("template-loops-over-text", "content/employment/loops-over-text.md", 18, "error", "loops run more than 200,000 times in all"),
    ("flow-not-utf8", "flows/flow-not-utf8.yaml", 3, "error", "not UTF-8 text"),
    ("flow-text-needs-a-later-answer", "flows/later_answer.yaml", 17, "error", "node 'hours': the text does not render with the example answers"),
    ("flow-figure-missing", "flows/figure_missing.yaml", 14, "error", "node 'age': the condition of route 1 cannot be worked out with the example answers: 'answers.age >= rate_value('national_living_wage_ages')': unknown rate 'national_living_wage_ages' (did you mean 'national_living_wage_age'?)"),
    ("settings-unknown-names", "content/settings.yaml", 3, "error", "'benefits' is not an area in taxonomy.yaml"),
    ("settings-unknown-names", "content/settings.yaml", 6, "error", "no calculator called 'minimum-wages'"),
    ("settings-unknown-names", "content/settings.yaml", 6, "error", "unknown subject 'overtime'"),
    ("settings-unknown-names", "content/settings.yaml", 7, "error", "safeguarding page 'reporting-abuse' does not exist"),
]

#: Bounds of unusual calculator inputs: each slip at its line (the file is then not used, so the
#: name check of the inputs runs on a file whose bounds are well formed: see the test below).
UNUSUAL_EXPECTED = [
    (10, "below (60) must be less than above (5)"),
    (11, "unusual.inputs.age.above"),
    (12, "give below, above or both"),
    (13, "unusual.dates.years_before"),
]


@pytest.mark.parametrize("line,text", UNUSUAL_EXPECTED)
def test_bounds_of_unusual_inputs_are_checked_at_their_line(tmp_path, line, text):
    _, found = check_case(tmp_path, "settings-unusual-bounds")
    matches = [p for p in found.errors if p.path == "content/settings.yaml" and text in p.message]
    assert matches, [str(p) for p in found]
    assert matches[0].line == line


def test_an_unusual_input_no_calculator_takes_is_named_at_its_line(tmp_path):
    root = case_root(tmp_path, "_base")
    settings = root / "content/settings.yaml"
    settings.write_text(settings.read_text() + "unusual:\n  inputs:\n    weekly_pay: {above: 3000}\n    weekly_wage: {above: 3000}\n")
    found = check_content(ContentBase.load(root, use_cache=False), ON, style_checks=False)
    assert [(p.path, p.line) for p in found.errors] == [("content/settings.yaml", 9)], [str(p) for p in found]
    assert "no calculator takes a number called 'weekly_wage'" in found.errors[0].message


@pytest.mark.parametrize("case,path,line,level,text", CASE_EXPECTED)
def test_each_case_is_reported_at_its_place(tmp_path, case, path, line, level, text):
    _, found = check_case(tmp_path, case)
    matches = [p for p in found if p.path == path and text in p.message]
    assert matches, f"{case}: nothing at {path} saying {text!r}; got {[str(p) for p in found]}"
    assert (matches[0].line, matches[0].level) == (line, level)


@pytest.mark.parametrize("case", ["rates-unquoted-colon", "rates-tab", "rates-repeated-key"])
def test_a_rates_file_that_cannot_be_read_comes_first_and_its_follow_ons_are_counted(tmp_path, case):
    _, found = check_case(tmp_path, case)
    first, second = found.items[0], found.items[1]
    assert first.path == "content/rates.yaml" and first.line is not None
    assert "and 1 use of rates from this file" in second.message
    assert not any("unknown rate" in p.message for p in found), [str(p) for p in found]


def test_a_wrong_figure_is_named_once_and_its_uses_counted(tmp_path):
    _, found = check_case(tmp_path, "period-value-not-a-number")
    messages = [p.message for p in found]
    assert len(messages) == 2, messages
    assert "and 2 uses of 'national_living_wage'" in messages[1]


def test_a_broken_taxonomy_is_the_one_cause_named(tmp_path):
    _, found = check_case(tmp_path, "taxonomy-repeated-key")
    assert found.items[0].path == "content/taxonomy.yaml" and "appears twice" in found.items[0].message
    assert not any("is not an area" in p.message for p in found)


def test_missing_pages_and_subjects_suggest_the_near_miss(tmp_path):
    root = case_root(tmp_path, "_base")
    page = root / "content/employment/minimum-wage.md"
    page.write_text(page.read_text().replace("covers: [pay_and_minimum_wage]", "covers: [pay_and_minimum_wage, contract]")
                    .replace("owner: Test team", "owner: Test team\nrelated: [minimum-wag]"))
    found = check_content(ContentBase.load(root, use_cache=False), ON, style_checks=False)
    messages = [p.message for p in found]
    assert any("unknown subject 'contract'" in m and "did you mean 'contracts'?" in m for m in messages), messages
    assert any("related page 'minimum-wag'" in m and "did you mean 'minimum-wage'?" in m for m in messages), messages


def test_unknown_rate_suggests_the_near_miss(tmp_path):
    root = case_root(tmp_path, "_base")
    page = root / "content/employment/minimum-wage.md"
    page.write_text(page.read_text().replace('rate("national_living_wage")', 'rate("minimum_wage_18_2")'))
    base = ContentBase.load(root, use_cache=False)
    found = check_content(base, ON, style_checks=False)
    assert any("did you mean 'minimum_wage_18_20'?" in p.message for p in found), [str(p) for p in found]


@pytest.mark.parametrize("case", ["template-recursive-macro", "template-nested-loops", "template-huge-string", "template-loops-over-text"])
def test_a_runaway_template_breaks_only_its_own_page(tmp_path, case, capsys, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = case_root(tmp_path, case)
    base = ContentBase.load(root, use_cache=False)
    bad = next(p for p in base.pages if p != "minimum-wage")
    assert "cannot be shown" in base.try_render(base.pages[bad], ON)
    assert "£12.71" in base.try_render(base.pages["minimum-wage"], ON)
    assert main(["--root", str(root), "show", bad, "--on", "2026-11-25"]) == 1
    assert f"content/employment/{bad}.md:18" in capsys.readouterr().err
    assert main(["--root", str(root), "show", "minimum-wage", "--on", "2026-11-25"]) == 0
    capsys.readouterr()
    assert main(["--root", str(root), "search", "minimum wage", "--on", "2026-11-25"]) == 0
    assert "[minimum-wage]" in capsys.readouterr().out
    # export: the other pages are exported, this one is named at its line, never published as
    # "cannot be shown", and the exit status says something was left out
    assert main(["--root", str(root), "content", "export", "--on", "2026-11-25"]) == 1
    captured = capsys.readouterr()
    import json

    assert [row["id"] for row in json.loads(captured.out)] == ["minimum-wage"]
    assert f"content/employment/{bad}.md:18: error: this page cannot be shown" in captured.err


def test_a_page_over_the_size_limit_is_refused_and_the_rest_load(tmp_path):
    root = case_root(tmp_path, "_base")
    good = (root / "content/employment/minimum-wage.md").read_text()
    big = good.replace("id: minimum-wage", "id: huge-page") + ("Words to fill the page. " * 50_000)
    (root / "content/employment/huge-page.md").write_text(big)
    base = ContentBase.load(root, use_cache=False)
    assert "huge-page" not in base.pages and "minimum-wage" in base.pages
    found = [p for p in base.problems.errors if p.path == "content/employment/huge-page.md"]
    assert found and "too large for a page" in found[0].message


def test_a_50_mb_page_is_refused_without_being_read_and_search_still_works(tmp_path, capsys, monkeypatch):
    import os

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = case_root(tmp_path, "_base")
    huge = root / "content/employment/fifty-mb.md"
    huge.write_text((root / "content/employment/minimum-wage.md").read_text().replace("id: minimum-wage", "id: fifty-mb"))
    os.truncate(huge, 50 * 1024 * 1024)
    base = ContentBase.load(root, use_cache=False)
    assert "fifty-mb" not in base.pages
    found = [p for p in base.problems.errors if p.path == "content/employment/fifty-mb.md"]
    assert found and "too large for a page (52.4 MB" in found[0].message
    assert main(["--root", str(root), "search", "minimum wage", "--on", "2026-11-25"]) == 0
    assert "[minimum-wage]" in capsys.readouterr().out


def test_a_link_to_a_file_outside_the_root_is_refused(tmp_path):
    root = case_root(tmp_path, "_base")
    outside = tmp_path / "secret.md"
    outside.write_text((root / "content/employment/minimum-wage.md").read_text().replace("id: minimum-wage", "id: linked"))
    (root / "content/employment/linked.md").symlink_to(outside)
    (tmp_path / "rates-elsewhere.yaml").write_text((root / "content/rates.yaml").read_text())
    (root / "content/glossary.yaml").symlink_to(tmp_path / "rates-elsewhere.yaml")
    base = ContentBase.load(root, use_cache=False)
    assert "linked" not in base.pages
    messages = {p.path: p.message for p in base.problems.errors}
    assert "outside the content folder" in messages["content/employment/linked.md"]
    assert "outside the content folder" in messages["content/glossary.yaml"]


def test_rates_command_says_the_rates_file_is_broken(tmp_path, capsys):
    root = case_root(tmp_path, "rates-unquoted-colon")
    assert main(["--root", str(root), "rates", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # never an empty list that looks like success
    assert "content/rates.yaml:13" in captured.err and "broken" in captured.err
    assert main(["--root", str(root), "show", "minimum-wage"]) == 1
    assert "content/rates.yaml:13" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["content", "export"],
    ["search", "minimum wage"],
    ["calc", "minimum-wage", "--age", "25"],
    ["letter", "list"],
])
def test_every_command_that_shows_figures_says_the_rates_file_is_broken(tmp_path, capsys, monkeypatch, argv):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = case_root(tmp_path, "rates-unquoted-colon")
    assert main(["--root", str(root), *argv]) == 1
    captured = capsys.readouterr()
    assert "content/rates.yaml:13" in captured.err and "broken" in captured.err
    assert "Traceback" not in captured.err


def test_a_figure_that_cannot_be_printed_never_crashes_rates(tmp_path, capsys):
    root = case_root(tmp_path, "unprintable-value")
    code = main(["--root", str(root), "rates", "--json", "--on", "2026-11-25"])
    captured = capsys.readouterr()
    assert code == 1 and "Traceback" not in captured.err
    import json

    data = json.loads(captured.out)
    assert "national_living_wage" not in {row["key"] for row in data["rates"]}
    assert any("cannot be written out" in p["message"] for p in data["problems"])


def test_show_suggests_the_page_meant(tmp_path, capsys):
    root = case_root(tmp_path, "_base")
    assert main(["--root", str(root), "show", "minimum-wag"]) == 1
    assert "did you mean 'minimum-wage'?" in capsys.readouterr().err


def test_settings_decide_area_names_and_the_calculators_pages_offer(tmp_path):
    base = ContentBase.load(case_root(tmp_path, "_base"), use_cache=False)
    assert base.settings.area_name("employment") == "Employing a PA"
    assert base.settings.area_name("care_act") == "Care act"  # no name given: the key made readable
    assert base.settings.calculators_for(["pay_and_minimum_wage", "contracts"]) == ["minimum-wage"]
    assert base.settings.calculators_for(["contracts"]) == []


# --- Flows in ``content check``: worked out on the graph, every text once, no path listed.

def test_a_flow_condition_that_fails_on_the_examples_is_named_at_its_line(tmp_path):
    _, found = check_case(tmp_path, "flow-condition-fails")
    errors = [p for p in found.errors if p.path == "flows/condition_fails.yaml"]
    assert [(p.line, "the condition of route 1 cannot be worked out" in p.message) for p in errors] == [(14, True)], [str(p) for p in found]


def test_a_text_that_quotes_an_answer_its_branch_never_asks_is_named(tmp_path):
    """The hourly branch asks 'hours'; the salary branch does not, yet its outcome quotes it."""
    _, found = check_case(tmp_path, "flow-branch-text-fails")
    errors = [p for p in found.errors if p.path == "flows/branch_text.yaml"]
    assert len(errors) == 1 and errors[0].line == 37, [str(p) for p in found]
    assert "node 'salary_done': the text does not render" in errors[0].message


def _many_paths_flow(questions: int) -> str:
    """A flow with 2**questions routes: each question goes to one of two notes, then on."""
    nodes = []
    for i in range(questions):
        after = f"q{i + 1}" if i + 1 < questions else "done"
        nodes.append(
            f"  q{i}:\n    type: question\n    kind: yes_no\n    text: Question {i}?\n"
            f"    next:\n      - {{when: 'answers.q{i}', goto: a{i}}}\n      - goto: b{i}\n"
            f"  a{i}:\n    type: info\n    text: Yes {i}.\n    next: {after}\n"
            f"  b{i}:\n    type: info\n    text: No {i}.\n    next: {after}\n"
        )
    return (
        "id: many_paths\ntitle: A flow with very many paths\nversion: 1\naudience: recipient\n"
        "start: q0\nsafeguarding: worried\nnodes:\n" + "".join(nodes)
        + "  done:\n    type: outcome\n    title: Done\n    text: Thank you.\n"
        + "  worried:\n    type: outcome\n    title: Safeguarding\n    text: Call the council.\n    pages: [minimum-wage]\n"
    )


def test_content_check_grows_with_the_flow_not_its_paths(tmp_path, capsys, monkeypatch):
    """16,384 paths: too many to list (``flow check`` says so), no trouble for the static check."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = case_root(tmp_path, "_base")
    (root / "flows").mkdir(exist_ok=True)
    (root / "flows" / "many_paths.yaml").write_text(_many_paths_flow(14))
    _, found = check_content_root(root)
    assert not [p for p in found.errors if p.path == "flows/many_paths.yaml"], [str(p) for p in found]
    assert main(["--root", str(root), "flow", "check", str(root / "flows" / "many_paths.yaml")]) == 1
    assert "more than 5000 paths" in capsys.readouterr().out


def check_content_root(root):
    base = ContentBase.load(root, use_cache=False)
    return base, check_content(base, ON, style_checks=False)


def test_the_everyday_check_leaves_out_the_slow_boundaries_mode(tmp_path, capsys, monkeypatch):
    import guidance.content.boundaries

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    calls = []
    monkeypatch.setattr(guidance.content.boundaries, "check_boundaries", lambda base, problems: calls.append(base))
    root = case_root(tmp_path, "_base")
    assert main(["--root", str(root), "content", "check", "--no-style", "--on", "2026-11-25"]) == 0
    assert calls == []
    assert main(["--root", str(root), "content", "check", "--no-style", "--on", "2026-11-25", "--boundaries"]) == 0
    assert len(calls) == 1


def test_a_figure_only_the_calculator_reads_for_older_dates_is_still_required(tmp_path):
    """The 21-and-over rate is read only for days before the National Living Wage reached 21."""
    root = case_root(tmp_path, "_base")
    rates = root / "content/rates.yaml"
    text = rates.read_text()
    rates.write_text(text[:text.index("# Read by the minimum wage calculator for ages 21")])
    found = check_content_root(root)[1]
    assert any(p.path == "content/rates.yaml" and "rate 'minimum_wage_21_to_nlw_age' is missing, but the minimum-wage calculator needs it" in p.message
               for p in found.errors), [str(p) for p in found]


def _calculating_flow(examples: str) -> str:
    return (
        "id: calculating\ntitle: A flow that runs the minimum wage calculator\nversion: 1\naudience: recipient\n"
        "start: age\nsafeguarding: worried\nnodes:\n"
        f"  age:\n    type: question\n    kind: number\n    text: How old is your PA?\n    examples: {examples}\n    next: work_out\n"
        "  work_out:\n    type: calculate\n    calculator: minimum-wage\n    inputs:\n      age: answers.age\n    store: minimum\n    next: done\n"
        "  done:\n    type: outcome\n    title: Done\n    text: \"At least {{ results.minimum.minimum_hourly_rate }} an hour.\"\n"
        "  worried:\n    type: outcome\n    title: Safeguarding\n    text: Call the council.\n    pages: [minimum-wage]\n"
    )


@pytest.mark.parametrize("examples,refused", [('["15", "30"]', False), ('["15"]', True)])
def test_a_calculation_is_run_once_with_an_example_it_accepts(tmp_path, examples, refused):
    """Age 15 is refused by the calculator; the check tries the next example before blaming it."""
    root = case_root(tmp_path, "_base")
    (root / "flows").mkdir(exist_ok=True)
    (root / "flows" / "calculating.yaml").write_text(_calculating_flow(examples))
    found = [p for p in check_content_root(root)[1].errors if p.path == "flows/calculating.yaml"]
    if not refused:
        assert found == [], [str(p) for p in found]
    else:
        assert [(p.line, "calculator 'minimum-wage' refuses every example answer" in p.message) for p in found] == [(17, True)], [str(p) for p in found]


def test_a_heading_marked_for_both_audiences_is_named_at_its_line(tmp_path):
    root = case_root(tmp_path, "_base")
    settings = root / "content/settings.yaml"
    settings.write_text(settings.read_text() + "audience_sections:\n  officer: [For officers]\n  recipient: [For you, for  OFFICERS]\n")
    found = check_content(ContentBase.load(root, use_cache=False), ON, style_checks=False)
    assert [(p.path, p.line) for p in found.errors] == [("content/settings.yaml", 8)], [str(p) for p in found]
    assert "'for  OFFICERS' is already for the officer" in found.errors[0].message


def test_a_page_that_cannot_be_read_is_named_once_not_again_at_every_link_to_it(tmp_path):
    root = case_root(tmp_path, "_base")
    page = root / "content/employment/minimum-wage.md"
    text = page.read_text()
    linking = (text.replace("id: minimum-wage", "id: paying-your-pa").replace("owner: Test team", "owner: Test team\nrelated: [minimum-wage]")
               + "\nSee [the minimum wage](page:minimum-wage).\n")
    (root / "content/employment/paying-your-pa.md").write_text(linking)
    assert not check_content(ContentBase.load(root, use_cache=False), ON, style_checks=False).items
    page.write_text(text.replace("review_by: 2027-03-01", "review_by: 2027-02-31"))
    found = check_content(ContentBase.load(root, use_cache=False), ON, style_checks=False)
    assert [(p.path, p.line) for p in found] == [("content/employment/minimum-wage.md", 9)], [str(p) for p in found]
    page.unlink()  # no file at all: the links are missing pages again
    found = check_content(ContentBase.load(root, use_cache=False), ON, style_checks=False)
    messages = [p.message for p in found]
    assert any("related page 'minimum-wage' does not exist" in m for m in messages), messages
    assert any("link to missing page 'page:minimum-wage'" in m for m in messages), messages
