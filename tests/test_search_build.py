"""Building the search index quickly without changing what it holds.

The build cuts text into words in one pass and counts each page's terms a part at a time; these
tests hold it to the plain definitions: ``analysis.word_runs`` (words of each run) and a count
made one word at a time, in order, as the analysers yield them.
"""

from __future__ import annotations

import random

import pytest

from guidance.content.base import ContentBase
from guidance.search import analysis, whoosh_index
from guidance.search.documents import WEIGHTS, ContentSource
from guidance.search.ranking import pair_term
from search_support import ON, make_root

#: Pieces that test the edges: phrases made one term, apostrophes of every kind, run ends and
#: the dots that are not run ends, stop words, single letters, digits, non-ASCII letters and
#: spaces, a capital that lowers into two characters.
PIECES = [
    "personal", "assistant", "assistants", "Personal Assistant's", "pas", "PAs", "dps", "direct",
    "payment", "payments", "Direct\u00a0Payments", "the", "a", "I", "x", "9", "42", "can't",
    "employer\u2019s", "employers'", "o'clock", "'quoted'", "`tick`", "\u2018single\u2019",
    "holiday", "holidays", "pay", "paid", "sick", "caf\u00e9", "\u0130stanbul", "KELVIN\u212a",
    "e.g.", "etc.", ".", ";", ":", "!", "?", "...", " . ", "\n", "\t", "\u2028", "\u2014", "-",
    "\u00a310.50", "3.5", "(", ")", ",", "'", "\u2019", "s's", "'s", "x'9", "a''b", "9's", "don't's",
    ".)", ").", "!?", "a;b", "|", ".|", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u3000", "\u2026",
    "#", "a#b", ".#", "#.",
]
GLUE = ["", " ", "  ", "\n", ". ", ",", "\u00a0", " . ", "\t", ".\t", "?\n", "|"]


def random_texts(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) + rng.choice(GLUE) for _ in range(rng.randint(0, 30)))


def runs_of(marked: list[str]) -> list[list[str]]:
    runs, run = [], []
    for term in [*marked, analysis.RUN_MARK]:
        if term == analysis.RUN_MARK:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(term)
    return runs


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_words_cut_in_one_pass_are_the_words_of_each_run(seed):
    for text in random_texts(seed, 3000):
        stems, words = analysis.marked_stems(text)
        runs = analysis.word_runs(text)
        assert runs_of(stems) == [[analysis.stem(w) for w in run] for run in runs], text
        assert words == {w for run in runs for w in run}, text


@pytest.mark.parametrize("seed", [1, 2])
def test_a_pages_parts_cut_in_one_pass_are_each_part_cut_alone(seed):
    rng = random.Random(seed)
    texts = list(random_texts(seed + 10, 3000))
    for _ in range(600):
        parts = [rng.choice(texts) for _ in range(rng.randint(1, 7))]
        stems, words = analysis.marked_stems_of(parts)
        alone = [analysis.marked_stems(part) for part in parts]
        assert stems == [part_stems for part_stems, _ in alone], parts
        assert words == set().union(*(part_words for _, part_words in alone)), parts


def test_a_phrase_is_one_term_only_within_a_run():
    assert analysis.marked_stems("Your personal assistant. Personal. Assistants")[0] == ["pa", "|", "person", "|", "assist"]
    assert analysis.marked_stems("direct payments, DPs and PAs")[1] == {"dp", "pa"}


def reference_counts(value: str) -> tuple[dict, dict]:
    """(text, pairs) term -> [uses, weight], one word at a time from ``word_runs``."""
    text: dict[str, list] = {}
    pairs: dict[str, list] = {}
    for boost, part in whoosh_index._weighted_parts(value):
        seen: dict[str, int] = {}
        for run in analysis.word_runs(part):
            stems = [analysis.stem(w) for w in run]
            for term in stems:
                seen[term] = count = seen.get(term, 0) + 1
                if count > whoosh_index.SATURATE_AFTER:
                    continue
                entry = text.setdefault(term, [0, 0.0])
                entry[0] += 1
                entry[1] = boost / count if entry[0] == 1 else entry[1] + boost / count
            for first, second in zip(stems, stems[1:]):
                if first != second:
                    entry = pairs.setdefault(pair_term(first, second), [0, 0.0])
                    entry[0] += 1
                    entry[1] = boost if entry[0] == 1 else entry[1] + boost
    return text, pairs


def test_each_page_counts_as_if_counted_word_by_word(tmp_path):
    content = ContentSource(ContentBase.load(make_root(tmp_path / "root"), use_cache=False), ON)
    values = [whoosh_index.weighted_text(content.document(i)) for i in sorted(content.fingerprints())]
    weights = sorted(set(WEIGHTS.values()))
    rng = random.Random(4)
    values += [
        "\x1e".join(f"{rng.choice(weights)}\x1f{text}" for text in random_texts(seed, 5))
        for seed in range(300)
    ]
    # A word said more often than saturation allows, in two parts with awkward weights.
    values.append("1.3\x1f" + "holiday " * 11 + "\x1e0.7\x1fholiday holiday pay holiday pay")
    for value in values:
        text, pairs = reference_counts(value)
        assert whoosh_index._text_counts(value) == text, value
        assert whoosh_index._pair_counts(value) == pairs, value


def test_the_analysers_yield_what_the_counts_say(tmp_path):
    content = ContentSource(ContentBase.load(make_root(tmp_path / "root"), use_cache=False), ON)
    for doc_id in sorted(content.fingerprints()):
        value = whoosh_index.weighted_text(content.document(doc_id))
        for analyzer, counts in ((whoosh_index.WeightedAnalyzer(), whoosh_index._text_counts),
                                 (whoosh_index.PairAnalyzer(), whoosh_index._pair_counts)):
            yielded: dict[str, list] = {}
            for token in analyzer(value):
                entry = yielded.setdefault(token.text, [0, 0.0])
                entry[0] += 1
                entry[1] = token.boost if entry[0] == 1 else entry[1] + token.boost
            assert yielded == counts(value)
