"""From what an officer typed to a query: cleaning, phrases, spelling, synonyms, as-you-type.

Nothing typed is ever passed to a query parser: quotes, colons, AND/OR and stray symbols are
just text, so no input can produce a syntax error. The result is a list of concepts, each a
set of alternative stems (the word as typed, its corrections, its synonyms); the engine asks for
pages matching as many concepts as possible.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from guidance.query_limits import MAX_QUERY_CHARS, cut_note
from guidance.search.analysis import MAX_PAIR_GAP, Equivalents, is_stop, join_equivalents, other_forms, raw_words, stem
from guidance.search.kinds import kind_name_stems
from guidance.search.spelling import Vocabulary
from guidance.search.synonyms import FILLERS, Synonyms

MAX_CHARS = MAX_QUERY_CHARS  # one limit for the command line and the app
MAX_WORDS = 32
SYNONYM_BOOST = 0.9
#: Weight of a word's irregular forms beside the form typed ("spend" for "spent"): well below it,
#: as a page using the form typed is the surer match (at 0.85 the base forms of common verbs,
#: "hold" for "held", "set" for "setting", lifted pages that only used them).
FORM_BOOST = 0.6
COMPLETION_BOOST = 0.8
COMPLETIONS = 6
#: ``MAX_PAIR_GAP``: the most little words that may stand between two words searched as a pair
#: (as between two words indexed as one): "right to work" and "end of the year" are said as one
#: thing, "holiday [do I have to] pay" is not ("how much holiday do I have to pay my staff" asks
#: about the holiday, not about holiday pay).
_PHRASE = re.compile(r'"([^"]*)"')
#: Particles that make one verb of the word before them ("set up", "sort out", "pay back"). "in"
#: and "on" make phrasal verbs too ("fill in", "take on"), but they are stop words, never
#: searched on their own nor kept in the index's pairs, so the verb is searched beside the word
#: after them as it is.
PARTICLES = frozenset("up out off down over back away round through".split())
#: Words that may stand between a verb and its particle ("sort it out", "pay her back").
_OBJECTS = frozenset("it them him her this that".split())


@dataclass(frozen=True)
class Alternative:
    """One way of matching a concept: a single stem, or several stems in a row (a phrase)."""

    stems: tuple[str, ...]
    boost: float = 1.0
    #: Another form of the word typed (an irregular form, a completion of the last word): it
    #: finds the pages using that form, and adds nothing where the form typed is found.
    same_word: bool = False


@dataclass
class Concept:
    label: str
    alternatives: list[Alternative]
    required: bool = False
    #: Made from a caller phrase of several words in the synonyms file ("pay anything myself",
    #: "can't come in"): it says what is asked more surely than a word on its own.
    caller_phrase: bool = False
    #: Words that frame the question ("best way", "easy"; see ``frames``): weighed little, and
    #: never taken for what is asked.
    frame: bool = False
    #: How much the concept counts: below 1 when only the story around the question holds it
    #: (see ``_weigh_the_story``).
    weight: float = 1.0


@dataclass
class Query:
    text: str
    concepts: list[Concept] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: Stems of neighbouring words as typed ("bank holiday"): pages with them side by side rank higher.
    pairs: list[tuple[str, str]] = field(default_factory=list)
    #: Kinds of result the caller names ("calculator", "letter", "guided help", or a caller word
    #: the synonyms map to one: "work out", "template"): those come first (see ``kinds``).
    named_kinds: frozenset[str] = frozenset()
    #: A last word still being typed that no word in the pages begins and none is near
    #: ("furlough"): it is searched for nothing, and the searcher says so.
    unknown: list[str] = field(default_factory=list)

    @property
    def stems(self) -> set[str]:
        """Every stem the query can match: what snippets highlight."""
        return {s for c in self.concepts for a in c.alternatives for s in a.stems}

    @property
    def corrected_text(self) -> str | None:
        if not self.corrections:
            return None
        pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in self.corrections) + r")\b", re.I)
        return pattern.sub(lambda m: self.corrections.get(m.group(1).lower(), m.group(1)), self.text)


def clean(text: str) -> tuple[str, list[str]]:
    """Drop control characters and cut very long input down, saying so."""
    notes = []
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in str(text))
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        notes.append(cut_note())
    return text, notes


def build_query(typed: str, vocabulary: Vocabulary, synonyms: Synonyms, as_you_type: bool = False, correct: bool = True) -> Query:
    """The query for what was typed. ``correct=False``: no word is spelling-corrected. Phrases
    are joined into one term as ``synonyms.equivalents`` says (the content's fixed names among
    them), as the content's pages were indexed."""
    equivalents = synonyms.equivalents
    text, notes = clean(typed)
    query = Query(text.strip(), notes=notes)
    partial = None
    if as_you_type and text and not text[-1].isspace() and not text.endswith('"'):
        tail = raw_words(text.split()[-1]) if text.split() else []
        partial = tail[-1] if tail else None
    phrases = _PHRASE.findall(text)
    loose = _PHRASE.sub(" ", text).replace('"', " ")
    for phrase in phrases:
        stems = tuple(stem(w) for w in join_equivalents(raw_words(phrase), equivalents) if not is_stop(w))
        if stems:
            query.concepts.append(Concept(phrase.strip(), [Alternative(stems)], required=len(stems) > 1))
    words = join_equivalents(raw_words(loose), equivalents)
    if not (partial and words and words[-1] == partial):
        partial = None
    elif not _is_whole_word(partial, vocabulary, synonyms):
        words = words[:-1]
    if _meaningful(words) > MAX_WORDS:
        words = _asking_words_first(loose, MAX_WORDS, equivalents)
        notes.append(f"only part of a long question was searched ({MAX_WORDS} words, the sentences that ask first)")
        partial = None
    if correct:
        words = _rejoined([_corrected(w, vocabulary, query) if w != partial else w for w in words], partial, equivalents)
    unpaired, phrases = _add_word_concepts(query, words, synonyms)
    query.pairs = _without_same_meaning(_pairs(words, unpaired, phrases), query.concepts)
    if partial:
        _add_partial(query, partial, vocabulary, whole=bool(words) and words[-1] == partial, correct=correct)
    _note_named_kinds(query)
    _weigh_the_story(query, loose, equivalents)
    return query


