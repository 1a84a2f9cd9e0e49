"""A version's section of CHANGELOG.md, which opens with `## [X.Y.Z] - YYYY-MM-DD`.

In: the changelog's text and a version. Out: the date of the version's heading (release_date) and the text
of its section, the heading's line excluded (section); None for a version the changelog has no section for.
"""
from __future__ import annotations

import datetime as dt
import re

FILE = "CHANGELOG.md"


def _heading(changelog: str | None, version: str) -> re.Match | None:
    if not changelog:
        return None
    return re.search(rf"^## \[{re.escape(version)}\](?: - (\d{{4}}-\d{{2}}-\d{{2}}))?[^\n]*\n?", changelog, re.M)


def release_date(changelog: str | None, version: str) -> dt.date | None:
    """The date of `## [version] - YYYY-MM-DD`; None without one."""
    heading = _heading(changelog, version)
    return dt.date.fromisoformat(heading.group(1)) if heading and heading.group(1) else None


def section(changelog: str | None, version: str) -> str | None:
    """The Markdown of the version's section, up to the next `## [` heading."""
    heading = _heading(changelog, version)
    if heading is None:
        return None
    rest = changelog[heading.end():]
    following = re.search(r"^## \[", rest, re.M)
    return rest[: following.start() if following else len(rest)].strip() + "\n"
