"""People's references: the council's pattern (or the default), tidied, names refused."""

import pytest

from guidance.references import DEFAULT_EXAMPLE, check_reference, looks_like_a_name, reference_pattern


@pytest.mark.parametrize("typed, kept", [("ASC-104233", "ASC-104233"), (" asc-104233 ", "ASC-104233"), ("1234567", "1234567"), ("DP/003318", "DP/003318")])
def test_references_in_the_default_form_are_tidied(typed, kept):
    assert check_reference(typed) == kept


@pytest.mark.parametrize("typed", ["Mrs Jones", "mr. smith", "Jones", "Ann Jones", "QQ 12 34 56 C", "4 Mill Lane NF2 8QT"])
def test_names_addresses_and_ni_numbers_are_refused_without_echoing_them(typed):
    assert looks_like_a_name(typed)
    with pytest.raises(ValueError) as caught:
        check_reference(typed)
    assert "never a name" in str(caught.value) and typed not in str(caught.value)


def test_empty_and_malformed_references_say_the_form(tmp_path):
    with pytest.raises(ValueError, match="Type the case or person number"):
        check_reference("  ")
    with pytest.raises(ValueError, match=f"e.g. {DEFAULT_EXAMPLE}"):
        check_reference("12")


def test_the_council_sets_its_pattern_in_the_content_root(tmp_path):
    (tmp_path / "content").mkdir()
    assert reference_pattern(tmp_path).example == DEFAULT_EXAMPLE  # no file: the default
    (tmp_path / "content" / "references.yaml").write_text('pattern: "NB[0-9]{6}"\nexample: NB123456\n')
    pattern = reference_pattern(tmp_path)
    assert check_reference("nb123456", pattern) == "NB123456"
    with pytest.raises(ValueError, match="e.g. NB123456"):
        check_reference("ASC-104233", pattern)
    (tmp_path / "content" / "references.yaml").write_text('pattern: "NB[0-9"\n')
    with pytest.raises(ValueError, match="references.yaml: 'pattern' is not a valid regular expression"):
        reference_pattern(tmp_path)
