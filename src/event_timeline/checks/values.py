"""Checks of the values in the curated tables: calendar dates, codes that must exist, references
that must resolve, date order, parent chains, unique combinations, and who took part.

In: a Context (checks.context). Out: Problems with file, row, field, value and what was expected.
Every check works on whole columns; rows are walked only to word a problem already found.
"""
from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import langcodes
import pycountry

from event_timeline.checks.context import Context, any_true, paired_cells, row_numbers
from event_timeline.model.partial_dates import partial_date_interval
from event_timeline.problems import Problem
from event_timeline.model.table_schema import field_check, field_list, self_references


@lru_cache(maxsize=None)
def _country_ok(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


@lru_cache(maxsize=None)
def _language_ok(tag: str) -> bool:
    """A well-formed BCP 47 tag whose every subtag is in the IANA Language Subtag Registry (langcodes)."""
    return langcodes.tag_is_valid(tag)


@lru_cache(maxsize=1)
def _timezones() -> frozenset:
    return frozenset(zoneinfo.available_timezones())


def special_value_expectation(kind: str, value: str) -> str:
    """'' when the value is fine for its kind of field, else what was expected."""
    if kind == "partial-date":
        try:
            partial_date_interval(value)
        except ValueError:
            return "a real calendar date as YYYY, YYYY-MM or YYYY-MM-DD"
    elif kind == "country" and not _country_ok(value):
        return "an ISO 3166-1 alpha-2 country code"
    elif kind == "language" and not _language_ok(value):
        return "a BCP 47 tag whose every subtag is in the IANA Language Subtag Registry (e.g. th, ko, zh-Hant-HK)"
    elif kind == "timezone" and value not in _timezones():
        return "an IANA time zone such as Asia/Singapore or Europe/Lisbon"
    elif kind == "past-date":
        try:
            if dt.date.fromisoformat(value) > dt.date.today():
                return "a day that has come: the day the check was made, not a guess"
        except ValueError:
            return "a real calendar date YYYY-MM-DD"
    return ""


def check_special_fields(ctx: Context) -> list[Problem]:
    """Partial dates are real calendar dates; countries, languages and time zones exist; a day of a check has come."""
    out = []
    for t in ctx.readable():
        for spec in t.schema["fields"]:
            kind = field_check(spec)
            if not kind:
                continue
            column = t.column(spec["name"])
            bad = {v: why for v in pc.unique(column).to_pylist() if v and (why := special_value_expectation(kind, v))}
            if not bad:
                continue
            mask = pc.is_in(column, value_set=pa.array(list(bad), pa.string()))
            out += [Problem(t.file, line, spec["name"], value, bad[value])
                    for line, value in zip(row_numbers(mask), pc.filter(column, mask).to_pylist())]
    return out


def day_bounds(column: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """Earliest and latest day (as ordinals) each partial date can mean; -1 where empty or invalid."""
    uniques = pc.unique(column)
    lo, hi = [], []
    for text in uniques.to_pylist():
        try:
            first, last = partial_date_interval(text)
            lo.append(first.toordinal())
            hi.append(last.toordinal())
        except ValueError:
            lo.append(-1)
            hi.append(-1)
    index = pc.index_in(column, value_set=uniques).to_numpy(zero_copy_only=False)
    return np.asarray(lo, dtype=np.int64)[index], np.asarray(hi, dtype=np.int64)[index]


def positions_in(values: pa.ChunkedArray, keys: pa.ChunkedArray) -> np.ndarray:
    """For each value, the row index of the same text in keys (first match), or -1."""
    found = pc.index_in(values, value_set=keys)
    return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def check_event_dates(ctx: Context) -> list[Problem]:
    """End not before start (for every start/end pair); a child event can lie inside its parent's span."""
    out = []
    for t in ctx.readable():
        if not {"start", "end"} <= set(t.header):
            continue
        s_lo, _ = day_bounds(t.column("start"))
        _, e_hi = day_bounds(t.column("end"))
        before = (s_lo >= 0) & (e_hi >= 0) & (e_hi < s_lo)
        if before.any():
            starts, ends = t.texts("start"), t.texts("end")
            out += [Problem(t.file, line, "end", ends[line - 2], f"a date on or after start {starts[line - 2]}")
                    for line in row_numbers(before)]
    events = ctx.table("events")
    if events is None:
        return out
    s_lo, s_hi = day_bounds(events.column("start"))
    end_lo, end_hi = day_bounds(events.column("end"))
    e_lo, e_hi = np.where(end_lo >= 0, end_lo, s_lo), np.where(end_hi >= 0, end_hi, s_hi)  # no end: the start's span
    parent = positions_in(events.column("parent_event_id"), events.column("event_id"))
    has = parent >= 0
    p = np.where(has, parent, 0)
    ps_lo, pe_hi = s_lo[p], e_hi[p]
    known = has & (s_lo >= 0) & (e_lo >= 0) & (ps_lo >= 0) & (pe_hi >= 0)
    outside = known & ((s_hi < ps_lo) | (e_lo > pe_hi) | (s_lo > pe_hi) | (e_hi < ps_lo))
    if outside.any():
        starts, ends, parents = events.texts("start"), events.texts("end"), events.texts("parent_event_id")
        for line in row_numbers(outside):
            i, j = line - 2, int(parent[line - 2])
            out.append(Problem(events.file, line, "start", f"{starts[i]}..{ends[i]}",
                               f"a span that can lie inside its parent {parents[i]} ({starts[j]}..{ends[j] or starts[j]})"))
    return out


def key_texts(t, fields: list[str]) -> pa.ChunkedArray:
    """The text of a (possibly composite) key in every row; '' where all its cells are empty."""
    if len(fields) == 1:
        return t.column(fields[0])
    columns = [t.column(f) for f in fields]
    empty = pc.equal(pc.binary_join_element_wise(*columns, ""), "")
    return pc.if_else(empty, "", pc.binary_join_element_wise(*columns, "\x1f"))


def check_foreign_keys(ctx: Context) -> list[Problem]:
    """Every foreign key names a row that exists; an empty cell names nothing. frictionless checks this
    too, but the build must refuse dangling references before it writes the SQLite edition."""
    out = []
    for t in ctx.readable():
        for fk in t.schema.get("foreignKeys", []):
            fields, reference = field_list(fk["fields"]), fk["reference"]
            target = ctx.table(reference.get("resource") or t.name)
            if target is None:
                continue  # a table that could not be read is reported where it is read
            values = key_texts(t, fields)
            wanted = pc.and_(pc.not_equal(values, ""),
                             pc.invert(pc.is_in(values, value_set=key_texts(target, field_list(reference["fields"])))))
            if not any_true(wanted):
                continue
            expected = f"an id that exists in {target.name}.{', '.join(field_list(reference['fields']))}"
            found = pc.filter(values, wanted).to_pylist()
            out += [Problem(t.file, line, ", ".join(fields), value.replace("\x1f", ","), expected)
                    for line, value in zip(row_numbers(wanted), found)]
    return out


def check_cycles(ctx: Context) -> list[Problem]:
    """Parent chains (self-referencing foreign keys) end; no record is its own ancestor."""
    out = []
    for t in ctx.readable():
        for parent_field in self_references(t.schema):
            parent = positions_in(t.column(parent_field), t.column(t.key()))
            ancestor = parent.copy()
            for _ in range(math.ceil(math.log2(len(parent) + 1)) + 1):  # 2^k-th ancestor, by doubling
                ancestor = np.where(ancestor >= 0, ancestor[np.maximum(ancestor, 0)], -1)
            if not (ancestor >= 0).any():
                continue  # every chain reaches a record without a parent
            ids, parents = t.texts(t.key()), t.texts(parent_field)
            parent_of = dict(zip(ids, parents))
            lines = {rid: line for line, rid in enumerate(ids, start=2)}
            for start in (ids[i] for i in np.flatnonzero(ancestor >= 0)):
                seen, node = {start}, parent_of.get(start)
                while node:
                    if node == start:
                        out.append(Problem(t.file, lines[start], parent_field, parent_of[start],
                                           f"a parent chain that ends; {start} is its own ancestor"))
                        break
                    if node in seen:
                        break  # a cycle not through start: reported from its own members
                    seen.add(node)
                    node = parent_of.get(node)
    return out


def check_unique_keys(ctx: Context) -> list[Problem]:
    """Primary keys and each schema's uniqueKeys hold: no id used twice, no link said twice
    (frictionless checks primary keys too, but the build must refuse duplicates before it writes the
    SQLite edition; it does not enforce uniqueKeys). Empty keys are left to the required check."""
    out = []
    for t in ctx.readable():
        keys = [(field_list(t.schema["primaryKey"]), True)] + [(field_list(u), False) for u in t.schema.get("uniqueKeys", [])]
        for fields, is_primary in keys:
            counts = t.cells.select(fields).group_by(fields).aggregate([([], "count_all")])
            if not any_true(pc.greater(counts["count_all"], 1)):
                continue
            seen: dict[tuple, int] = {}
            for line, key in enumerate(zip(*(t.texts(f) for f in fields)), start=2):
                if key not in seen:
                    seen[key] = line
                elif not is_primary and any(key):  # a row outside the key (all its cells empty) collides with nothing
                    out.append(Problem(t.file, line, fields[0], ",".join(key),
                                       f"a combination of {', '.join(fields)} not already in row {seen[key]}"))
                elif any(key):
                    out.append(Problem(t.file, line, ", ".join(fields), ", ".join(key),
                                       f"an id not already used (row {seen[key]} has the same {', '.join(fields)})"))
    return out


def check_given_together(ctx: Context) -> list[Problem]:
    """A field marked x-given-with (such as events.series_ordinal, with series_id) is given exactly when the
    field it names is: a number in a series means nothing without the series, and the reverse."""
    out = []
    for t, f, other, line, mine, theirs in paired_cells(ctx, "x-given-with"):
        if bool(mine) != bool(theirs):
            out.append(Problem(t.file, line, f["name"], mine,
                               f"a value, since {other} is {theirs!r}" if theirs else f"empty, since {other} is empty"))
    return out


def check_participants(ctx: Context) -> list[Problem]:
    """A participation names exactly one participant: a person, an organization or a country. A person may carry a country (the one they represented)."""
    t = ctx.table("participations")
    if t is None:
        return []
    person, org, country = (pc.not_equal(t.column(c), "").to_numpy(zero_copy_only=False)
                            for c in ("person_id", "organization_id", "country"))
    bad = ((person.astype(int) + org.astype(int)) != 1) & ~(country & ~person & ~org)
    if not bad.any():
        return []
    persons, orgs, countries = t.texts("person_id"), t.texts("organization_id"), t.texts("country")
    return [Problem(t.file, line, "person_id", f"{persons[line - 2]}|{orgs[line - 2]}|{countries[line - 2]}",
                    "exactly one participant: person_id, organization_id or (alone) country") for line in row_numbers(bad)]
