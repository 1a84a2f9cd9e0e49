"""Timeline figure (SVG and PNG) drawn from the events resource.

In: the typed events table and its schema's vocabulary of event types. Out: data/exports/timeline.svg
and timeline.png. Every event a timeline of the package shows is drawn (model.event_tree.in_focus: of a
long series kept as background, only the main event's neighbours), earliest at the top. The axis is broken into panels, one
per cluster of events whose spans lie within CLUSTER_GAP days of each other, each panel wide enough
for what it shows. Colour is the event type; a hatched bar is an event known only to the month (or
year), drawn across that month (or year); a dashed outline marks an inferred date; an arrow marks
an event with a start and no known end. Deterministic output.
"""
from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path

from event_timeline.exports.published import Published
from event_timeline.model import config
from event_timeline.model.event_tree import in_focus
from event_timeline.model.partial_dates import partial_date_interval
from event_timeline.model.table_schema import field_named

READS = ["events"]  # resources this export reads (exports.registry remembers its output by them)
LIBRARIES = ("matplotlib",)
SVG_PATH, PNG_PATH = "data/exports/timeline.svg", "data/exports/timeline.png"
CLUSTER_GAP = 21  # days between two events' spans above which they go to different panels
MARGIN = dt.timedelta(days=2)
MAX_ROWS = 120  # beyond this (synthetic benchmark packages only) the figure notes how many it leaves out
COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94"]  # one per event type


def files(descriptor: dict) -> list[Published]:
    glyphs = "the fonts that draw the names (matplotlib's bundled DejaVu, and the system's fonts for other scripts)"
    return [Published(SVG_PATH, "svg", "image/svg+xml", "Timeline figure (SVG) drawn from the events table.", glyphs),
            Published(PNG_PATH, "png", "image/png", "Timeline figure (PNG) drawn from the events table.",
                      f"{glyphs}, and the PNG encoder's compression")]


def rows_to_draw(events: list[dict]) -> list[dict]:
    """Every event with the first and last day it can mean, earliest first."""
    out = []
    for e in events:
        first, start_last = partial_date_interval(e["start"])
        last = partial_date_interval(e["end"])[1] if e["end"] else start_last
        precise = len(e["start"]) == 10 and (not e["end"] or len(e["end"]) == 10)
        out.append({**e, "first": first, "last": last, "precise": precise, "open_ended": not e["end"]})
    out.sort(key=lambda r: (r["first"], r["last"], r["name"]))
    return out


def panels(rows: list[dict]) -> list[tuple[dt.date, dt.date]]:
    """Clusters of event spans, each as the (first, last) day of a panel, margins included."""
    spans: list[list[dt.date]] = []
    for r in sorted(rows, key=lambda r: r["first"]):
        if spans and (r["first"] - spans[-1][1]).days <= CLUSTER_GAP:
            spans[-1][1] = max(spans[-1][1], r["last"])
        else:
            spans.append([r["first"], r["last"]])
    return [(lo - MARGIN, hi + MARGIN) for lo, hi in spans]


def panel_title(lo: dt.date, hi: dt.date) -> str:
    lo, hi = lo + MARGIN, hi - MARGIN
    if (hi - lo).days > 300:
        return str(lo.year) if lo.year == hi.year else f"{lo.year}–{hi.year}"
    if (lo.year, lo.month) == (hi.year, hi.month):
        return lo.strftime("%B %Y")
    return f"{lo.strftime('%b')}–{hi.strftime('%b %Y')}" if lo.year == hi.year else f"{lo:%b %Y}–{hi:%b %Y}"


def panel_width(days: int) -> float:
    """Relative width of a panel spanning this many days: a week is 1, a month about 3.5; a panel of
    more than three months (an event known only to the year) stays narrow."""
    return 1.2 if days > 90 else min(4.0, max(1.0, days / 9))


