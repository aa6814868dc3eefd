"""The format of a file a command writes follows the name it is given: ``letter.md`` is Markdown,
``letter.docx`` Word. An explicit ``--format`` that disagrees with the name is refused, so a Word
file is never written under a ``.md`` name (or Markdown under ``.docx``).

``output_format(name, given, default, formats)`` picks the format, or refuses the name; a command
that writes one kind of file only (JSON, CSV) passes that one format.
"""

from __future__ import annotations

from pathlib import Path

#: What each file name ending says the file is.
SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".txt": "txt", ".html": "html", ".htm": "html",
                  ".docx": "docx", ".json": "json", ".csv": "csv", ".yaml": "yaml", ".yml": "yaml",
                  ".pdf": "pdf", ".xlsx": "xlsx", ".doc": "doc", ".odt": "odt", ".rtf": "rtf"}
NAMES = {"md": "a Markdown file", "txt": "a plain text file", "html": "a web page (HTML)", "docx": "a Word file",
         "json": "a JSON file", "csv": "a CSV file", "yaml": "a YAML file", "pdf": "a PDF", "xlsx": "an Excel file",
         "doc": "an old Word (.doc) file", "odt": "an OpenDocument file", "rtf": "an RTF file"}


class FormatClash(ValueError):
    """The file name and the format asked for disagree, or the name says a format not offered."""


def format_of_name(name: str | Path) -> str | None:
    """The format the file name's ending says (``None`` for a name with no known ending)."""
    return SUFFIX_FORMATS.get(Path(name).suffix.lower())


def output_format(name: str | Path | None, given: str | None, default: str, formats) -> str:
    """The format to write ``name`` in: the one its ending says, else ``given``, else ``default``.

    Raises FormatClash when ``given`` contradicts the ending, or the ending says a format the
    command cannot write (``letter.pdf``)."""
    said = format_of_name(name) if name else None
    if said is None:
        return given or default
    if said not in formats:
        offered = ", ".join("." + f for f in formats)
        writes = f"this writes {NAMES[formats[0]]}" if len(formats) == 1 else "this cannot write that"
        raise FormatClash(f"'{name}' is named as {NAMES[said]}, but {writes}: name a {offered} file")
    if given and given != said:
        raise FormatClash(f"'{name}' is named as {NAMES[said]} but --format {given} asks for {NAMES[given]}: "
                          "make the two agree (or leave out --format and the name decides)")
    return said
