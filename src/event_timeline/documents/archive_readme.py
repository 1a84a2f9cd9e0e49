"""The README of a release archive, true for the archive.

In: the repository's README.md, the release's descriptor (name, version) and the release's public
address, if it has one. Out: the README without the parts marked as holding only in the repository
(set-up and test commands, contributor notes, links to files the archive does not carry) and
without the build's markers, opening with what the archive is and how to check it.
"""
from __future__ import annotations

import re

REPOSITORY_ONLY = re.compile(r"<!-- repository-only:start -->.*?<!-- repository-only:end -->\n?", re.S)
COMMENT_LINE = re.compile(r"^<!--[^\n]*?-->\n", re.M)  # a marker alone on its line: the line goes
COMMENT = re.compile(r"<!--.*?-->", re.S)  # a marker within a line (a count): its figure stays


def about_release(descriptor: dict, address: str | None) -> str:
    where = (f"The scripts that build and test it, and its history, are at {address}." if address else
             "This is a draft release: it has no permanent public address yet, so cite it with its version.")
    return (f"This folder is release {descriptor['version']} of the data package `{descriptor['name']}`. "
            "Check it with `sha256sum -c SHA256SUMS` (every file) and `frictionless validate datapackage.json` "
            f"(every table, against its schema, with the sizes and hashes in the descriptor). {where}\n")


def archive_readme(readme: str, descriptor: dict, address: str | None) -> str:
    """The archive's README.md text."""
    body = COMMENT.sub("", COMMENT_LINE.sub("", REPOSITORY_ONLY.sub("", readme)))
    title, _, rest = body.partition("\n")
    return f"{title}\n\n{about_release(descriptor, address)}{rest}"
