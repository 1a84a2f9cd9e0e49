"""Checks of provenance: every row is cited; every claim names an existing record, derives its id,
quotes its source at a named position (verbatim in the primary documents, checked when their texts
are given) and says how an inferred value was worked out; names in their own script are claimed.

In: a Context (checks.context); the primary texts are read from ctx.texts_dir when one was given
(without it, quotes are not compared with the texts). Out: Problems with file, row, field, value
and what was expected.
"""
from __future__ import annotations

import hashlib
import re

import pyarrow as pa
import pyarrow.compute as pc

from event_timeline.checks.context import Context, Table, any_true, row_numbers
from event_timeline.problems import Problem
from event_timeline.model.quotes import quote_parts, stands_in
from event_timeline.model.table_schema import locator_pattern

QUOTED = re.compile(r"[\"“]([^\"“”]+)[\"”]")
UNCITED = {"sources", "claims", "withdrawn"}  # the citations, the provenance itself, and the register of ids that left
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
    """Claims point at existing records, derive their ids, quote their source at a named position
    (verbatim in the primary texts when given), and say how an inferred value was worked out."""
    claims, sources = ctx.table("claims"), ctx.table("sources")
    if claims is None or sources is None:
        return []
    texts, out = primary_texts(ctx)
    res, rid, prop, value, src = (claims.column(c) for c in ("resource", "record_id", "property", "value", "source_id"))
    out += _record_problems(ctx, claims, res, rid)
    out += _claim_id_problems(claims, res, rid, prop, value, src)
    out += _quote_problems(claims, src, texts)
    out += _locator_problems(claims)
    out += _basis_problems(claims)
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
    """Each claim_id is derived from the claim's content (model.claim_identity)."""
    joined = pc.cast(pc.binary_join_element_wise(res, rid, prop, value, src, "\x1f"), pa.binary())
    digests = pa.array([hashlib.sha256(b).hexdigest()[:8] for b in joined.to_pylist()], pa.string())
    expected = pc.binary_join_element_wise("clm", rid, pc.replace_substring(prop, "_", "-"), digests, "-")
    differs = pc.not_equal(claims.column("claim_id"), expected)
    if not any_true(differs):
        return []
    return [Problem(claims.file, line, "claim_id", found, f"{wanted} (derived from its content; run scripts/claim_ids.py --write)")
            for line, found, wanted in zip(row_numbers(differs), pc.filter(claims.column("claim_id"), differs).to_pylist(),
                                           pc.filter(expected, differs).to_pylist())]


def locator_grammar(claims: Table) -> tuple[re.Pattern, str, str]:
    """From the claims schema: the locator pattern (a position, then optionally ': ' and a note), the
    positions in words, and the marker of a claim no copy at hand lets anyone quote."""
    field = next(f for f in claims.schema["fields"] if f["name"] == "locator")
    return re.compile(locator_pattern(field)), ", ".join(field["x-positions"]), field["x-unquoted"]


def _quote_problems(claims: Table, src, texts: dict[str, str]) -> list[Problem]:
    """Every claim quotes its source (unless its locator says no copy at hand holds the words), and a
    quote from a primary document stands verbatim in its text (when the texts are given)."""
    out = []
    quote, locator = claims.column("quote"), claims.column("locator")
    _, _, unquoted = locator_grammar(claims)
    marked = pc.starts_with(locator, unquoted)
    quoted = pc.not_equal(quote, "")
    missing = pc.and_(pc.invert(quoted), pc.invert(marked))
    out += [Problem(claims.file, line, "quote", "",
                    f"the words of {s} that state the value, verbatim (a sentence at most), "
                    f"or a locator starting '{unquoted}: ' that says why no copy at hand holds them")
            for line, s in zip(row_numbers(missing), pc.filter(src, missing).to_pylist())]
    both = pc.and_(quoted, marked)
    out += [Problem(claims.file, line, "locator", loc, f"a position (the claim has a quote), not '{unquoted}'")
            for line, loc in zip(row_numbers(both), pc.filter(locator, both).to_pylist())]
    if texts:
        to_compare = pc.and_(quoted, pc.is_in(src, value_set=pa.array(list(texts), pa.string())))
        for line, q, s in zip(row_numbers(to_compare), pc.filter(quote, to_compare).to_pylist(), pc.filter(src, to_compare).to_pylist()):
            if not stands_in(texts[s], q):
                out.append(Problem(claims.file, line, "quote", q, f"words that stand verbatim in {s} (parts joined by […] in order, in one paragraph)"))
    return out


def _locator_problems(claims: Table) -> list[Problem]:
    """Every locator starts with a position from the claims schema's vocabulary."""
    grammar, positions, unquoted = locator_grammar(claims)
    locator = claims.column("locator")
    bad = {v for v in pc.unique(locator).to_pylist() if not grammar.match(v)}
    if not bad:
        return []
    mask = pc.is_in(locator, value_set=pa.array(sorted(bad), pa.string()))
    return [Problem(claims.file, line, "locator", found,
                    f"a position first ({positions}; or {unquoted}), then optionally ': ' and a short note")
            for line, found in zip(row_numbers(mask), pc.filter(locator, mask).to_pylist())]


def _basis_problems(claims: Table) -> list[Problem]:
    """An inferred claim says how the value follows from its quote; a stated one needs no such note."""
    basis, inference = claims.column("basis"), claims.column("inference")
    out = []
    unexplained = pc.and_(pc.equal(basis, "inferred"), pc.equal(inference, ""))
    out += [Problem(claims.file, line, "inference", "",
                    "how the value follows from the quote (e.g. dateline Tuesday 8 October 2024; 'on Monday'), since basis is inferred")
            for line in row_numbers(unexplained)]
    explained = pc.and_(pc.equal(basis, "stated"), pc.not_equal(inference, ""))
    out += [Problem(claims.file, line, "inference", found, "empty, since basis is stated (or basis inferred)")
            for line, found in zip(row_numbers(explained), pc.filter(inference, explained).to_pylist())]
    return out


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
    """Words in quotation marks in any text cell, and in the prose of README.md and CURATION.md, stand verbatim
    in a source: in a primary document or in a claim's quote (checked when the primary texts are given)."""
    texts, _ = primary_texts(ctx)
    if not texts:
        return []
    claims = ctx.table("claims")
    quotes = claims.texts("quote") if claims is not None and "quote" in claims.header else []
    corpus = "\n".join(list(texts.values()) + [part for q in quotes for part in quote_parts(q)])
    out = []
    for t in ctx.readable():
        structured = {f["name"] for f in t.schema["fields"] if f.get("type") == "object"}  # JSON: its quotation marks are syntax
        for name in t.header:
            if name == "quote" or name in structured:
                continue
            column = t.column(name)
            marked = pc.or_(pc.match_substring(column, '"'), pc.match_substring(column, "“"))
            for line, cell in zip(row_numbers(marked), pc.filter(column, marked).to_pylist()):
                out += [Problem(t.file, line, name, quoted,
                                "quotation marks only around words that stand verbatim in a source (a primary document or a claim's quote)")
                        for _, quoted in _unverbatim(cell, corpus)]
    for doc in PROSE_DOCUMENTS:
        path = ctx.pkg_dir / doc
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        prose = CODE_IN_MARKDOWN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)  # code blanked, lines kept
        out += [Problem(doc, prose.count("\n", 0, at) + 1, "", quoted,
                        "quotation marks only around words that stand verbatim in a source (a primary document or a claim's quote; or put them in code)")
                for at, quoted in _unverbatim(prose, corpus)]
    return out
