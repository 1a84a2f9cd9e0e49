"""The README's promises: its Python snippets run, its set-up commands exist, its dictionary is generated."""
from __future__ import annotations

import contextlib
import io
import re

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SNIPPETS = re.findall(r"```python\n(.*?)```", README, flags=re.S)


@pytest.mark.parametrize("index", range(len(SNIPPETS)))
def test_readme_snippet_runs(index, monkeypatch):
    """Each snippet runs on its own (a fresh namespace), from the package folder, and prints something."""
    monkeypatch.chdir(ROOT)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(SNIPPETS[index], f"README.md snippet {index}", "exec"), {"__name__": "__main__"})
    assert printed.getvalue().strip()


def printed_by(snippet_start: str, monkeypatch) -> str:
    snippet = next(s for s in SNIPPETS if snippet_start in s)
    monkeypatch.chdir(ROOT)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(snippet, "README.md snippet", "exec"), {"__name__": "__main__"})
    return printed.getvalue()


def test_the_day_recipe_separates_events_dated_that_day_from_those_known_only_to_the_month(monkeypatch):
    dated, possible = printed_by('day = pd.Timestamp("2025-11-06")', monkeypatch).split("Known only to the month or year")
    assert "Second plenary session" in dated and "Closing ceremony" in dated and "Opening ceremony" not in dated
    assert "First plenary session" in possible and "Commission A meeting" in possible and "Second plenary" not in possible
    assert "43rd ASEANAPOL Conference" in dated  # 3-7 November, each day known


def test_the_timeline_recipe_reaches_every_depth(monkeypatch):
    printed = printed_by("parts = events[events.event_id.map(part_of)]", monkeypatch)
    assert "Commission A meeting" in printed and "Opening ceremony" in printed and "Seoul" not in printed


def test_the_series_recipes_find_the_neighbours_of_the_43rd_and_what_thailand_hosted(monkeypatch):
    neighbours = printed_by("this = series.index[", monkeypatch).splitlines()
    assert neighbours[2].split()[:2] == ["42", "evt-42nd-aseanapol-conference"]
    assert neighbours[3].split()[:2] == ["44", "evt-44th-aseanapol-conference"]
    hosted = printed_by('hosted = conferences[conferences.country == "TH"]', monkeypatch).splitlines()
    conferences, members = hosted[1:hosted.index(next(l for l in hosted if l.startswith("country")))], hosted
    assert [int(l.split()[0]) for l in conferences] == [24, 33, 43] and "Chiang Mai" in conferences[0]
    joined = {l.split()[0]: l.split()[1:] for l in members if l.split() and l.split()[0].isalpha() and len(l.split()[0]) == 2}
    assert joined["SG"] == ["1981-10-21", "true"] and joined["KH"] == ["2000", "false"] and len(joined) == 10


def test_readme_has_snippets_for_the_questions():
    assert len(SNIPPETS) >= 5


def test_readme_starts_with_the_two_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, flags=re.S).group(1)
    assert first_block.splitlines()[0].startswith("make ")
    assert first_block.splitlines()[1].startswith("make test")
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_testing_doc_lists_every_case_and_check():
    from conftest import run_script
    result = run_script("testing_doc.py", "--check")
    assert result.returncode == 0, result.stderr
