"""The events' tree, read from their parent_event_id.

In: events as rows (dicts with event_id and parent_event_id). Out: the event with the most parts:
the main event of a package (its conference), which the page takes for where the package happened
and the benchmarks attach their synthetic parts to.
"""
from __future__ import annotations


def main_event(events: list[dict]) -> str | None:
    """The id of the event with the most direct parts (the first by id on a tie), or None if none has any."""
    parents = [e["parent_event_id"] for e in events if e["parent_event_id"]]
    return max(sorted(set(parents)), key=parents.count) if parents else None