#: Weight of a concept only the story around a question holds (see ``_weigh_the_story``).
STORY_WEIGHT = 0.6
#: The fewest searched words the asking sentences must hold for the rest to count as the story.
ASKING_WORDS = 2


def _weigh_the_story(query: Query, text: str, equivalents: Equivalents) -> None:
    """In a question told with its story ("My PA hurt her back in May and has been off since.
    Can I dismiss her?"), the concepts that only the sentences not asking hold count at
    ``STORY_WEIGHT``: the story says the circumstances, the asking sentence what to answer, and
    the story's words, being more, outweighed it. Nothing changes when no sentence ends in "?",
    when every one does, or when the asking sentences hold fewer than ``ASKING_WORDS`` searched
    words ("Is there anything I can do?": then the story says what is asked)."""
    sentences = [part for part in _SENTENCE_END.split(text) if part.strip()]
    asking = [part for part in sentences if part.strip().endswith("?")]
    if not asking or len(asking) == len(sentences):
        return
    asked = {w for part in asking for w in join_equivalents(raw_words(part), equivalents) if not is_stop(w)}
    if len(asked) < ASKING_WORDS:
        return
    for concept in query.concepts:
        said = [w for w in join_equivalents(raw_words(concept.label), equivalents) if not is_stop(w)]
        if said and asked.isdisjoint(said):
            concept.weight = STORY_WEIGHT


def _note_named_kinds(query: Query) -> None:
    """Note the kinds of result the query names, and take a kind's name that only a synonym
    brought in ("work out" -> "calculator") out of the words pages are scored by: it says what
    kind of thing is wanted, not what it is about, so a page that happens to mention a calculator
    must not rise for it. A name the caller typed stays a word to search ("calculator" alone
    still lists the calculators)."""
    names = kind_name_stems()
    named: set[str] = set()
    kept = []
    for concept in query.concepts:
        alternatives = []
        for alternative in concept.alternatives:
            kind = names.get(alternative.stems)
            if kind is not None and (alternative.boost == 1.0 or alternative.boost == SYNONYM_BOOST):
                named.add(kind)
                if alternative.boost != 1.0:
                    continue
            alternatives.append(alternative)
        concept.alternatives = alternatives
        if alternatives:
            kept.append(concept)
    query.concepts = kept
    query.named_kinds = frozenset(named)


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n+")


def _meaningful(words: list[str]) -> int:
    """How many of ``words`` are searched (stop words are not)."""
    return sum(1 for w in words if not is_stop(w))


