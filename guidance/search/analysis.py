"""Words, stop words and stems: the one definition of "a word" shared by indexing and querying.

Indexing and queries must cut text into the same terms or nothing matches, so both go through
``words`` and ``stem`` here. Stemming uses the Porter stemmer ("dismissed", "dismissal" and
"dismiss" meet on one term); stop words are the glue of spoken questions ("what do I do if my").
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.lang.porter import stem as _porter

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})

STOP_WORDS = frozenset(
    """a about after all also am an and any are as at be been being but by can could did do does
    doing for from get got had has have having he her here him his how i if in into is it its just
    me might my no not of on or our ours she should so some than that the their them then there
    these they this those to too us very was we were what when where which while who whom whose
    why will with would yet you your yours""".split()
) | frozenset(
    # The frame of a caller's question, not what it asks: "how much would it be", "what happens
    # if she leaves". Kept, they put pages titled "How much to keep in reserve" or asking "What
    # happens if..." above the page on what the caller asked about.
    "much many happen happens happened".split()
) | frozenset(
    # Joining words that say how a question's parts relate, never what it is about: kept, a
    # rare one ("whilst") made any page using it look like the answer.
    "because whilst although though whenever wherever".split()
) | frozenset(
    # Contractions of the words above, as they come out of ``raw_words`` ("doesn't" -> "doesnt").
    # Not "ill" (I'll), "id" (I'd), "well" (we'll) or "shell": those are words in their own right.
    """arent cant couldnt didnt doesnt dont hadnt hasnt havent im isnt ive shouldnt thats
    theyre theyve wasnt werent weve whats wont wouldnt youre youve""".split()
)


def normalise(text: str) -> str:
    """Lower case with one kind of apostrophe, so "Employer’s" and "employer's" are one word."""
    return text.translate(_APOSTROPHES).lower()


def raw_words(text: str) -> list[str]:
    """Every word in order, stop words included (phrases and synonyms need them)."""
    out = []
    for word in WORD.findall(normalise(text)):
        if word.endswith("'s"):
            word = word[:-2]
        word = word.replace("'", "")
        if word:
            out.append(word)
    return out


#: Phrases that are one term wherever they occur, in pages and in queries alike: a page about
#: "personal assistants" and a caller asking about "my PA" mean the same person, and one term
#: lets its document frequency (it is on most pages) count once, not as two common words.
EQUIVALENTS: dict[tuple[str, ...], str] = {
    ("personal", "assistant"): "pa",
    ("personal", "assistants"): "pa",
    ("pas",): "pa",
    ("direct", "payment"): "dp",
    ("direct", "payments"): "dp",
    ("dps",): "dp",
}
_LONGEST_EQUIVALENT = max(len(k) for k in EQUIVALENTS)
_EQUIVALENT_STARTS = frozenset(k[0] for k in EQUIVALENTS)


def join_equivalents(sequence: list[str]) -> list[str]:
    """``raw_words`` output with each phrase of ``EQUIVALENTS`` replaced by its one term."""
    if _EQUIVALENT_STARTS.isdisjoint(sequence):
        return sequence
    out: list[str] = []
    index = 0
    while index < len(sequence):
        if sequence[index] not in _EQUIVALENT_STARTS:
            out.append(sequence[index])
            index += 1
            continue
        for size in range(_LONGEST_EQUIVALENT, 0, -1):
            term = EQUIVALENTS.get(tuple(sequence[index:index + size]))
            if term is not None:
                out.append(term)
                index += size
                break
        else:
            out.append(sequence[index])
            index += 1
    return out


def is_stop(word: str) -> bool:
    return word in STOP_WORDS or len(word) < 2 and not word.isdigit()


def words(text: str) -> list[str]:
    """Words that carry meaning: stop words and single letters dropped, equivalents joined."""
    return [w for w in join_equivalents(raw_words(text)) if not is_stop(w)]


#: Words the Porter stemmer folds into a word of another meaning, kept apart: an "allowance"
#: (Carer's Allowance, the Employment Allowance) is not what is "allowed".
KEPT_APART = {"allowance": "allowanc", "allowances": "allowanc"}


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    if word.isdigit() or len(word) < 3:
        return word
    return KEPT_APART.get(word) or _porter(word)


#: Where a run of words ends for word pairs: sentence ends, list separators, line breaks.
RUN_END = r"[.;:!?]+(?:\s|$)|\n|\s\.\s"
_RUN_END = re.compile(RUN_END)
#: Raw token -> the word ``raw_words`` makes of it ("employer's" -> "employer", "can't" -> "cant").
_CLEANED: dict[str, str] = {}


def _cleaned(token: str) -> str:
    word = _CLEANED.get(token)
    if word is None:
        word = token[:-2] if token.endswith("'s") else token
        word = _CLEANED[token] = word.replace("'", "")
    return word


def word_runs(text: str) -> list[list[str]]:
    """``words`` of each run of ``text`` between run ends (``RUN_END``), runs without words left
    out: ``[words(run) for run in re.split(RUN_END, text)]`` less the empty ones, with the text
    normalised once and a run's words cleaned only when it holds an apostrophe (a page is cut
    into a run per sentence, so calling ``words`` on each run cost more than the cutting)."""
    runs: list[list[str]] = []
    for run in _RUN_END.split(normalise(text)):
        found = WORD.findall(run)
        if not found:
            continue
        if "'" in run:
            found = [_CLEANED.get(t) or _cleaned(t) for t in found]
        found = _meaningful(found)
        if found:
            runs.append(found)
    return runs


def _meaningful(run: list[str]) -> list[str]:
    """``words`` of a run already cut into ``raw_words``."""
    if not _EQUIVALENT_STARTS.isdisjoint(run):
        run = join_equivalents(run)
    return [w for w in run if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]
