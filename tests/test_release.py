"""Releases: the lock catches edits without a version bump, and old versions stay provable."""

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from guidance.cli import main
from guidance.content.base import ContentBase
from guidance.content.check import check_content
from guidance.content.release import next_release

BROKEN = Path(__file__).resolve().parent / "data" / "broken" / "content"
ON = dt.date(2026, 11, 25)


# The good page covers holiday, so it offers the holiday calculator: its figures must be there.
HOLIDAY_RATES = """
holiday_weeks:
  label: Statutory holiday entitlement, weeks a year
  unit: weeks
  source: Working Time Regulations 1998
  periods:
    - {from: 2009-04-01, value: "5.6"}
holiday_days_cap:
  label: Most days of statutory holiday a year
  unit: days
  source: Working Time Regulations 1998
  periods:
    - {from: 2009-04-01, value: "28"}
irregular_hours_accrual_percent:
  label: Holiday accrual for irregular hours
  unit: percent
  source: Working Time Regulations 1998
  periods:
    - {from: 2024-04-01, value: "12.07"}
"""


@pytest.fixture
def root(tmp_path):
    """A small valid content root made from the good fixture pages."""
    content = tmp_path / "content"
    (content / "employment").mkdir(parents=True)
    (content / "payroll").mkdir()
    for name in ("taxonomy.yaml", "manifest.yaml"):
        shutil.copy(BROKEN / name, content / name)
    rates = (BROKEN / "rates.yaml").read_text().split("\nunordered_rate:")[0]
    (content / "rates.yaml").write_text(rates + HOLIDAY_RATES)
    shutil.copy(BROKEN / "employment" / "good-page.md", content / "employment")
    shutil.copy(BROKEN / "payroll" / "other-good-page.md", content / "payroll")
    return tmp_path


def run(root, *argv):
    return main(["--root", str(root), *argv])


def test_next_release_numbering():
    assert next_release("2026.11.1", dt.date(2026, 11, 30)) == "2026.11.2"
    assert next_release("2026.11.4", dt.date(2026, 12, 1)) == "2026.12.1"


def test_release_writes_lock_manifest_and_history(root, capsys):
    assert run(root, "content", "release", "--notes", "First release", "--on", "2026-11-25") == 0
    assert "Released 2026.11.2" in capsys.readouterr().out
    lock = json.loads((root / "content" / "pages.lock").read_text())
    assert lock["pages"]["good-page"]["version"] == 1
    manifest = ContentBase.load(root, use_cache=False).manifest
    assert manifest.release == "2026.11.2"
    assert manifest.changelog[0].notes == "First release"
    assert manifest.changelog[0].pages == ["good-page", "other-good-page"]
    assert (root / "content" / "history" / "good-page" / "v1.md").is_file()


def test_a_release_stays_world_readable_whatever_the_umask(root, capsys):
    """The published content is for everyone: 0644 files, 0755 folders (personal data is 0600)."""
    import os
    import stat

    old = os.umask(0o077)
    try:
        assert run(root, "content", "release", "--notes", "First release", "--on", "2026-11-25") == 0
    finally:
        os.umask(old)
    content = root / "content"
    history = content / "history" / "good-page"
    modes = [stat.S_IMODE(os.stat(p).st_mode) for p in (content / "pages.lock", content / "manifest.yaml", history / "v1.md",
                                                         history, content / "history")]
    assert modes == [0o644, 0o644, 0o644, 0o755, 0o755]


def _edit(root, old, new):
    page = root / "content" / "employment" / "good-page.md"
    page.write_text(page.read_text().replace(old, new))


def test_changing_text_without_raising_the_version_fails(root, capsys):
    run(root, "content", "release", "--notes", "First", "--on", "2026-11-25")
    _edit(root, "an hour.", "an hour, before tax.")
    problems = check_content(ContentBase.load(root), ON, style_checks=False)
    assert [p.message for p in problems.errors] == [
        "the text changed since release 2026.11.2 but version is still 1: raise it to 2"
    ]
    assert problems.errors[0].line == 7  # the version line
    assert run(root, "content", "release", "--notes", "x", "--on", "2026-11-25") == 1


def test_an_earlier_version_can_be_shown_exactly(root, capsys):
    run(root, "content", "release", "--notes", "First", "--on", "2026-11-25")
    _edit(root, "an hour.", "an hour, before tax.")
    _edit(root, "version: 1", "version: 2")
    assert not check_content(ContentBase.load(root), ON, style_checks=False).errors
    assert run(root, "content", "release", "--notes", "Clearer pay", "--on", "2026-11-26") == 0
    capsys.readouterr()
    assert run(root, "show", "good-page", "--version", "1", "--on", "2026-11-25") == 0
    old = capsys.readouterr().out
    assert "an hour." in old and "before tax" not in old and "Version 1" in old
    assert run(root, "show", "good-page", "--on", "2026-11-25") == 0
    assert "before tax" in capsys.readouterr().out
    assert run(root, "show", "good-page", "--version", "7") == 1


