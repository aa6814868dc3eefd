"""Writing a letter as Markdown, plain text, HTML or Word, each with a large-print variant.

Every output has the same parts in the same order: the council's address block (letters only),
the recipient's name and address, the date and reference, the title, the greeting, the body, the
sign-off, and a footer stamp (template id and version, content release, date).

Large print follows RNIB's clear-print advice: HTML and Word set 18pt text (16pt is the
minimum) with larger headings. Markdown and plain text carry no font size, so their large-print
variant wraps lines short (44 characters) so a printout at 18pt still fits the page, and says
"large print" in the stamp.

Word output is byte-for-byte repeatable: the same letter on the same day gives the same file,
so the hash kept in the record proves a re-printed letter is the one that was sent.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import textwrap
import zipfile

from guidance.letters.blocks import Block, letter_markdown, markdown_text, to_blocks
from guidance.letters.compose import Letter

FORMATS = ("md", "txt", "html", "docx")
TEXT_WIDTH = 72
LARGE_TEXT_WIDTH = 44
NORMAL_PT = 12
LARGE_PT = 18


def write(letter: Letter, fmt: str, large_print: bool = False) -> bytes:
    """The letter in ``fmt`` as bytes (UTF-8 for the text formats)."""
    if fmt == "md":
        return to_markdown(letter, large_print).encode("utf-8")
    if fmt == "txt":
        return to_text(letter, large_print).encode("utf-8")
    if fmt == "html":
        return to_html(letter, large_print).encode("utf-8")
    if fmt == "docx":
        return to_docx(letter, large_print)
    raise ValueError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")


def _head_lines(letter: Letter) -> tuple[list[str], list[str], list[str]]:
    """(council block, recipient block, date and reference lines)."""
    council = []
    if letter.kind == "letter":
        c = letter.council
        council = [c.name, c.team, *c.address, f"Phone: {c.phone}"]
        if c.email:
            council.append(f"Email: {c.email}")
        if c.opening_hours:
            council.append(c.opening_hours)
    recipient = letter.recipient if letter.kind == "letter" else []
    dated = [f"Date: {letter.date_text}"]
    if letter.reference:
        dated.append(f"Our reference: {letter.reference}")
    return council, recipient, dated


# -- Markdown -------------------------------------------------------------------------------

def to_markdown(letter: Letter, large_print: bool = False) -> str:
    council, recipient, dated = _head_lines(letter)
    parts = []
    if large_print:
        parts.append("<!-- Large print: print at 18pt or larger. -->")
    md = markdown_text  # every line here is text (typed values, the council's details), never markup
    if council:
        parts.append("  \n".join([f"**{md(council[0])}**", *map(md, council[1:])]))
    if recipient:
        parts.append("  \n".join(map(md, recipient)))
    parts.append("  \n".join(map(md, dated)))
    parts.append(f"# {md(letter.title)}")
    if letter.greeting:
        parts.append(md(letter.greeting))
    body = letter.body.strip()
    if large_print:
        body = _wrap_markdown(body, LARGE_TEXT_WIDTH)
    parts.append(body)
    if letter.signature:
        parts.append("\n".join(md(line) + "  " if line else "" for line in letter.signature).replace("\n  \n", "\n\n").strip())
    parts.append("---")
    parts.append(f"*{letter.stamp(large_print)}*")
    return "\n\n".join(parts) + "\n"


def _wrap_markdown(body: str, width: int) -> str:
    """Wrap paragraph lines short, keeping headings and list markers where Markdown needs them."""
    out = []
    for line in body.split("\n"):
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#") or len(line) <= width:
            out.append(line)
            continue
        marker = ""
        for candidate in ("- ", "* "):
            if stripped.startswith(candidate):
                marker = candidate
        if not marker and stripped[:1].isdigit() and ". " in stripped[:5]:
            marker = stripped[: stripped.index(". ") + 2]
        indent = line[: len(line) - len(stripped)]
        wrapped = textwrap.wrap(stripped[len(marker):], width, break_on_hyphens=False)
        out.append(indent + marker + wrapped[0])
        out.extend(indent + " " * len(marker) + rest for rest in wrapped[1:])
    return "\n".join(out)


# -- Plain text -----------------------------------------------------------------------------

def to_text(letter: Letter, large_print: bool = False) -> str:
    width = LARGE_TEXT_WIDTH if large_print else TEXT_WIDTH
    council, recipient, dated = _head_lines(letter)
    parts = []
    if council:
        parts.append("\n".join(council))
    if recipient:
        parts.append("\n".join(recipient))
    parts.append("\n".join(dated))
    title = letter.title  # never capitals for large print: whole words in capitals are harder to read
    parts.append("\n".join(textwrap.wrap(title, width)) + "\n" + "=" * min(len(title), width))
    if letter.greeting:
        parts.append(letter.greeting)
    parts.extend(_text_body(to_blocks(letter.body), width))
    if letter.signature:
        parts.append("\n".join(letter.signature))
    parts.append("-" * width + "\n" + "\n".join(textwrap.wrap(letter.stamp(large_print), width)))
    return "\n\n".join(part for part in parts if part) + "\n"


def _text_body(blocks: list[Block], width: int) -> list[str]:
    """One part per block, except that the items of one list stay together without gaps."""
    parts: list[str] = []
    previous = None
    for block in blocks:
        text = _text_block(block, width)
        if previous is not None and block.kind in ("bullet", "number") and previous.kind in ("bullet", "number"):
            parts[-1] += "\n" + text
        else:
            parts.append(text)
        previous = block
    return parts


def _text_block(block: Block, width: int) -> str:
    text = block.text.strip()
    if block.kind == "heading":
        underline = "=" if block.level <= 1 else "-"
        return "\n".join(textwrap.wrap(text, width)) + "\n" + underline * min(len(text), width)
    if block.kind == "rule":
        return "-" * width
    indent = "   " * block.level
    if block.kind in ("bullet", "number"):
        marker = "- " if block.kind == "bullet" else f"{block.number}. "
        lines = _wrap(text, width, indent + marker, indent + " " * len(marker))
        return lines
    return _wrap(text, width, indent, indent)


def _wrap(text: str, width: int, first: str, rest: str) -> str:
    out = []
    for number, paragraph in enumerate(text.split("\n")):
        out.extend(textwrap.wrap(paragraph, width, initial_indent=first if number == 0 else rest,
                                 subsequent_indent=rest, break_on_hyphens=False) or [first.rstrip()])
    return "\n".join(out)


# -- HTML -----------------------------------------------------------------------------------

_CSS = """
body {{ font-family: Arial, Helvetica, sans-serif; font-size: {pt}pt; line-height: 1.5; max-width: 40em;
        margin: 2em auto; padding: 0 1em; color: #0b0c0c; background: #fff; }}
h1 {{ font-size: {h1}pt; margin: 1em 0 0.5em; }}
h2 {{ font-size: {h2}pt; margin: 1.2em 0 0.4em; }}
h3 {{ font-size: {h3}pt; }}
address {{ font-style: normal; margin-bottom: 1.5em; }}
.council {{ text-align: right; }}
footer {{ border-top: 1px solid #b1b4b6; margin-top: 2em; padding-top: 0.5em; font-size: {small}pt; }}
@media print {{ body {{ margin: 0; max-width: none; }} }}
"""


def to_html(letter: Letter, large_print: bool = False) -> str:
    pt = LARGE_PT if large_print else NORMAL_PT
    css = _CSS.format(pt=pt, h1=pt + 8, h2=pt + 4, h3=pt + 2, small=max(pt - 2, 16) if large_print else pt - 2)
    council, recipient, dated = _head_lines(letter)
    esc = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(letter.title)}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        "<header>",
    ]
    if council:
        out.append('<address class="council">' + "<br>\n".join(f"<strong>{esc(line)}</strong>" if n == 0 else esc(line) for n, line in enumerate(council)) + "</address>")
    if recipient:
        out.append('<address class="recipient">' + "<br>\n".join(esc(line) for line in recipient) + "</address>")
    out.append("<p>" + "<br>\n".join(esc(line) for line in dated) + "</p>")
    out.append("</header>")
    out.append("<main>")
    out.append(f"<h1>{esc(letter.title)}</h1>")
    if letter.greeting:
        out.append(f"<p>{esc(letter.greeting)}</p>")
    out.append(letter_markdown().render(letter.body).strip())
    if letter.signature:
        out.append("<p>" + "<br>\n".join(esc(line) for line in letter.signature) + "</p>")
    out.append("</main>")
    out.append(f"<footer><p>{esc(letter.stamp(large_print))}</p></footer>")
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"


# -- Word -----------------------------------------------------------------------------------

class _Master:
    """A styled, empty Word document reused for every letter of one print size.

    Loading python-docx's default document and setting the styles costs more than writing a
    letter, so it is done once; each letter empties the body and footer and fills them again.
    The parts no letter changes (styles, theme, settings...) are serialised once too.
    """

    CHANGING = ("/word/document.xml", "/docProps/core.xml")

    def __init__(self, pt: int):
        from docx import Document
        from docx.shared import Cm, Pt, RGBColor

        self.doc = Document()
        _styles(self.doc, pt, Pt, RGBColor)
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.2))
        self.footer = section.footer  # creates the footer part now, before the fixed parts are kept
        self.footer.is_linked_to_previous = False
        self.footer_name = str(self.footer.part.partname)
        self.fixed = {
            str(part.partname): part.blob
            for part in self.doc.part.package.parts
            if str(part.partname) not in self.CHANGING and str(part.partname) != self.footer_name
        }

    def empty(self):
        from docx.oxml.ns import qn

        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        footer = self.footer._element
        for child in list(footer):
            footer.remove(child)
        return self.doc


_MASTERS: dict[int, _Master] = {}


def _master(pt: int) -> _Master:
    if pt not in _MASTERS:
        _MASTERS[pt] = _Master(pt)
    return _MASTERS[pt]


def to_docx(letter: Letter, large_print: bool = False) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    master = _master(LARGE_PT if large_print else NORMAL_PT)
    doc = master.empty()
    council, recipient, dated = _head_lines(letter)
    if council:
        for number, line in enumerate(council):
            para = doc.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            para.paragraph_format.space_after = Pt(0)
            para.add_run(line).bold = number == 0
        doc.add_paragraph()
    for line in recipient:
        doc.add_paragraph(line).paragraph_format.space_after = Pt(0)
    if recipient:
        doc.add_paragraph()
    for line in dated:
        doc.add_paragraph(line).paragraph_format.space_after = Pt(0)
    _heading(doc, letter.title, 1)
    if letter.greeting:
        doc.add_paragraph(letter.greeting)
    for block in to_blocks(letter.body):
        _docx_block(doc, block, Cm)
    for line in letter.signature:
        para = doc.add_paragraph(line)
        para.paragraph_format.space_after = Pt(0)
    _footer(master.footer, letter.stamp(large_print), WD_ALIGN_PARAGRAPH)
    _properties(doc, letter)
    return _save_repeatable(doc, letter.on, master.fixed)


def _styles(doc, pt: int, Pt, RGBColor) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(pt)
    normal.paragraph_format.space_after = Pt(pt * 0.6)
    normal.paragraph_format.line_spacing = 1.15
    _east_asian_font(normal, "Arial")
    for level, extra in ((1, 8), (2, 4), (3, 2)):
        style = doc.styles[f"Heading {level}"]
        style.font.name = "Arial"
        style.font.size = Pt(pt + extra)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
        style.paragraph_format.space_before = Pt(pt)
        style.paragraph_format.space_after = Pt(pt * 0.5)
        _east_asian_font(style, "Arial")
    for name in ("List Bullet", "List Bullet 2"):
        doc.styles[name].font.size = Pt(pt)
        doc.styles[name].font.name = "Arial"


def _east_asian_font(style, name: str) -> None:
    """Word takes a run's font from several attributes; set them all so Arial really applies."""
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _heading(doc, text: str, level: int) -> None:
    """A real Word heading (Heading 1-3), so screen readers and the navigation pane see it."""
    para = doc.add_paragraph()
    para._p.style = f"Heading{level}"
    para.add_run(text)


def _docx_block(doc, block: Block, Cm) -> None:
    if block.kind == "heading":
        _heading(doc, block.text.strip(), min(max(block.level, 2), 3))
        return
    if block.kind == "rule":
        doc.add_paragraph()
        return
    if block.kind == "bullet":
        para = doc.add_paragraph()
        para._p.style = "ListBullet2" if block.level else "ListBullet"  # by id: lookup by name is slow
    else:
        para = doc.add_paragraph()
        if block.kind == "number":
            # Written numbers, not Word list numbering: python-docx cannot restart a numbered
            # list, and a second list in a letter must start again at 1.
            para.paragraph_format.left_indent = Cm(1.0 + block.level * 0.8)
            para.paragraph_format.first_line_indent = Cm(-0.8)
            para.add_run(f"{block.number}.\t")
        elif block.level:
            para.paragraph_format.left_indent = Cm(1.0 + block.level * 0.8)
    for run in block.runs:
        pieces = run.text.split("\n")
        for number, piece in enumerate(pieces):
            added = para.add_run(piece)
            added.bold = run.bold or None
            added.italic = run.italic or None
            if number < len(pieces) - 1:
                added.add_break()


def _footer(footer, stamp: str, WD_ALIGN_PARAGRAPH) -> None:
    para = footer.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run(stamp)
    numbers = footer.add_paragraph()
    numbers.alignment = WD_ALIGN_PARAGRAPH.CENTER
    numbers.add_run("Page ")
    _field(numbers, "PAGE", "1")
    numbers.add_run(" of ")
    _field(numbers, "NUMPAGES", "1")


def _field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (page number, page count) that the reader's program fills in."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def _properties(doc, letter: Letter) -> None:
    when = dt.datetime.combine(letter.on, dt.time(9, 0))
    props = doc.core_properties
    props.title = letter.title
    props.author = letter.council.name
    props.last_modified_by = letter.council.team
    props.subject = f"{letter.template_id} version {letter.template_version}"
    props.comments = letter.stamp()
    props.keywords = f"content release {letter.release}"
    props.created = when
    props.modified = when
    props.revision = 1


class _FixedTimeZip:
    """python-docx's package writer interface, writing every part with the letter's date."""

    def __init__(self, stream, stamp: tuple):
        self.zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)
        self.stamp = stamp

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self.zip.writestr(info, blob, compresslevel=1)

    def close(self) -> None:
        self.zip.close()


def _save_repeatable(doc, on: dt.date, fixed: dict[str, bytes]) -> bytes:
    """Save with a fixed time in every zip entry, so equal letters give equal bytes."""
    from docx.opc.pkgwriter import PackageWriter

    package = doc.part.package
    buffer = io.BytesIO()
    writer = _FixedTimeZip(buffer, (max(on.year, 1980), on.month, on.day, 0, 0, 0))
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    for part in package.parts:
        name = str(part.partname)
        writer.write(part.partname, fixed[name] if name in fixed else part.blob)
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    writer.close()
    return buffer.getvalue()
