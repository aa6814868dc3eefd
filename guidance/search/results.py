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
    #: What the result is: "page", "flow" (guided help), "calculator" or "letter". ``id`` is the
    #: page id, flow id, calculator name or letter template id.
    kind: str = "page"

    @property
    def kind_label(self) -> str:
        """How the kind is named to a caller ("Guided help", "Calculator", ...)."""
        from guidance.search.kinds import KIND_LABELS

        return KIND_LABELS.get(self.kind, self.kind.capitalize())

    def as_dict(self) -> dict:
        """The JSON shape of ``guidance search --json``."""
        return {"id": self.id, "kind": self.kind, "title": self.title, "score": self.score, "snippet": self.snippet, "covers": list(self.covers)}

    def as_full_dict(self) -> dict:
        return asdict(self)


#: How the notes begin that are said beside results, not only when nothing is found.
NOTES_WITH_HITS = ("only the first", "only part", "nothing here uses")


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

    @property
    def notes_with_hits(self) -> list[str]:
        """The notes to say above the results when there are some: what part of the question
        was searched, and words nothing uses (the results then match only the others)."""
        return [note for note in self.notes if note.startswith(NOTES_WITH_HITS)]

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index):
        return self.hits[index]

    #: Words the searcher changed (typed -> searched for), so screens can say so and offer the
    #: words as typed (search again with ``exact=True``).
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        """Ids of the page results, best first (other kinds: see ``hits``)."""
        return [h.id for h in self.hits if h.kind == "page"]

    @property
    def correction_note(self) -> str | None:
        """'searched for "prepaid" instead of "repaid"' when a word was corrected, else None."""
        if not self.corrections:
            return None
        pairs = ", ".join(f'"{searched}" instead of "{typed}"' for typed, searched in self.corrections.items())
        return f"searched for {pairs}"


@dataclass(frozen=True)
class Suggestion:
    """A page title offered while the caller is still typing."""

    id: str
    title: str
    area: str = ""
