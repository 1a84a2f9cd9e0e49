"""DOI names, read from what people and descriptors write: '10.5072/abc', 'doi:10.5072/abc' or
'https://doi.org/10.5072/abc'.

In: text. Out: the text without a resolver's prefix (without_resolver), the DOI name when the text is a DOI
and '' otherwise (doi_in), and the address that resolves a DOI name (doi_url).
"""
from __future__ import annotations

import re

RESOLVERS = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:")
NAME = re.compile(r"^10\.\d{4,9}/\S+$")


def without_resolver(text: str) -> str:
    """The text, stripped, without a DOI resolver's prefix."""
    text = text.strip()
    for resolver in RESOLVERS:
        if text.lower().startswith(resolver):
            return text[len(resolver):]
    return text


def doi_in(text: str | None) -> str:
    """'10.5072/abc' when the text is a DOI or a DOI address; '' for anything else (a homepage, a UUID)."""
    name = without_resolver(text or "")
    return name if NAME.match(name) else ""


def doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}" if doi else ""
