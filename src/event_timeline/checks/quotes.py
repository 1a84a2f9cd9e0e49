"""Checks of the quotations themselves: each in its source's language and script, at the position its
locator names, and, together, a proportionate share of their source.

In: a Context (checks.context) with claims (quote, locator, value, value_language, source_id) and sources
(language); the primary texts when their folder is given (checks.provenance.primary_texts). Out: Problems
with file, row, field, value and what was expected:
- a quote with no letter in the script of its source's language (a Thai quote on an English page, a Latin
  one on a Korean page); a value whose value_language names a script it is not written in (the script of
  a language tag comes from the IANA registry's likely subtags, through langcodes);
- for a primary text: a quote not in the block its locator names (blocks are the text's lines: the
  headline and the standfirst first, when claims name them, then the paragraphs, list items not counted);
- for a primary text: quotes that together cover more than MAX_SHARE of its text.
"""
from __future__ import annotations

from functools import lru_cache

import langcodes
import regex

from event_timeline.checks.context import Context
from event_timeline.checks.provenance import primary_texts
from event_timeline.model.quotes import spans_in
from event_timeline.problems import Problem

MAX_SHARE = 0.25  # quotations serve verification: together at most a quarter of a source's text
# ISO 15924 codes that stand for several Unicode scripts (Korean is Hangul and Han; Japanese three scripts)
COMPOSITE = {"Kore": ("Hang", "Hani"), "Jpan": ("Hira", "Kana", "Hani"), "Hant": ("Hani",), "Hans": ("Hani",), "Hrkt": ("Hira", "Kana")}
SCRIPT_NAMES = {"Latn": "Latin", "Thai": "Thai", "Kore": "Korean (Hangul or Han)", "Hant": "Han (traditional)",
                "Hans": "Han (simplified)", "Jpan": "Japanese", "Mymr": "Myanmar", "Khmr": "Khmer", "Laoo": "Lao", "Cyrl": "Cyrillic"}
FRONT = ("headline", "standfirst")  # positions that come before the paragraphs, in this order


@lru_cache(maxsize=None)
def script_of(tag: str) -> str:
    """The ISO 15924 script a language tag is written in ('Thai' for th, 'Kore' for ko, 'Hant' for zh-Hant-HK); ''
    for a tag the registry does not know (checks.values says so) or a script no letter can be matched against."""
    if not langcodes.tag_is_valid(tag):
        return ""
    script = langcodes.Language.get(tag).maximize().script or ""
    return script if script and _pattern(script) is not None else ""


@lru_cache(maxsize=None)
def _pattern(script: str):
    try:
        return regex.compile("|".join(rf"\p{{Script={s}}}" for s in COMPOSITE.get(script, (script,))))
    except regex.error:
        return None


def written_in(text: str, script: str) -> bool:
    """True when the text has at least one letter of the script."""
    return bool(_pattern(script).search(text))


def script_words(script: str) -> str:
    return SCRIPT_NAMES.get(script, script)


def check_scripts(ctx: Context) -> list[Problem]:
    claims, sources = ctx.table("claims"), ctx.table("sources")
    if claims is None or sources is None or "language" not in sources.header:
        return []
    language = dict(zip(sources.texts("source_id"), sources.texts("language")))
    out = []
    rows = zip(claims.texts("source_id"), claims.texts("quote"), claims.texts("value"),
               claims.texts("value_language") if "value_language" in claims.header else [""] * claims.num_rows)
    for line, (source, quote, value, value_language) in enumerate(rows, start=2):
        tag = language.get(source, "")
        script = script_of(tag) if tag else ""
        if quote and script and not written_in(quote, script):
            out.append(Problem(claims.file, line, "quote", quote,
                               f"words in {script_words(script)} script, the script of {source}'s language ({tag}): the page's own words"))
        wanted = script_of(value_language) if value_language else ""
        if value and wanted and not written_in(value, wanted):
            out.append(Problem(claims.file, line, "value", value, f"a value written in {script_words(wanted)} script, as value_language {value_language} says"))
    return out


def blocks_of(text: str) -> list[tuple[int, str]]:
    """The text's blocks (its non-empty lines) with their offsets."""
    out, at = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((at, line))
        at += len(line) + 1
    return out


def _block_at(blocks: list[tuple[int, str]], offset: int) -> int:
    return max(i for i, (start, _) in enumerate(blocks) if start <= offset)


def positions(text: str, cited: list[tuple[str, str]]) -> dict[str, int]:
    """{position: block index} for a primary text, given its claims' (locator position, quote): the headline and the
    standfirst first (when claims name them), the blocks holding list items apart, the rest paragraphs 1, 2, ..."""
    blocks = blocks_of(text)
    named = {p for p, _ in cited}
    out, index = {}, 0
    for front in FRONT:
        if front in named and index < len(blocks):
            out[front] = index
            index += 1
    listed = {_block_at(blocks, spans[0][0]) for p, q in cited if p == "list" and q and (spans := spans_in(text, q))}
    n = 0
    for i in range(index, len(blocks)):
        if i not in listed:
            n += 1
            out[f"paragraph {n}"] = i
    return out


def check_primary_quotes(ctx: Context) -> list[Problem]:
    """Positions and proportion, for the sources whose full text is given."""
    claims, sources = ctx.table("claims"), ctx.table("sources")
    texts, _ = primary_texts(ctx)
    if claims is None or sources is None or not texts:
        return []
    out = []
    rows = list(enumerate(zip(claims.texts("source_id"), claims.texts("quote"), claims.texts("locator")), start=2))
    for source, text in texts.items():
        mine = [(line, quote, locator.split(": ", 1)[0]) for line, (s, quote, locator) in rows if s == source and quote]
        where = positions(text, [(p, q) for _, q, p in mine])
        blocks = blocks_of(text)
        for line, quote, position in mine:
            spans = spans_in(text, quote)
            if spans is None or position not in where and not position.startswith("paragraph ") and position not in FRONT:
                continue  # not in the text at all (check_claims says so), or a position not checked here (list, caption)
            actual = _block_at(blocks, spans[0][0])
            if where.get(position) != actual:
                held = next((p for p, i in where.items() if i == actual), "a list item")
                out.append(Problem(claims.file, line, "locator", position,
                                   f"the position of the quote in {source}: {held} (the block starting {blocks[actual][1][:40]!r})"))
        covered = [False] * len(text)
        for quote in {q for _, q, _ in mine}:
            for start, end in spans_in(text, quote) or []:
                covered[start:end] = [True] * (end - start)
        share = sum(covered) / len(text) if text else 0
        if share > MAX_SHARE:
            line = 2 + sources.texts("source_id").index(source)
            out.append(Problem(sources.file, line, "source_id", source,
                               f"quotes that together cover at most {MAX_SHARE:.0%} of its text (they cover {share:.0%}): shorten each "
                               "to the words that say its value"))
    return out
