"""Curator tool: fill in or correct the content-derived ids in data/claims.csv.

In: data/claims.csv (a new claim may leave claim_id empty). Out: with --write, the same file with
every claim_id set to clm-<record_id>-<property>-<hash>; without it, the ids that would change.
This is the only script that rewrites a curated CSV, and only when a curator asks for it.
Usage: python scripts/claim_ids.py [--write]
"""
from __future__ import annotations

import csv
import io
import sys

from pkglib import ROOT, claim_id, read_csv


def main(argv: list[str]) -> int:
    path = ROOT / "data" / "claims.csv"
    header, rows = read_csv(path)
    col = {name: i for i, name in enumerate(header)}
    changes = 0
    for line, row in enumerate(rows, start=2):
        new = claim_id(row[col["resource"]], row[col["record_id"]], row[col["property"]], row[col["value"]], row[col["source_id"]])
        if row[col["claim_id"]] != new:
            print(f"data/claims.csv, row {line}: {row[col['claim_id']] or '(empty)'} -> {new}")
            row[col["claim_id"]] = new
            changes += 1
    if "--write" in argv and changes:
        rows.sort(key=lambda r: r[col["claim_id"]])
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([header, *rows])
        path.write_text(buf.getvalue(), encoding="utf-8", newline="")
        print(f"wrote {changes} id(s); rows sorted by claim_id")
    elif changes:
        print(f"{changes} id(s) would change; run with --write")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
