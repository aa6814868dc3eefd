"""The council's form of reference: one canonical form for keeping and finding a reference."""

from __future__ import annotations

import pytest

from guidance.references import (DEFAULT, ReferenceError, canonical, check_reference, is_a_name, load_rule, looks_like_a_name,
                                 rule_for, without_value)


@pytest.mark.parametrize("typed", ["DP-004512", "dp-004512", " Dp \u2013 004512 ", "dp - 004512"])
def test_a_reference_typed_any_way_has_one_canonical_form(typed):
    assert canonical(typed) == "DP-004512"
    assert DEFAULT.check(typed) == "DP-004512"


@pytest.mark.parametrize("typed", ["", "   ", "Ann Patel", "DP_004512", "DP-004512/", "DP-" + "1" * 60, "ABCDEF"])
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


@pytest.mark.parametrize("typed", ["Jones", "SMITH", "O'Brien", "O\u2019Brien", "Patel-Khan", "jones1", "PRICE-12", "Smith 4",
                                   "LEE-5", "12-JONES", "Mrs Jones", "Dr. Okafor", "mr smith 12", "QQ123456C", "QQ 12 34 56 C",
                                   "NF2 8QT", "Ann Jones", "ann"])
def test_a_surname_first_name_or_title_and_name_is_refused_under_the_default_rule(typed):
    """Letters that are a known first name or surname (Faker's en_GB and en_US lists), whatever
    the capitals, digits or hyphens around them; the message never repeats what was typed."""
    with pytest.raises(ReferenceError) as caught:
        DEFAULT.check(typed)
    message = str(caught.value)
    assert "never a name" in message and typed not in message and typed.lower() not in message.lower()


@pytest.mark.parametrize("typed, kept", [
    ("DP-004512", "DP-004512"), ("case-123", "CASE-123"), ("ASC/2026/0042", "ASC/2026/0042"), ("104233", "104233"),
    ("dp12", "DP12"), ("AB-12", "AB-12"), ("ref 77".replace(" ", "-"), "REF-77"), (" jo-12 ", "JO-12"),
])
def test_references_with_a_digit_and_no_name_are_kept_canonical(typed, kept):
    """CASE and REF are words councils put before numbers (and CASE is also a surname in the
    lists): never read as a name. Two letters (JO, DP) are read as a code, not a name."""
    assert DEFAULT.check(typed) == kept


def test_the_name_lists_are_fakers_and_compare_without_case_or_apostrophes():
    assert is_a_name("OBRIEN") and is_a_name("o'brien") and is_a_name("Patel") and is_a_name("Price")
    assert not is_a_name("DP") and not is_a_name("ASC") and not is_a_name("Case") and not is_a_name("Jo")


def test_a_councils_own_pattern_is_trusted_for_what_fits_it_but_never_a_title_and_name(tmp_path):
    """Under the default rule PRICE-12 is refused (Price is a surname); a council whose own pattern
    says references start PRICE keeps them. A title and a name never fit any rule."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "references.yaml").write_text('pattern: "PRICE-[0-9]{2}"\nexample: PRICE-01\n', encoding="utf-8")
    rule = load_rule(tmp_path)
    assert rule.own and not DEFAULT.own
    assert rule.check("price-12") == "PRICE-12"
    with pytest.raises(ReferenceError, match="never a name"):
        DEFAULT.check("PRICE-12")
    with pytest.raises(ReferenceError, match="never a name"):
        rule.check("Jones")


def test_the_shipped_rule_is_the_default_one():
    from pathlib import Path

    rule = load_rule(Path(__file__).resolve().parents[1])
    assert not rule.own and rule.example == DEFAULT.example
    with pytest.raises(ReferenceError, match="never a name"):
        rule.check("SMITH")


def test_rule_for_gives_the_default_for_a_missing_or_broken_file(tmp_path):
    assert rule_for(None) == DEFAULT and rule_for(tmp_path) == DEFAULT
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "references.yaml").write_text('pattern: "DP-[0-9"\nexample: DP-1\n', encoding="utf-8")
    assert rule_for(tmp_path) == DEFAULT
    (tmp_path / "content" / "references.yaml").write_text('pattern: "NB[0-9]{6}"\nexample: NB123456\n', encoding="utf-8")
    assert rule_for(tmp_path).example == "NB123456"


@pytest.mark.parametrize("raw", [True, False, ["DP-1"], {"a": 1}])
def test_a_reference_that_is_not_text_is_refused(raw):
    """A bare YAML yes/no is read as a boolean: never kept as 'TRUE'."""
    with pytest.raises(ReferenceError, match="not yes/no"):
        DEFAULT.check(raw)


def test_without_value_takes_the_value_out_of_a_message():
    assert without_value("'Ann Jones' is not a date", "Ann Jones") == "the value is not a date"
    assert without_value("must be one of: a, b (not 'Jones')", " Jones ") == "must be one of: a, b (not the value)"
    long = "Ann Jones of 4 Mill Lane, Northfield, NF2 8QT, her sister"
    assert long[:40] not in without_value(f"'{long[:40]}...' is not a date", long)
    assert without_value("item 1: 'x' is not", "1") == "item 1: 'x' is not"  # a short unquoted value is left
