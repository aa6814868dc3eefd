"""Fixed names: ``content/names.yaml`` lists the names made of everyday words that mean one thing.

"NHS Continuing Healthcare" is a kind of funding, not something that continues; "shared parental
leave" is one kind of leave; "least restrictive" is a principle of the Mental Capacity Act. Cut
into words, their parts met the everyday words: "Will my direct payments continue?" found the
page on continuing healthcare first. A listed name is one term wherever it is said, on pages and
in questions alike, as "direct payments" already is (``analysis.EQUIVALENTS``), and a question
saying it counts it as surely as a caller phrase of several words.

    names: [continuing healthcare, least restrictive, shared parental leave]

A name ending in a word with a plural ("national living wage") is matched with the plural too.
Listing a name means its words no longer find the pages that say it alone ("healthcare" does not
find "continuing healthcare"), so list only names whose words mean something else on their own,
and map callers' short forms to the name in the synonyms file ("chc: continuing healthcare").
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guidance.problems import Problems

from guidance.search.analysis import raw_words

FILE_NAME = "names.yaml"


def load_names(content_dir: Path, problems: Problems, shown: str | None = None) -> tuple[tuple[str, ...], ...]:
    """The names listed in the names file, as words; a missing file means none, a bad entry is
    reported (file, line) and skipped."""
    from guidance.yamlio import ContentYamlError, load_yaml, read_optional_text  # YAML only when the file is read

    shown = shown or f"content/{FILE_NAME}"
    text = read_optional_text(Path(content_dir) / FILE_NAME, shown, problems)
    if text is None:
        return ()
    try:
        doc = load_yaml(text)
    except ContentYamlError as exc:
        problems.error(shown, exc.line, exc.message)
        return ()
    if doc.data is None:
        return ()
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("names"), list):
        problems.error(shown, doc.line_of(), "the names file needs 'names:' and a list of names, e.g. [continuing healthcare]")
        return ()
    for key in doc.data:
        if key != "names":
            problems.error(shown, doc.line_of(key), f"'{key}' is not a field here: use 'names'")
    out: list[tuple[str, ...]] = []
    for item in doc.data["names"]:
        words = tuple(raw_words(item)) if isinstance(item, str) else ()
        if len(words) < 2:
            problems.error(shown, doc.line_of("names"), f"'names': '{item}' is not a name of two words or more")
        elif words not in out:
            out.append(words)
    return tuple(out)