def test_a_release_records_changed_figures_and_their_new_periods(root, capsys):
    from guidance.content.release import changed_rates

    run(root, "content", "release", "--notes", "First", "--on", "2026-11-25")
    assert changed_rates(ContentBase.load(root, use_cache=False)) == []
    rates = root / "content" / "rates.yaml"
    rates.write_text(rates.read_text().replace(
        '    - {from: 2026-04-01, value: "12.71"}',
        '    - {from: 2026-04-01, value: "12.71"}\n    - {from: 2027-04-01, value: "13.20"}',
    ))
    changes = changed_rates(ContentBase.load(root, use_cache=False))
    assert [str(c) for c in changes] == ["national_living_wage: new period from 1 April 2027: £13.20 (was 2 periods)"]
    capsys.readouterr()
    assert run(root, "content", "release", "--notes", "April rates", "--on", "2026-11-26") == 0
    assert "national_living_wage: new period from 1 April 2027: £13.20" in capsys.readouterr().out
    manifest = ContentBase.load(root, use_cache=False).manifest
    assert manifest.changelog[0].rates == ["national_living_wage: new period from 1 April 2027: £13.20 (was 2 periods)"]
    assert manifest.changelog[0].pages == []


def test_raising_the_version_without_touching_updated_is_a_warning(root):
    run(root, "content", "release", "--notes", "First", "--on", "2026-11-25")
    _edit(root, "an hour.", "an hour, before tax.")
    _edit(root, "version: 1", "version: 2")
    problems = check_content(ContentBase.load(root, use_cache=False), ON, style_checks=False)
    warned = [p for p in problems.warnings if "'updated' is still 2026-11-01" in p.message]
    assert warned and warned[0].line == 8 and warned[0].path == "content/employment/good-page.md"
    _edit(root, "updated: 2026-11-01", "updated: 2026-11-26")
    problems = check_content(ContentBase.load(root, use_cache=False), ON, style_checks=False)
    assert not [p for p in problems.warnings if "'updated'" in p.message]


def test_a_second_change_on_the_day_of_a_release_may_keep_that_day_as_updated(root):
    _edit(root, "updated: 2026-11-01", "updated: 2026-11-25")
    run(root, "content", "release", "--notes", "First", "--on", "2026-11-25")
    _edit(root, "an hour.", "an hour, before tax.")
    _edit(root, "version: 1", "version: 2")
    problems = check_content(ContentBase.load(root, use_cache=False), ON, style_checks=False)
    assert not [p for p in problems.warnings if "'updated'" in p.message]
    assert not problems.errors


def test_an_old_version_says_which_version_release_and_date_it_is(root, capsys):
    run(root, "content", "release", "--notes", "First", "--on", "2026-11-25")
    _edit(root, "an hour.", "an hour, before tax.")
    _edit(root, "version: 1", "version: 2")
    _edit(root, "updated: 2026-11-01", "updated: 2026-11-26")
    run(root, "content", "release", "--notes", "Clearer pay", "--on", "2026-11-26")
    capsys.readouterr()
    assert run(root, "show", "good-page", "--version", "1", "--on", "2026-11-25") == 0
    out = capsys.readouterr().out
    assert "Version 1 of this page, released in 2026.11.2 on 2026-11-25 (updated 2026-11-01). The current version is 2." in out
    assert run(root, "show", "good-page", "--version", "2", "--on", "2026-11-25") == 0
    assert "Version 2 of this page, released in 2026.11.3 on 2026-11-26" in capsys.readouterr().out


def test_show_turns_page_links_into_something_to_follow(root, capsys):
    page = root / "content" / "employment" / "good-page.md"
    page.write_text(page.read_text() + "\nSee [the other page](page:other-good-page).\n")
    assert run(root, "show", "good-page", "--on", "2026-11-25") == 0
    out = capsys.readouterr().out
    assert "the other page (see " in out and "guidance show other-good-page)" in out and "](page:" not in out


def test_no_release_is_made_in_the_copy_of_the_content_inside_the_installed_package(root, capsys, monkeypatch):
    """A plain install keeps the content inside the package: a release there is undone by the
    next install and cited by letters as a release that exists nowhere else, so it is refused and
    nothing is written."""
    from guidance.content import roots

    monkeypatch.setattr(roots, "packaged_root", lambda: root)
    before = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    assert run(root, "content", "release", "--notes", "First", "--on", "2026-11-25") == 1
    err = capsys.readouterr().err
    assert "inside the installed package" in err and "--root" in err
    assert {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()} == before


def test_a_release_with_nothing_changed_says_so(root, capsys):
    run(root, "content", "release", "--notes", "First", "--on", "2026-11-25")
    capsys.readouterr()
    assert run(root, "content", "release", "--notes", "Again", "--on", "2026-11-26") == 0
    captured = capsys.readouterr()
    assert "no page changes" in captured.out and "no page and no figure changed since 2026.11.2" in captured.err
