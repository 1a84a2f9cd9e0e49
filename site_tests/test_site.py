"""The landing page in a real browser (Debian's chromium through Playwright), over a loopback HTTP
server and from file://: every event is there, evidence opens on a click, the Dataset markup is
complete, nothing is requested from anywhere, and it is usable with a keyboard and on a phone."""
from __future__ import annotations

import csv
import json

import pytest

from conftest import BASE_URL, ROOT, SCREENSHOTS, TEST_DOI
from event_timeline.model.event_tree import in_focus


def archive_name():
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    return f"{descriptor['name']}-{descriptor['version']}.zip"


def rows(name):
    with open(ROOT / "data" / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_page_loads_nothing_but_itself_and_logs_no_error(opened, page_url):
    page, requests, errors = opened
    assert requests == [page_url]
    assert errors == []


def test_every_event_is_on_the_timeline_under_its_parent_with_honest_dates(opened):
    """Every event a timeline shows (of the series, the 43rd and its neighbours; the rest under Series)."""
    page, _, _ = opened
    events = in_focus(rows("events"))
    assert not page.locator("#timeline-list [data-event-id='evt-17th-aseanapol-conference']").count()
    for e in events:
        item = page.locator(f"#timeline-list [data-event-id='{e['event_id']}']")
        assert item.count() == 1 and item.is_visible(), e["event_id"]
        if e["parent_event_id"]:
            parent_li = page.locator(f"#timeline-list li:has(> [data-event-id='{e['parent_event_id']}'])")
            assert parent_li.locator(f"ol [data-event-id='{e['event_id']}']").count() == 1
    plenary = page.locator("#timeline-list [data-event-id='evt-first-plenary']")
    assert "approx" in plenary.get_attribute("class") and "November 2025 (day not reported; month and year inferred)" in plenary.inner_text()
    assert "4 November 2025, 09:00 (year inferred)" in page.locator("[data-event-id='evt-opening-ceremony']").inner_text()
    assert "2026 (month not reported)" in page.locator("[data-event-id='evt-44th-aseanapol-conference']").inner_text()


def test_parts_known_only_to_the_month_are_grouped_after_the_dated_parts(opened):
    """The conference's parts: those dated to the day in order, then one group of those known only to November 2025."""
    page, _, _ = opened
    events = {e["event_id"]: e for e in rows("events")}
    conference = "evt-43rd-aseanapol-conference"
    parts = page.locator(f"#timeline-list li:has(> [data-event-id='{conference}']) > ol > li")
    texts = parts.evaluate_all("items => items.map(li => li.classList.contains('period') ? 'group:' + li.querySelector('.period-head').textContent"
                               " : li.querySelector(':scope > .event').dataset.eventId)")
    dated = [t for t in texts if not t.startswith("group:")]
    assert texts[-1] == "group:November 2025: day not reported" and texts.count("group:November 2025: day not reported") == 1
    assert [events[d]["start"] for d in dated] == sorted(events[d]["start"] for d in dated)
    month_only = {i for i, e in events.items() if e["parent_event_id"] == conference and e["start"] == "2025-11"}
    grouped = parts.last.locator(":scope > ol > li > .event").evaluate_all("ds => ds.map(d => d.dataset.eventId)")
    assert set(grouped) == month_only and month_only


def test_an_inference_links_to_the_claims_it_rests_on_and_sources_say_when_they_were_checked(opened):
    """The Vietnamese report's end date (day and month printed, no year) rests on the claim that gives the year:
    its link opens that claim's evidence at that claim; each source says the day its words were checked."""
    page, _, _ = opened
    claims = {c["claim_id"]: c for c in rows("claims")}
    inferred = next(c for c in claims.values() if c["record_id"] == "evt-43rd-aseanapol-conference" and c["property"] == "end"
                    and c["premises"].startswith("clm-"))
    premise = claims[inferred["premises"].split()[0]]
    page.click("#table-events tr[data-id='evt-43rd-aseanapol-conference'] td button.claimed >> text=7 November 2025")
    item = page.locator(f"#evidence li.source[data-claim='{inferred['claim_id']}']")
    item.locator("xpath=ancestor::details").evaluate_all("ds => ds.forEach(d => d.open = true)")
    assert "Rests on:" in item.inner_text()
    assert "Words checked on 6 December 2026" in item.inner_text()
    item.locator(f"a.premise[data-premise='{premise['claim_id']}']").click()
    target = page.locator(f"#evidence li.source.focus[data-claim='{premise['claim_id']}']")
    assert target.count() == 1 and target.is_visible()
    assert page.locator("#evidence").is_visible()


def test_the_series_section_lists_every_conference_in_order_with_the_numbers_missing(opened):
    """One table per series, by number; a value opens its versions (the first conference's year: 1981
    preferred, 1987 deprecated); the numbers no source places are said under it."""
    page, _, _ = opened
    series = [e for e in rows("events") if e["series_id"]]
    view = page.locator("#series-views #table-ser-aseanapol-conference")
    order = view.locator("tbody tr").evaluate_all("rows => rows.map(r => r.dataset.id)")
    assert order == [e["event_id"] for e in sorted(series, key=lambda e: int(e["series_ordinal"]))]
    held = {int(e["series_ordinal"]) for e in series}
    missing = [n for n in range(1, max(held) + 1) if n not in held]
    assert f"{len(series)} placed by the sources" in view.inner_text() and str(missing[0]) in view.locator(".note").inner_text()
    view.locator("th[data-column=series_ordinal] button").click()  # the other way: the newest first
    assert view.locator("tbody tr").first.get_attribute("data-id") == "evt-44th-aseanapol-conference"
    page.select_option("#facet-ser-aseanapol-conference", "TH")
    shown = view.locator("tbody tr:not([hidden])").evaluate_all("rows => rows.map(r => r.dataset.id)")
    assert set(shown) == {e["event_id"] for e in series if e["country"] == "TH"}
    page.select_option("#facet-ser-aseanapol-conference", "")
    page.click("#series-views tr[data-id='evt-1st-aseanapol-conference'] td button.claimed >> text=21 October 1981")
    versions = page.locator("#evidence section[data-property=start] .version")
    assert versions.first.get_attribute("data-rank") == "preferred"
    assert page.locator("#evidence .version[data-rank=deprecated][data-value='1987-10-21']").count() == 1


def test_an_old_id_is_looked_up_in_the_register_of_withdrawn_ids(opened):
    page, _, _ = opened
    withdrawn = {r["id"]: r for r in rows("withdrawn")}
    theme = withdrawn["thm-crime-prevention"]
    page.fill("#old-id", "thm-crime-prevention")
    answer = page.locator("#old-id-answer").inner_text()
    assert answer.startswith(f"Withdrawn in {theme['withdrawn_in']} (last in {theme['last_release']}), from themes:") and theme["reason"] in answer
    page.fill("#old-id", "evt-43rd-aseanapol-conference")
    assert page.locator("#old-id-answer").inner_text() == "In this version."
    page.fill("#old-id", "evt-no-such-event")
    assert page.locator("#old-id-answer").inner_text().startswith("Not an id of this package")


def test_a_contested_value_shows_every_version_with_its_rank(opened):
    page, _, _ = opened
    page.click("#table-organizations tr[data-id='org-royal-thai-police'] .evidence-button")
    dialog = page.locator("#evidence")
    assert dialog.is_visible()
    head = dialog.locator("section[data-property=head] .version")
    assert head.count() == 2 and head.first.get_attribute("data-rank") == "preferred"  # the held value first
    preferred = dialog.locator(".version[data-rank=preferred]", has_text="Kitrat Phanphet")
    deprecated = dialog.locator(".version[data-rank=deprecated]", has_text="Torsak Sukvimol")
    assert preferred.count() == 1 and deprecated.count() == 1
    assert "out of date" in deprecated.first.inner_text()  # the rank reason
    assert deprecated.first.locator("blockquote").inner_text()  # the source's own words
    page.keyboard.press("Escape")
    assert not dialog.is_visible()


def test_a_value_in_a_table_opens_its_own_versions(opened):
    page, _, _ = opened
    page.click("#table-events tr[data-id='evt-courtesy-call-government-house'] td button.claimed >> text=Purple Room")
    dialog = page.locator("#evidence")
    assert dialog.locator("#evidence-h").inner_text().endswith(": Venue")  # the schema's title
    assert dialog.locator(".version[data-rank=preferred]").count() == 1 and dialog.locator(".version[data-rank=normal]").count() == 1
    preferred = dialog.locator(".version[data-rank=preferred]")
    assert preferred.locator("blockquote").first.get_attribute("lang") == "th"  # the source's own words, in its language
    link = preferred.locator("a.evidence-link").first
    assert link.inner_text() == "Open the source at these words"
    assert link.get_attribute("href").startswith("https://mgronline.com/politics/detail/9680000105721#:~:text=")


def test_the_evidence_dialog_groups_claims_by_value_and_stays_short(opened):
    """The conference's end: its held value first with its sources (three shown, the rest on request),
    then the other version with its own."""
    page, _, _ = opened
    page.click("#table-events tr[data-id='evt-43rd-aseanapol-conference'] td button.claimed >> text=7 November 2025")
    versions = page.locator("#evidence section[data-property=end] .version")
    assert versions.count() == 2
    assert versions.nth(0).get_attribute("data-value") == "2025-11-07" and versions.nth(0).get_attribute("data-rank") == "preferred"
    assert versions.nth(1).get_attribute("data-value") == "2025-11-06"
    claims = [r for r in rows("claims") if (r["record_id"], r["property"]) == ("evt-43rd-aseanapol-conference", "end")]
    held = [c for c in claims if c["value"] == "2025-11-07"]
    first = versions.nth(0)
    assert first.locator(":scope > ul.sources > li").count() == 3
    assert first.locator("details summary").inner_text() == f"{len(held) - 3} more sources"
    assert first.locator("li.source").count() == len(held)
    assert page.locator("#evidence li.source").count() == len(claims)


LONG_PAGE = """<!DOCTYPE html><html lang="{lang}"><meta charset="utf-8"><title>Long test page</title><body>
{filler}<p id="target">{before} {words} {after}</p>{filler}</body></html>"""


@pytest.mark.parametrize("lang,words,before,after", [
    ("en", "held on 6 November, reviewed the outcomes of the Commission meetings and finalised the Joint Communiqué",
     "The second plenary session,", "which was signed by the heads of delegation."),
    ("th", "ณ ห้องแกรนด์บอลรูม โรงแรมแกรนด์ไฮแอท เอราวัณ กรุงเทพมหานคร", "วันนี้ (4 พ.ย.) เวลา 09.00 น.", "โดยมี พล.ต.อ."),
    ("en", "These included Australia, China, Japan, New Zealand and Fiji", "Partners attended.", "All signed."),
])
def test_an_evidence_link_opens_a_long_page_at_the_quoted_words(browser, tmp_path, lang, words, before, after):
    """A text fragment made by the package's encoder scrolls a long page to the quoted words (Chromium); a quote
    that joins words apart with ' […] ' becomes a start,end fragment and lands there too."""
    from event_timeline.exports.text_fragment import evidence_url
    quote = "These included […] Fiji" if words.startswith("These included") else words
    filler = "".join(f"<p>Paragraph {i} of text that is not the quote.</p>" for i in range(400))
    (tmp_path / "long.html").write_text(LONG_PAGE.format(lang=lang, filler=filler, before=before, words=words, after=after), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    url = evidence_url((tmp_path / "long.html").as_uri(), quote)
    assert quote == words or "," in url.split("#:~:text=")[1]  # the elided quote: a start,end fragment
    page.goto(url)
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


def platform_fonts(page, selector: str) -> list[tuple[str, set[str]]]:
    """(text, the fonts Chromium drew its glyphs with) for each element the selector finds, from the
    DevTools protocol (CSS.getPlatformFontsForNode): a glyph missing from the page's fonts is drawn with
    another one, so a box in place of a name shows here as a font the page does not ask for."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    out = []
    for i, node in enumerate(cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]):
        page.locator(selector).nth(i).scroll_into_view_if_needed()  # the fonts are those of text drawn on screen
        page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        text = cdp.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
        out.append((text, {f["familyName"] for f in fonts if f["glyphCount"]}))
    cdp.detach()
    return out


SCRIPT_FONTS = {"th": "Noto Sans Thai", "ko": "Noto Sans CJK KR", "zh-Hant-HK": "Noto Sans CJK TC"}  # the first of each :lang() stack


def test_names_in_every_script_are_drawn_with_a_real_font(opened):
    """Every name in its own script (each lang the data holds) is drawn entirely with the font its
    language asks for; Latin with diacritics (a Vietnamese quote) with Noto Sans."""
    page, _, _ = opened
    langs = {r["name_native_language"] for r in rows("people") if r["name_native_language"]}
    assert langs == set(SCRIPT_FONTS)
    for lang in sorted(langs):
        drawn = platform_fonts(page, f"#table-people td[lang='{lang}'] .nw")
        assert drawn, lang
        for text, fonts in drawn:
            assert fonts == {SCRIPT_FONTS[lang]}, (text, fonts)
    page.click("#table-events tr[data-id='evt-43rd-aseanapol-conference'] td button.claimed >> text=7 November 2025")
    page.evaluate("document.querySelectorAll('#evidence details').forEach(d => d.open = true)")  # the sources on request too
    drawn = platform_fonts(page, "#evidence blockquote[lang=vi]")
    assert drawn and all(fonts == {"Noto Sans"} for _, fonts in drawn), drawn


def test_headers_and_values_are_the_schemas_titles_and_labels(opened):
    import json as json_module
    page, _, _ = opened
    schema = json_module.loads((ROOT / "schemas" / "events.schema.json").read_text(encoding="utf-8"))
    titles = {f["name"]: f["title"] for f in schema["fields"]}
    headers = page.locator("#table-events thead th[data-column]").all_inner_texts()
    assert [h.rstrip(" ↕↑↓\u00a0") for h in headers] == [titles[c] for c in
                                                        ("name", "event_type", "status", "start", "end", "start_time", "venue", "city", "country")]
    row = page.locator("#table-events tr[data-id='evt-bilateral-polri-new-zealand-police']")
    assert "Bilateral meeting" in row.inner_text() and "bilateral-meeting" not in row.inner_text()
    assert "November 2025 (day not reported)" in row.inner_text()


def test_tables_sort_by_any_column_dates_by_the_days_they_can_mean(opened):
    page, _, _ = opened
    ids = lambda name: page.locator(f"#table-{name} tbody tr").evaluate_all("rows => rows.map(r => r.dataset.id)")
    events = {r["event_id"]: r for r in rows("events")}
    order = ids("events")  # by default, by date: a month-only part sorts at the start of its month
    firsts = [events[i]["start"] for i in order]
    assert order[0] == "evt-1st-aseanapol-conference" and firsts.index("2025-11") < firsts.index("2025-11-02")
    assert firsts.index("2025-11-03") < firsts.index("2025-11-04") < firsts.index("2026")
    assert ids("people") == [r["person_id"] for r in sorted(rows("people"), key=lambda r: r["name"].lower())]
    page.click("#table-people th[data-column=name] button")  # the same column again: the other way
    assert ids("people")[0] == max(rows("people"), key=lambda r: r["name"].lower())["person_id"]
    assert page.locator("#table-people th[data-column=name]").get_attribute("aria-sort") == "descending"
    page.click("#table-events th[data-column=country] button")
    countries = [events[i]["country"] for i in ids("events")]
    assert countries == sorted(countries, key=lambda c: (c == "", c))  # empty cells last
    page.select_option("#sort-events", "end")
    ends = [events[i]["end"] for i in ids("events")]
    assert ends.index("2024-10-24") < ends.index("2025-11") < ends.index("2025-11-07")


def test_on_a_phone_rows_are_cards_that_need_no_sideways_scrolling(browser, server):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(server)
    page.wait_for_selector("body[data-ready=true]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    wider = page.evaluate("""(() => {
        const hidden = (e) => { for (let a = e; a; a = a.parentElement) { const st = getComputedStyle(a);
            if (st.display === 'none' || (st.clip && st.clip !== 'auto')) return true; } return false; };  // clipped: for screen readers only
        return [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 390.5 && !hidden(e))
            .map(e => e.tagName + '.' + e.className).slice(0, 5); })()""")
    assert wider == []
    scrolling = page.evaluate("[...document.querySelectorAll('.scroll')].filter(e => e.scrollWidth > e.clientWidth + 1).length")
    assert scrolling == 0
    assert page.evaluate("[...document.querySelectorAll('.table-view td.empty')].every(td => getComputedStyle(td).display === 'none')")
    assert page.locator("#table-people thead").evaluate("el => el.getBoundingClientRect().height") <= 1  # cards, not columns
    broken = page.evaluate("[...document.querySelectorAll('.nw')].filter(e => e.getClientRects().length > 1).map(e => e.textContent)")
    assert broken == []  # no name breaks inside a word
    page.close()


def test_dataset_markup_is_complete_and_invents_no_address(opened):
    page, _, _ = opened
    data = json.loads(page.locator("script[type='application/ld+json']").text_content())
    for key in ("name", "description", "license", "version", "creator", "keywords", "temporalCoverage",
                "spatialCoverage", "distribution", "citation"):
        assert data.get(key), key
    assert data["@type"] == "Dataset" and "url" not in data and "identifier" not in data
    version = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert all(d["@type"] == "DataDownload" and d["contentUrl"].startswith(f"{version}/") and d["encodingFormat"]
               for d in data["distribution"])
    assert {d["name"] for d in data["distribution"]} >= {"data/events.csv", f"{archive_name()}.sha256.txt"}
    assert all(c["@type"] == "CreativeWork" and c["url"].startswith("http") for c in data["citation"])  # works it cites


def test_an_addressed_site_gives_its_address_once_and_absolute_downloads(browser, addressed_site):
    page = browser.new_page()
    page.goto((addressed_site / "index.html").as_uri())
    data = json.loads(page.locator("script[type='application/ld+json']").text_content())
    version = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert data["url"] == BASE_URL and data["identifier"] == f"https://doi.org/{TEST_DOI}"
    assert all(d["contentUrl"].startswith(f"{BASE_URL}{version}/") for d in data["distribution"])
    assert page.locator(".draft").count() == 0
    assert f"https://doi.org/{TEST_DOI}" in page.locator("#citation-text").inner_text()
    page.close()


def test_downloads_list_sizes_and_checksums_of_files_beside_the_page(opened, site):
    page, _, _ = opened
    links = page.locator("#download-rows tr")
    assert links.count() > 20
    import hashlib
    for i in range(links.count()):
        href = links.nth(i).locator("a").get_attribute("href")
        checksum = links.nth(i).locator("td.checksum").inner_text()
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
