"""A letter's reference is checked once, where every letter is filled, and no message repeats a
value (it may be a person's name): the CLI, the mail merge, account letters and previews."""

from __future__ import annotations

import csv
import shutil

import pytest

from guidance.cli import main
from guidance.content.base import ContentBase
from guidance.letters.catalogue import Catalogue
from guidance.letters.compose import LetterError
from guidance.letters.merge import merge
from letters_support import ON, REPO, shipped

NAMES = ["Jones", "SMITH", "O'Brien", "Patel-Khan", "jones1", "Mrs Jones"]


def _values(**changes) -> dict:
    values = shipped().template("minimum-wage-change").examples()
    values.update(changes)
    return values


@pytest.mark.parametrize("name", NAMES)
def test_a_name_as_the_reference_is_refused_at_the_field_without_repeating_it(name):
    with pytest.raises(LetterError) as caught:
        shipped().make("minimum-wage-change", _values(reference=name), ON)
    message = str(caught.value)
    assert "field 'reference' looks like a name" in message and "never a name" in message
    assert name not in message and name.lower() not in message.lower()


def test_the_reference_is_kept_in_its_canonical_form():
    letter = shipped().make("minimum-wage-change", _values(reference=" dp \u2013 004512 "), ON)
    assert letter.reference == "DP-004512" and letter.values["reference"] == "DP-004512"


def test_a_merge_names_the_row_and_field_never_the_value(tmp_path):
    source = tmp_path / "rows.csv"
    with open(source, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["recipient_name", "recipient_address", "reference", "change_date"])
        writer.writerow(["Employer 2", "1 High Street", "DP-000002", "2026-04-01"])
        writer.writerow(["Employer 3", "1 High Street", "SMITH", "2026-04-01"])
        writer.writerow(["Employer 4", "1 High Street", "Mrs Jones", "2026-04-01"])
        writer.writerow(["Employer 5", "1 High Street", "DP-000005", "Ann Okafor"])
        writer.writerow(["Employer 6", "1 High Street", "DP-000006", "2026-04-01"])
    result = merge(shipped(), "minimum-wage-change", source, tmp_path / "out", ON, "md")
    assert [row for row, _ in result.failed] == [3, 4, 5] and len(result.written) == 2
    failed = dict(result.failed)
    assert "field 'reference' looks like a name" in failed[3] and "field 'reference' looks like a name" in failed[4]
    assert "field 'change_date'" in failed[5]
    for message in failed.values():
        assert not any(value in message for value in ("SMITH", "Jones", "Ann Okafor", "Okafor"))


def test_a_choice_cell_that_is_not_a_choice_is_not_repeated():
    template = shipped().template("pa-off-sick")
    choice = next((name for name, spec in template.meta.fields.items() if spec.type == "choice"), None)
    if choice is None:
        pytest.fail("pa-off-sick has no choice field to try")
    values = template.examples()
    values[choice] = "Ann Okafor"
    with pytest.raises(LetterError) as caught:
        shipped().make("pa-off-sick", values, ON)
    assert f"field '{choice}' must be one of" in str(caught.value) and "Okafor" not in str(caught.value)


def _data_file(tmp_path, **changes):
    lines = []
    for name, value in _values(**changes).items():
        if isinstance(value, list):
            lines.append(f"{name}: [{', '.join(repr(str(v)) for v in value)}]")
        else:
            lines.append(f"{name}: {value}")
    path = tmp_path / "data.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_letter_render_refuses_a_name_without_echoing_it(tmp_path, capsys):
    data = _data_file(tmp_path, reference="Patel-Khan")
    assert main(["letter", "render", "minimum-wage-change", "--data", str(data), "--no-record", "--on", ON.isoformat()]) == 1
    err = capsys.readouterr().err
    assert "field 'reference' looks like a name" in err and "Patel" not in err and "Khan" not in err
    assert f"{data}:" in err  # the data file and its line are named


def test_a_bare_yaml_yes_in_a_text_field_is_refused_never_read_as_true(tmp_path, capsys):
    data = _data_file(tmp_path, recipient_name="yes")  # YAML reads a bare yes as a boolean
    assert main(["letter", "render", "minimum-wage-change", "--data", str(data), "--no-record", "--on", ON.isoformat()]) == 1
    err = capsys.readouterr().err
    assert "field 'recipient_name' is yes/no" in err and "quotes" in err and "True" not in err


def test_a_bare_yaml_yes_fills_a_choice_field_as_yes():
    from guidance.letters.fields import LetterField, convert

    field = LetterField(type="choice", choices=["yes", "no"], example="yes")
    assert convert(field, True) == "yes" and convert(field, False) == "no"
    with pytest.raises(Exception, match="yes/no"):
        convert(LetterField(type="list", example=["a"]), [True])


def test_previews_use_the_councils_example_reference(tmp_path):
    """A council with its own pattern: every template's preview (``--example``, the content
    check's renders) takes the example from content/references.yaml, and fits the rule."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "flows", tmp_path / "flows")
    (tmp_path / "content" / "references.yaml").write_text('pattern: "NB[0-9]{6}"\nexample: NB123456\n', encoding="utf-8")
    catalogue = Catalogue.load(ContentBase.load(tmp_path, use_cache=False))
    for template in catalogue.sorted_templates():
        if "reference" in template.meta.fields:
            assert catalogue.examples(template.id)["reference"] == "NB123456"
    assert catalogue.example("pa-off-sick", ON).reference == "NB123456"
    with pytest.raises(LetterError, match="is not a reference in this council's form"):
        catalogue.make("pa-off-sick", {**catalogue.examples("pa-off-sick"), "reference": "DP-004512"}, ON)


def test_a_letter_printed_again_is_not_checked_again():
    """Reprinting fills from the stored values without the rule: a letter issued before a council
    changed its pattern still prints exactly."""
    from guidance.letters.compose import fill

    template = shipped().template("minimum-wage-change")
    assert fill(template, _values(reference="OLD 77"))["reference"] == "OLD 77"
