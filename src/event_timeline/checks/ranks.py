"""Checks that ranks mean one thing and that the tables agree with their claims.

`preferred` marks every claim that backs what the package holds: the value in the table's cell (for
a property that is a column), the row itself (for a record claim), or the package's choice (for a
property kept only in claims). So `rank = preferred` selects every claim behind the tables.

In: a Context (checks.context). Out: Problems with file, row, field, value and what was expected:
a cell no claim gives (or only a deprecated one), a claim ranked against the cell it is about, two
preferred values, a missing rank reason (on every row that lacks one), and an `inferred` flag (or a
boolean that flags inferred fields, such as events.dates_inferred) that does not say which values
rest only on inferred claims; and, where the package keeps a curation record, a row of its
disagreement table for each contested value.
"""
from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from event_timeline.checks.context import Context, Table, any_true, paired_cells, row_numbers
from event_timeline.problems import Problem

RECORD = "record"  # the property of a claim about the row as a whole
FLAG = "inferred"  # the column that names what in a row rests only on inferred claims
CLAIMS_FILE = "data/claims.csv"


def claim_rows(claims: Table) -> pa.Table:
    """The columns the rank checks read, with each claim's spreadsheet row number."""
    names = ["resource", "record_id", "property", "value", "rank", "rank_reason", "basis"]
    return pa.table({**{n: claims.column(n) for n in names},
                     "line": pa.array(np.arange(2, claims.num_rows + 2, dtype=np.int64))})


def _versions(rows: pa.Table) -> dict[tuple, str]:
    """The versions of each (resource, record_id, property), for messages: "'value' (rank, rows N, M)",
    one per value and rank, in the order they first appear."""
    seen: dict[tuple, dict[tuple, list[int]]] = defaultdict(dict)
    for r in rows.select(["resource", "record_id", "property", "value", "rank", "line"]).to_pylist():
        seen[(r["resource"], r["record_id"], r["property"])].setdefault((r["value"], r["rank"]), []).append(r["line"])
    return {group: "; ".join(f"{v!r} ({rank}, row{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))})"
                             for (v, rank), lines in versions.items())
            for group, versions in seen.items()}


def check_ranks(ctx: Context) -> list[Problem]:
    """Each cell a claim is about equals a claim that is not deprecated; claims with the cell's value are
    preferred and the others are not; one preferred value at most where the table has no column; record
    claims are preferred or deprecated; every deprecated claim, and every version of a contested value,
    says why."""
    claims = ctx.table("claims")
    if claims is None:
        return []
    rows = claim_rows(claims)
    out = _reason_problems(claims, rows)
    is_record = pc.equal(rows["property"], RECORD)
    normal_records = pc.and_(is_record, pc.equal(rows["rank"], "normal"))
    out += [Problem(claims.file, line, "rank", "normal",
                    "preferred (the source supports the row as the table holds it) or deprecated (it is wrong)")
            for line in row_numbers(normal_records)]
    facts = rows.filter(pc.invert(is_record))
    in_table = pa.array([False] * facts.num_rows, pa.bool_())
    for name, t in ctx.tables.items():
        if not t.readable or not any_true(pc.equal(facts["resource"], name)):
            continue
        columns = [c for c in t.header if c != t.key()]
        mask = pc.and_(pc.equal(facts["resource"], name), pc.is_in(facts["property"], value_set=pa.array(columns, pa.string())))
        if any_true(mask):
            in_table = pc.or_(in_table, mask)
            out += _cell_problems(t, claims, facts.filter(mask))
    out += _choice_problems(claims, facts.filter(pc.invert(in_table)))
    return out


