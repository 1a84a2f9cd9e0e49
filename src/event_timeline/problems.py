"""Problems worded for people: which file, row and field, the value found, and what was expected.

In: what a check or a reader found wrong. Out: `Problem` (one line of output each, via str()) and
`PackageError` (raised when a package cannot be read far enough to check it, carrying its problems).
"""
from __future__ import annotations

from dataclasses import dataclass


def shorten(text: str, limit: int = 60) -> str:
    """The text, cut to `limit` characters with '...' when longer."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the package, said so a curator can act on it."""

    file: str
    row: int = 0  # row number as in a spreadsheet (header is row 1); 0 when not about a row
    field: str = ""
    value: str | None = None
    expected: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.row:
            where += f", row {self.row}"
        if self.field:
            where += f", field {self.field!r}"
        found = "" if self.value is None else f"found {shorten(self.value)!r}; "
        return f"{where}: {found}expected {self.expected}"


class PackageError(Exception):
    """Raised when the package cannot be read far enough to check it (or a build must stop)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def sorted_problems(problems) -> list[Problem]:
    """Unique problems in file, row, field order: the order every tool prints them in."""
    return sorted(set(problems), key=lambda p: (p.file, p.row, p.field, str(p.value), p.expected))
