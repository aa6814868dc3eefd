"""SQLite FTS5 (bm25) over the same documents: the baseline both search benchmarks print beside ours.

Same weights per part as our index, the same stop words and Porter stemming, OR of the words:
a fair, well-tuned conventional baseline rather than a straw man.
"""

from __future__ import annotations

import sqlite3

from guidance.search.analysis import BUILT_IN, Equivalents, words
from guidance.search.documents import WEIGHTS, IndexDoc

COLUMNS = ("title", "keywords", "summary", "topics", "headings", "lead", "body")


class Fts5Index:
    def __init__(self, equivalents: Equivalents = BUILT_IN):
        #: The phrases questions are cut with, as ours cuts them (the content's fixed names among them).
        self.equivalents = equivalents
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            f"CREATE VIRTUAL TABLE pages USING fts5(id UNINDEXED, covers UNINDEXED, {', '.join(COLUMNS)}, tokenize='porter unicode61')"
        )
        self.weights = ", ".join(str(WEIGHTS[c]) for c in COLUMNS)

    def add(self, docs: list[IndexDoc]) -> None:
        rows = [(d.id, " ".join(d.covers), *(d.parts()[c] for c in COLUMNS)) for d in docs]
        self.db.executemany(f"INSERT INTO pages VALUES (?, ?, {', '.join('?' for _ in COLUMNS)})", rows)
        self.db.commit()

    def replace(self, doc: IndexDoc) -> None:
        self.db.execute("DELETE FROM pages WHERE id = ?", (doc.id,))
        self.add([doc])

    def search(self, text: str, limit: int = 10, prefix_last: bool = False) -> list[tuple[str, list[str]]]:
        terms = words(text, self.equivalents)
        if not terms:
            return []
        quoted = [f'"{t}"' for t in terms]
        if prefix_last and not text.endswith(" "):
            quoted[-1] += "*"
        sql = f"SELECT id, covers FROM pages WHERE pages MATCH ? ORDER BY bm25(pages, 0, 0, {self.weights}) LIMIT ?"
        return [(row[0], row[1].split()) for row in self.db.execute(sql, (" OR ".join(quoted), limit))]
