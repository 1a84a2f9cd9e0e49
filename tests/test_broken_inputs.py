"""Every broken input in tests/data/cases makes scripts/validate.py exit 1 with its exact message.

Each case file says how to break the small valid package (edits; a file under "texts/" is one of
its synthetic primary texts), whether to rebuild or refresh hashes afterwards (so only the intended
break remains where possible), and the exact lines the validator must print, with the synthetic
primary texts given. Every case must name the broken file. test_cli.py runs the validator as a command.

The validator prints the package's own checks' lines plus frictionless's, and exits 1 if there is
any. Each case says which finds it (found_by): a case found by the own checks must be found by them
alone (0.1 s); a case found by frictionless runs the whole validator in-process, as run().
Those cases also go through the full build, which must write its outputs or refuse, never crash.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from event_timeline.checks import validate
from conftest import rebuild_or_refresh, refresh_hashes

CASES = sorted(p.stem for p in (Path(__file__).parent / "data" / "cases").glob("*.json"))


def edit_columns(path: Path, change) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows = change(rows)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def apply_edit(pkg: Path, texts: Path, edit: dict) -> None:
    path, op = (texts.parent if edit["file"].startswith("texts/") else pkg) / edit["file"], edit["op"]
    if op == "replace":
        text = path.read_text(encoding="utf-8")
        new = edit["repeat"][0] * edit["repeat"][1] if "repeat" in edit else edit["new"]
        assert edit["old"] in text, f"fixture out of date: {edit['old']!r} not in {edit['file']}"
        path.write_text(text.replace(edit["old"], new, 1), encoding="utf-8", newline="")
    elif op == "regex":
        text = path.read_text(encoding="utf-8")
        new_text = re.sub(edit["pattern"], edit["new"], text)
        assert new_text != text, f"fixture out of date: {edit['pattern']!r} not in {edit['file']}"
        path.write_text(new_text, encoding="utf-8", newline="")
    elif op == "replace-bytes":
        data, old = path.read_bytes(), bytes.fromhex(edit["old"])
        assert old in data, f"fixture out of date: {old!r} not in {edit['file']}"
        path.write_bytes(data.replace(old, bytes.fromhex(edit["new"]), 1))
    elif op == "write":
        path.write_text(edit["text"], encoding="utf-8", newline="")
    elif op == "append":
        path.write_text(path.read_text(encoding="utf-8") + edit["text"], encoding="utf-8", newline="")
    elif op == "prepend-bytes":
        path.write_bytes(bytes.fromhex(edit["hex"]) + path.read_bytes())
    elif op == "crlf":
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    elif op == "truncate":
        path.write_bytes(path.read_bytes()[: edit["bytes"]])
    elif op == "delete":
        path.unlink()
    elif op == "add-column":
        edit_columns(path, lambda rows: [rows[0] + [edit["name"]]] + [r + [""] for r in rows[1:]])
    elif op == "drop-column":
        edit_columns(path, lambda rows: [[c for i, c in enumerate(r) if i != rows[0].index(edit["name"])] for r in rows])
    elif op == "swap-columns":
        def swap(rows):
            a, b = (rows[0].index(n) for n in edit["names"])
            for r in rows:
                r[a], r[b] = r[b], r[a]
            return rows
        edit_columns(path, swap)
    else:
        raise AssertionError(f"unknown op {op}")


def broken_copy(mini_package: Path, texts: Path, case: dict) -> Path:
    for edit in case["edits"]:
        apply_edit(mini_package, texts, edit)
    if case["after"] == "rebuild":
        rebuild_or_refresh(mini_package)
    elif case["after"] == "refresh":
        refresh_hashes(mini_package)
    return mini_package


def validator_lines(pkg: Path, texts: Path, capsys, case: dict) -> tuple[int, list[str]]:
    """The exit status and lines of the validator. A case found by the package's own checks is
    answered by them alone (0.1 s), and must be; a case found by frictionless runs the whole
    validator in-process, as run() (0.6 s)."""
    if case["found_by"] == "own checks":
        own = [str(p) for p in validate.validate(pkg, texts, use_frictionless=False)]
        return (1 if own else 0), own  # the whole validator prints these lines too, and exits 1
    code = validate.run(pkg, str(texts))
    return code, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("name", CASES)
def test_broken_input_is_reported(name, mini_package, mini_texts, lazy_shared_datadir, capsys):
    case = json.loads((lazy_shared_datadir / "cases" / f"{name}.json").read_text(encoding="utf-8"))
    pkg = broken_copy(mini_package, mini_texts, case)
    assert case["found_by"] in ("own checks", "frictionless"), "found_by: own checks or frictionless"
    code, lines = validator_lines(pkg, mini_texts, capsys, case)
    assert code == 1, lines
    assert case["expected"], f"case {name} lists no expected message; the validator said:\n" + "\n".join(lines)
    for expected in case["expected"]:
        assert expected in lines, f"missing: {expected}\ngot:\n" + "\n".join(lines)
    broken_files = {e["file"] if not e["file"].startswith("texts/") else "data/sources.csv" for e in case["edits"]}
    assert any(f in line for f in broken_files for line in lines), f"no line names {broken_files}"


FOUND_BY_FRICTIONLESS = [name for name in CASES if json.loads(
    (Path(__file__).parent / "data" / "cases" / f"{name}.json").read_text(encoding="utf-8"))["found_by"] == "frictionless"]


@pytest.mark.parametrize("name", FOUND_BY_FRICTIONLESS)
def test_full_build_answers_input_only_frictionless_refuses(name, mini_package, mini_texts, lazy_shared_datadir, capsys):
    """What only frictionless refuses gets past the build's own checks into the exports (SQLite with its
    keys and CHECKs, workbook, figure): the full build must then write them or refuse in words, never
    stop with a traceback (a dangling reference once did)."""
    from event_timeline.pipeline import plan as build
    case = json.loads((lazy_shared_datadir / "cases" / f"{name}.json").read_text(encoding="utf-8"))
    pkg = broken_copy(mini_package, mini_texts, case)
    code = build.run(pkg)
    err = capsys.readouterr().err
    assert code in (0, 1) and (code == 0 or err.rstrip().endswith("then run make again.")), err
