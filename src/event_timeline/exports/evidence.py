"""Each claim's evidence link: its source's address opened at its quote (exports.text_fragment).

In: the claims and the sources as rows (dicts, or typed Arrow tables via to_pylist()). Out:
{claim_id: URL}, the same link in every export (SQLite, workbook, page); a claim without a quote
links to its source's page. Not curated by hand: derived on every build.
"""
from __future__ import annotations

from event_timeline.exports.text_fragment import evidence_url

EVIDENCE_FIELD = "evidence_url"  # the derived column's name in every export
EVIDENCE_DESCRIPTION = ("Derived: the source's address with a URL text fragment (#:~:text=) that opens the page at the "
                        "claim's quote and highlights it; the address alone where the claim has no quote.")


def evidence_urls(claims: list[dict], sources: list[dict]) -> dict[str, str]:
    """{claim_id: the source's URL opened at the claim's quote}, for every claim whose source is listed."""
    address = {s["source_id"]: s["url"] for s in sources}
    return {c["claim_id"]: evidence_url(address[c["source_id"]], c.get("quote") or "")
            for c in claims if c["source_id"] in address}
