"""Questions asking what a thing is ("What is a direct payment?"), and the page that explains it.

A question that asks what something IS wants the page about that thing, not the pages that
use its name as context. On a content base where the thing is a domain word ("direct payment"
is on most pages), the page about it cannot win on its words alone: every page says them, and
the rest of the question ("and can I employ my own carer?") pulls towards the pages on that.
So the subject asked about is read from the question, and the page whose title names exactly
that subject (the whole title, a part of it either side of a colon, or with its bracketed
abbreviation left out), give or take domain words, is put first when search found it near the
top. A question where the domain word is only context ("What is the minimum wage for a PA?")
names another subject, and is left as it was ranked.
"""

from __future__ import annotations

import functools
import re
from typing import Callable

from guidance.search.analysis import BUILT_IN, Equivalents, is_stop, join_equivalents, normalise, raw_words, stem

#: How far down the results the page explaining the subject asked about is looked for.
DEFINITION_REACH = 10
#: The longest subject, in meaningful words, read as a thing being defined: beyond it the
#: "what is" starts a question about a situation, not a name.
MAX_SUBJECT_WORDS = 4

#: Little words a name holds without changing what it names ("Holiday entitlement for PAs",
#: "What direct payments are", "What a direct payment support service does"). The other little
#: words say something: "Who can get direct payments" is not the page explaining them.
FILLERS = frozenset("a an the what is are do does for of your my our their its".split())

_ENDS = r"(?=[?.!,;:()/]|\band\b|\bor\b|\bhow\b|\bwhy\b|\bwhen\b|$)"
_ASKING = (
    re.compile(r"\bwhat\s*(?:is|are|'s|s)\s+(?:an?\s+|the\s+)?(?P<subject>[^?.!,;:()/]+?)" + _ENDS),
    re.compile(r"\bwhat\s+(?:does|do)\s+(?:an?\s+|the\s+)?(?P<subject>[^?.!,;:()/]+?)\s+mean\b"),
)


@functools.lru_cache(maxsize=1024)
def asked_subjects(text: str, equivalents: Equivalents = BUILT_IN) -> tuple[frozenset[str], ...]:
    """The stems of each thing the question asks the meaning of ("What is a direct payment
    and can I employ my own carer?" -> {"dp"}); none when it asks nothing of the kind. A
    subject ending in a little word ("what is it for", "what is the cost to me") asks about
    something else than what the thing is, and is not one. Phrases are joined as
    ``equivalents`` says (the content's fixed names among them)."""
    found = []
    for pattern in _ASKING:
        for match in pattern.finditer(normalise(text)):
            words = raw_words(match.group("subject"))
            if not words or is_stop(words[-1]):
                continue
            stems = _name_stems(words, equivalents)
            if 0 < len(stems) <= MAX_SUBJECT_WORDS:
                found.append(stems)
    return tuple(found)


def _name_stems(words: list[str], equivalents: Equivalents) -> frozenset[str]:
    """The stems of a name's words, ``FILLERS`` left out, equivalents joined ("PA" and "personal
    assistant" are one)."""
    return frozenset(stem(w) for w in join_equivalents(words, equivalents) if w not in FILLERS and (len(w) > 1 or w.isdigit()))


@functools.lru_cache(maxsize=8192)
def title_subjects(title: str, equivalents: Equivalents = BUILT_IN) -> tuple[frozenset[str], ...]:
    """The subjects a page's title names: the whole title, each part either side of a colon,
    and the title without (and within) its brackets ("Statutory Sick Pay (SSP)"). Not each side
    of an "and": "Financial abuse and direct payments" is not about direct payments."""
    parts = [title, *title.split(":"), re.sub(r"\([^)]*\)", " ", title), *re.findall(r"\(([^)]*)\)", title)]
    subjects = []
    for part in parts:
        stems = _name_stems(raw_words(normalise(part)), equivalents)
        if stems and stems not in subjects:
            subjects.append(stems)
    return tuple(subjects)


def extra_words(title: str, asked: frozenset[str], is_domain: Callable[[str], bool],
                equivalents: Equivalents = BUILT_IN) -> int | None:
    """How many words besides the subject ``asked`` a page titled ``title`` names with it, when
    a subject of its title holds every word asked and nothing else but domain words ("Holiday
    entitlement for PAs" explains "holiday entitlement", with one word more); None when the
    title explains something else. A subject of domain words only ("direct payment") is
    explained only by a title naming it alone: "What a direct payment support service does"
    is about the support service."""
    sharp = not all(is_domain(s) for s in asked)
    extras = [len(named - asked) for named in title_subjects(title, equivalents)
              if asked <= named and (named == asked or sharp and all(is_domain(s) for s in named - asked))]
    return min(extras, default=None)


def explains(title: str, asked: frozenset[str], is_domain: Callable[[str], bool], equivalents: Equivalents = BUILT_IN) -> bool:
    """Whether a page titled ``title`` is about the subject ``asked`` (see ``extra_words``)."""
    return extra_words(title, asked, is_domain, equivalents) is not None


def explaining_page_first(text: str, ranked: list, is_domain: Callable[[str], bool], equivalents: Equivalents = BUILT_IN) -> list:
    """``ranked`` (results with ``.doc.title`` and ``.doc.kind``) with the page among the first
    ``DEFINITION_REACH`` that explains a subject the question asks the meaning of put first:
    the one naming the fewest words besides it ("What direct payments are" before "Carer's
    assessments and direct payments for carers"), the higher ranked of equals. The rest keep
    their order."""
    subjects = asked_subjects(text, equivalents)
    if not subjects or len(ranked) < 2:
        return ranked
    best, best_place = None, None
    for place, result in enumerate(ranked[:DEFINITION_REACH]):
        if getattr(result.doc, "kind", "page") != "page":
            continue
        for asked in subjects:
            extra = extra_words(result.doc.title, asked, is_domain, equivalents)
            if extra is not None and (best is None or extra < best):
                best, best_place = extra, place
    if not best_place:  # none, or already first
        return ranked
    return [ranked[best_place], *ranked[:best_place], *ranked[best_place + 1:]]
