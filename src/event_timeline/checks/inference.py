"""Checks that every inference names what it rests on: the words it quotes stand in its own quote or in
the quote of a claim it names, and what it names exists.

In: a Context (checks.context) whose claims have `inference` (how an inferred value follows, with the words
it rests on in single quotes) and `premises` (the claims, or a source's dateline, it rests on beyond its own
quote). Out: Problems with file, row, field, value and what was expected, one line each: words in single
quotes found neither in the claim's quote nor in a named claim's quote; a named claim that does not exist or
is deprecated; a named source without a publication date its page gives; premises on a stated claim.
"""
from __future__ import annotations

import re

from event_timeline.checks.context import Context
from event_timeline.model.quotes import quote_parts
from event_timeline.problems import Problem

# Words in single quotes: an opening ' not preceded by a letter (so "the page's" is no quotation), a closing '
# not followed by one; the quoted words themselves may hold apostrophes ("the bloc's").
QUOTED_WORDS = re.compile(r"(?<![\w’'])'(?=\S)(.+?)(?<=\S)'(?!\w)")
DATED = {"stated", "page-metadata"}  # publication dates a page gives (printed, or in its metadata)
BUDDHIST_ERA = 543  # Thai years: 2568 BE = 2025 CE


def quoted_words(inference: str) -> list[str]:
    """The words an inference puts in single quotes, in order."""
    return QUOTED_WORDS.findall(inference)


def check_premises(ctx: Context) -> list[Problem]:
    claims = ctx.table("claims")
    if claims is None or "premises" not in claims.header:
        return []
    sources = ctx.table("sources")
    dated = {}
    if sources is not None and {"published", "published_basis"} <= set(sources.header):
        dated = {sid: (published, basis) for sid, published, basis in
                 zip(sources.texts("source_id"), sources.texts("published"), sources.texts("published_basis"))}
    date_fields = {name: {f["name"] for f in t.schema["fields"] if f.get("x-check") == "partial-date"} for name, t in ctx.tables.items()}
    ids, quotes, ranks = claims.texts("claim_id"), claims.texts("quote"), claims.texts("rank")
    quote_of = dict(zip(ids, quotes))
    rank_of = dict(zip(ids, ranks))
    out = []
    rows = zip(ids, claims.texts("basis"), claims.texts("inference"), claims.texts("premises"), quotes,
               claims.texts("resource"), claims.texts("property"), claims.texts("value"))
    for line, (claim_id, basis, inference, premises, quote, resource, prop, value) in enumerate(rows, start=2):
        named = premises.split()
        if named and basis != "inferred":
            out.append(Problem(claims.file, line, "premises", premises, "empty, since basis is stated (a stated claim rests on its quote alone)"))
            continue
        texts, years = [quote], []
        for premise in named:
            if premise.startswith("src-"):
                published, how = dated.get(premise, ("", ""))
                if premise not in dated:
                    out.append(Problem(claims.file, line, "premises", premise, "a source of data/sources.csv (its dateline)"))
                elif not published or how not in DATED:
                    out.append(Problem(claims.file, line, "premises", premise,
                                       f"a source whose page gives its publication date (published_basis {' or '.join(sorted(DATED))}); "
                                       f"it has {published or 'none'} ({how})"))
                else:
                    years.append(published[:4])
            elif premise not in quote_of:
                out.append(Problem(claims.file, line, "premises", premise, "the id of a claim in data/claims.csv"))
            elif rank_of[premise] == "deprecated":
                out.append(Problem(claims.file, line, "premises", premise, "a claim that is not deprecated (a wrong version is no premise)"))
            else:
                texts.append(quote_of[premise])
        if basis != "inferred":
            continue
        if not quoted_words(inference):
            out.append(Problem(claims.file, line, "inference", inference, "the words it rests on, in single quotes (as the page prints them)"))
            continue
        parts = [part for text in texts for part in quote_parts(text)]
        missing = [w for w in quoted_words(inference) if not any(w in part for part in parts)]
        if prop in date_fields.get(resource, ()) and value[:4].isdigit():
            year = value[:4]
            given = year in years or any(form in text for text in texts for form in (year, str(int(year) + BUDDHIST_ERA)))
            if not given:
                out.append(Problem(claims.file, line, "premises", premises,
                                   f"what gives the year {year}: its quote does not, so name the claim whose quote does, or the "
                                   "source whose dateline does (src-…)"))
        if missing:
            where = "its quote or the quotes of the claims in premises" if len(texts) > 1 else "its quote (or name in premises the claims whose quotes hold them)"
            out += [Problem(claims.file, line, "inference", f"'{w}'", f"words that stand in {where}") for w in missing]
    return out
