"""Every shipped template renders from its examples, in every format, and passes the plain-language gate."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile

import pytest

from guidance.content.style import load_style, reader_text, reading_ease
from guidance.letters.compose import LetterError
from guidance.letters.formats import FORMATS, write
from guidance.letters.plain import MIN_READING_EASE, check_letter, unexplained
from guidance.problems import Problems
from letters_support import ON, TEMPLATE_IDS, shipped


@pytest.fixture(scope="module")
def letters():
    catalogue = shipped()
    return {tid: catalogue.example(tid, ON) for tid in TEMPLATE_IDS}


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("large", [False, True])
def test_every_template_renders_in_every_format_with_its_stamp(letters, template_id, fmt, large):
    letter = letters[template_id]
    output = write(letter, fmt, large)
    assert output
    stamp = letter.stamp(large)
    assert stamp.startswith(f"{template_id} version {letter.template_version} · content release ")
    assert "25 November 2026" in stamp
    if fmt == "docx":
        document = _docx(output)
        footer = "\n".join(p.text for p in document.sections[0].footer.paragraphs)
        assert stamp in footer
    else:
        text = output.decode("utf-8")
        flat = re.sub(r"\s+", " ", html.unescape(text))
        assert stamp in flat
        assert "\x02" not in text and "\x05" not in text  # no checker marks left in any output
        assert letter.title in flat


def _docx(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_letter_passes_the_plain_language_gate(letters, template_id):
    catalogue = shipped()
    letter = letters[template_id]
    assert reading_ease(reader_text(letter.body)) >= MIN_READING_EASE
    problems = Problems()
    style = load_style(catalogue.base.content_dir, catalogue.base.shown, Problems())
    check_letter(letter, style, catalogue.base.glossary, "x", 1, problems)
    assert [str(p) for p in problems] == []


def test_the_word_letter_has_real_headings_the_address_block_and_page_numbers(letters):
    letter = letters["pa-off-sick"]
    document = _docx(write(letter, "docx"))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", letter.title) in styles
    assert ("Heading 2", "What you must pay") in styles
    texts = [text for _style, text in styles]
    council = letter.council
    assert texts[: len(council.address) + 2] == [council.name, council.team, *council.address]
    assert "Mrs Ann Patel" in texts and "Our reference: DP-004512" in texts
    footer_xml = document.sections[0].footer._element.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    assert document.styles["Normal"].font.size.pt == 12
    bullets = [text for style, text in styles if style == "List Bullet"]
    rates = shipped().base.rates
    assert bullets[:2] == [f"{rates.figure('ssp_weekly_rate', ON)} a week", f"{rates.figure('ssp_earnings_percent', ON)} of their normal weekly pay"]


def test_large_print_is_at_least_16_point(letters):
    letter = letters["pa-off-sick"]
    document = _docx(write(letter, "docx", large_print=True))
    assert document.styles["Normal"].font.size.pt >= 16
    assert all(document.styles[f"Heading {n}"].font.size.pt > document.styles["Normal"].font.size.pt for n in (1, 2))
    page = write(letter, "html", large_print=True).decode()
    size = int(re.search(r"body \{[^}]*font-size: (\d+)pt", page).group(1))
    assert size >= 16
    assert max(len(line) for line in write(letter, "txt", large_print=True).decode().splitlines()) <= 44


def test_word_output_is_repeatable_and_keeps_the_letter_date(letters):
    letter = letters["written-statement"]
    first, second = write(letter, "docx"), write(letter, "docx")
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2026, 11, 25)}
    assert _docx(first).core_properties.created.replace(tzinfo=None) == dt.datetime(2026, 11, 25, 9, 0)


def test_a_document_has_no_council_block_or_greeting(letters):
    text = write(letters["written-statement"], "txt").decode()
    assert "Northfield Borough Council" not in text and "Dear" not in text
    assert "Dear Mrs Ann Patel," in write(letters["pa-off-sick"], "txt").decode()


def test_values_cannot_become_markup_in_html():
    catalogue = shipped()
    data = dict(catalogue.template("pa-off-sick").examples(), pa_name="<script>alert(1)</script>")
    page = write(catalogue.make("pa-off-sick", data, ON), "html").decode()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_money_and_dates_are_written_the_british_way():
    catalogue = shipped()
    data = dict(catalogue.template("dp-surplus-repayment").examples(), balance="10234.5", keep="2400", balance_date="2026-10-01")
    text = write(catalogue.make("dp-surplus-repayment", data, ON), "txt").decode()
    assert "£10,234.50" in text and "£2,400.00" in text and "£7,834.50" in text
    assert "1 October 2026" in text


def test_a_repayment_below_nothing_is_refused_with_the_line():
    catalogue = shipped()
    data = dict(catalogue.template("dp-surplus-repayment").examples(), keep="7000.00")
    with pytest.raises(LetterError, match="nothing to pay back"):
        catalogue.make("dp-surplus-repayment", data, ON)


def test_explain_gives_the_meaning_only_the_first_time(letters):
    letter = letters["pa-off-sick"]
    assert [span.term for span in letter.explained].count("SSP") == 1
    assert letter.body.count("Statutory Sick Pay (SSP) from their first full day off sick") == 1
    assert "SSP is the least pay" in letter.body


def test_an_unexplained_glossary_term_is_caught(letters):
    letter = letters["pa-off-sick"]
    letter_copy = type(letter)(**{**letter.__dict__, "body": "Your payslip shows SSP.\n" + letter.body,
                                  "explained": [], "quiet": []})
    found = {term for term, _name in unexplained(letter_copy, shipped().base.glossary)}
    assert {"payslip", "SSP"} <= found


def test_page_references_give_title_and_version(letters):
    base = shipped().base
    page = base.pages["statutory-sick-pay"]
    assert f"{page.meta.title} (guide version {page.meta.version})" in letters["pa-off-sick"].body


def test_the_mail_out_quotes_the_figures_that_start_on_the_change_date():
    catalogue = shipped()
    template = catalogue.template("minimum-wage-change")
    letter = catalogue.make("minimum-wage-change", dict(template.examples(), change_date="2026-04-01"), dt.date(2026, 2, 10))
    wage = shipped().base.rates.figure("national_living_wage", dt.date(2026, 4, 1))
    assert wage.since == dt.date(2026, 4, 1)
    assert f"{wage} an hour if they are 21 or over" in letter.body
    with pytest.raises(LetterError, match="from 1 April 2031 is not published in guidance yet") as caught:
        catalogue.make("minimum-wage-change", dict(template.examples(), change_date="2031-04-01"), ON)
    assert "no figure starting on 1 April 2031" in caught.value.detail[0][2]  # for content check


def _advice(**changes) -> dict:
    values = shipped().template("advice-follow-up").examples()
    values.update(changes)
    return values


@pytest.mark.parametrize("field, value", [
    ("recipient_name", "Mr David Okafor\n# HEADING"),
    ("reference", "DP-1\r\n- item"),
    ("officer", "Priya Shah\u2028Manager"),
    ("advice", ["Yes.\n## Not advice", "Two"]),
])
def test_a_single_line_field_refuses_a_line_break(field, value):
    from guidance.letters.compose import LetterError

    with pytest.raises(LetterError) as exc:
        shipped().make("advice-follow-up", _advice(**{field: value}), ON)
    assert f"field '{field}' must be one line" in str(exc.value.lines())


MARKUP = "First line\n# HEADING\n- not a list\n1. not numbered\n**not bold** [not a link](https://evil.example) <b>x</b>"


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "docx"])
def test_a_multi_line_field_and_any_typed_value_are_text_never_markdown(fmt):
    letter = shipped().make("advice-follow-up", _advice(question=MARKUP, recipient_name="Mr *D* Okafor"), ON)
    output = write(letter, fmt)
    if fmt == "docx":
        import io

        import docx

        document = docx.Document(io.BytesIO(output))
        paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
        text = "\n".join(t for _s, t in paragraphs)
        assert not [t for s, t in paragraphs if s.startswith(("Heading", "List")) and ("HEADING" in t or "not a list" in t)]
    elif fmt == "md":
        from guidance.letters.blocks import to_blocks

        blocks = to_blocks(output.decode())
        text = "\n".join(b.text for b in blocks)
        assert not [b for b in blocks if b.kind != "paragraph" and ("HEADING" in b.text or "not a list" in b.text or "Okafor" in b.text)]
    else:
        text = output.decode()
    if fmt == "html":
        assert "<h1>HEADING" not in text and "<li>not a list" not in text and "<strong>not bold" not in text
        assert 'href="https://evil.example"' not in text and "<b>x</b>" not in text and "&lt;b&gt;x&lt;/b&gt;" in text
        assert "<em>D</em>" not in text
    else:
        for line in ("# HEADING", "- not a list", "1. not numbered", "**not bold** [not a link](https://evil.example)", "Mr *D* Okafor"):
            assert line in text, line


def test_a_date_printed_without_a_filter_is_in_words_never_iso():
    import datetime as _dt

    from guidance.content.render import environment

    template = environment().from_string("{{ day }} / {{ day | long_date }} / {{ when }}")
    shown = template.render(day=_dt.date(2026, 4, 6), when="2026-04-06")
    assert shown == "6 April 2026 / 6 April 2026 / 2026-04-06"  # text typed as text is left as it is
