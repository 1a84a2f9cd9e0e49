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


def test_readme_has_snippets_for_the_three_questions():
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
