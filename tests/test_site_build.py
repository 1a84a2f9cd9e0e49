"""The landing page as files (the browser tests are make test-site): honest date labels, one
self-contained page under the weight limit, downloads whose checksums match, no invented address."""
from __future__ import annotations

import hashlib
import json
import re

import pytest

from conftest import ROOT
from event_timeline.site import page as site_build
from event_timeline.site.data import when_label


@pytest.mark.parametrize("start,end,time,inferred,label", [
    ("2025-11-04", "2025-11-04", "09:00", False, "4 November 2025, 09:00"),
    ("2025-11-03", "2025-11-07", "", False, "3 November 2025 to 7 November 2025"),
    ("2025-11", "2025-11", "", False, "November 2025 (day not reported)"),
    ("2026", "2026", "", False, "2026 (month not reported)"),
    ("2025-11-10", "2025-11-10", "", True, "10 November 2025 (date inferred)"),
    ("2025-07-24", "", "", False, "24 July 2025 (no end reported)"),
])
def test_dates_are_labelled_as_precisely_as_they_are_known(start, end, time, inferred, label):
    assert when_label(start, end, time, inferred) == label


def test_the_page_is_one_self_contained_file_under_the_limit_with_checked_downloads(tmp_path):
    index, size = site_build.build_site(ROOT, tmp_path / "site", None)
    text = index.read_text(encoding="utf-8")
    assert size == len(text.encode("utf-8")) <= site_build.MAX_BYTES
    assert not re.search(r"<(script|img|iframe)[^>]+src=|<link[^>]+rel=\"stylesheet\"|@import|url\(http", text)
    jsonld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))
    assert "url" not in jsonld and "identifier" not in jsonld and "Draft release" in text
    for d in jsonld["distribution"]:
        assert hashlib.sha256((tmp_path / "site" / d["contentUrl"]).read_bytes()).hexdigest() == d["sha256"]
