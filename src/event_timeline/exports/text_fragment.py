"""Evidence links: a source's address plus a URL text fragment that opens it at the quoted words.

In: a source URL and a claim's quote (verbatim words of that page). Out: the URL with
`#:~:text=...` appended, as the URL Fragment Text Directives spec (WICG) defines it: each term
percent-encoded, including the characters the directive's syntax uses (`-`, `&`, `,`); a passage of
more than LONG_WORDS words becomes `textStart,textEnd` (its first and last EDGE_WORDS words), so the
link stays short and still highlights the whole passage; a quote that leaves words out (`[…]`, model.quotes)
becomes `textStart,textEnd` from its first and last parts. Browsers that do not support text fragments
simply open the page. A claim without a quote links to the page itself.
"""
from __future__ import annotations

from urllib.parse import quote as percent_encode

from event_timeline.model.quotes import quote_parts

DIRECTIVE = ":~:"
LONG_WORDS = 10  # a passage longer than this (in words) is given by its start and end
EDGE_WORDS = 4   # words kept at each end of a long passage


def encoded_term(text: str) -> str:
    """One term of a text directive: every byte percent-encoded but ASCII letters, digits and `._~`;
    `-` too, since it marks a prefix or suffix in the directive."""
    return percent_encode(text, safe="").replace("-", "%2D")


def text_directive(passage: str) -> str:
    """`text=...` for a passage: the whole passage, or `start,end` when it is long or leaves words out
    (its first part to its last, each cut to EDGE_WORDS words at the outer ends when long). Whitespace
    runs count as one space, as browsers match rendered text."""
    parts = quote_parts(passage)
    if len(parts) > 1:
        first, last = parts[0].split(), parts[-1].split()
        start, end = " ".join(first[:EDGE_WORDS] if len(first) > LONG_WORDS else first), " ".join(last[-EDGE_WORDS:] if len(last) > LONG_WORDS else last)
        return f"text={encoded_term(start)},{encoded_term(end)}"
    words = passage.split()
    if len(words) > LONG_WORDS:
        start, end = " ".join(words[:EDGE_WORDS]), " ".join(words[-EDGE_WORDS:])
        return f"text={encoded_term(start)},{encoded_term(end)}"
    return f"text={encoded_term(' '.join(words))}"


def evidence_url(url: str, passage: str) -> str:
    """The source's URL opened at the passage; the URL alone when there is no passage. A URL that
    already has a fragment keeps it, and the directive follows it."""
    if not passage.strip():
        return url
    return f"{url}{'' if '#' in url else '#'}{DIRECTIVE}{text_directive(passage)}"
