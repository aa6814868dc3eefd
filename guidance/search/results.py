"""What a search returns: plain data that screens, commands and scripts can use as they are."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    score: float
    snippet: str
    covers: list[str]
    summary: str = ""
    area: str = ""
    audience: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The JSON shape of ``guidance search --json``."""
        return {"id": self.id, "title": self.title, "score": self.score, "snippet": self.snippet, "covers": list(self.covers)}

    def as_full_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Results:
    query: str
    hits: list[Hit]
    #: "Did you mean": the query with unknown words corrected (the hits are for it already),
    #: or, when nothing matched, a nearer query to try.
    suggestion: str | None = None
    #: Things the searcher had to do with the input, said plainly ("only the first 32 words...").
    notes: list[str] = field(default_factory=list)

    def __iter__(self):
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index):
        return self.hits[index]

    @property
    def ids(self) -> list[str]:
        return [h.id for h in self.hits]


@dataclass(frozen=True)
class Suggestion:
    """A page title offered while the caller is still typing."""

    id: str
    title: str
    area: str = ""
