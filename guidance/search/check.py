"""The synonyms file's part of ``guidance content check``.

Problems in ``content/synonyms.yaml`` are reported with their line, and a page word that no page
uses is a warning: such an entry can never find anything. A page phrase ("back-up cover") must
stand word for word on some page (little words aside), or it too finds nothing. A kind's name
("calculator", "letter", "guided help") is always a good target: it asks for that kind of result.
"""

from __future__ import annotations

import datetime as dt

from guidance.problems import Problems
from guidance.search.analysis import Equivalents, raw_words, stem, words
from guidance.search.kinds import kind_name_stems
from guidance.search.synonyms import FILE_NAME


def check_synonyms(base, on: dt.date, problems: Problems) -> None:
    shown = base.shown(base.content_dir / FILE_NAME)
    synonyms = base.synonyms()
    problems.extend(base.part_problems("synonyms"))
    if not synonyms.entries or not base.pages:
        return
    used, pairs = _page_stems(base, synonyms.equivalents)
    kinds = kind_name_stems()
    for entry in synonyms.entries:
        for target, text in zip(entry.targets, entry.texts):
            if target in kinds:
                continue  # a kind's name ("calculator", "guided help"): the kind is asked for
            if not any(s in used for s in target):
                problems.warning(shown, entry.line, f"'{entry.key}': no page uses the words of '{text}' yet, so this finds nothing")
            elif len(target) > 1 and not all((a, b) in pairs for a, b in zip(target, target[1:])):
                problems.warning(shown, entry.line, f"'{entry.key}': no page says '{text}' word for word yet, so this part finds nothing")


def _page_stems(base, equivalents: Equivalents) -> tuple[set[str], set[tuple[str, str]]]:
    """Every stem the pages use, and every pair of stems side by side (stop words skipped), the
    phrases of ``equivalents`` (the content's fixed names among them) joined as in the index."""
    stems: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for page in base.pages.values():
        meta = page.meta
        for text in (meta.title, meta.summary, *meta.keywords, *getattr(meta, "questions", []), page.body):
            sequence = [stem(w) for w in words(text, equivalents)]
            stems.update(stem(w) for w in raw_words(text))
            stems.update(sequence)
            pairs.update(zip(sequence, sequence[1:]))
    return stems, pairs

