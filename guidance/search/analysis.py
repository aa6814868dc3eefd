"""Words, stop words and stems: the one definition of "a word" shared by indexing and querying.

Indexing and queries must cut text into the same terms or nothing matches, so both go through
``words`` and ``stem`` here. Stemming uses the Porter stemmer ("dismissed", "dismissal" and
"dismiss" meet on one term); stop words are the glue of spoken questions ("what do I do if my").
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.lang.porter import stem as _porter

from guidance.search.word_forms import IRREGULAR

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_OTHER_APOSTROPHES = ("\u2019", "\u2018", "`")

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
    "because whilst although though whenever wherever once".split()
) | frozenset(
    # Contractions of the words above, as they come out of ``raw_words`` ("doesn't" -> "doesnt").
    # Not "ill" (I'll), "id" (I'd), "well" (we'll) or "shell": those are words in their own right.
    """arent cant couldnt didnt doesnt dont hadnt hasnt havent im isnt ive shouldnt thats
    theyre theyve wasnt werent weve whats wont wouldnt youre youve""".split()
)


def normalise(text: str) -> str:
    """Lower case with one kind of apostrophe, so "Employer’s" and "employer's" are one word."""
    text = text.lower()  # before the apostrophes: no capital lowers into one of them
    for mark in _OTHER_APOSTROPHES:
        if mark in text:  # a search for the mark costs far less than ``str.translate``
            text = text.replace(mark, "'")
    return text


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
    # "Self-employed" is not "employ": a question about employing a PA is not about self-employed
    # PAs, though the hyphen splits the word in two.
    ("self", "employed"): "selfemployed",
    ("self", "employment"): "selfemployed",
}


class Equivalents:
    """The phrases that are one term (``EQUIVALENTS``) with the fixed names of a content base
    (``names.load_names``: each a tuple of words) beside them: "continuing healthcare" is the term
    "continuinghealthcare", so "continue" does not find it; the last word's plural is matched too
    ("national living wages").

    A searcher and its index hold the one made of their content's names (``Synonyms.equivalents``)
    and hand it to what cuts text into terms, so two searchers over two contents, searching from
    two threads, never see each other's names. It does not change once made, and is equal to (and
    hashed as) any other made of the same names, so it may key kept results."""

    __slots__ = ("names", "table", "longest", "words", "starts", "name_terms", "_hash")

    def __init__(self, names=()):
        names = tuple(tuple(name) for name in names)
        table = dict(EQUIVALENTS)
        terms = set()
        for name in names:
            term = "".join(name)
            terms.add(term)
            for form in (name, name[:-1] + (name[-1] + "s",)):
                table.setdefault(form, term)
        #: The fixed names, as given.
        self.names: tuple[tuple[str, ...], ...] = names
        #: Phrase (words) -> its one term.
        self.table: dict[tuple[str, ...], str] = table
        self.longest = max(len(k) for k in table)
        #: The words of the phrases: known words for spelling even though the index only holds
        #: their joined term ("personal asistant" is corrected to "personal assistant", then joined).
        self.words = frozenset(w for k in table for w in k)
        self.starts = frozenset(k[0] for k in table)
        #: The terms of the fixed names: a question saying one counts it as a caller phrase of
        #: several words.
        self.name_terms = frozenset(terms)
        self._hash = hash(names)

    def __eq__(self, other) -> bool:
        return isinstance(other, Equivalents) and other.names == self.names

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return f"Equivalents({self.names!r})"


#: The built-in phrases alone, with no fixed names: what text is cut with when no content's
#: names are given.
BUILT_IN = Equivalents()
#: The words of the built-in phrases (see ``Equivalents.words``).
EQUIVALENT_WORDS = BUILT_IN.words


def join_equivalents(sequence: list[str], equivalents: Equivalents = BUILT_IN) -> list[str]:
    """``raw_words`` output with each phrase of ``equivalents`` replaced by its one term."""
    starts = equivalents.starts
    if starts.isdisjoint(sequence):
        return sequence
    table = equivalents.table
    out: list[str] = []
    index = 0
    while index < len(sequence):
        if sequence[index] not in starts:
            out.append(sequence[index])
            index += 1
            continue
        for size in range(equivalents.longest, 0, -1):
            term = table.get(tuple(sequence[index:index + size]))
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


def words(text: str, equivalents: Equivalents = BUILT_IN) -> list[str]:
    """Words that carry meaning: stop words and single letters dropped, equivalents joined."""
    return [w for w in join_equivalents(raw_words(text), equivalents) if not is_stop(w)]


#: Words the Porter stemmer folds into a word of another meaning, kept apart: an "allowance"
#: (Carer's Allowance, the Employment Allowance) is not what is "allowed"; a "responsibility"
#: is not a "response" (a reply to a tribunal claim).
KEPT_APART = {
    "allowance": "allowanc", "allowances": "allowanc",
    "responsibility": "responsib", "responsibilities": "responsib", "responsible": "responsib",
    # Porter takes "die" to "die" but "dies" and "died" to "di": a caller asking what happens
    # "when I die" missed the page "When the employer dies".
    "die": "die", "dies": "die", "died": "die", "dying": "die",
    "sue": "sue", "sues": "sue", "sued": "sue", "suing": "sue",
    # "Leave" is time off (annual leave, maternity leave, the leave year); a PA "leaving" or who
    # "leaves" is ending their job. One stem, and a question about holiday found the page on
    # leavers. "Left" is mostly what remains ("money left in the account", "left without care"):
    # a stem of its own, not a form of either (the synonyms take "she left" to leaving).
    # (A stem begins its word, as snippets rely on: "leave" is "leave", the others "leav".)
    "leave": "leave", "leaving": "leav", "leaves": "leav", "leaver": "leav", "leavers": "leav", "left": "left",
}


#: Irregular forms kept apart (``KEPT_APART``) whose other sense is one form of a word split in
#: two: "my PA left" is searched with "leaving" a little below it, not with "leave" (time off).
SENSE_OF_FORM = {"left": "leaving"}


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The stem pages and queries are matched on (Porter, with ``KEPT_APART`` and ``_e_form``).
    Irregular forms ("spent", "paid") keep their own stem: a query searches their other forms
    beside them (``other_forms``)."""
    if word.isdigit() or len(word) < 3:
        return word
    return KEPT_APART.get(word) or plain_stem(word)


