"""Problems found in content: one shape for every checker, printed as ``path:line: level: message``.

Every loader collects problems instead of raising, so one bad file never hides the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at a line where we know it."""

    path: str
    line: int | None
    level: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message}"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "level": self.level, "message": self.message}


@dataclass
class Problems:
    """A growing list of problems, with helpers that keep call sites short."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: Path | str, line: int | None, message: str) -> None:
        self.items.append(Problem(str(path), line, ERROR, message))

    def warning(self, path: Path | str, line: int | None, message: str) -> None:
        self.items.append(Problem(str(path), line, WARNING, message))

    def extend(self, other: "Problems | list[Problem]") -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.level == WARNING]

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)