def _cell_problems(t: Table, claims: Table, facts: pa.Table) -> list[Problem]:
    """Claims about columns of table t: the cell equals a claim that is not deprecated, and exactly the
    claims that give the cell's value are preferred."""
    out = []
    key = t.column(t.key())
    at = pc.index_in(facts["record_id"], value_set=key)  # null where the record is missing (check_claims says so)
    facts = facts.filter(pc.is_valid(at))
    at = pc.drop_null(at)
    cell = _cells(t, facts, at)
    holds = pc.and_(pc.equal(facts["value"], cell), pc.not_equal(cell, ""))
    rank = facts["rank"]
    # a cell no claim gives, or only deprecated claims give
    keyed = pa.table({"record_id": facts["record_id"], "property": facts["property"], "cell": cell,
                      "backed": pc.and_(holds, pc.not_equal(rank, "deprecated")), "given": holds})
    summary = keyed.group_by(["record_id", "property", "cell"]).aggregate([("backed", "any"), ("given", "any")])
    unbacked = summary.filter(pc.and_(pc.not_equal(summary["cell"], ""), pc.invert(summary["backed_any"])))
    if unbacked.num_rows:
        versions = _versions(facts.filter(pc.is_in(facts["record_id"], value_set=unbacked["record_id"])))
        lines = {rid: line for line, rid in enumerate(key.to_pylist(), start=2)}
        for r in unbacked.to_pylist():
            why = "a value its claims give and do not deprecate" if r["given_any"] else "a value one of its claims gives"
            out.append(Problem(t.file, lines[r["record_id"]], r["property"], r["cell"],
                               f"{why} ({CLAIMS_FILE}): {versions[(t.name, r['record_id'], r['property'])]}"))
    # the claims that give the cell's value are preferred, and only they (deprecated ones are reported above)
    should_prefer = pc.and_(holds, pc.equal(rank, "normal"))
    out += [Problem(claims.file, line, "rank", "normal", f"preferred: {rid} {prop} in {t.file} is {value!r}, the value this claim gives")
            for line, rid, prop, value in _where(facts, should_prefer, "value")]
    wrongly = pc.and_(pc.invert(holds), pc.equal(rank, "preferred"))
    if unbacked.num_rows:  # where the cell itself is wrong, the claims' ranks are not what to change
        wrong_cells = pc.binary_join_element_wise(unbacked["record_id"], unbacked["property"], "\x1f")
        cell_of = pc.binary_join_element_wise(facts["record_id"], facts["property"], "\x1f")
        wrongly = pc.and_(wrongly, pc.invert(pc.is_in(cell_of, value_set=wrong_cells)))
    if any_true(wrongly):
        held = dict(zip(zip(facts["record_id"].to_pylist(), facts["property"].to_pylist()), cell.to_pylist()))
        for line, rid, prop, value in _where(facts, wrongly, "value"):
            now = f"is {held[(rid, prop)]!r}" if held[(rid, prop)] else "is empty"
            out.append(Problem(claims.file, line, "rank", "preferred",
                               f"normal or deprecated: {rid} {prop} in {t.file} {now}, not {value!r} (or change the table)"))
    return out


def _cells(t: Table, facts: pa.Table, at: pa.Array) -> pa.Array:
    """The cell each fact is about, taken column by column."""
    out = pa.array([""] * facts.num_rows, pa.string())
    for prop in pc.unique(facts["property"]).to_pylist():
        mask = pc.equal(facts["property"], prop)
        taken = pc.take(t.column(prop), at)
        out = pc.if_else(mask, taken, out)
    return out


def _where(facts: pa.Table, mask, column: str) -> list[tuple]:
    """(line, record_id, property, column value) of the facts where mask holds."""
    if not any_true(mask):
        return []
    chosen = facts.filter(mask)
    return list(zip(chosen["line"].to_pylist(), chosen["record_id"].to_pylist(), chosen["property"].to_pylist(),
                    chosen[column].to_pylist()))


def _choice_problems(claims: Table, facts: pa.Table) -> list[Problem]:
    """Properties kept only in claims: one preferred value at most, and every claim of that value preferred; a
    property with a single value and no preferred claim is the package's choice (preferred) unless a reason says
    why it is not held."""
    if facts.num_rows == 0:
        return []
    out = []
    keys = ["resource", "record_id", "property"]
    summary = facts.group_by(keys).aggregate([("value", "count_distinct"), ("rank", "distinct")])
    lonely = summary.filter(pc.equal(summary["value_count_distinct"], 1))
    for r in lonely.to_pylist():
        if "preferred" in r["rank_distinct"]:
            continue
        mask = pc.and_(pc.and_(pc.equal(facts["record_id"], r["record_id"]), pc.equal(facts["property"], r["property"])),
                       pc.and_(pc.equal(facts["resource"], r["resource"]), pc.equal(facts["rank"], "normal")))
        unexplained = pc.and_(mask, pc.equal(facts["rank_reason"], ""))
        out += [Problem(claims.file, line, "rank", "normal",
                        f"preferred: {rid} {prop} has this one value, so the package holds it (or a rank_reason saying why it does not)")
                for line, rid, prop, _ in _where(facts, unexplained, "value")]
    preferred = facts.filter(pc.equal(facts["rank"], "preferred"))
    chosen = preferred.group_by(keys).aggregate([("value", "count_distinct"), ("value", "min")])
    several = chosen.filter(pc.greater(chosen["value_count_distinct"], 1))
    versions = _versions(facts) if several.num_rows else {}
    for r in several.to_pylist():
        group = (r["resource"], r["record_id"], r["property"])
        mask = pc.and_(pc.and_(pc.equal(preferred["record_id"], r["record_id"]), pc.equal(preferred["property"], r["property"])),
                       pc.equal(preferred["resource"], r["resource"]))
        first = pc.min(pc.filter(preferred["line"], mask)).as_py()
        out.append(Problem(claims.file, first, "rank", "preferred",
                           f"one preferred value for {r['record_id']} {r['property']}, not {r['value_count_distinct']}: {versions[group]}"))
    single = chosen.filter(pc.equal(chosen["value_count_distinct"], 1))
    if single.num_rows:
        joined = facts.join(single, keys, join_type="inner")
        mask = pc.and_(pc.equal(joined["value"], joined["value_min"]), pc.equal(joined["rank"], "normal"))
        out += [Problem(claims.file, line, "rank", "normal", f"preferred: {rid} {prop} prefers {value!r}, the value this claim gives")
                for line, rid, prop, value in _where(joined, mask, "value")]
    return out