def other_forms(word: str) -> tuple[str, ...]:
    """The stems of the other forms of ``word`` that its stem does not already match, when it
    is an irregular form or the base of one (see ``word_forms``): "spent" -> ("spend",),
    "spend" -> ("spent",), "paid" -> ("pai",) (the stem of "pay"), "child" -> ("children",).
    The stemmer folds only regular forms, so a caller's "spent" missed a page saying "spend"."""
    if word in SENSE_OF_FORM:
        return (stem(SENSE_OF_FORM[word]),)
    if word in KEPT_APART:  # its stem is its own sense: no other form joins it
        return ()
    base = IRREGULAR.get(word, word)
    forms = tuple(form for form in _FORMS_OF.get(base, ()) if form not in KEPT_APART) or None
    if forms is None and base == word:
        return ()
    own = stem(word)
    found = {stem(base), *(stem(form) for form in forms or ())}
    found.discard(own)
    return tuple(sorted(found))


def _forms_of(table: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Base form -> its irregular forms."""
    out: dict[str, list[str]] = {}
    for form, base in table.items():
        out.setdefault(base, []).append(form)
    return {base: tuple(forms) for base, forms in out.items()}


_FORMS_OF = _forms_of(IRREGULAR)


def plain_stem(word: str) -> str:
    """The stemmer's stem of ``word``, made shorter by ``_e_form``: irregular forms not joined."""
    return _e_form(_porter(word))


def _e_form(stemmed: str) -> str:
    """The stem of the word's "-e" form, when that is shorter: the Porter stemmer used takes
    "calculated" and "calculating" to "calculat" but "calculate" to "calcul", and "evidenced" to
    "evidenc" but "evidence" to "evid", so a caller asking how holiday is "calculated" missed the
    pages that say "calculate". Only a shorter stem that begins the same is taken ("chat" stays
    "chat", "relat" stays "relat", "car" does not become "care")."""
    if stemmed.endswith("e"):
        return stemmed
    again = _porter(stemmed + "e")
    return again if len(again) < len(stemmed) and stemmed.startswith(again) else stemmed


#: The most little words (stop words, single letters) that may stand between two words made a
#: word pair, on a page as in a question (``query._pairs``): "right to work" and "end of the
#: year" are said as one thing, but "a health direct payment if I get continuing healthcare"
#: says nothing of a direct payment continuing. More, and a run ends there.
MAX_PAIR_GAP = 2
#: Where a run of words ends for word pairs: sentence ends, list separators, line breaks.
RUN_END = r"[.;:!?]+(?:\s|$)|\n|\s\.\s"
#: Stands for the end of a run in ``marked_stems`` (stems are letters and digits only).
RUN_MARK = "|"
_RUN_END = re.compile(RUN_END)
#: Raw token -> the word ``raw_words`` makes of it ("employer's" -> "employer", "can't" -> "cant").
_CLEANED: dict[str, str] = {}


def _cleaned(token: str) -> str:
    word = _CLEANED.get(token)
    if word is None:
        word = token[:-2] if token.endswith("'s") else token
        word = _CLEANED[token] = word.replace("'", "")
    return word


def word_runs(text: str, equivalents: Equivalents = BUILT_IN) -> list[list[str]]:
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
        runs.extend(_meaningful_runs(found, equivalents))
    return runs


def _meaningful_runs(run: list[str], equivalents: Equivalents) -> list[list[str]]:
    """``words`` of a run already cut into ``raw_words``, cut again where more than
    ``MAX_PAIR_GAP`` little words stand between two words (see ``MAX_PAIR_GAP``)."""
    if not equivalents.starts.isdisjoint(run):
        run = join_equivalents(run, equivalents)
    runs: list[list[str]] = []
    kept: list[str] = []
    gap = 0
    for w in run:
        if w in STOP_WORDS or (len(w) < 2 and not w.isdigit()):
            gap += 1
            continue
        if gap > MAX_PAIR_GAP and kept:
            runs.append(kept)
            kept = []
        kept.append(w)
        gap = 0
    if kept:
        runs.append(kept)
    return runs


def stems(text: str, equivalents: Equivalents = BUILT_IN) -> list[str]:
    return [stem(w) for w in words(text, equivalents)]


#: Run-end punctuation made one kind (``.``), whitespace other than line breaks made spaces, and
#: a ``|`` in the text (not a run end) made a character that is not one either (ASCII bytes).
_ONE_RUN_END = bytes.maketrans(b";:!?" + RUN_MARK.encode() + b"\t\x0b\x0c\r\x1c\x1d\x1e\x1f", b"...." + b"," + b" " * 8)
#: Every ASCII character that is not in a word (``WORD``) nor a run mark made a space.
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789'" + RUN_MARK.encode())
_SPACES = bytes(code if code in _WORD_BYTES else ord(" ") for code in range(256))
_MARK_BYTES = f" {RUN_MARK} ".encode()
#: Stands between the texts ``marked_stems_of`` cuts in one pass (not a word, nor a run mark,
#: nor whitespace to ``str.split``). The texts are joined by ``_JOIN`` (which no text holds once
#: split from a weighted text, and which is not whitespace to the run-end rules before the
#: join becomes this mark); a ``#`` in a text is made a character that is not a word either.
PART_MARK = "#"
_JOIN = "\x1e"
_ONE_RUN_END_PARTS = bytes.maketrans(
    b";:!?" + RUN_MARK.encode() + PART_MARK.encode() + _JOIN.encode() + b"\t\x0b\x0c\r\x1c\x1d\x1f",
    b"...." + b",," + PART_MARK.encode() + b" " * 7)
_SPACES_PARTS = bytes(code if code in _WORD_BYTES or code == ord(PART_MARK) else ord(" ") for code in range(256))
_PART_BYTES = f" {PART_MARK} ".encode()
#: What ``marked_stems`` leaves out of a page's distinct words.
_NOT_WORDS = STOP_WORDS | frozenset("abcdefghijklmnopqrstuvwxyz") | {RUN_MARK, PART_MARK}
#: Kept tables grow with the distinct words seen; past this size they start again.
_TABLE_LIMIT = 200_000


class _Table(dict):
    """A dict that works out and keeps the value of each new key (``make``), so a text's words
    are looked up with ``map`` (no Python call per word once the word has been seen)."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> str | None:
        if len(self) >= _TABLE_LIMIT:
            self.clear()
        value = self[key] = self.make(key)
        return value


def _chunk_words(chunk: str) -> tuple[str, ...]:
    """The words ``raw_words`` makes of a run of word characters and apostrophes."""
    return tuple(_cleaned(token) for token in WORD.findall(chunk))


#: Stands for a little word in ``_kept_stems`` until the long gaps are marked (not a stem, a
#: mark, nor whitespace to ``str.split``).
_LITTLE = "\x01"
#: ``MAX_PAIR_GAP`` + 1 little words in a row, as ``_kept_stems`` joins them.
_LONG_GAP = " ".join([_LITTLE] * (MAX_PAIR_GAP + 1))


def _word_stem(word: str) -> str:
    """A word's stem, ``_LITTLE`` for a stop word or single letter, RUN_MARK and PART_MARK kept."""
    if word == RUN_MARK or word == PART_MARK:
        return word
    return _LITTLE if is_stop(word) else stem(word)


_CHUNK_WORDS = _Table(_chunk_words)
_WORD_STEMS = _Table(_word_stem)


def _kept_stems(found: list[str]) -> list[str]:
    """The stems of ``found`` (words and marks), little words left out, with a ``RUN_MARK``
    where more than ``MAX_PAIR_GAP`` of them stood in a row (a longer row may leave a mark
    or two more, which a run may have): string methods, no Python step per word."""
    joined = " ".join(map(_WORD_STEMS.__getitem__, found)).replace(_LONG_GAP, RUN_MARK)
    return (joined + " ").replace(_LITTLE + " ", "").split()


def marked_stems(text: str, equivalents: Equivalents = BUILT_IN) -> tuple[list[str], set[str]]:
    """The stems of ``word_runs(text)`` in one list, runs separated by ``RUN_MARK`` (a mark
    may also stand first, last or beside another), and the distinct words of those runs.

    The same terms as ``word_runs``, made without a Python step per word (``_marked_words``
    cuts the text with string methods), each word turned into its stem through a table kept
    from page to page. A phrase of ``equivalents`` cannot span a mark, as it cannot span a run.
    """
    found = _marked_words(normalise(text))
    if not equivalents.starts.isdisjoint(found):
        found = _join_sparse(found, equivalents)
    words = set(found)
    words.difference_update(_NOT_WORDS)
    return _kept_stems(found), words


def marked_stems_of(texts: list[str], equivalents: Equivalents = BUILT_IN) -> tuple[list[list[str]], set[str]]:
    """``marked_stems`` of each text (the parts of a page), and the distinct words of them all:
    the texts are cut in one pass (a page's parts are short, so cutting each on its own cost
    as much in set-up as in cutting), a ``PART_MARK`` between them, then split apart."""
    if len(texts) == 1:
        stems, words = marked_stems(texts[0], equivalents)
        return [stems], words
    found = _marked_words(normalise(_JOIN.join(texts)), _ONE_RUN_END_PARTS, _SPACES_PARTS)
    if not equivalents.starts.isdisjoint(found):
        found = _join_sparse(found, equivalents)
    words = set(found)
    words.difference_update(_NOT_WORDS)
    stems = _kept_stems(found)
    out = []
    start = 0
    for _ in range(len(texts) - 1):
        end = stems.index(PART_MARK, start)
        out.append(stems[start:end])
        start = end + 1
    out.append(stems[start:])
    return out, words


def _marked_words(text: str, run_ends: bytes = _ONE_RUN_END, spaces: bytes = _SPACES) -> list[str]:
    r"""The words ``raw_words`` makes of normalised ``text``, with ``RUN_MARK`` where a run ends.

    A regular expression costs a step per character in Python's engine; string methods do the
    same cut several times faster. A word is a run of ``[a-z0-9]`` (joined by apostrophes: see
    ``WORD``), so every other character only separates words, except that run ends (``RUN_END``)
    must be found first: a line break, or run-end punctuation followed by whitespace or the end
    of the text (a run end standing for ``\s\.\s`` is also run-end punctuation followed by
    whitespace). So: a character beyond ASCII becomes a space if it is whitespace (what ``\s``
    matches, as ``str.isspace`` says) and a comma if not (neither a word nor a space); run-end
    punctuation becomes ``.``; line breaks and ``.`` before a space become marks; everything
    but words and marks becomes a space, and ``str.split`` cuts the rest.
    """
    if not text.isascii():
        for char in set(text):
            if not char.isascii():
                text = text.replace(char, " " if char.isspace() else ",")
    cut = text.encode("ascii").translate(run_ends)  # bytes: a table look-up a character
    cut = cut.replace(b"\n", _MARK_BYTES).replace(b". ", _MARK_BYTES)
    if run_ends is _ONE_RUN_END_PARTS:  # texts joined (``marked_stems_of``): the joins as words
        cut = cut.replace(_PART_BYTES[1:2], _PART_BYTES)
    cut = cut.translate(spaces)
    text = cut.decode("ascii")
    if "'" in text:
        text = _apostrophes_cut(text)
    return text.split()


def _apostrophes_cut(text: str) -> str:
    """``text`` (words, marks and spaces) with each space-separated piece holding an apostrophe
    replaced by the words ``raw_words`` makes of it ("employer's" -> "employer", "o'clock" ->
    "oclock", "'quoted'" -> "quoted"), found with ``str.find``: a few places in a page."""
    pieces = []
    done = 0
    place = text.find("'")
    while place != -1:
        start = text.rfind(" ", 0, place) + 1
        end = text.find(" ", place)
        if end == -1:
            end = len(text)
        pieces.append(text[done:start])
        pieces.append(" ".join(_CHUNK_WORDS[text[start:end]]))
        done = end
        place = text.find("'", end)
    pieces.append(text[done:])
    return "".join(pieces)


def _join_sparse(sequence: list[str], equivalents: Equivalents) -> list[str]:
    """``join_equivalents`` looking only where a phrase may start (a few places in a page)."""
    starts = sorted(i for word in equivalents.starts.intersection(sequence) for i in _places(sequence, word))
    table = equivalents.table
    out: list[str] = []
    done = 0
    for index in starts:
        if index < done:  # inside a phrase already joined
            continue
        for size in range(equivalents.longest, 0, -1):
            term = table.get(tuple(sequence[index:index + size]))
            if term is not None:
                out.extend(sequence[done:index])
                out.append(term)
                done = index + size
                break
    out.extend(sequence[done:])
    return out


def _places(sequence: list[str], word: str) -> list[int]:
    """Every index of ``word`` in ``sequence``."""
    out = []
    index = sequence.index(word)
    while True:
        out.append(index)
        try:
            index = sequence.index(word, index + 1)
        except ValueError:
            return out