def _asking_words_first(text: str, limit: int, equivalents: Equivalents) -> list[str]:
    """The words of a long question, at most ``limit`` of them meaningful: the sentences that
    ask (ending in "?") are kept first, then the others in order, each sentence whole or not at
    all, and the kept words are searched in the order typed.

    A forum post tells its story first and asks last ("My mum has dementia ... Are there ways to
    pay for help?"); cutting at the first words searched the story and dropped the question.
    """
    sentences = [join_equivalents(raw_words(part), equivalents) for part in _SENTENCE_END.split(text) if part.strip()]
    asking = [i for i, part in enumerate(_SENTENCE_END.split(text)) if part.strip().endswith("?")]
    order = asking + [i for i in range(len(sentences)) if i not in asking]
    kept: set[int] = set()
    room = limit
    for i in order:
        size = _meaningful(sentences[i])
        if size <= room:
            kept.add(i)
            room -= size
    if not kept:  # one sentence longer than the limit: its first words
        first = sentences[order[0]]
        out, count = [], 0
        for word in first:
            count += not is_stop(word)
            if count > limit:
                break
            out.append(word)
        return out
    return [w for i in sorted(kept) for w in sentences[i]]


def _rejoined(words: list[str], partial: str | None, equivalents: Equivalents) -> list[str]:
    """``words`` with the equivalents a correction completed joined into their one term:
    "dircet payments" corrected to "direct payments" is searched as "dp", as if typed right.
    A last word still being typed (``partial``) is left as it is."""
    if partial and words and words[-1] == partial:
        return join_equivalents(words[:-1], equivalents) + [partial]
    return join_equivalents(words, equivalents)


def _is_whole_word(word: str, vocabulary: Vocabulary, synonyms: Synonyms) -> bool:
    """A last word that is already a word the pages (or callers) use is searched as that word.

    "sack my pa" must find pages about PAs even while "pa" might still become "pay": the word
    keeps its synonyms and full weight, and its completions join it as weaker alternatives.
    """
    return not is_stop(word) and (word in vocabulary or word in synonyms.words)


def _pairs(words: list[str], unpaired: set[int] = frozenset(), phrases: dict[int, int] | None = None) -> list[tuple[str, str]]:
    """Adjacent meaningful words, stop words skipped as the index skips them ("right to work").

    A word of a caller phrase describing a situation in other words than the pages use
    (``phrases``: place -> where its phrase starts; "no longer need" -> "end", "stop") makes no
    pair, with another word of it or with the word beside it: the phrase is searched as its words
    side by side in its concept already, and counting them again let a page using the phrase in
    another sense ("no longer need my carer" on the redundancy page, "no longer need the
    services of" on the unfair dismissal page) outscore the page about what it asks. A name of
    two words ("bank holiday", "care worker") keeps its pair: there the words side by side are
    the evidence.

    Words with more than ``MAX_PAIR_GAP`` little words between them make no pair. A pair holding
    one of the places ``unpaired`` (a frame word) is left out, and so is the pair
    ending at a place ``-place - 1`` in it (a verb's particle: the verb and particle side by side
    are searched in their concept; the particle and the word after it, "set up payroll", are
    kept: they are how pages say it)."""
    places = [i for i, w in enumerate(words) if not is_stop(w)]
    phrases = phrases or {}
    pairs = []
    for first, second in zip(places, places[1:]):
        a, b = stem(words[first]), stem(words[second])
        if first in phrases or second in phrases:
            continue
        if second - first - 1 > MAX_PAIR_GAP:
            continue
        if a != b and first not in unpaired and second not in unpaired and -second - 1 not in unpaired:
            pairs.append((a, b))
    return pairs


def _without_same_meaning(pairs: list[tuple[str, str]], concepts: list[Concept]) -> list[tuple[str, str]]:
    """``pairs`` less those of two words that mean the same, one a synonym of the other ("carer
    or personal assistant", "carer/PA"): an either-or, not a name of two words, so a page
    listing them side by side ("your carer or PA") is no more about what is asked."""
    same = {frozenset((concept.alternatives[0].stems[0], stems[0]))
            for concept in concepts if concept.alternatives and len(concept.alternatives[0].stems) == 1
            for stems in (a.stems for a in concept.alternatives[1:] if not a.same_word) if len(stems) == 1}
    return [pair for pair in pairs if frozenset(pair) not in same] if same else pairs


def _corrected(word: str, vocabulary: Vocabulary, query: Query) -> str:
    if is_stop(word):
        return word
    better = vocabulary.correct(word)
    if better:
        query.corrections[word] = better
        return better
    return word


