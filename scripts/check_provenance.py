"""Checks of provenance: every row is cited, every claim is well formed and ranked, and quotations
stand verbatim in the primary documents.

In: a Context (check_context); the primary texts are read from ctx.texts_dir when one was given
(without it, quotes are not compared with the texts). Out: Problems with file, row, field, value
and what was expected.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from check_context import Context, Table, any_true, row_numbers
from claim_identity import claim_digest
from problems import Problem

QUOTED = re.compile(r"[\"“]([^\"“”]+)[\"”]")
UNCITED = {"sources", "claims"}  # sources are the citations; claims are the provenance itself
PROSE_DOCUMENTS = ["README.md", "CURATION.md"]  # Markdown whose quotation marks must enclose verbatim words
CODE_IN_MARKDOWN = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def primary_texts(ctx: Context) -> tuple[dict[str, str], list[Problem]]:
    """{source_id: text} for primary sources whose full text is in ctx.texts_dir and matches its sha256,
    and the problems found (read once per Context)."""
    if "primary_texts" not in ctx.memo:
        ctx.memo["primary_texts"] = _read_primary_texts(ctx)
    texts, problems = ctx.memo["primary_texts"]
    return texts, list(problems)


def _read_primary_texts(ctx: Context) -> tuple[dict[str, str], list[Problem]]:
    out, texts = [], {}
    sources = ctx.table("sources")
    if sources is None or ctx.texts_dir is None:
        return texts, out
    if not ctx.texts_dir.is_dir():
        return texts, [Problem(str(ctx.texts_dir), expected="a folder holding the primary texts (--texts DIR)")]
    columns = zip(sources.texts("source_id"), sources.texts("source_role"), sources.texts("local_copy"), sources.texts("sha256"))
    for line, (source_id, role, local_copy, sha256) in enumerate(columns, start=2):
        if role != "primary":
            continue
        if not local_copy or not sha256:
            out.append(Problem(sources.file, line, "sha256", sha256, "local_copy and sha256 for a primary source"))
            continue
        path = ctx.texts_dir / local_copy
        if not path.is_file():
            out.append(Problem(sources.file, line, "local_copy", local_copy, "a file of that name in the primary texts' folder (--texts DIR)"))
            continue
        data = path.read_bytes()
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha256:
            out.append(Problem(sources.file, line, "sha256", sha256, f"the SHA-256 of {path.name} ({actual})"))
            continue
        texts[source_id] = data.decode("utf-8")
    return texts, out


def check_claims(ctx: Context) -> list[Problem]:
    """Claims point at existing records, quote primary texts verbatim, derive their ids, and rank disagreements."""
    claims, sources = ctx.table("claims"), ctx.table("sources")
    if claims is None or sources is None:
        return []
    texts, out = primary_texts(ctx)
    res, rid, prop, value, src, quote, rank, reason = (claims.column(c) for c in
        ("resource", "record_id", "property", "value", "source_id", "quote", "rank", "rank_reason"))
    out += _record_problems(ctx, claims, res, rid)
    out += _claim_id_problems(claims, res, rid, prop, value, src)
    out += _quote_problems(claims, sources, src, quote, texts)
    out += _locator_problems(claims, sources, src)
    unexplained = pc.and_(pc.not_equal(rank, "normal"), pc.equal(reason, ""))
    if any_true(unexplained):
        out += [Problem(claims.file, line, "rank_reason", "", f"a reason for rank {r}")
                for line, r in zip(row_numbers(unexplained), pc.filter(rank, unexplained).to_pylist())]
    out += _rank_problems(ctx, claims)
    return out


def _record_problems(ctx: Context, claims: Table, res, rid) -> list[Problem]:
    """Each claim's record_id has the prefix of its resource and names an existing record."""
    out = []
    for name, t in ctx.tables.items():
        in_resource = pc.equal(res, name)
        if not any_true(in_resource):
            continue
        prefix = t.id_prefix()
        wrong = pc.and_(in_resource, pc.invert(pc.starts_with(rid, prefix))) if prefix else pc.and_(in_resource, False)
        out += [Problem(claims.file, line, "record_id", r, f"an id of {name} (prefix {prefix})")
                for line, r in zip(row_numbers(wrong), pc.filter(rid, wrong).to_pylist())]
        if t.readable:
            unknown = pc.and_(pc.and_(in_resource, pc.invert(wrong)), pc.invert(pc.is_in(rid, value_set=t.column(t.key()))))
            out += [Problem(claims.file, line, "record_id", r, f"an existing {name} id")
                    for line, r in zip(row_numbers(unknown), pc.filter(rid, unknown).to_pylist())]
    return out


def _claim_id_problems(claims: Table, res, rid, prop, value, src) -> list[Problem]:
    """Each claim_id is derived from the claim's content (claim_identity)."""
    joined = pc.cast(pc.binary_join_element_wise(res, rid, prop, value, src, "\x1f"), pa.binary())
    digests = pa.array([hashlib.sha256(b).hexdigest()[:8] for b in joined.to_pylist()], pa.string())
    expected = pc.binary_join_element_wise("clm", rid, pc.replace_substring(prop, "_", "-"), digests, "-")
    differs = pc.not_equal(claims.column("claim_id"), expected)
    if not any_true(differs):
        return []
    return [Problem(claims.file, line, "claim_id", found, f"{wanted} (derived from its content; run scripts/claim_ids.py --write)")
            for line, found, wanted in zip(row_numbers(differs), pc.filter(claims.column("claim_id"), differs).to_pylist(),
                                           pc.filter(expected, differs).to_pylist())]


