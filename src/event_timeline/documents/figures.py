"""Figures in the package's Markdown, counted from the data: never typed by hand.

In: Markdown text and the package's tables as Arrow string columns. A figure is written as
`<!-- count RESOURCE [FIELD=VALUE | FIELD!=VALUE | FIELD^=PREFIX ...] [distinct=FIELD] -->N<!-- /count -->`:
the number of rows of RESOURCE meeting every condition (FIELD!= with nothing after it: the field is
not empty; FIELD^=PREFIX: the field starts with PREFIX), or with distinct=FIELD the number of
different values of FIELD among them. A list of what is missing is written as
`<!-- gaps RESOURCE FIELD [conditions as above] -->LIST<!-- /gaps -->`: the whole numbers from 1 to the
largest value of FIELD among the rows meeting the conditions that no such row holds, in order, runs of
three or more as ranges ("2, 3, 6–16, 18"), or "none".
Out: the same text with every N and LIST set from the data; ValueError naming a marker that does not
parse or names an unknown resource or field.
"""
from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

MARKER = re.compile(r"<!-- count ([^>]*?) -->(.*?)<!-- /count -->")
GAPS = re.compile(r"<!-- gaps ([^>]*?) -->(.*?)<!-- /gaps -->")
CONDITION = re.compile(r"^([a-z0-9_]+)(!=|\^=|=)(.*)$")


def selected(spec: str, tables: dict[str, pa.Table], kind: str = "count") -> tuple[pa.Table, list[str]]:
    """The rows of the marker's resource meeting its conditions, and the terms that are not conditions."""
    name, *terms = spec.split()
    if name not in tables:
        raise ValueError(f"{kind} marker '{spec}': no resource {name!r}")
    table, rest = tables[name], []
    for term in terms:
        match = CONDITION.match(term)
        if not match or term.startswith("distinct="):
            rest.append(term)
            continue
        field, op, value = match.groups()
        if field not in table.column_names:
            raise ValueError(f"{kind} marker '{spec}': cannot read {term!r} (FIELD=VALUE, FIELD!=VALUE or FIELD^=PREFIX of {name})")
        test = pc.starts_with(table[field], value) if op == "^=" else pc.equal(table[field], value)
        table = table.filter(pc.invert(test) if op == "!=" else test)
    return table, rest


def count(spec: str, tables: dict[str, pa.Table]) -> int:
    """The figure a count marker's spec asks for (see the module docstring)."""
    table, rest = selected(spec, tables)
    distinct = None
    for term in rest:
        if not term.startswith("distinct="):
            raise ValueError(f"count marker '{spec}': cannot read {term!r} (FIELD=VALUE, FIELD!=VALUE or FIELD^=PREFIX of {spec.split()[0]})")
        distinct = term.split("=", 1)[1]
        if distinct not in table.column_names:
            raise ValueError(f"count marker '{spec}': no field {distinct!r} in {spec.split()[0]}")
    return len(pc.unique(table[distinct])) if distinct else table.num_rows


def gaps(spec: str, tables: dict[str, pa.Table]) -> str:
    """The list a gaps marker's spec asks for (see the module docstring)."""
    table, rest = selected(spec, tables, "gaps")
    if len(rest) != 1 or rest[0] not in table.column_names:
        raise ValueError(f"gaps marker '{spec}': expected one field of {spec.split()[0]} holding whole numbers, then conditions")
    try:
        held = {int(v) for v in table[rest[0]].to_pylist() if v not in (None, "")}
    except ValueError:
        raise ValueError(f"gaps marker '{spec}': {rest[0]} holds something other than whole numbers") from None
    return runs_text(missing_numbers(held))


def missing_numbers(held: set[int]) -> list[int]:
    """The whole numbers from 1 to the largest held that are not held, in order."""
    return [n for n in range(1, max(held, default=0) + 1) if n not in held]


def runs_text(numbers: list[int]) -> str:
    """Sorted whole numbers as text, runs of three or more as ranges: '2, 3, 6–16, 18'; 'none' when empty."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) >= 3 else ", ".join(map(str, r)) for r in runs) or "none"


def filled(markdown: str, tables: dict[str, pa.Table]) -> str:
    """The Markdown with every count marker's figure and every gaps marker's list set from the tables."""
    markdown = MARKER.sub(lambda m: f"<!-- count {m.group(1)} -->{count(m.group(1), tables)}<!-- /count -->", markdown)
    return GAPS.sub(lambda m: f"<!-- gaps {m.group(1)} -->{gaps(m.group(1), tables)}<!-- /gaps -->", markdown)
