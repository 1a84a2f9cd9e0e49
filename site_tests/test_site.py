"""The landing page in a real browser (Debian's chromium through Playwright), over a loopback HTTP
server and from file://: every event is there, evidence opens on a click, the Dataset markup is
complete, nothing is requested from anywhere, and it is usable with a keyboard and on a phone."""
from __future__ import annotations

import csv
import json

import pytest

from conftest import BASE_URL, ROOT, SCREENSHOTS


def rows(name):
    with open(ROOT / "data" / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_page_loads_nothing_but_itself_and_logs_no_error(opened, page_url):
    page, requests, errors = opened
    assert requests == [page_url]
    assert errors == []


def test_every_event_is_on_the_timeline_under_its_parent_with_honest_dates(opened):
    page, _, _ = opened
    events = rows("events")
    for e in events:
        item = page.locator(f"#timeline-list [data-event-id='{e['event_id']}']")
        assert item.count() == 1 and item.is_visible(), e["event_id"]
        if e["parent_event_id"]:
            parent_li = page.locator(f"#timeline-list li:has(> [data-event-id='{e['parent_event_id']}'])")
            assert parent_li.locator(f"ol [data-event-id='{e['event_id']}']").count() == 1
    plenary = page.locator("#timeline-list [data-event-id='evt-first-plenary']")
    assert "approx" in plenary.get_attribute("class") and "November 2025 (day not reported; date inferred)" in plenary.inner_text()
    assert "2026 (month not reported)" in page.locator("[data-event-id='evt-44th-aseanapol-conference']").inner_text()


def test_a_contested_value_shows_every_version_with_its_rank(opened):
    page, _, _ = opened
    page.click("#table-organizations tr[data-id='org-royal-thai-police'] .evidence-button")
    dialog = page.locator("#evidence")
    assert dialog.is_visible()
    head = dialog.locator("h3:has-text('head') ~ .claim")
    preferred = dialog.locator(".claim[data-rank=preferred]", has_text="Kitrat Phanphet")
    deprecated = dialog.locator(".claim[data-rank=deprecated]", has_text="Torsak Sukvimol")
    assert head.count() >= 2 and preferred.count() >= 1 and deprecated.count() >= 1
    assert "out of date" in deprecated.first.inner_text()  # the rank reason
    assert deprecated.first.locator("blockquote").inner_text()  # the verbatim quote of the primary document
    page.keyboard.press("Escape")
    assert not dialog.is_visible()


def test_a_value_in_a_table_opens_its_own_versions(opened):
    page, _, _ = opened
    page.click("#table-events tr[data-id='evt-courtesy-call-government-house'] td button.claimed >> text=Purple Room")
    dialog = page.locator("#evidence")
    assert dialog.locator("#evidence-h").inner_text().endswith(": venue")
    assert dialog.locator(".claim[data-rank=preferred]").count() == 1 and dialog.locator(".claim[data-rank=normal]").count() == 1
    preferred = dialog.locator(".claim[data-rank=preferred]")
    assert preferred.locator("blockquote").get_attribute("lang") == "th"  # the source's own words, in its language
    link = preferred.locator("a.evidence-link")
    assert link.inner_text() == "Open the source at these words"
    assert link.get_attribute("href").startswith("https://mgronline.com/politics/detail/9680000105721#:~:text=")


LONG_PAGE = """<!DOCTYPE html><html lang="{lang}"><meta charset="utf-8"><title>Long test page</title><body>
{filler}<p id="target">{before} {words} {after}</p>{filler}</body></html>"""


@pytest.mark.parametrize("lang,words,before,after", [
    ("en", "held on 6 November, reviewed the outcomes of the Commission meetings and finalised the Joint Communiqué",
     "The second plenary session,", "which was signed by the heads of delegation."),
    ("th", "ณ ห้องแกรนด์บอลรูม โรงแรมแกรนด์ไฮแอท เอราวัณ กรุงเทพมหานคร", "วันนี้ (4 พ.ย.) เวลา 09.00 น.", "โดยมี พล.ต.อ."),
])
def test_an_evidence_link_opens_a_long_page_at_the_quoted_words(browser, tmp_path, lang, words, before, after):
    """A text fragment made by the package's encoder scrolls a long page to the quoted words (Chromium)."""
    from event_timeline.exports.text_fragment import evidence_url
    filler = "".join(f"<p>Paragraph {i} of text that is not the quote.</p>" for i in range(400))
    (tmp_path / "long.html").write_text(LONG_PAGE.format(lang=lang, filler=filler, before=before, words=words, after=after), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(evidence_url((tmp_path / "long.html").as_uri(), words))
    page.wait_for_function("document.getElementById('target').getBoundingClientRect().top < innerHeight", timeout=5000)
    top, height = page.evaluate("[document.getElementById('target').getBoundingClientRect().top, innerHeight]")
    assert 0 <= top < height  # the quoted paragraph, 400 paragraphs down, is on screen
    page.close()


def test_tables_filter_by_text_and_vocabulary(opened):
    page, _, _ = opened
    total = len(rows("events"))
    page.fill("#filter-events", "plenary")
    assert page.locator("#table-events tbody tr:visible").count() == sum("plenary" in json.dumps(r).lower() for r in rows("events"))
    page.fill("#filter-events", "")
    page.select_option("#facet-events", "meeting")
    assert page.locator("#table-events tbody tr:visible").count() == sum(r["event_type"] == "meeting" for r in rows("events"))
    page.select_option("#facet-events", "")
    assert page.locator("#table-events tbody tr:visible").count() == total


def test_names_in_their_own_script_carry_their_language_and_a_named_font(opened):
    page, _, _ = opened
    cell = page.locator("#table-people tr[data-id='per-kitrat-phanphet'] td[lang=th]")
    assert cell.inner_text() == "กิตติ์รัฐ พันธุ์เพ็ชร์"
    assert cell.evaluate("el => getComputedStyle(el).fontFamily").startswith('"Noto Sans Thai"')


def test_dataset_markup_is_complete_and_invents_no_address(opened):
    page, _, _ = opened
    data = json.loads(page.locator("script[type='application/ld+json']").text_content())
    for key in ("name", "description", "license", "version", "creator", "keywords", "temporalCoverage",
                "spatialCoverage", "distribution", "citation"):
        assert data.get(key), key
    assert data["@type"] == "Dataset" and "url" not in data and "identifier" not in data
    assert all(d["@type"] == "DataDownload" and d["contentUrl"].startswith("downloads/") and d["encodingFormat"]
               for d in data["distribution"])
    assert {d["name"] for d in data["distribution"]} >= {"data/events.csv", "SHA256SUMS"}


def test_an_addressed_site_gives_its_address_once_and_absolute_downloads(browser, addressed_site):
    page = browser.new_page()
    page.goto((addressed_site / "index.html").as_uri())
    data = json.loads(page.locator("script[type='application/ld+json']").text_content())
    assert data["url"] == data["identifier"] == BASE_URL
    assert all(d["contentUrl"].startswith(BASE_URL + "/downloads/") for d in data["distribution"])
    assert page.locator(".draft").count() == 0
    page.close()


def test_downloads_list_sizes_and_checksums_of_files_beside_the_page(opened, site):
    page, _, _ = opened
    links = page.locator("#download-rows tr")
    assert links.count() > 20
    import hashlib
    for i in range(links.count()):
        href = links.nth(i).locator("a").get_attribute("href")
        checksum = links.nth(i).locator("td").nth(3).inner_text()
        assert hashlib.sha256((site / href).read_bytes()).hexdigest() == checksum, href


def test_keyboard_reaches_the_controls_and_the_outline_is_sound(opened):
    page, _, _ = opened
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").count() == 1 and page.locator("h2").count() >= 5
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    for _ in range(8):
        page.keyboard.press("Tab")
    reached = page.evaluate("document.activeElement.tagName")
    assert reached in ("A", "BUTTON", "INPUT", "SELECT")
    button = page.locator("#timeline-list .evidence-button").first
    button.focus()
    page.keyboard.press("Enter")
    assert page.locator("#evidence").is_visible()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.classList.contains('evidence-button')")


def test_screenshots_at_desktop_and_phone_widths(browser, server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})):
        page = browser.new_page(viewport=viewport)
        page.goto(server)
        page.wait_for_selector("body[data-ready=true]")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]  # no sideways scrolling
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
        page.close()
    assert (SCREENSHOTS / "desktop.png").stat().st_size > 0 and (SCREENSHOTS / "phone.png").stat().st_size > 0
