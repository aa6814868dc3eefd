"""``pip install .`` (not editable) ships the bundled content: a wheel built from the source tree,
installed in a fresh virtual environment, answers ``guidance show`` and ``guidance search`` from
outside the repository. The dependencies come from the test environment's own site-packages
(no download), the package itself only from the wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(command, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def test_a_wheel_installed_in_a_fresh_environment_has_its_content(tmp_path):
    # A clean copy of what a release is built from, so no earlier build/ folder leaks into the wheel.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(REPO / name, source / name)
    for name in ("guidance", "content", "flows"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "_bundled"))
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(wheels)])
    (wheel,) = wheels.glob("guidance-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "guidance/_bundled/content/employment/holiday-pay.md" in names and "guidance/_bundled/flows/pa_off_sick.yaml" in names
    assert "guidance/_bundled/content/manifest.yaml" in names and not [n for n in names if "__pycache__" in n]
    for data in ("content/accounts/rules.yaml", "content/settings.yaml", "content/references.yaml", "content/letters/council.yaml",
                 "content/taxonomy.yaml", "content/style/plain_words.yaml"):
        assert f"guidance/_bundled/{data}" in names, data
    assert "guidance/tui/app.tcss" in names and "guidance/tui/screens.tcss" in names  # first screen, the rest
    assert "guidance/records/migrations/versions/0001_initial.py" in names

    fresh = tmp_path / "fresh"
    _run([sys.executable, "-m", "venv", "--without-pip", str(fresh)])
    python = fresh / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    # The test environment's packages (textual, whoosh, ...) without its editable guidance: a
    # folder named in a .pth file is searched, but its own .pth files are not run.
    (site / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)])

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GUIDANCE_", "PYTHON"))}
    env.update({name: str(tmp_path / "home" / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME")})
    where = _run([str(python), "-c", "import guidance.content.roots as r; print(r.__file__); print(r.bundled_root())"],
                 cwd=elsewhere, env=env).stdout.split()
    assert where[0].startswith(str(site)) and where[1] == str(site / "guidance" / "_bundled")
    guidance = fresh / "bin" / "guidance"
    shown = _run([str(guidance), "show", "holiday-pay"], cwd=elsewhere, env=env).stdout
    assert "Holiday pay" in shown or "holiday pay" in shown.lower()
    found = _run([str(guidance), "search", "holiday"], cwd=elsewhere, env=env).stdout
    assert "holiday-pay" in found or "Holiday pay" in found
    # The records schema (migrations), the council's letter details and the account rules ship too.
    _run([str(guidance), "db", "upgrade"], cwd=elsewhere, env=env)
    letter = _run([str(guidance), "letter", "render", "minimum-wage-change", "--example", "--format", "txt", "--on", "2026-11-25"],
                  cwd=elsewhere, env=env).stdout
    assert "minimum wage" in letter.lower()
    accounts = Path(__file__).resolve().parent / "data" / "accounts"
    audit = _run([str(guidance), "account", "audit", "--plan", str(accounts / "plan.yaml"), str(accounts / "statement.csv"),
                  "--no-record", "--json"], cwd=elsewhere, env=env).stdout
    assert '"kind": "cash"' in audit  # the classification rules in content/accounts/rules.yaml were read
