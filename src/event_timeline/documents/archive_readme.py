"""The README of a release archive, true for the archive.

In: the repository's README.md and the release's descriptor (name, version, homepage and id once the
package is published, the licences of the package and of its resources). Out: the README without the
parts marked as holding only in the repository (set-up and test commands, contributor notes, links to
files the archive does not carry) and without the build's markers, opening with what the archive is,
how to check it, where it is published (only what the descriptor says: no address is made up, and
none depends on where this copy is published) and the rights on what the package quotes.
"""
from __future__ import annotations

import re

from event_timeline.model.doi import doi_in

REPOSITORY_ONLY = re.compile(r"<!-- repository-only:start -->.*?<!-- repository-only:end -->\n?", re.S)
COMMENT_LINE = re.compile(r"^<!--[^\n]*?-->\n", re.M)  # a marker alone on its line: the line goes
COMMENT = re.compile(r"<!--.*?-->", re.S)  # a marker within a line (a count): its figure stays


def rights_notes(descriptor: dict) -> list[str]:
    """What a resource's own licences say beyond the package's: '<resource>: <title>' for each licence of a
    resource that the package's licences do not already give (e.g. quotations that remain their publishers')."""
    package = {(l.get("name"), l.get("path")) for l in descriptor.get("licenses", [])}
    notes = []
    for r in descriptor.get("resources", []):
        for licence in r.get("licenses", []):
            if (licence.get("name"), licence.get("path")) not in package and licence.get("title"):
                notes.append(f"{r.get('name')}: {licence['title']}")
    return notes


def about_release(descriptor: dict) -> str:
    identifier = descriptor.get("id", "")
    where = " ".join(filter(None, [
        f"Its landing page is {descriptor['homepage']}." if descriptor.get("homepage") else "",
        f"Cite every version with {identifier} (CITATION.cff gives this version's citation)."
        if doi_in(identifier) else "Cite it with its version, as in CITATION.cff."]))
    licences = ", ".join(l.get("name") or l.get("title", "") for l in descriptor.get("licenses", []))
    rights = "".join(f" In {note}." for note in rights_notes(descriptor))
    return (f"This folder is release {descriptor['version']} of the data package `{descriptor['name']}`. "
            "Check it with `sha256sum -c SHA256SUMS` (every file) and `frictionless validate datapackage.json` "
            f"(every table, against its schema, with the sizes and hashes in the descriptor). {where} "
            f"Licence of the data: {licences}.{rights}\n")


def archive_readme(readme: str, descriptor: dict) -> str:
    """The archive's README.md text."""
    body = COMMENT.sub("", COMMENT_LINE.sub("", REPOSITORY_ONLY.sub("", readme)))
    title, _, rest = body.partition("\n")
    return f"{title}\n\n{about_release(descriptor)}{rest}"
