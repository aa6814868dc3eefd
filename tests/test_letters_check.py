"""``guidance content check`` renders every template with its examples and reports failures."""

from __future__ import annotations

import shutil

from guidance.content.base import ContentBase
from guidance.content.check import check_content
from letters_support import FIXTURES, ON


def _letter_problems(root):
    problems = check_content(ContentBase.load(root, use_cache=False), ON, style_checks=False)
    return [str(p) for p in problems if p.path.startswith("content/letters/")]


def test_the_shipped_letters_pass_the_content_check(bundled_root):
    assert [p for p in _letter_problems(bundled_root) if ": error:" in p] == []


def test_broken_templates_are_each_reported_with_file_and_line(content_copy):
    for name in ("missing-field", "bad-syntax", "sandbox-escape", "unknown-rate"):
        shutil.copy(FIXTURES / f"{name}.md", content_copy / "content" / "letters" / f"{name}.md")
    found = _letter_problems(content_copy)
    assert "content/letters/missing-field.md:16: error: 'pa_name' is not a field of this letter: declare it under 'fields' or fix the spelling" in found
    assert any(p.startswith("content/letters/bad-syntax.md:16: error: template syntax error") for p in found)
    assert any(p.startswith("content/letters/sandbox-escape.md:16: error: with its example values:") and ("sandbox" in p or "unsafe" in p) for p in found)
    assert "content/letters/unknown-rate.md:16: error: unknown rate 'national_living_wage_next_year' (see content/rates.yaml)" in found


def test_jargon_without_explanation_fails_the_check(content_copy):
    path = content_copy / "content" / "letters" / "pa-off-sick.md"
    text = path.read_text()
    path.write_text(text.replace('{{ explain("payslip", "note of pay") }}', "payslip"))
    found = _letter_problems(content_copy)
    assert any("'payslip' is used before it is explained" in p for p in found)
