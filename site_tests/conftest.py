"""Fixtures of the landing-page tests (make test-site): the page built into a temporary folder, a
loopback HTTP server over it, and Debian's chromium driven by Playwright (which cannot download its
own browsers here). The browser is told not to talk to anything on its own."""
from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


from event_timeline.release.addresses import addresses_for
from event_timeline.site import page as site_build

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"  # an empty CHROMIUM counts as unset
QUIET_BROWSER = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run",
                 "--disable-default-apps", "--disable-sync", "--metrics-recording-only", "--disable-domain-reliability"]
BASE_URL = "https://example.org/aseanapol-site-test/"  # test values: no real address is claimed
TEST_DOI = "10.5072/aseanapol-site-test"  # DataCite's test prefix
SCREENSHOTS = ROOT / "dist" / "site-screenshots"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    index, size = site_build.build_site(ROOT, out, addresses_for(ROOT))
    assert size <= site_build.MAX_BYTES
    return out


@pytest.fixture(scope="session")
def addressed_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-addressed")
    site_build.build_site(ROOT, out, addresses_for(ROOT, BASE_URL, "", TEST_DOI))
    return out


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="session")
def server(site):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/index.html"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    assert Path(CHROMIUM).exists(), f"no chromium at {CHROMIUM}: apt-get install chromium (or set CHROMIUM)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=QUIET_BROWSER)
        yield b
        b.close()


@pytest.fixture(params=["http", "file"])
def page_url(request, server, site) -> str:
    return server if request.param == "http" else (site / "index.html").as_uri()


@pytest.fixture
def opened(browser, page_url):
    """(page, requests made, console errors) after the page is ready."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_url)
    page.wait_for_selector("body[data-ready=true]")
    yield page, requests, errors
    page.close()