def _quote_problems(claims: Table, sources: Table, src, quote, texts: dict[str, str]) -> list[Problem]:
    """Only primary documents are quoted, each claim citing one quotes it, and the quote is verbatim."""
    out = []
    role = pc.take(sources.column("source_role"), pc.index_in(src, value_set=sources.column("source_id")))
    primary = pc.fill_null(pc.equal(role, "primary"), False)
    quoted = pc.not_equal(quote, "")
    not_primary = pc.and_(quoted, pc.invert(primary))
    out += [Problem(claims.file, line, "quote", q, "no quote: only primary documents are quoted")
            for line, q in zip(row_numbers(not_primary), pc.filter(quote, not_primary).to_pylist())]
    unquoted = pc.and_(pc.invert(quoted), primary)
    out += [Problem(claims.file, line, "quote", "", "a verbatim quote from the primary document") for line in row_numbers(unquoted)]
    if texts:
        to_compare = pc.and_(pc.and_(quoted, primary), pc.is_in(src, value_set=pa.array(list(texts), pa.string())))
        for line, q, s in zip(row_numbers(to_compare), pc.filter(quote, to_compare).to_pylist(), pc.filter(src, to_compare).to_pylist()):
            if q not in texts[s]:
                out.append(Problem(claims.file, line, "quote", q, f"words that stand verbatim in {s}"))
    return out


def _locator_problems(claims: Table, sources: Table, src) -> list[Problem]:
    """A claim citing a corroborating or background source says where in it the value stands (its locator):
    only primary documents are quoted, so for the others the locator is what a reviewer checks against."""
    if "locator" not in claims.header:
        return []
    role = pc.take(sources.column("source_role"), pc.index_in(src, value_set=sources.column("source_id")))
    needs = pc.fill_null(pc.not_equal(role, "primary"), False)
    missing = pc.and_(needs, pc.equal(claims.column("locator"), ""))
    return [Problem(claims.file, line, "locator", "",
                    f"where in {s} the value stands: a short locator or paraphrase a reviewer can check in a minute "
                    f"(e.g. Paragraph 2: ...); only primary documents are quoted")
            for line, s in zip(row_numbers(missing), pc.filter(src, missing).to_pylist())]


def check_native_names(ctx: Context) -> list[Problem]:
    """Names in their own script: every name_native claim gives its language (value_language), and a
    person's name_native and name_native_language are both empty or both stand in a name_native claim
    about that person."""
    claims, people = ctx.table("claims"), ctx.table("people")
    if claims is None or "value_language" not in claims.header:
        return []
    out = []
    native = pc.equal(claims.column("property"), "name_native")
    unlabelled = pc.and_(native, pc.equal(claims.column("value_language"), ""))
    out += [Problem(claims.file, line, "value_language", "", f"the BCP 47 tag of the script of {v!r} (e.g. th, ko, zh-Hant-HK)")
            for line, v in zip(row_numbers(unlabelled), pc.filter(claims.column("value"), unlabelled).to_pylist())]
    if people is None or "name_native" not in people.header:
        return out
    claimed = set(zip(pc.filter(claims.column("record_id"), native).to_pylist(), pc.filter(claims.column("value"), native).to_pylist(),
                      pc.filter(claims.column("value_language"), native).to_pylist()))
    for line, (pid, name, lang) in enumerate(zip(people.texts("person_id"), people.texts("name_native"),
                                                  people.texts("name_native_language")), start=2):
        if bool(name) != bool(lang):
            field, value = ("name_native_language", lang) if name else ("name_native", name)
            out.append(Problem(people.file, line, field, value, "name_native and name_native_language both given or both empty"))
        elif name and (pid, name, lang) not in claimed:
            out.append(Problem(people.file, line, "name_native", name,
                               f"a name_native claim about {pid} with this value and value_language {lang!r} (data/claims.csv)"))
    return out


