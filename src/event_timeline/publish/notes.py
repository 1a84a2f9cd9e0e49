"""The release notes of a version: its section of CHANGELOG.md.

In: the text of CHANGELOG.md and a version. Out: the Markdown of that version's section (its heading's
line excluded, model.changelog), what the forge's release page shows; ValueError when the changelog has no
section for it.
"""
from __future__ import annotations

from event_timeline.model import changelog as changelogs


def changelog_section(changelog: str, version: str) -> str:
    text = changelogs.section(changelog, version)
    if text is None:
        raise ValueError(f"CHANGELOG.md has no section '## [{version}] - YYYY-MM-DD': write the release's notes first")
    return text
