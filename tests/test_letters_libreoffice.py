"""Every Word letter converts cleanly with LibreOffice (skipped only where LibreOffice is absent)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from guidance.letters.formats import write
from letters_support import ON, TEMPLATE_IDS, shipped

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_every_word_letter_converts_to_pdf(tmp_path):
    catalogue = shipped()
    sources = []
    for template_id in TEMPLATE_IDS:
        for large in (False, True):
            path = tmp_path / f"{template_id}{'-large' if large else ''}.docx"
            path.write_bytes(write(catalogue.example(template_id, ON), "docx", large))
            sources.append(path)
    profile = tmp_path / "profile"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "pdf"), *map(str, sources)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for source in sources:
        pdf = tmp_path / "pdf" / (source.stem + ".pdf")
        assert pdf.is_file(), f"{source.name} did not convert: {result.stderr}"
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
