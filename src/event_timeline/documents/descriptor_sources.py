"""The descriptor's `sources`, generated from the package's table of sources: the works the data rests on,
named, not a file of the package.

In: the checked `sources` table (fields label, publisher, url; source_role for the order). Out: a list for
the descriptor's `sources` property (Data Package v2: title and path), primary documents first, then the
others by publisher and title; None when the package has no such table (its curated `sources` stay).
"""
from __future__ import annotations

NEEDED = {"source_id", "label", "publisher", "url"}
ROLE_ORDER = {"primary": 0}


def descriptor_sources(tables: dict) -> list[dict] | None:
    t = tables.get("sources")
    if t is None or not t.readable or not NEEDED <= set(t.header):
        return None
    columns = {name: t.texts(name) for name in NEEDED | ({"source_role"} & set(t.header))}
    rows = [dict(zip(columns, values)) for values in zip(*columns.values())]
    rows.sort(key=lambda r: (ROLE_ORDER.get(r.get("source_role", ""), 1), r["publisher"].casefold(), r["label"].casefold(), r["source_id"]))
    return [{"title": f"{r['publisher']}: {r['label']}", "path": r["url"]} for r in rows]
