"""What a published file is: its path in the package, its format and media type, a sentence saying what it
holds, and, when its bytes depend on the machine that writes it, on what.

In: nothing (a record type). Out: `Published`, the one description of a file that every layer reads: the
exporters declare theirs, exports.registry lists every file of the package, and the release archive, the
landing page's downloads and the published folders derive from that list.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Published:
    path: str          # relative to the package (data/exports/timeline.svg)
    format: str        # csv, json, parquet, xlsx, sqlite, svg, png, zip, sha256, txt
    mediatype: str     # the IANA media type served with it
    description: str   # what it holds, for people (the page's downloads, DataCite)
    varies_with: str = ""  # '' when its bytes are the same on every machine; else what else shapes them