def _add_word_concepts(query: Query, words: list[str], synonyms: Synonyms) -> tuple[set[int], dict[int, int]]:
    """A concept for each caller phrase, frame phrase, phrasal verb and other word of ``words``;
    returns the places whose words must not make pairs with their neighbours, and (as
    ``-place - 1``) the particles whose pair with their verb is searched in its concept, and
    the place where each caller phrase saying in other words what the pages say starts, for
    each of its places (see ``_pairs``)."""
    spans = {start: (end, entry) for start, end, entry in synonyms.find(words)}
    in_spans = {i for start, (end, _entry) in spans.items() for i in range(start, end)}
    in_phrases = {i for start, (end, _entry) in spans.items() if end - start > 1 for i in range(start, end)}
    split = {verb: (particle, entry) for verb, particle, entry in synonyms.find_split(words, in_phrases)}
    particles = {particle for particle, _entry in split.values()}
    in_spans |= set(split) | particles
    framing = synonyms.frames.places(words) - in_spans
    name_terms = synonyms.equivalents.name_terms
    unpaired = set(framing)
    phrases: dict[int, int] = {}
    index = 0
    while index < len(words):
        if index in spans:
            end, entry = spans[index]
            own = tuple(stem(w) for w in words[index:end] if not is_stop(w))
            # A phrase whose meaning is not in its own words ("used for", "not doing the job")
            # is searched by its page words only: "use" or "job" alone would say nothing.
            phrase = end - index > 1
            if not phrase and own and _names_the_person_cared_for(words, end, entry):
                # "stop mum's direct payments": mum gets the support, she is not the PA.
                query.concepts.append(Concept(words[index], [Alternative(own)], frame=True))
                unpaired.add(index)
                index = end
                continue
            alternatives = [Alternative(own)] if own and (len(own) > 1 or not phrase) else []
            alternatives += [Alternative(t, SYNONYM_BOOST) for t in entry.targets]
            query.concepts.append(Concept(" ".join(words[index:end]), alternatives, caller_phrase=phrase))
            if _describes_a_situation(words[index:end], own, entry.targets):
                phrases.update((i, index) for i in range(index, end))
            index = end
            continue
        if index in split:
            # "let my carer go": the phrase by its page words (the verb alone says nothing),
            # the words between it searched as usual; the particle is the phrase's.
            particle, entry = split[index]
            query.concepts.append(Concept(f"{words[index]} … {words[particle]}",
                                          [Alternative(t, SYNONYM_BOOST) for t in entry.targets], caller_phrase=True))
            unpaired.update((index, particle))
            index += 1
            continue
        if index in particles:
            index += 1
            continue
        if index in framing:
            end = index
            while end in framing:
                end += 1
            kept = [w for w in words[index:end] if not is_stop(w)]
            if kept:
                query.concepts.append(Concept(" ".join(words[index:end]), [Alternative((stem(w),)) for w in kept], frame=True))
            index = end
            continue
        word = words[index]
        particle = _particle_after(words, index, in_spans | framing)
        if particle is not None:
            # One concept: the verb with its particle side by side, and the verb alone at full
            # weight; the particle ("up", "out") says nothing on its own.
            query.concepts.append(Concept(" ".join(words[index:particle + 1]),
                                          [Alternative((stem(word), stem(words[particle]))), *_word_alternatives(word)]))
            unpaired.add(-particle - 1)  # its pair with the verb is in the concept; the next word's is kept
            index = particle + 1
            continue
        if not is_stop(word):
            if _the_askers_employer(words, index):
                # "my employer hasn't paid me": a PA asks; the employer is who they mean, not
                # what they ask about (the pages on being an employer do not answer it).
                query.concepts.append(Concept(word, _word_alternatives(word), frame=True))
                unpaired.add(index)
            else:
                # A fixed name ("continuing healthcare", one term) says what is asked as surely
                # as a caller phrase of several words.
                query.concepts.append(Concept(word, _word_alternatives(word), caller_phrase=word in name_terms))
        index += 1
    return unpaired, phrases


