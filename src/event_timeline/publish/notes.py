"""The release notes of a version: its section of CHANGELOG.md.

In: the text of CHANGELOG.md and a version. Out: the Markdown of that version's section (its heading's
line excluded), what the forge's release page shows; ValueError when the changelog has no section for it.
"""
from __future__ import annotations

import re


def changelog_section(changelog: str, version: str) -> str:
    heading = re.search(rf"^## \[{re.escape(version)}\][^\n]*\n", changelog, re.M)
    if not heading:
        raise ValueError(f"CHANGELOG.md has no section '## [{version}] - YYYY-MM-DD': write the release's notes first")
    rest = changelog[heading.end():]
    following = re.search(r"^## \[", rest, re.M)
    return rest[: following.start() if following else len(rest)].strip() + "\n"
