"""The CLI's commands, exit codes and the content root option."""

import json
import re
from pathlib import Path

import pytest

from guidance.cli import main

BROKEN = Path(__file__).resolve().parent / "data" / "broken"


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["rates", "--on", "31/02/2026"])
    assert exc.value.code == 2
    assert "31 February 2026 does not exist" in capsys.readouterr().err


def test_a_root_without_content_is_a_clear_error(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "rates"]) == 1
    assert "no 'content' folder" in capsys.readouterr().err


def test_root_from_environment(monkeypatch, capsys):
    monkeypatch.setenv("GUIDANCE_ROOT", str(BROKEN))
    assert main(["content", "export", "--on", "2026-11-25"]) == 1  # a page there cannot be shown
    ids = {page["id"] for page in json.loads(capsys.readouterr().out)}
    assert "good-page" in ids and "minimum-wage" not in ids


def test_export_renders_figures_for_the_date(capsys):
    main(["--root", str(BROKEN), "content", "export", "--on", "2026-03-31"])
    page = next(p for p in json.loads(capsys.readouterr().out) if p["id"] == "good-page")
    assert "£12.21 an hour" in page["text"]
    assert set(page) >= {"id", "title", "summary", "covers", "audience", "version", "text"}


def test_show_json_and_unknown_page(capsys):
    assert main(["--root", str(BROKEN), "show", "good-page", "--on", "2026-04-01", "--json"]) == 0
    assert "£12.71" in json.loads(capsys.readouterr().out)["text"]
    assert main(["--root", str(BROKEN), "show", "nothing-here"]) == 1
    assert "no page with id 'nothing-here'" in capsys.readouterr().err


def test_review_due_lists_soonest_first(capsys):
    assert main(["--root", str(BROKEN), "content", "review-due", "--on", "2027-02-20", "--within", "2w", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["review_by"] == "2027-03-01" for r in rows)
    assert main(["--root", str(BROKEN), "content", "review-due", "--on", "2026-01-01", "--within", "30d"]) == 0
    assert "Nothing is due for review by 31 January 2026." in capsys.readouterr().out


def test_review_due_says_dates_in_words_to_people(capsys):
    assert main(["--root", str(BROKEN), "content", "review-due", "--on", "2027-02-20", "--within", "2w"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("1 March 2027 ") for line in lines)
    assert not any("2027-03-01" in line for line in lines)


def test_check_warns_about_pages_past_review(capsys):
    main(["--root", str(BROKEN), "content", "check", "--on", "2027-03-02", "--no-style"])
    out = capsys.readouterr().out
    assert "content/employment/good-page.md:9: warning: review was due on 2027-03-01" in out


def test_schema_files_validate_a_page(tmp_path, capsys):
    assert main(["content", "schema", "--out", str(tmp_path)]) == 0
    schema = json.loads((tmp_path / "page.schema.json").read_text())
    assert {"id", "title", "summary", "covers", "sources"} <= set(schema["required"])
    rates = json.loads((tmp_path / "rates.schema.json").read_text())
    assert "additionalProperties" in rates


def test_module_entry_point():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "guidance", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("guidance ")


def test_commands_say_when_broken_files_were_left_out(capsys):
    assert main(["--root", str(BROKEN), "content", "export", "--on", "2026-11-25"]) == 1  # a page there cannot be shown
    err = capsys.readouterr().err
    assert re.search(r"(\d+) content files? (has|have) errors and (was|were) left out", err)
    count, verb = re.search(r"(\d+) content files? (has|have)", err).groups()
    assert (verb == "has") == (count == "1") and (f"{count} content file " in err) == (count == "1")
    assert main(["content", "review-due", "--on", "2026-11-25"]) == 0
    assert "left out" not in capsys.readouterr().err  # the shipped content has none