def _rank_problems(ctx: Context, claims: Table) -> list[Problem]:
    """One preferred value at most; every version of a contested value gives its reason; the entity holds the preferred value."""
    keys = ["resource", "record_id", "property"]
    n = claims.num_rows
    facts = pa.table({**{k: claims.column(k) for k in keys + ["value", "rank"]},
                      "no_reason": pc.equal(claims.column("rank_reason"), ""),
                      "line": pa.array(np.arange(2, n + 2, dtype=np.int64))}).filter(pc.not_equal(claims.column("property"), "record"))
    if facts.num_rows == 0:
        return []
    groups = facts.group_by(keys).aggregate([("value", "count_distinct"), ("line", "min")])
    preferred = facts.filter(pc.equal(facts["rank"], "preferred")).group_by(keys).aggregate(
        [("value", "count_distinct"), ("value", "min")])
    unexplained = facts.filter(facts["no_reason"]).group_by(keys).aggregate([("line", "min")])

    def values_of(row: dict, only_preferred: bool) -> list[str]:
        mask = pc.and_(pc.and_(pc.equal(facts["resource"], row["resource"]), pc.equal(facts["record_id"], row["record_id"])),
                       pc.equal(facts["property"], row["property"]))
        if only_preferred:
            mask = pc.and_(mask, pc.equal(facts["rank"], "preferred"))
        return sorted(pc.unique(pc.filter(facts["value"], mask)).to_pylist())

    out, several_keys = [], set()
    several = preferred.filter(pc.greater(preferred["value_count_distinct"], 1)).join(groups, keys, right_suffix="_all")
    for row in several.to_pylist():
        several_keys.add(tuple(row[k] for k in keys))
        values = values_of(row, only_preferred=True)
        out.append(Problem(claims.file, row["line_min"], "rank", f"{row['record_id']} {row['property']}",
                           f"one preferred value per record and property, not {len(values)}: {values}"))
    contested = groups.filter(pc.greater(groups["value_count_distinct"], 1)).join(
        unexplained, keys, join_type="inner", right_suffix="_unexplained")
    for row in contested.to_pylist():
        if tuple(row[k] for k in keys) in several_keys:
            continue
        out.append(Problem(claims.file, row["line_min_unexplained"], "rank_reason", f"{row['record_id']} {row['property']}",
                           f"a reason on every version of a contested value (why preferred, normal or deprecated, "
                           f"or why unresolved): {values_of(row, only_preferred=False)}"))
    out += _entity_problems(ctx, preferred.filter(pc.equal(preferred["value_count_distinct"], 1)))
    return out


def _entity_problems(ctx: Context, preferred: pa.Table) -> list[Problem]:
    """Where a claim's property is a column of its resource, the row holds the preferred value."""
    out = []
    for name in pc.unique(preferred["resource"]).to_pylist():
        t = ctx.table(name)
        if t is None:
            continue
        of_resource = preferred.filter(pc.equal(preferred["resource"], name))
        for prop in pc.unique(of_resource["property"]).to_pylist():
            if prop not in t.header:
                continue
            claimed = of_resource.filter(pc.equal(of_resource["property"], prop))
            rows = pc.index_in(claimed["record_id"], value_set=t.column(t.key()))
            present = pc.is_valid(rows)
            rows, wanted = pc.filter(rows, present), pc.filter(claimed["value_min"], present)
            actual = pc.take(t.column(prop), rows)
            differs = pc.not_equal(actual, wanted)
            for r, a, w in zip(pc.filter(rows, differs).to_pylist(), pc.filter(actual, differs).to_pylist(),
                               pc.filter(wanted, differs).to_pylist()):
                out.append(Problem(t.file, r + 2, prop, a, f"the value of the preferred claim, {w!r} (data/claims.csv)"))
    return out


def check_cited(ctx: Context) -> list[Problem]:
    """Every row of every resource but sources and claims has at least one claim."""
    claims = ctx.table("claims")
    if claims is None:
        return []
    out = []
    res, rid = claims.column("resource"), claims.column("record_id")
    for t in ctx.readable():
        if t.name in UNCITED:
            continue
        key = t.column(t.key())
        missing = pc.invert(pc.is_in(key, value_set=pc.filter(rid, pc.equal(res, t.name))))
        out += [Problem(t.file, line, t.key(), r, "at least one claim citing a source (data/claims.csv)")
                for line, r in zip(row_numbers(missing), pc.filter(key, missing).to_pylist())]
    return out


def _unverbatim(text: str, corpus: str):
    """Quotation marks in text whose words are not in the corpus: (position, quoted text) pairs."""
    return [(m.start(), m.group(0)) for m in QUOTED.finditer(text) if m.group(1).strip(" ,.") not in corpus]


def check_quotation_marks(ctx: Context) -> list[Problem]:
    """Words in quotation marks in any text cell, and in the prose of README.md and CURATION.md, stand verbatim in a primary document (checked when the primary texts are given)."""
    texts, _ = primary_texts(ctx)
    if not texts:
        return []
    corpus = "\n".join(texts.values())
    out = []
    for t in ctx.readable():
        for name in t.header:
            if name == "quote":
                continue
            column = t.column(name)
            marked = pc.or_(pc.match_substring(column, '"'), pc.match_substring(column, "“"))
            for line, cell in zip(row_numbers(marked), pc.filter(column, marked).to_pylist()):
                out += [Problem(t.file, line, name, quoted,
                                "quotation marks only around words that stand verbatim in a primary document")
                        for _, quoted in _unverbatim(cell, corpus)]
    for doc in PROSE_DOCUMENTS:
        path = ctx.pkg_dir / doc
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        prose = CODE_IN_MARKDOWN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)  # code blanked, lines kept
        out += [Problem(doc, prose.count("\n", 0, at) + 1, "", quoted,
                        "quotation marks only around words that stand verbatim in a primary document (or put them in code)")
                for at, quoted in _unverbatim(prose, corpus)]
    return out
