"""Figures in the package's Markdown, counted from the data: never typed by hand.

In: Markdown text and the package's tables as Arrow string columns. A figure is written as
`<!-- count RESOURCE [FIELD=VALUE | FIELD!=VALUE | FIELD^=PREFIX ...] [distinct=FIELD] -->N<!-- /count -->`:
the number of rows of RESOURCE meeting every condition (FIELD!= with nothing after it: the field is
not empty; FIELD^=PREFIX: the field starts with PREFIX), or with distinct=FIELD the number of
different values of FIELD among them.
Out: the same text with every N replaced by the count; ValueError naming a marker that does not
parse or names an unknown resource or field.
"""
from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

MARKER = re.compile(r"<!-- count ([^>]*?) -->(.*?)<!-- /count -->")
CONDITION = re.compile(r"^([a-z0-9_]+)(!=|\^=|=)(.*)$")


def count(spec: str, tables: dict[str, pa.Table]) -> int:
    """The figure a marker's spec asks for (see the module docstring)."""
    name, *terms = spec.split()
    if name not in tables:
        raise ValueError(f"count marker '{spec}': no resource {name!r}")
    table = tables[name]
    distinct = None
    for term in terms:
        if term.startswith("distinct="):
            distinct = term.split("=", 1)[1]
            if distinct not in table.column_names:
                raise ValueError(f"count marker '{spec}': no field {distinct!r} in {name}")
            continue
        match = CONDITION.match(term)
        if not match or match.group(1) not in table.column_names:
            raise ValueError(f"count marker '{spec}': cannot read {term!r} (FIELD=VALUE, FIELD!=VALUE or FIELD^=PREFIX of {name})")
        field, op, value = match.groups()
        test = pc.starts_with(table[field], value) if op == "^=" else pc.equal(table[field], value)
        table = table.filter(pc.invert(test) if op == "!=" else test)
    return len(pc.unique(table[distinct])) if distinct else table.num_rows


def filled(markdown: str, tables: dict[str, pa.Table]) -> str:
    """The Markdown with every count marker's figure set from the tables."""
    return MARKER.sub(lambda m: f"<!-- count {m.group(1)} -->{count(m.group(1), tables)}<!-- /count -->", markdown)
