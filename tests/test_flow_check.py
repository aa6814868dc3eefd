"""The static flow checker: each broken fixture is reported with its file and line, exit 1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from guidance.cli import main

REPO = Path(__file__).resolve().parents[1]
BROKEN = Path(__file__).parent / "data" / "flows"

#: fixture -> (line, words the message must contain)
EXPECTED = {
    "unknown_target": (14, "goes to unknown node 'nowhere'"),
    "unreachable": (13, "node 'orphan' can never be reached"),
    "dead_end": (13, "dead end: node 'stuck' has no 'next'"),
    "no_default": (12, "dead end: node 'ask' has nowhere to go when no condition holds"),
    "loop_no_exit": (15, "loop with no way out: round, again"),
    "unknown_page": (12, "unknown page 'no-such-page'"),
    "unknown_calculator": (15, "unknown calculator 'no-such-calculator'"),
    "unknown_letter": (17, "unknown letter 'no-such-letter'"),
    "bad_expression": (13, "expression does not compile"),
    "bad_template": (11, "template syntax error"),
    "unknown_answer": (13, "'answers.aks' names no node"),
    "missing_examples": (10, "a date question needs 'examples'"),
    "duplicate_node": (13, "'ask' appears twice"),
    "unknown_field": (12, "unknown field 'nodes.ask.colour'"),
    "no_safeguarding": (1, "no safeguarding exit"),
    "safeguarding_no_page": (6, "must lead to an outcome that lists the page 'recognising-and-reporting-abuse'"),
    "invalid_yaml": (4, "invalid YAML"),
    "bad_letter_value": (20, "'answers.amout' names no node"),
}


def test_every_fixture_is_listed():
    assert {p.stem for p in BROKEN.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_fixture_reported_with_file_and_line(name, capsys):
    line, words = EXPECTED[name]
    path = BROKEN / f"{name}.yaml"
    code = main(["--root", str(REPO), "flow", "check", str(path), "--on", "2026-11-25"])
    out = capsys.readouterr().out
    assert code == 1
    errors = [row for row in out.splitlines() if ": error: " in row]
    assert any(row.startswith(f"tests/data/flows/{name}.yaml:{line}: error: ") and words in row for row in errors), out


def test_json_output_names_path_and_line(capsys):
    code = main(["--root", str(REPO), "flow", "check", str(BROKEN / "unknown_target.yaml"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    errors = [p for p in data["problems"] if p["level"] == "error"]
    assert errors[0]["line"] == 14 and errors[0]["path"] == "tests/data/flows/unknown_target.yaml"


def test_shipped_flows_have_no_errors_but_missing_letters(capsys):
    """Letter templates are written separately; everything else in the flows must be clean."""
    main(["--root", str(REPO), "flow", "check", "--on", "2026-11-25", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["flows"] == 6
    others = [p for p in data["problems"] if p["level"] == "error" and "unknown letter" not in p["message"]]
    assert others == []


def test_missing_letter_templates_are_a_warning(content_copy, capsys):
    shutil.rmtree(content_copy / "content" / "letters", ignore_errors=True)
    code = main(["--root", str(content_copy), "flow", "check", "--on", "2026-11-25", "--json"])
    data = json.loads(capsys.readouterr().out)
    warnings = [p for p in data["problems"] if "letter templates not found" in p["message"]]
    assert code == 0 and len(warnings) == 6
    assert all(p["level"] == "warning" and p["line"] for p in warnings)


def test_content_check_runs_the_flow_checks(content_copy, capsys):
    shutil.copy(BROKEN / "unknown_target.yaml", content_copy / "flows" / "unknown_target.yaml")
    code = main(["--root", str(content_copy), "content", "check", "--no-style", "--on", "2026-11-25", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert any(p["path"] == "flows/unknown_target.yaml" and p["line"] == 14 for p in data["problems"])


def test_graph_shows_every_node_and_the_safeguarding_exit(capsys):
    assert main(["--root", str(REPO), "flow", "graph", "pa_off_sick"]) == 0
    mermaid = capsys.readouterr().out
    assert mermaid.startswith("flowchart TD") and "sick_start" in mermaid and "-.-> safeguarding" in mermaid
    assert main(["--root", str(REPO), "flow", "graph", "pa_off_sick", "--format", "dot"]) == 0
    dot = capsys.readouterr().out
    assert dot.startswith("digraph pa_off_sick") and "employed -> sick_start" in dot


def test_list_names_the_flows(capsys):
    assert main(["--root", str(REPO), "flow", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rows} >= {"hiring_a_pa", "capacity_check"}


def test_a_recipient_flow_without_words_for_recipients_is_reported(content_copy, capsys):
    path = content_copy / "flows" / "pa_off_sick.yaml"
    text = path.read_text()
    start = text.index("description_recipient:")
    path.write_text(text[:start] + text[text.index("\nstart:", start) + 1:])
    main(["--root", str(content_copy), "content", "check", "--no-style", "--on", "2026-11-25", "--json"])
    data = json.loads(capsys.readouterr().out)
    found = [p for p in data["problems"] if p["path"] == "flows/pa_off_sick.yaml" and "description_recipient" in p["message"]]
    assert len(found) == 1 and found[0]["line"] == 6 and found[0]["level"] == "warning"
    others = [p for p in data["problems"] if "description_recipient" in p["message"] and p is not found[0]]
    assert others == []  # the shipped recipient flows all have one


def test_a_recipient_reads_the_description_written_to_them():
    from guidance.flows.loader import load_flows
    from guidance.problems import Problems

    flow = load_flows(REPO, Problems())["pa_off_sick"].flow
    assert flow.describe("recipient").startswith("For you if your PA is off sick")
    assert flow.describe("officer") == flow.description
