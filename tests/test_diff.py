"""scripts/diff.py: every kind of change between two copies gets the bump the README's rules give it,
for directories and for archives of either layout; the release gate refuses a bump that is too small."""
from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from event_timeline.release.report import run_diff
from event_timeline.release.copies import open_copy
from event_timeline.release.diff import bump_between, compare


def edit_csv(path: Path, change) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(change(rows))
    path.write_text(buf.getvalue(), encoding="utf-8")


def edit_json(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def field(schema: dict, name: str) -> dict:
    return next(f for f in schema["fields"] if f["name"] == name)


def append_column(name, required=False):
    def change(pkg):
        edit_json(pkg / "schemas/themes.schema.json",
                  lambda s: s["fields"].append({"name": name, "type": "string", **({"constraints": {"required": True}} if required else {})}))
        edit_csv(pkg / "data/themes.csv", lambda rows: [rows[0] + [name]] + [r + ["x"] for r in rows[1:]])
    return change


def drop_column(name):
    def change(pkg):
        edit_json(pkg / "schemas/themes.schema.json", lambda s: s.__setitem__("fields", [f for f in s["fields"] if f["name"] != name]))
        edit_csv(pkg / "data/themes.csv", lambda rows: [[c for i, c in enumerate(r) if i != rows[0].index(name)] for r in rows])
    return change


def rename_column(old, new):
    def change(pkg):
        edit_json(pkg / "schemas/themes.schema.json", lambda s: field(s, old).__setitem__("name", new))
        edit_csv(pkg / "data/themes.csv", lambda rows: [[new if c == old else c for c in rows[0]]] + rows[1:])
    return change


def swap_columns(a, b):
    def change(pkg):
        def swap_fields(s):
            i, j = (next(k for k, f in enumerate(s["fields"]) if f["name"] == n) for n in (a, b))
            s["fields"][i], s["fields"][j] = s["fields"][j], s["fields"][i]
        edit_json(pkg / "schemas/themes.schema.json", swap_fields)

        def swap_cells(rows):
            i, j = rows[0].index(a), rows[0].index(b)
            for r in rows:
                r[i], r[j] = r[j], r[i]
            return rows
        edit_csv(pkg / "data/themes.csv", swap_cells)
    return change


def remove_resource(name):
    return lambda pkg: edit_json(pkg / "datapackage.json", lambda d: d.__setitem__("resources", [r for r in d["resources"] if r["name"] != name]))


def add_resource(pkg):
    (pkg / "data/extra.csv").write_text("id\nx\n", encoding="utf-8")
    edit_json(pkg / "datapackage.json", lambda d: d["resources"].append(
        {"name": "extra", "type": "table", "path": "data/extra.csv", "schema": {"fields": [{"name": "id", "type": "string"}]}}))


def set_enum(values):
    return lambda pkg: edit_json(pkg / "schemas/events.schema.json", lambda s: field(s, "status")["constraints"].__setitem__("enum", values))


CASES = {  # kind of change: (edit of the NEW copy, required bump, a line the report must hold)
    "nothing": (lambda pkg: None, "none", "required bump: none"),
    "value-changed": (lambda pkg: edit_csv(pkg / "data/themes.csv", lambda rows: [rows[0]] + [[rows[1][0], "Renamed"] + rows[1][2:]] + rows[2:]),
                      "patch", "themes thm-cybercrime: name 'Cybercrime' -> 'Renamed'"),
    "row-removed": (lambda pkg: edit_csv(pkg / "data/themes.csv", lambda rows: rows[:1] + rows[2:]), "major", "themes thm-cybercrime: removed"),
    "row-added": (lambda pkg: edit_csv(pkg / "data/themes.csv", lambda rows: rows + [["thm-new", "New", "A new theme.", ""]]),
                  "minor", "MINOR  themes: 1 row(s) added"),
    "description-changed": (lambda pkg: edit_json(pkg / "schemas/themes.schema.json", lambda s: field(s, "name").__setitem__("description", "Other.")),
                            "patch", "PATCH  themes: field name: description changed"),
    "optional-field-added": (append_column("note"), "minor", "MINOR  themes: field note added (optional, at the end)"),
    "required-field-added": (append_column("code", required=True), "major", "MAJOR  themes: field code added, required"),
    "field-removed": (drop_column("definition"), "major", "MAJOR  themes: field definition removed (or renamed)"),
    "field-renamed": (rename_column("definition", "meaning"), "major", "MAJOR  themes: field definition removed (or renamed)"),
    "field-retyped": (lambda pkg: edit_json(pkg / "schemas/events.schema.json", lambda s: field(s, "start").__setitem__("type", "date")),
                      "major", "MAJOR  events: field start: type string -> date"),
    "fields-reordered": (swap_columns("name", "definition"), "major", "MAJOR  themes: fields reordered: theme_id, name, definition, parent_theme_id, inferred -> theme_id, definition, name, parent_theme_id, inferred"),
    "primary-key-changed": (lambda pkg: edit_json(pkg / "schemas/themes.schema.json", lambda s: s.__setitem__("primaryKey", ["name"])),
                            "major", "MAJOR  themes: primaryKey changed"),
    "enum-value-added": (set_enum(["took-place", "postponed", "planned", "cancelled"]), "minor", "MINOR  events: field status: enum values added: cancelled"),
    "enum-value-removed": (set_enum(["took-place", "planned"]), "major", "MAJOR  events: field status: enum values removed: postponed"),
    "resource-removed": (remove_resource("themes"), "major", "MAJOR  themes: resource removed (data/themes.csv)"),
    "resource-added": (add_resource, "minor", "MINOR  extra: resource added (data/extra.csv)"),
}


@pytest.fixture
def pair(tmp_path, built_mini):
    old = Path(shutil.copytree(built_mini, tmp_path / "old"))
    new = Path(shutil.copytree(built_mini, tmp_path / "new"))
    return old, new


@pytest.mark.parametrize("kind", CASES)
def test_each_kind_of_change_requires_its_bump(kind, pair, capsys):
    old, new = pair
    edit, bump, line = CASES[kind]
    edit(new)
    assert compare(open_copy(old), open_copy(new)).required() == bump
    assert run_diff(str(old), str(new)) == 0
    assert line in [text.strip() for text in capsys.readouterr().out.splitlines()]


def zipped(pkg: Path, target: Path, top: str | None) -> Path:
    with zipfile.ZipFile(target, "w") as zf:
        for path in sorted(pkg.rglob("*")):
            if path.is_file():
                rel = path.relative_to(pkg).as_posix()
                zf.write(path, f"{top}/{rel}" if top else rel)
    return target


@pytest.mark.parametrize("top", [None, "pkg-1.0.0"], ids=["root-layout", "top-folder-layout"])
def test_archives_of_either_layout_compare_like_directories(top, pair, tmp_path):
    old, new = pair
    CASES["value-changed"][0](new)
    from_dirs = compare(open_copy(old), open_copy(new))
    from_zips = compare(open_copy(zipped(old, tmp_path / "old.zip", top)), open_copy(zipped(new, tmp_path / "new.zip", top)))
    assert from_zips.all_changes() == from_dirs.all_changes() and from_zips.rows == from_dirs.rows


@pytest.mark.parametrize("old,new,bump", [("1.0.0", "1.0.0", "none"), ("1.0.0", "1.0.1", "patch"), ("1.0.3", "1.1.0", "minor"),
                                          ("1.4.2", "2.0.0", "major"), ("2.0.0", "1.9.9", None), ("1.0", "1.1.0", None)])
def test_version_bumps_are_read_as_semver(old, new, bump):
    assert bump_between(old, new) == bump


def test_check_refuses_a_bump_smaller_than_required_and_names_the_changes(pair, capsys):
    old, new = pair
    drop_column("definition")(new)
    edit_json(old / "datapackage.json", lambda d: d.__setitem__("version", "1.0.0"))
    edit_json(new / "datapackage.json", lambda d: d.__setitem__("version", "1.1.0"))
    assert run_diff(str(old), str(new), check=True) == 1
    err = capsys.readouterr().err.strip()
    assert err == ("diff: version 1.1.0 is a minor bump after 1.0.0, but the changes require a major bump: "
                   "themes: field definition removed (or renamed). Set the version in datapackage.json accordingly (make writes it into CITATION.cff).")
    edit_json(new / "datapackage.json", lambda d: d.__setitem__("version", "2.0.0"))
    assert run_diff(str(old), str(new), check=True) == 0


def test_an_unreadable_copy_is_one_line_and_exit_1(tmp_path, capsys):
    (tmp_path / "not.zip").write_text("no", encoding="utf-8")
    assert run_diff(str(tmp_path / "not.zip"), str(tmp_path)) == 1
    assert capsys.readouterr().err.splitlines() == [f"{tmp_path / 'not.zip'}: expected a package directory or a zip archive"]


RELEASES = [{"version": "1.0.0", "commit": "a" * 40}, {"version": "1.1.0", "commit": "b" * 40}]


def test_gate_compares_with_the_highest_release_below_and_refuses_a_too_small_bump(pair):
    from event_timeline.release import gate as release_gate
    old, new = pair
    drop_column("definition")(new)
    seen = []

    def diff_with(commit):
        seen.append(commit)
        return open_copy(old), open_copy(new)
    edit_json(old / "datapackage.json", lambda d: d.__setitem__("version", "1.1.0"))
    edit_json(new / "datapackage.json", lambda d: d.__setitem__("version", "1.2.0"))
    problem, _ = release_gate.gate_problem(RELEASES, "1.2.0", diff_with)
    assert seen == ["b" * 40]
    assert problem.startswith("version 1.2.0 is a minor bump after 1.1.0, but the changes require a major bump: themes: field definition removed")
    edit_json(new / "datapackage.json", lambda d: d.__setitem__("version", "2.0.0"))
    assert release_gate.gate_problem(RELEASES, "2.0.0", diff_with)[0] is None


def test_gate_lets_a_recorded_version_be_rebuilt_only_with_unchanged_data(pair):
    from event_timeline.release import gate as release_gate
    old, new = pair
    unchanged = release_gate.gate_problem(RELEASES, "1.0.0", lambda commit: (open_copy(old), open_copy(new)))
    assert unchanged[0] is None
    CASES["row-added"][0](new)
    problem, _ = release_gate.gate_problem(RELEASES, "1.0.0", lambda commit: (open_copy(old), open_copy(new)))
    assert problem == (f"version 1.0.0 was released from commit {'a' * 12}, and the data has changed since (themes: 1 row(s) added); "
                       "the changes require a minor bump: set a new version in datapackage.json")
    assert release_gate.gate_problem([], "1.0.0", lambda commit: None) == (None, None)  # the first release


def test_gate_says_why_it_lets_a_release_through(pair):
    from event_timeline.release import gate as release_gate
    old, new = pair
    for copy in pair:
        edit_json(copy / "datapackage.json", lambda d: d.__setitem__("version", "1.0.0"))
    assert release_gate.passed("1.0.0", None) == "release gate: 1.0.0 is the first release; nothing to compare with"
    assert release_gate.passed("1.0.0", compare(open_copy(old), open_copy(new))) == (
        "release gate: 1.0.0 is a recorded release and its data has not changed since; its archive must rebuild as recorded")
    CASES["row-added"][0](new)
    edit_json(new / "datapackage.json", lambda d: d.__setitem__("version", "1.1.0"))
    assert release_gate.passed("1.1.0", compare(open_copy(old), open_copy(new))) == (
        "release gate: 1.0.0 -> 1.1.0: the changes require a minor bump, and 1.1.0 gives it; every id that left is on the register; "
        "python scripts/diff.py lists the changes")


def test_gate_rebuilds_a_release_from_its_commit(built_mini, tmp_path):
    import subprocess
    from event_timeline.release import gate as release_gate
    repo = Path(shutil.copytree(built_mini, tmp_path / "repo"))
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "release"], check=True)
    head = subprocess.run(git + ["rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    rebuilt = release_gate.data_at(head, repo, tmp_path / "rebuilt")
    assert compare(open_copy(rebuilt), open_copy(repo)).all_changes() == []
    with pytest.raises(release_gate.GateError, match="the release gate needs the repository's full history"):
        release_gate.data_at("0" * 40, repo, tmp_path / "missing")


def test_gate_refuses_an_id_that_left_without_its_row_in_the_register_and_prints_the_row(pair):
    """Ids never vanish: a removed row is a major change, and the gate refuses it until data/withdrawn.csv says
    why it left; the row to paste is printed with the former row filled in."""
    from event_timeline.release import gate as release_gate
    old, new = pair
    edit_json(old / "datapackage.json", lambda d: d.__setitem__("version", "1.1.0"))
    edit_json(new / "datapackage.json", lambda d: d.__setitem__("version", "2.0.0"))
    CASES["row-removed"][0](new)
    problem, _ = release_gate.gate_problem(RELEASES, "2.0.0", lambda commit: (open_copy(old), open_copy(new)))
    first, row = problem.splitlines()
    assert first == ("1 id(s) left the package since 1.1.0 without a row in data/withdrawn.csv (ids never vanish: each says why "
                     "it left and what replaces it). Add these rows, writing the reason (and replaced_by where a row replaces it):")
    assert row.startswith('thm-cybercrime,themes,1.1.0,2.0.0,,,"{""theme_id"": ""thm-cybercrime"", ""name"": ')
    with open(new / "data" / "withdrawn.csv", "a", encoding="utf-8") as fh:
        fh.write(row.replace(",,,", ",Merged into a broader theme.,,", 1) + "\n")
    assert release_gate.gate_problem(RELEASES, "2.0.0", lambda commit: (open_copy(old), open_copy(new)))[0] is None
    edit_json(new / "datapackage.json", lambda d: d.__setitem__("version", "1.2.0"))
    minor = release_gate.gate_problem(RELEASES, "1.2.0", lambda commit: (open_copy(old), open_copy(new)))[0]
    assert minor.startswith("version 1.2.0 is a minor bump after 1.1.0, but the changes require a major bump: themes: 1 row(s) removed")


def test_gate_refuses_a_register_row_that_misremembers_the_former_row(pair):
    from event_timeline.release import gate as release_gate
    old, new = pair
    edit_json(old / "datapackage.json", lambda d: d.__setitem__("version", "1.1.0"))
    edit_json(new / "datapackage.json", lambda d: d.__setitem__("version", "2.0.0"))
    CASES["row-removed"][0](new)
    row = release_gate.gate_problem(RELEASES, "2.0.0", lambda commit: (open_copy(old), open_copy(new)))[0].splitlines()[1]
    with open(new / "data" / "withdrawn.csv", "a", encoding="utf-8") as fh:
        fh.write(row.replace(",,,", ",Merged.,,", 1).replace("Cybercrime", "Cyber crime") + "\n")
    problem = release_gate.gate_problem(RELEASES, "2.0.0", lambda commit: (open_copy(old), open_copy(new)))[0]
    assert problem.startswith("data/withdrawn.csv: thm-cybercrime: its former_row is not the row 1.1.0 held")


def test_a_recorded_release_made_again_elsewhere_differs_only_where_the_machine_shapes_bytes(tmp_path):
    """A maintainer on another machine makes a recorded release again: files whose bytes depend on that
    machine (the SQLite edition, the figure) may differ and are named, with why, and the SQLite edition's
    rows are compared; any other file that differs refuses the release."""
    import io
    import sqlite3
    import zipfile
    from event_timeline.release import archive as release_archive
    from event_timeline.release import gate as release_gate
    from conftest import ROOT
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    contents = release_archive.archive_contents(ROOT)
    original = release_archive.archive_bytes(contents)
    files, content = release_gate.archive_record(original)
    recorded = {"version": "1.0.0", "commit": "c" * 40, "archive": "x.zip", "sha256": "0" * 64, "files": files, "content": content,
                "builder": {**release_gate.builder(), "sqlite": "0.0.0"}}  # this machine, but another SQLite library
    assert release_gate.compare_with_record(recorded, original, descriptor) == (None, "")
    sqlite_path = next(p for p in contents if p.endswith(".sqlite"))
    with tempfile_db(contents[sqlite_path]) as path:  # the same rows, written another way: other bytes
        con = sqlite3.connect(path)
        con.execute("PRAGMA page_size = 8192")
        con.execute("VACUUM")
        con.close()
        elsewhere = {**contents, sqlite_path: path.read_bytes()}
    elsewhere["SHA256SUMS"] = b"another list\n"
    problem, said = release_gate.compare_with_record(recorded, release_archive.archive_bytes(elsewhere), descriptor)
    assert problem is None
    assert said.startswith(f"{sqlite_path} (its bytes depend on the SQLite library that writes it (its file header records the version; "
                           "the rows do not change); its content is the recorded one); SHA256SUMS (it lists those files). Here: sqlite ")
    assert "for the record" in said
    changed = {**elsewhere, "data/themes.csv": contents["data/themes.csv"] + b"thm-extra,Extra,Extra.,,\n"}
    problem, _ = release_gate.compare_with_record(recorded, release_archive.archive_bytes(changed), descriptor)
    assert problem == ("version 1.0.0: data/themes.csv differ from the recorded release (commit cccccccccccc), and their bytes do not "
                       "depend on the machine: the data or the tooling changed since; set a new version")
    with tempfile_db(contents[sqlite_path]) as path:  # other rows in the SQLite edition: refused too
        con = sqlite3.connect(path)
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute("DELETE FROM withdrawn WHERE rowid = 1")
        con.commit()
        con.close()
        other_rows = {**contents, sqlite_path: path.read_bytes()}
    assert release_gate.compare_with_record(recorded, release_archive.archive_bytes(other_rows), descriptor)[0].startswith(
        f"version 1.0.0: {sqlite_path}")


from contextlib import contextmanager  # noqa: E402


@contextmanager
def tempfile_db(data: bytes):
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.sqlite"
        path.write_bytes(data)
        yield path
