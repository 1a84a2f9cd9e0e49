"""Timeline figure (SVG and PNG) drawn from the events resource.

In: the typed events table. Out: data/exports/timeline.svg and timeline.png: the July 2025
postponement on the left, the conference day by day and the 10 November statement on the right.
Colour is the event type; a hatched bar is an event known only to the month (drawn across the
visible part of that month); a dashed outline marks an inferred date. Deterministic output.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from partial_dates import partial_date_interval

PANELS = [(dt.date(2025, 7, 22), dt.date(2025, 8, 4), "July–August 2025: postponement"),
          (dt.date(2025, 11, 1), dt.date(2025, 11, 11), "November 2025: the conference and the statement")]
COLOURS = ["#1b6ca8", "#e07b39", "#3a9e5c", "#c23b4b", "#7d5ba6", "#8c6d31", "#d6609f", "#5f6b73",
           "#b5a000", "#17a2b8", "#6c757d", "#343a40", "#a0522d"]


def rows_to_draw(events: list[dict]) -> list[dict]:
    """Events that fall in a panel, each with its earliest and latest day, sorted for drawing."""
    out = []
    for e in events:
        start = partial_date_interval(e["start"])
        end = partial_date_interval(e["end"]) if e["end"] else start
        first, last = start[0], end[1]
        if not any(first <= hi and last >= lo for lo, hi, _ in PANELS):
            continue
        precise = len(e["start"]) == 10 and (not e["end"] or len(e["end"]) == 10)
        open_ended = not e["end"]
        out.append({**e, "first": first, "last": last if not open_ended else first, "precise": precise, "open_ended": open_ended})
    out.sort(key=lambda r: (not r["precise"], r["first"], r["name"]), reverse=True)  # top to bottom
    return out


MAX_ROWS = 60  # a readable figure; more events are listed as a count under the panels


def draw(events: list[dict], type_order: list[str]):
    import matplotlib  # imported here: only drawing needs it, and it is slow to load

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    rows = rows_to_draw(events)
    left_out = max(0, len(rows) - MAX_ROWS)
    rows = rows[left_out:]  # rows are drawn bottom-up: keep the top (earliest) ones
    colours = {t: COLOURS[i % len(COLOURS)] for i, t in enumerate(type_order)}
    plt.rcParams.update({"svg.hashsalt": "aseanapol", "font.family": "DejaVu Sans", "font.size": 8})
    fig, axes = plt.subplots(1, 2, figsize=(14, 0.34 * len(rows) + 1.8), sharey=True,
                             gridspec_kw={"width_ratios": [1, 1.1], "wspace": 0.04})
    for ax, (lo, hi, title) in zip(axes, PANELS):
        for y, r in enumerate(rows):
            first, last = max(r["first"], lo), min(r["last"], hi)
            if first > hi or last < lo:
                continue
            left = mdates.date2num(first)
            width = mdates.date2num(last) - left + 1
            ax.barh(y, width, left=left, height=0.6, color=colours[r["event_type"]],
                    alpha=1.0 if r["precise"] else 0.35, hatch=None if r["precise"] else "///",
                    edgecolor="black", linewidth=0.8, linestyle="--" if r["dates_inferred"] else "-")
            if r["open_ended"]:
                ax.annotate("", xy=(left + 2.5, y), xytext=(left + 1, y), arrowprops={"arrowstyle": "->"})
        ax.set_xlim(mdates.date2num(lo), mdates.date2num(hi) + 1)
        ax.xaxis.set_major_locator(mdates.DayLocator(interval=1 if hi - lo < dt.timedelta(days=11) else 3))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d\n%b"))
        ax.set_title(title, fontsize=9, loc="left")
        ax.grid(axis="x", color="#dddddd", linewidth=0.5)
        ax.set_axisbelow(True)
    axes[0].set_yticks(range(len(rows)))
    axes[0].set_yticklabels([r["name"] if len(r["name"]) < 70 else r["name"][:67] + "..." for r in rows])
    handles = [Patch(facecolor=colours[t], edgecolor="black", label=t) for t in type_order if any(r["event_type"] == t for r in rows)]
    handles += [Patch(facecolor="white", edgecolor="black", label="day known"),
                Patch(facecolor="white", edgecolor="black", hatch="///", label="only the month known (drawn across the month)"),
                Patch(facecolor="white", edgecolor="black", linestyle="--", label="date inferred")]
    fig.legend(handles=handles, loc="lower center", ncol=5, frameon=False, fontsize=7)
    title = "43rd ASEANAPOL Conference, Bangkok: timeline (dates in Asia/Bangkok)"
    if left_out:
        title += f"; {left_out} more events not drawn (see data/events.csv)"
    fig.suptitle(title, fontsize=10, x=0.02, ha="left")
    fig.subplots_adjust(left=0.33, right=0.985, top=1 - 0.55 / fig.get_figheight(), bottom=1.1 / fig.get_figheight())
    return fig


def render(pkg_dir: Path, descriptor: dict, tables: dict, typed: dict) -> dict:
    events = typed["events"].to_pylist()
    type_order = next(f for f in tables["events"].schema["fields"] if f["name"] == "event_type")["constraints"]["enum"]
    fig = draw(events, type_order)
    import matplotlib.pyplot as plt

    out = {}
    for fmt, mediatype, meta in [("svg", "image/svg+xml", {"Date": None, "Creator": None}),
                                 ("png", "image/png", {"Software": None})]:
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=120, metadata=meta)
        out[f"data/exports/timeline.{fmt}"] = (buffer.getvalue(), fmt, mediatype,
                                               f"Timeline figure ({fmt.upper()}) drawn from the events resource.")
    plt.close(fig)
    return out
