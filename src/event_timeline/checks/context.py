"""What every check reads: the package's descriptor, its tables as Arrow string columns, and the
folder of the primary texts when one is given.

In: a package directory and, optionally, the folder holding the primary documents' full texts.
Out: a Context whose tables are read once (model.csv_cells) and shared by all checks, with the problems
found while reading. Raises PackageError when the descriptor or a schema cannot be read.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from event_timeline.model import config
from event_timeline.model.csv_cells import read_csv_cells
from event_timeline.model.descriptor import load_tables
from event_timeline.problems import Problem
from event_timeline.model.table_schema import field_names, id_prefix, key_field



@dataclass
class Table:
    name: str
    file: str  # path as shown in messages
    path: Path
    resource: dict
    schema: dict
    header: list[str] = field(default_factory=list)
    cells: pa.Table | None = None  # every field as strings, '' when empty
    readable: bool = False
    misaligned: set[int] = field(default_factory=set)  # rows with the wrong number of cells

    @property
    def num_rows(self) -> int:
        return self.cells.num_rows if self.cells is not None else 0

    def column(self, name: str) -> pa.ChunkedArray:
        """One column of text cells, in row order."""
        return self.cells.column(name)

    def texts(self, name: str) -> list[str]:
        """One column as Python strings (for the few checks that walk rows)."""
        return self.cells.column(name).to_pylist()

    def key(self) -> str:
        return key_field(self.schema)

    def id_prefix(self) -> str:
        return id_prefix(self.schema)


@dataclass
class Context:
    pkg_dir: Path
    descriptor: dict
    tables: dict[str, Table]
    texts_dir: Path | None
    read_problems: list[Problem] = field(default_factory=list)
    memo: dict = field(default_factory=dict)  # results several checks share (primary texts, typed tables)

    def readable(self) -> list[Table]:
        return [t for t in self.tables.values() if t.readable]

    def table(self, name: str) -> Table | None:
        """The named table when it was read, else None."""
        t = self.tables.get(name)
        return t if t is not None and t.readable else None


def texts_folder(given: str | Path | None, pkg_dir: Path) -> Path | None:
    """The primary texts' folder: the one given (--texts DIR), else the one the package's configured
    environment variable names (timeline.toml: texts.environment), else None."""
    variable = config.load(pkg_dir).texts_environment
    chosen = given or (os.environ.get(variable) if variable else None) or None
    return Path(chosen).resolve() if chosen else None


def context(pkg_dir: Path, texts_dir: Path | None = None) -> Context:
    """Read the descriptor, the schemas and every table; PackageError if the descriptor or a schema
    cannot be read. Problems in the CSVs themselves are collected in read_problems."""
    descriptor, specs = load_tables(pkg_dir)
    tables, problems = {}, []
    for name, spec in specs.items():
        read = read_csv_cells(spec.path, spec.file, field_names(spec.schema))
        tables[name] = Table(name, spec.file, spec.path, spec.resource, spec.schema, read.header, read.cells,
                             read.readable, read.misaligned)
        problems += read.problems
    return Context(pkg_dir, descriptor, tables, texts_dir, problems)


# ---------- small vectorised helpers the checks share ----------

def row_numbers(mask) -> list[int]:
    """Spreadsheet row numbers (header is row 1) of the rows where mask is true."""
    indices = pc.indices_nonzero(mask).to_numpy() if not isinstance(mask, np.ndarray) else np.flatnonzero(mask)
    return [int(i) + 2 for i in indices]


def any_true(mask) -> bool:
    if isinstance(mask, np.ndarray):
        return bool(mask.any())
    return bool(pc.any(mask).as_py())


def paired_cells(ctx: Context, marker: str):
    """For every field whose schema names another field under marker (such as x-parts-of or x-given-with),
    in a table that holds both: (table, field, the other field's name, line, its cell, the other's cell)."""
    for t in ctx.readable():
        for f in t.schema["fields"]:
            other = f.get(marker)
            if not other or f["name"] not in t.header or other not in t.header:
                continue
            for line, (mine, theirs) in enumerate(zip(t.texts(f["name"]), t.texts(other)), start=2):
                yield t, f, other, line, mine, theirs
