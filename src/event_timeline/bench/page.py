"""How long the landing page takes to render in Chromium (a benchmark, not a test).

In: the built site (make site) and Debian's chromium (or $CHROMIUM); --runs N (default 9). Each run
opens the page from file:// in a new browser context and reads, from the page's own performance
timeline, when the page was ready (the app's `site-ready` mark: timeline, tables and downloads
built) and when the load event ended. Out: the page's weight, and the median with min-max of both
figures, in milliseconds since navigation start.
"""
from __future__ import annotations

import os
import shutil
import statistics
import sys
from pathlib import Path



def run(site: Path, runs: int = 9) -> int:
    """Time the page in site (index.html) over runs openings after a warm-up; print its weight and the
    figures; the exit status. What scripts/bench_site.py runs."""
    index = site / "index.html"
    if not index.is_file():
        print(f"bench_site: no {index}; run make site first", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    ready, loaded = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-background-networking"])
        for _ in range(runs + 1):  # the first run warms the browser and is not counted
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(index.as_uri(), wait_until="load")
            page.wait_for_selector("body[data-ready=true]")
            ready.append(page.evaluate("performance.getEntriesByName('site-ready')[0].startTime"))
            loaded.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            context.close()
        version = browser.version
        browser.close()
    ready, loaded = ready[1:], loaded[1:]

    def spread(values: list[float]) -> str:
        return f"{statistics.median(values):.0f} ms ({min(values):.0f}-{max(values):.0f})"
    print(f"page: {index} ({index.stat().st_size:,} bytes); Chromium {version}; {runs} runs")
    print(f"ready (timeline, tables and downloads built): {spread(ready)}")
    print(f"load event end: {spread(loaded)}")
    return 0
