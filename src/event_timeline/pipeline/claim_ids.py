"""Curator tool: fill in or correct the content-derived ids in data/claims.csv.

In: the claims table of a package (a new claim may leave claim_id empty), read as the checks read
it. Out: without --write, the ids that would change; with --write, the same file with every
claim_id derived from its content (clm-<record_id>-<property>-<hash>) and rows sorted by claim_id,
or a line saying nothing changed. A table that cannot be read is reported as the validator reports
it, and nothing is written (exit 1).
This is the only script that rewrites a curated CSV, and only when a curator asks for it.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from event_timeline.model.claim_identity import claim_id
from event_timeline.model.csv_cells import read_csv_cells
from event_timeline.model.descriptor import load_tables
from event_timeline.problems import PackageError
from event_timeline.model.table_schema import field_names

CONTENT_FIELDS = ("resource", "record_id", "property", "value", "source_id")  # what a claim's id derives from
REFUSED = "claim ids: nothing written; correct what is named above (make shows every problem), then run this again"


def run(pkg_dir: Path, write: bool = False) -> int:
    """Print the claim ids that differ from their content, and with write rewrite them; the exit status.
    What scripts/claim_ids.py runs."""
    try:
        _, tables = load_tables(pkg_dir)
    except PackageError as exc:
        print("\n".join(str(p) for p in exc.problems) + "\n" + REFUSED, file=sys.stderr)
        return 1
    spec = tables["claims"]
    names = field_names(spec.schema)
    read = read_csv_cells(spec.path, spec.file, names)
    if read.problems or not read.readable:
        print("\n".join(str(p) for p in read.problems) + "\n" + REFUSED, file=sys.stderr)
        return 1
    rows = [list(row) for row in zip(*(read.cells.column(n).to_pylist() for n in names))]
    col = {name: i for i, name in enumerate(names)}
    changes = 0
    for line, row in enumerate(rows, start=2):
        new = claim_id(*(row[col[name]] for name in CONTENT_FIELDS))
        if row[col["claim_id"]] != new:
            print(f"{spec.file}, row {line}: {row[col['claim_id']] or '(empty)'} -> {new}")
            row[col["claim_id"]] = new
            changes += 1
    if not changes:
        print(f"claim ids: all {len(rows)} already derived from their content; nothing to change")
    elif write:
        rows.sort(key=lambda r: r[col["claim_id"]])
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([names, *rows])
        spec.path.write_text(buf.getvalue(), encoding="utf-8", newline="")
        print(f"wrote {changes} id(s) to {spec.file}; rows sorted by claim_id. Now run make.")
    else:
        print(f"{changes} id(s) would change; run python scripts/claim_ids.py --write to write them")
    return 0
