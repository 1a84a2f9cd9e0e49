"""How a quote is written: the source's own words, verbatim, with words left out marked `[…]`.

In: a claim's quote. Out: its parts (the verbatim runs between the `[…]` marks), and where they stand in a
text: each part verbatim, in order, in one block (a paragraph: a line of the text), or None. Leaving words
out keeps a quotation proportionate (a long clause quoted by its start and its end) while every quoted word
still stands verbatim in the source; text-fragment links open the page from the first part to the last.
"""
from __future__ import annotations

ELISION = "[…]"  # words of the source left out; written with a space on each side


def quote_parts(quote: str) -> list[str]:
    """The verbatim runs of a quote ('A […] B' -> ['A', 'B']); the quote itself when nothing is left out."""
    if ELISION not in quote:
        return [quote]
    return [part.strip() for part in quote.split(ELISION)]


def spans_in(text: str, quote: str) -> list[tuple[int, int]] | None:
    """The (start, end) of each part of the quote in text: the first occurrence of the first part from which every
    other part follows, in order, before the end of that part's line; None when the quote does not stand so."""
    parts = quote_parts(quote)
    if any(not p for p in parts):
        return None
    at = text.find(parts[0])
    while at >= 0:
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        spans, cursor = [(at, at + len(parts[0]))], at + len(parts[0])
        for part in parts[1:]:
            found = text.find(part, cursor, line_end)
            if found < 0:
                break
            spans.append((found, found + len(part)))
            cursor = found + len(part)
        else:
            return spans
        at = text.find(parts[0], at + 1)
    return None


def stands_in(text: str, quote: str) -> bool:
    return spans_in(text, quote) is not None