def _reason_problems(claims: Table, rows: pa.Table) -> list[Problem]:
    """A reason on every deprecated claim and on every version of a contested value, each row named."""
    out = []
    no_reason = pc.equal(rows["rank_reason"], "")
    deprecated = pc.and_(no_reason, pc.equal(rows["rank"], "deprecated"))
    out += [Problem(claims.file, line, "rank_reason", "", f"why {rid} {prop} {value!r} is deprecated (wrong or out of date)")
            for line, rid, prop, value in _where(rows, deprecated, "value")]
    facts = rows.filter(pc.not_equal(rows["property"], RECORD))
    keys = ["resource", "record_id", "property"]
    counts = facts.group_by(keys).aggregate([("value", "count_distinct")])
    contested = counts.filter(pc.greater(counts["value_count_distinct"], 1))
    if contested.num_rows == 0:
        return out
    joined = facts.join(contested, keys, join_type="inner")
    mask = pc.and_(pc.equal(joined["rank_reason"], ""), pc.not_equal(joined["rank"], "deprecated"))
    if not any_true(mask):
        return out
    versions = _versions(joined)
    for r in sorted(joined.filter(mask).to_pylist(), key=lambda r: r["line"]):
        group = (r["resource"], r["record_id"], r["property"])
        out.append(Problem(claims.file, r["line"], "rank_reason", "",
                           f"why this version is {r['rank']}: {r['record_id']} {r['property']} has several versions: {versions[group]}"))
    return out


def check_inferred_flags(ctx: Context) -> list[Problem]:
    """Each claimed table's `inferred` cell names exactly the fields (then `record`) whose backing claims
    (preferred, or for the row not deprecated) are all inferred; a boolean field that flags inferred
    fields (x-flags-inferred in its schema, such as events.dates_inferred) is true exactly when one of
    them is named."""
    claims = ctx.table("claims")
    if claims is None:
        return []
    rows = claim_rows(claims)
    backing = rows.filter(pc.or_(pc.equal(rows["rank"], "preferred"),
                                 pc.and_(pc.equal(rows["property"], RECORD), pc.not_equal(rows["rank"], "deprecated"))))
    keys = ["resource", "record_id", "property"]
    stated = pa.table({**{k: backing[k] for k in keys}, "stated": pc.equal(backing["basis"], "stated")})
    groups = stated.group_by(keys).aggregate([("stated", "any")])
    only_inferred = groups.filter(pc.invert(groups["stated_any"])).to_pylist()
    flagged: dict[tuple, set] = defaultdict(set)
    for g in only_inferred:
        flagged[(g["resource"], g["record_id"])].add(g["property"])
    out = []
    for t in ctx.readable():
        if FLAG not in t.header and not _flag_booleans(t):
            continue
        order = {name: i for i, name in enumerate(t.header + [RECORD])}
        wanted_of = {rid: " ".join(sorted((p for p in props if p in order), key=order.get))
                     for (res, rid), props in flagged.items() if res == t.name}
        ids = t.column(t.key())
        wanted = pa.array([wanted_of.get(rid, "") for rid in ids.to_pylist()], pa.string()) if wanted_of else \
            pa.array([""] * t.num_rows, pa.string())
        aligned = pa.array([i + 2 not in t.misaligned for i in range(t.num_rows)], pa.bool_())  # shifted rows are reported as such
        if FLAG in t.header:
            differs = pc.and_(pc.not_equal(t.column(FLAG), wanted), aligned)
            for line, found, want in zip(row_numbers(differs), pc.filter(t.column(FLAG), differs).to_pylist(),
                                         pc.filter(wanted, differs).to_pylist()):
                why = (f"{want!r}: every claim behind {'them' if ' ' in want else 'it'} is inferred ({CLAIMS_FILE})" if want
                       else f"empty: a stated claim backs every value ({CLAIMS_FILE})")
                out.append(Problem(t.file, line, FLAG, found, why))
        for field, covers in _flag_booleans(t).items():
            truth = pa.array([any(f in w.split() for f in covers) for w in wanted.to_pylist()], pa.bool_())
            found = pc.equal(t.column(field), "true")
            differs = pc.and_(pc.not_equal(found, truth), aligned)
            for line, is_true in zip(row_numbers(differs), pc.filter(truth, differs).to_pylist()):
                out.append(Problem(t.file, line, field, "false" if is_true else "true",
                                   f"{'true' if is_true else 'false'}: {' or '.join(covers)} "
                                   f"{'rests only on inferred claims' if is_true else 'has a stated claim'} ({CLAIMS_FILE})"))
    return out


