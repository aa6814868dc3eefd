"""Snippets: the sentence that answers, chosen without stemming every word of every result."""

from __future__ import annotations

import math
import re
from pathlib import Path

from guidance.search.analysis import WORD, normalise, stem
from guidance.search.documents import Block, IndexDoc
from guidance.search.snippets import STEM_NEW_LETTERS, _stem_of, mark, sentences, snippet

REPO = Path(__file__).resolve().parents[1]


def _words_to_check() -> set[str]:
    from wordfreq import iter_wordlist

    found = set()
    for path in (REPO / "content").rglob("*.md"):
        found.update(WORD.findall(normalise(path.read_text(encoding="utf-8"))))
    found.update(w for w in iter_wordlist("en", wordlist="small") if WORD.fullmatch(w))
    return {w[:-2] if w.endswith("'s") else w for w in found}


def test_a_stem_keeps_its_word_but_for_its_last_letters():
    # What snippets rely on to stem only the words that could match (see STEM_NEW_LETTERS).
    words = _words_to_check()
    assert len(words) > 20_000
    bad = [(w, stem(w.replace("'", ""))) for w in words
           if not w.replace("'", "").startswith(stem(w.replace("'", ""))[:max(0, len(stem(w.replace("'", ""))) - STEM_NEW_LETTERS)])]
    assert bad == []


def _every_word_stemmed(doc: IndexDoc, stems: set[str], idf) -> str:
    """The snippet as chosen by stemming every word of every sentence."""
    candidates = sentences(doc)
    best_index, best_score = 0, -1.0
    for index, (text, bonus) in enumerate(candidates):
        found = {_stem_of(w) for w in WORD.findall(normalise(text))} & stems
        score = math.fsum(max(idf(s), 0.1) for s in found) * (1 + bonus) if found else 0.0
        if score > best_score:
            best_index, best_score = index, score
    text = candidates[best_index][0]
    if len(text) < 60 and best_index + 1 < len(candidates):
        text = f"{text} {candidates[best_index + 1][0]}"
    from guidance.search.snippets import _shorten

    return mark(_shorten(text, stems), stems)


def test_the_chosen_sentence_is_the_one_stemming_every_word_would_choose():
    body = (
        "Relational duties are organised by the employer. Sensibility matters when hoping for the best. "
        "The PA's happiness and the employers' sensible choices count. Can't you see the umbrella bodies? "
        "Holidays are paid; holiday pay is worked out weekly. Generalisation is not an organisation's aim."
    )
    doc = IndexDoc(id="x", title="T", summary="A summary about paying for holidays.", covers=[], audience=["recipient"],
                   area="employment", keywords=[], topics="", blocks=[Block(body)], fingerprint="")
    vocabulary = {_stem_of(w) for w in WORD.findall(normalise(body + " " + doc.summary))}
    idf = lambda s: 1.0 + (len(s) % 5) / 3  # noqa: E731  (any weights: the choice must agree for them all)
    queries = [{s} for s in vocabulary] + [{a, b} for a in sorted(vocabulary)[::3] for b in sorted(vocabulary)[1::4]]
    for stems in queries:
        assert snippet(doc, stems, idf) == _every_word_stemmed(doc, stems, idf), stems
    assert re.search(r"\*\*\w+\*\*", snippet(doc, {stem("sensible")}, idf))


def test_a_page_shown_again_is_stemmed_once_and_chooses_the_same_sentence():
    """The app shows the same pages on every keystroke: from a page's second showing its
    sentences' stems are kept, and the sentence chosen is the same as stemming every word."""
    from guidance.search import snippets

    body = ("Relational duties are organised by the employer. The PA's happiness counts. "
            "Holidays are paid; holiday pay is worked out weekly. Can't you see the umbrella bodies?")
    doc = IndexDoc(id="shown-again", title="T", summary="A summary.", covers=[], audience=["recipient"],
                   area="employment", keywords=[], topics="", blocks=[Block(body)], fingerprint="f1")
    idf = lambda s: 1.0 + (len(s) % 5) / 3  # noqa: E731
    vocabulary = sorted({_stem_of(w) for w in WORD.findall(normalise(body))})
    for showing in range(3):
        for word in vocabulary:
            assert snippet(doc, {word}, idf) == _every_word_stemmed(doc, {word}, idf), (showing, word)
    assert ("shown-again", "f1", None) in snippets._STEMS_CACHE  # by reader: see snippets._cache_key
