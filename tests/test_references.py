"""The council's form of reference: one canonical form for keeping and finding a reference."""

from __future__ import annotations

import pytest

from guidance.references import DEFAULT, ReferenceError, canonical, check_reference, load_rule, looks_like_a_name


@pytest.mark.parametrize("typed", ["DP-004512", "dp-004512", " Dp \u2013 004512 ", "dp - 004512"])
def test_a_reference_typed_any_way_has_one_canonical_form(typed):
    assert canonical(typed) == "DP-004512"
    assert DEFAULT.check(typed) == "DP-004512"


@pytest.mark.parametrize("typed", ["", "   ", "Ann Patel", "DP004512x", "DP-" + "1" * 60])
def test_text_that_is_not_a_reference_is_refused_without_repeating_it(typed):
    with pytest.raises(ReferenceError) as exc:
        DEFAULT.check(typed)
    assert "DP-004512" in str(exc.value) and (not typed.strip() or typed not in str(exc.value))


def test_the_council_sets_its_own_pattern_in_the_content_root(tmp_path):
    (tmp_path / "content").mkdir()
    assert load_rule(tmp_path) == DEFAULT  # no file: the default
    (tmp_path / "content" / "references.yaml").write_text('pattern: "DP-[0-9]{6}"\nexample: dp-000001\n', encoding="utf-8")
    rule = load_rule(tmp_path)
    assert rule.example == "DP-000001" and rule.check("dp-123456") == "DP-123456"
    with pytest.raises(ReferenceError):
        rule.check("DP-777")


@pytest.mark.parametrize("text, message", [
    ('pattern: "DP-[0-9"\nexample: DP-1\n', "not a regular expression"),
    ('pattern: "DP-[0-9]{6}"\nexample: DP-1\n', "does not fit"),
    ("example: DP-1\n", "give 'pattern'"),
])
def test_a_broken_references_file_is_named(tmp_path, text, message):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "references.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceError) as exc:
        load_rule(tmp_path)
    assert "references.yaml" in str(exc.value) and message in str(exc.value)


def test_the_shipped_rule_loads():
    from pathlib import Path

    rule = load_rule(Path(__file__).resolve().parents[1])
    assert rule.check("dp-004512") == "DP-004512"


@pytest.mark.parametrize("typed", ["Mrs Jones", "mr. smith", "Jones", "Ann Jones", "QQ 12 34 56 C", "4 Mill Lane NF2 8QT"])
def test_names_addresses_and_ni_numbers_are_refused_without_echoing_them(typed):
    assert looks_like_a_name(typed)
    with pytest.raises(ReferenceError) as caught:
        check_reference(typed)
    assert "never a name" in str(caught.value) and typed not in str(caught.value)


def test_an_empty_reference_asks_for_the_number():
    with pytest.raises(ReferenceError, match="Type the case or person number"):
        check_reference("  ")


def test_a_councils_pattern_without_hyphens_takes_its_own_numbers(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "references.yaml").write_text('pattern: "NB[0-9]{6}"\nexample: NB123456\n', encoding="utf-8")
    rule = load_rule(tmp_path)
    assert check_reference("nb123456", rule) == "NB123456"
    with pytest.raises(ReferenceError, match="e.g. NB123456"):
        check_reference("ASC-104233", rule)
    with pytest.raises(ReferenceError, match="never a name"):
        check_reference("Mrs Jones", rule)