def _names_the_person_cared_for(words: list[str], after: int, entry) -> bool:
    """Whether a family word ("mum", "son", "husband": a caller word the synonyms map to
    "relative" or "family") names the person who gets the support rather than the one paid to
    give it: it owns the support ("mum's direct payments", "mums carer", "my son's PA") or gets
    it ("my dad gets direct payments", "my wife has a PA"). Then it is a circumstance of the
    question, not a sign that a relative is employed."""
    if not any(target in _FAMILY_TARGETS for target in entry.targets):
        return False
    following = [w for w in words[after:after + 4] if w not in FILLERS]
    if following and following[0] in _RECEIVING:
        following = following[1:]
    return bool(following) and stem(following[0]) in _SUPPORT_STEMS


def _the_askers_employer(words: list[str], index: int) -> bool:
    """Whether ``words[index]`` is the asker's own employer ("my employer", "our employer"):
    the one asking is a PA, so "employer" says who, not what is asked."""
    return stem(words[index]) in _EMPLOYER_STEMS and index > 0 and words[index - 1] in ("my", "our")


_EMPLOYER_STEMS = frozenset({stem("employer"), stem("employers")})
#: The page words a family word is mapped to when the relative may be the PA.
_FAMILY_TARGETS = frozenset({(stem("relative"),), (stem("family"),)})
#: The support a person gets, and who gives it, by which a family word names the person cared for.
_SUPPORT_STEMS = frozenset(stem(w) for w in """dp pa carer carers care budget payment payments money account support
    needs package assessment plan worker workers agency""".split())
#: Verbs of getting support, between the person and it ("my dad gets direct payments").
_RECEIVING = frozenset("get gets got getting receive receives received receiving has have had uses use".split())


def _word_alternatives(word: str) -> list[Alternative]:
    """A word as typed, and its other forms the stemmer does not fold (``other_forms``: "spent"
    and "spend", "paid" and "pay", "children" and "child") a little below it: the form typed is
    still the surer sign ("How is the money paid?" asks about payments made, which pages say
    "paid"), and its own share of the pages says how common the word is."""
    return [Alternative((stem(word),)), *(Alternative((other,), FORM_BOOST, same_word=True) for other in other_forms(word))]


def _describes_a_situation(typed: list[str], own: tuple[str, ...], targets) -> bool:
    """Whether a caller phrase describes a situation in other words than the pages use ("no
    longer need" -> "end", "care package has been reduced" -> "review"): three words or more
    typed, none of its words among the page words it stands for. A phrase of two words is most
    often a name ("annual leave", "personal budget"), and one sharing a word with its page words
    ("bank holiday" -> "holiday") names a kind of what they name."""
    return len(typed) >= 3 and all(set(own).isdisjoint(target) for target in targets)


def _particle_after(words: list[str], index: int, taken: set[int]) -> int | None:
    """The place of the particle making ``words[index]`` a phrasal verb ("set up", "sort it
    out"), or None. A particle in a caller phrase ("off sick") or a frame phrase (``taken``) is
    that phrase's; a particle, a stop word or a number is no verb."""
    word = words[index]
    if is_stop(word) or word in PARTICLES or word.isdigit():
        return None
    for place in (index + 1, index + 2):
        if place >= len(words) or place in taken:
            return None
        if words[place] in PARTICLES:
            return place
        if words[place] not in _OBJECTS:
            return None
    return None


def _add_partial(query: Query, partial: str, vocabulary: Vocabulary, whole: bool = False, correct: bool = True) -> None:
    """The word still being typed: the commonest words it begins, beside the word itself.

    When it is already a whole word (``whole``), its concept was made with the other words and
    the completions join that concept as other forms of it (``Alternative.same_word``: "what is
    a PA" still asks about PAs, not about pay); otherwise they make a concept of their own.
    """
    if len(partial) < 2:
        return
    concept = query.concepts[-1] if whole and query.concepts else None
    alternatives = concept.alternatives if concept is not None else []
    if concept is None and partial in vocabulary and not is_stop(partial):
        alternatives.append(Alternative((stem(partial),)))
    for word in vocabulary.complete(partial, COMPLETIONS):
        if is_stop(word) or word == partial:
            continue
        alternative = Alternative((stem(word),), COMPLETION_BOOST, same_word=concept is not None)
        if all(a.stems != alternative.stems for a in alternatives):
            alternatives.append(alternative)
    if not alternatives and correct:
        # Nothing begins with it: it is probably a finished word with a typo ("irregualr").
        better = vocabulary.correct(partial)
        if better:
            query.corrections[partial] = better
            alternatives.append(Alternative((stem(better),)))
    if concept is None and alternatives:
        query.concepts.append(Concept(partial + "…", alternatives))
    elif concept is None:
        query.unknown.append(partial)
