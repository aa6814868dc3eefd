"""The synonyms file's part of ``guidance content check``.

Problems in ``content/synonyms.yaml`` are reported with their line, and a page word that no page
uses is a warning: such an entry can never find anything.
"""

from __future__ import annotations

import datetime as dt

from guidance.problems import Problems
from guidance.search.analysis import raw_words, stem
from guidance.search.synonyms import FILE_NAME


def check_synonyms(base, on: dt.date, problems: Problems) -> None:
    shown = base.shown(base.content_dir / FILE_NAME)
    synonyms = base.synonyms()
    problems.extend(base.part_problems("synonyms"))
    if not synonyms.entries or not base.pages:
        return
    used = _page_stems(base)
    for entry in synonyms.entries:
        for target, text in zip(entry.targets, entry.texts):
            if not any(s in used for s in target):
                problems.warning(shown, entry.line, f"'{entry.key}': no page uses the words of '{text}' yet, so this finds nothing")


def _page_stems(base) -> set[str]:
    stems: set[str] = set()
    for page in base.pages.values():
        meta = page.meta
        text = " ".join([meta.title, meta.summary, " ".join(meta.keywords), page.body])
        stems.update(stem(w) for w in raw_words(text))
    return stems

