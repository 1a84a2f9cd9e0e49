"""Curator tool: fill in or correct the content-derived ids in data/claims.csv.

In: data/claims.csv of a package (a new claim may leave claim_id empty). Out: without --write, the
ids that would change; with --write, the same file with every claim_id derived from its content
(clm-<record_id>-<property>-<hash>) and rows sorted by claim_id, or a line saying nothing changed.
This is the only script that rewrites a curated CSV, and only when a curator asks for it.
Usage: python scripts/claim_ids.py [PACKAGE_DIR] [--write]
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from claim_identity import claim_id
from package_layout import ROOT


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    path = (Path(args[0]) if args else ROOT) / "data" / "claims.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh, strict=True))
    col = {name: i for i, name in enumerate(header)}
    changes = 0
    for line, row in enumerate(rows, start=2):
        new = claim_id(row[col["resource"]], row[col["record_id"]], row[col["property"]], row[col["value"]], row[col["source_id"]])
        if row[col["claim_id"]] != new:
            print(f"data/claims.csv, row {line}: {row[col['claim_id']] or '(empty)'} -> {new}")
            row[col["claim_id"]] = new
            changes += 1
    if not changes:
        print(f"claim ids: all {len(rows)} already derived from their content; nothing to change")
    elif "--write" in argv:
        rows.sort(key=lambda r: r[col["claim_id"]])
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([header, *rows])
        path.write_text(buf.getvalue(), encoding="utf-8", newline="")
        print(f"wrote {changes} id(s) to data/claims.csv; rows sorted by claim_id. Now run make.")
    else:
        print(f"{changes} id(s) would change; run python scripts/claim_ids.py --write to write them")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
