"""Search over the rendered pages, guided help, calculators and letters: typo-tolerant (never
"correcting" a real word, and always saying when a word was corrected), synonym- and
phrase-aware, as-you-type. Each hit says its ``kind``.

Callers use ``Searcher`` and the result types only; the engine behind them (Whoosh, in
``whoosh_index``) can be replaced without touching them.
"""

from guidance.search.results import Hit, Results, Suggestion
from guidance.search.searcher import AUDIENCES, SearchError, Searcher, build_index, index_status
from guidance.search.snippets import MARK_CLOSE, MARK_OPEN, split_marked

__all__ = [
    "AUDIENCES",
    "Hit",
    "MARK_CLOSE",
    "MARK_OPEN",
    "Results",
    "SearchError",
    "Searcher",
    "Suggestion",
    "build_index",
    "index_status",
    "split_marked",
]