def check_flag_parts(ctx: Context) -> list[Problem]:
    """A field that says which parts a boolean flag covers (x-parts-of in its schema, such as
    events.inferred_date_parts for dates_inferred) is given exactly when the flag is true."""
    out = []
    for t, f, flag, line, parts, on in paired_cells(ctx, "x-parts-of"):
        if (on == "true") != bool(parts):
            out.append(Problem(t.file, line, f["name"], parts,
                               f"which parts are inferred ({', '.join(f.get('constraints', {}).get('enum', []))}), since {flag} is true"
                               if on == "true" else f"empty, since {flag} is false"))
    return out


def _flag_booleans(t: Table) -> dict[str, list[str]]:
    """Boolean fields that flag inferred fields: {field: the fields it covers} (x-flags-inferred)."""
    return {f["name"]: f["x-flags-inferred"] for f in t.schema["fields"] if f.get("x-flags-inferred") and f["name"] in t.header}


CURATION_RECORD = "CURATION.md"
DISAGREEMENTS = "## How each disagreement was ranked"  # the section whose table ranks every contested value
NAMED = re.compile(r"`([a-z_]+)` `([a-z0-9-]+)` `([a-z_]+)`")


def check_disagreements_recorded(ctx: Context) -> list[Problem]:
    """Where the package keeps a curation record (CURATION.md with a section on how each disagreement
    was ranked), its table has a row naming each contested value (`resource` `record_id` `property`,
    in the row's first cell), and no row names a value with a single version."""
    claims, sources = ctx.table("claims"), ctx.table("sources")
    path = ctx.pkg_dir / CURATION_RECORD
    if claims is None or not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    if DISAGREEMENTS not in lines:
        return []
    start = lines.index(DISAGREEMENTS)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    rows = [(i + 1, line) for i, line in enumerate(lines[start:end], start=start) if line.startswith("| ")]
    named: dict[tuple, int] = {}
    for line_no, line in rows[1:]:  # after the header (its rule, |---|, is not a row)
        for key in NAMED.findall(line.split("|")[1]):
            named.setdefault(key, line_no)
    publisher = dict(zip(sources.texts("source_id"), sources.texts("publisher"))) if sources is not None else {}
    versions: dict[tuple, dict[str, list]] = defaultdict(dict)  # (resource, record, property) -> value -> [(rank, publisher)]
    columns = (claims.texts(c) for c in ("resource", "record_id", "property", "value", "rank", "source_id"))
    for res, rid, prop, value, rank, source in zip(*columns):
        if prop != RECORD:
            versions[(res, rid, prop)].setdefault(value, []).append((rank, publisher.get(source, source)))
    contested = {key for key, values in versions.items() if len(values) > 1}
    out = []
    last = rows[-1][0] if rows else start + 1
    for key in sorted(contested - set(named)):
        given = " / ".join(f"{v or '(empty)'} ({', '.join(sorted({p for _, p in said}))})" for v, said in versions[key].items())
        choice = "; ".join(f"{v or '(empty)'} **{said[0][0]}**" for v, said in versions[key].items())
        cell = " ".join(f"`{k}`" for k in key)
        out.append(Problem(CURATION_RECORD, last, "", None,
                           f"a row in the table under '{DISAGREEMENTS[3:]}' for the contested {cell}, such as: "
                           f"| what is contested: {cell} | {given} | {choice}, and why |"))
    for key in sorted(set(named) - contested):
        cell = " ".join(f"`{k}`" for k in key)
        out.append(Problem(CURATION_RECORD, named[key], "", cell,
                           "only values with more than one version in data/claims.csv (remove the row, or add the other version's claim)"))
    return out
