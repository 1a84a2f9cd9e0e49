"""The events' tree, read from their parent_event_id.

In: events as rows (dicts with event_id and parent_event_id, and where the package has them series_id
and series_ordinal). Out: the event with the most parts: the main event of a package (its conference),
which the page takes for where the package happened and the benchmarks attach their synthetic parts to;
and the events a timeline of the package shows (in_focus).
"""
from __future__ import annotations


def main_event(events: list[dict]) -> str | None:
    """The id of the event with the most direct parts (the first by id on a tie), or None if none has any."""
    parents = [e["parent_event_id"] for e in events if e["parent_event_id"]]
    return max(sorted(set(parents)), key=parents.count) if parents else None


def _ordinal(e: dict) -> int | None:
    value = e.get("series_ordinal")
    return int(value) if value not in (None, "") else None


def in_focus(events: list[dict]) -> list[dict]:
    """The events a timeline of the package shows, in their order: every event outside a series, and of the
    main event's series only the main event and its neighbours (the numbers one below and one above), so
    that a long series kept as background does not swamp the main event's timeline. Without a main event in
    a series, every event."""
    main_id = main_event(events)
    main = next((e for e in events if e["event_id"] == main_id), None)
    if main is None or not main.get("series_id") or _ordinal(main) is None:
        return list(events)
    return [e for e in events if not e.get("series_id")
            or (e["series_id"] == main["series_id"] and abs(_ordinal(e) - _ordinal(main)) <= 1)]
