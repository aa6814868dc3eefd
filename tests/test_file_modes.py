"""What guidance makes for personal data is owner-only (folders 0700, files 0600) whatever the
umask; the published content release stays world-readable (0644); what exists keeps its mode."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from guidance.fileio import (PUBLIC_FILE, atomic_write_bytes, atomic_write_text, create_private_file,
                             make_folder)

sys.path.insert(0, str(Path(__file__).resolve().parent))


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture(autouse=True)
def open_umask():
    """The loosest umask: every mode below is guidance's own doing."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_make_folder_makes_each_missing_folder_owner_only_and_leaves_the_rest(tmp_path):
    shared = tmp_path / "share"
    shared.mkdir()
    os.chmod(shared, 0o2775)
    make_folder(shared / "a" / "b")
    assert [mode(p) for p in (shared, shared / "a", shared / "a" / "b")] == [0o2775, 0o700, 0o700]
    make_folder(shared / "a" / "b")  # already there: nothing changes, no error
    assert mode(shared / "a" / "b") == 0o700


def test_make_folder_names_a_file_in_the_way(tmp_path):
    (tmp_path / "letters").write_text("x")
    with pytest.raises(NotADirectoryError, match="letters is a file, not a folder"):
        make_folder(tmp_path / "letters" / "out")
    with pytest.raises(NotADirectoryError, match="letters is a file, not a folder"):
        make_folder(tmp_path / "letters")


def test_create_private_file_is_new_and_owner_only(tmp_path):
    path = tmp_path / "new" / "key"
    fd = create_private_file(path)
    os.write(fd, b"secret")
    os.close(fd)
    assert mode(path) == 0o600 and mode(path.parent) == 0o700 and path.read_bytes() == b"secret"
    with pytest.raises(FileExistsError):
        create_private_file(path)
    target = tmp_path / "elsewhere"
    (tmp_path / "link").symlink_to(target)
    with pytest.raises(FileExistsError):
        create_private_file(tmp_path / "link")  # a link is never followed
    assert not target.exists()


def test_atomic_writes_are_private_unless_published(tmp_path):
    atomic_write_bytes(tmp_path / "p" / "letter.docx", b"x")
    assert mode(tmp_path / "p" / "letter.docx") == 0o600 and mode(tmp_path / "p") == 0o700
    atomic_write_text(tmp_path / "c" / "manifest.yaml", "x", mode=PUBLIC_FILE)
    assert mode(tmp_path / "c" / "manifest.yaml") == 0o644 and mode(tmp_path / "c") == 0o755


def test_records_database_and_audit_key_are_owner_only(tmp_path, monkeypatch):
    from guidance.records.database import Database
    from guidance.records.keys import ENV_KEY, ENV_KEY_FILE, _installation_key

    made = tmp_path / "records" / "deep" / "records.sqlite3"
    Database.sqlite(made).close()
    assert [mode(p) for p in (made.parent.parent, made.parent, made)] == [0o700, 0o700, 0o600]
    monkeypatch.delenv(ENV_KEY, raising=False)
    monkeypatch.delenv(ENV_KEY_FILE, raising=False)
    key = tmp_path / "keys" / "audit.key"
    assert _installation_key(key)
    assert mode(key) == 0o600 and mode(key.parent) == 0o700


def test_merged_letters_and_their_folder_are_owner_only(tmp_path):
    from guidance.letters.merge import merge
    from letters_support import ON, shipped

    source = tmp_path / "employers.csv"
    source.write_text("recipient_name,recipient_address,reference,change_date\n"
                      "Employer 2,1 High Street; Northfield,DP-000002,2026-04-01\n", encoding="utf-8")
    out = tmp_path / "made" / "letters"
    result = merge(shipped(), "minimum-wage-change", source, out, ON, "txt")
    assert len(result.written) == 1
    assert mode(out.parent) == 0o700 and mode(out) == 0o700 and mode(result.written[0]) == 0o600


def test_files_handed_over_in_the_app_are_owner_only(tmp_path):
    import datetime as dt

    from guidance.tui.services import Services

    class Terminal:
        is_web = False

    services = Services.__new__(Services)
    services.downloads = tmp_path / "Downloads"
    where = Path(services.deliver(Terminal(), b"a letter", "letter.docx"))
    assert mode(where) == 0o600 and mode(tmp_path / "Downloads") == 0o700
    ics = Path(services.save_key_dates(Terminal(), [(dt.date(2026, 12, 1), "ET3 due")], "DP-1", "flow"))
    assert ics.suffix == ".ics" and mode(ics) == 0o600


def test_command_outputs_are_owner_only(tmp_path, capsys, monkeypatch):
    from guidance.cli import main

    monkeypatch.setenv("GUIDANCE_DATABASE_URL", f"sqlite:///{tmp_path / 'records.sqlite3'}")
    data = Path(__file__).resolve().parent / "data" / "accounts"
    report = tmp_path / "report.md"
    assert main(["account", "audit", "--plan", str(data / "plan.yaml"), str(data / "statement.csv"),
                 "--report", str(report)]) == 0
    export = tmp_path / "export.json"
    assert main(["records", "export", "--person", "DP-900001", "--out", str(export)]) == 0
    assert mode(report) == 0o600 and mode(export) == 0o600


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a folder no one can write to, even root")
@pytest.mark.parametrize("write", ["atomic", "output"])
def test_a_folder_that_cannot_hold_files_is_named_not_the_temporary_file(write):
    from guidance.fileio import FolderNotWritable, atomic_write_bytes, write_output_file

    target = Path("/proc/self/advice-follow-up-ASC-104233.docx")
    with pytest.raises(FolderNotWritable) as exc:
        (atomic_write_bytes if write == "atomic" else write_output_file)(target, b"x")
    said = str(exc.value.strerror)
    assert said.startswith("the folder /proc/self cannot be written to (")
    assert "choose another folder or check its permissions" in said and ".tmp" not in str(exc.value)