def draw(events: list[dict], type_order: list[str], title: str, id_salt: str):
    import matplotlib  # imported here: only drawing needs it, and it is slow to load

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    rows = rows_to_draw(events)
    left_out = max(0, len(rows) - MAX_ROWS)
    rows = rows[:MAX_ROWS]
    ranges = panels(rows)
    colours = {t: COLOURS[i % len(COLOURS)] for i, t in enumerate(type_order)}
    plt.rcParams.update({"svg.hashsalt": id_salt, "svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 8})
    widths = [panel_width((hi - lo).days) for lo, hi in ranges]
    fig, axes = plt.subplots(1, len(ranges), figsize=(15, 0.3 * len(rows) + 2.0), sharey=True, squeeze=False,
                             gridspec_kw={"width_ratios": widths, "wspace": 0.12})
    axes = axes[0]
    for ax, (lo, hi) in zip(axes, ranges):
        for y, r in enumerate(rows):
            first, last = max(r["first"], lo), min(r["last"], hi)
            if first > hi or last < lo:
                continue
            left = mdates.date2num(first)
            ax.barh(y, mdates.date2num(last) - left + 1, left=left, height=0.6, color=colours[r["event_type"]],
                    alpha=1.0 if r["precise"] else 0.35, hatch=None if r["precise"] else "///", edgecolor="black",
                    linewidth=0.8, linestyle="--" if r["dates_inferred"] else "-")
            if r["open_ended"] and r["precise"]:
                ax.annotate("", xy=(left + 2.5, y), xytext=(left + 1, y), arrowprops={"arrowstyle": "->"})
        ax.set_xlim(mdates.date2num(lo), mdates.date2num(hi) + 1)
        days = (hi - lo).days
        if days > 90:
            ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
        else:  # about four day ticks per unit of panel width
            ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, math.ceil(days / (4 * panel_width(days))))))
            one_month = (lo.year, lo.month) == (hi.year, hi.month)  # the panel's title names the month
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%d" if one_month else "%d\n%b"))
        ax.set_title(panel_title(lo, hi), fontsize=9, loc="left")
        ax.grid(axis="x", color="#dddddd", linewidth=0.5)
        ax.set_axisbelow(True)
    axes[0].set_yticks(range(len(rows)))
    axes[0].set_yticklabels([r["name"] if len(r["name"]) < 70 else r["name"][:67] + "..." for r in rows])
    axes[0].set_ylim(len(rows) - 0.5, -0.5)  # earliest at the top
    handles = [Patch(facecolor=colours[t], edgecolor="black", label=t) for t in type_order if any(r["event_type"] == t for r in rows)]
    handles += [Patch(facecolor="white", edgecolor="black", label="day known"),
                Patch(facecolor="white", edgecolor="black", hatch="///", label="only the month or year known"),
                Patch(facecolor="white", edgecolor="black", linestyle="--", label="date inferred")]
    fig.legend(handles=handles, loc="lower center", ncol=6, frameon=False, fontsize=7)
    if left_out:
        title += f"; {left_out} more events not drawn"
    fig.suptitle(title, fontsize=10, x=0.02, ha="left")
    fig.subplots_adjust(left=0.3, right=0.99, top=1 - 0.6 / fig.get_figheight(), bottom=1.3 / fig.get_figheight())
    return fig


def render(pkg_dir: Path, descriptor: dict, tables: dict, typed: dict) -> dict:
    events = in_focus(typed["events"].to_pylist())
    type_order = field_named(tables["events"].schema, "event_type")["constraints"]["enum"]
    settings = config.load(pkg_dir)
    fig = draw(events, type_order, settings.figure_title or f"{descriptor.get('title', '')}: timeline (local dates)",
               settings.figure_id_salt or descriptor.get("name", ""))
    import matplotlib.pyplot as plt

    out = {}
    for rel, fmt, meta in [(SVG_PATH, "svg", {"Date": None, "Creator": None}), (PNG_PATH, "png", {"Software": None})]:
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=110, metadata=meta)
        out[rel] = buffer.getvalue()
    plt.close(fig)
    return out
