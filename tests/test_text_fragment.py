"""Evidence links: URL text fragments as the URL Fragment Text Directives spec writes them, in every
script the sources use, and the same link in every export."""
from __future__ import annotations

import csv
import json
import sqlite3
from urllib.parse import unquote

import pytest

from event_timeline.exports import sqlite as export_sqlite
from event_timeline.exports.evidence import evidence_urls
from conftest import ROOT
from event_timeline.exports.text_fragment import encoded_term, evidence_url, text_directive

# The characters the spec's grammar lets stand as they are, besides ASCII letters and digits.
EXPLICIT = set("!$'()*+./:;=?@_~")


def terms(url: str) -> list[str]:
    """The decoded terms of the text directive of a URL."""
    directive = url.split("#", 1)[1].split(":~:", 1)[1]
    assert directive.startswith("text=")
    return [unquote(t) for t in directive[len("text="):].split(",")]


@pytest.mark.parametrize("passage", [
    "Myanmar Police Chief Lt-Gen Win Zaw Moe",                       # '-' separates prefix and suffix in the grammar
    "Interpol, ASEANAPOL & UNODC",                                   # ',' separates terms, '&' directives
    "วันนี้ (4 พ.ย.) เวลา 09.00 น.",                                     # Thai
    "경찰은 11일 서울 서대문구 경찰청에서",                                  # Korean
    "警務處代表首出席東盟警察首長會議",                                       # Chinese (no spaces)
    "Il meeting proseguirà fino al 24 ottobre",                       # Latin with a diacritic
    "100% “quoted” words?#",                                         # '%', typographic quotes, '?' and '#'
])
def test_a_term_is_percent_encoded_so_that_it_decodes_to_the_words(passage):
    term = encoded_term(passage)
    assert all(ch.isascii() and (ch.isalnum() or ch in EXPLICIT or ch == "%") for ch in term), term
    assert "-" not in term and "," not in term and "&" not in term and " " not in term and "#" not in term
    assert unquote(term) == passage


def test_the_spec_special_characters_are_escaped_as_the_spec_shows():
    assert encoded_term("Lt-Gen") == "Lt%2DGen"
    assert encoded_term("a, b & c") == "a%2C%20b%20%26%20c"


def test_a_short_passage_is_one_term_and_a_long_one_its_first_and_last_words():
    assert text_directive("the Grand Ballroom") == "text=the%20Grand%20Ballroom"
    long = "The second plenary session, held on 6 November, reviewed the outcomes of the Commission meetings"
    assert terms("https://x.org/a#:~:" + text_directive(long)) == ["The second plenary session,", "of the Commission meetings"]


def test_a_link_keeps_the_address_and_an_existing_fragment_and_needs_a_quote():
    assert evidence_url("https://x.org/a", "the words") == "https://x.org/a#:~:text=the%20words"
    assert evidence_url("https://x.org/a#top", "the words") == "https://x.org/a#top:~:text=the%20words"
    assert evidence_url("https://x.org/a", "") == "https://x.org/a"
    assert evidence_url("https://x.org/a", "  spaced \n  words ") == "https://x.org/a#:~:text=spaced%20words"


def rows(name):
    with open(ROOT / "data" / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_quoted_claim_links_to_its_source_at_its_words_in_the_sqlite_edition():
    claims, sources = rows("claims"), rows("sources")
    expected = evidence_urls(claims, sources)
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    con = sqlite3.connect(f"file:{ROOT / export_sqlite.database_path(descriptor)}?mode=ro", uri=True)
    stored = dict(con.execute("SELECT claim_id, evidence_url FROM claims_with_evidence"))
    assert stored == expected and len(stored) == len(claims)
    address = {s["source_id"]: s["url"] for s in sources}
    for c in claims:
        url = stored[c["claim_id"]]
        assert url.startswith(address[c["source_id"]])
        if c["quote"]:
            first, *rest = terms(url)
            words = " ".join(c["quote"].split())
            assert words.startswith(first) and words.endswith(rest[-1] if rest else first), c["claim_id"]
        else:
            assert url == address[c["source_id"]]


def test_the_workbook_links_each_claim_to_the_same_address():
    from openpyxl import load_workbook
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    book = load_workbook(ROOT / "data" / "exports" / f"{descriptor['name']}.xlsx")
    sheet = book["claims"]
    header = [c.value for c in sheet[1]]
    column = header.index("evidence_url") + 1
    def address(link):  # the workbook keeps what follows '#' as the link's location
        return link.target + (f"#{link.location}" if link.location else "")
    links = {sheet.cell(r, 1).value: address(sheet.cell(r, column).hyperlink) for r in range(2, sheet.max_row + 1)}
    assert links == evidence_urls(rows("claims"), rows("sources"))
