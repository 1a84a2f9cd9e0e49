"""The release gate: a release's version must fit what changed since the previous release, every id that left
is on the register of withdrawn ids, and a recorded release is made again as recorded.

In: the package directory and releases.json, the manifest of releases (version, date, commit, archive name,
its SHA-256, the SHA-256 of every file in it, what built it), each reconstructible from the repository's
history. Check mode (default): rebuild the previous release's descriptor, schemas and data from its commit
(git archive), compare them with the package (release.diff) and refuse (exit 1, naming the changes) a
version bump smaller than they require, or an id that left without its row in the register
(release.withdrawals: the row to add is printed, all but its reason); a version already in the manifest must
have the same data as its recorded commit. --record DIST: after scripts/release.py, add the release to the
manifest (the working tree must be committed, so the commit is the release), or, if the version is already
recorded, check the archive against the record: byte-identical, or different only in files whose bytes
depend on the machine that writes them (exports.registry says which, and why; the SQLite edition's
content is compared), which are named; anything else that differs refuses the release.
"""
from __future__ import annotations

import io
import json
import platform
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Callable

from event_timeline.exports import registry
from event_timeline.files import sha256_bytes
from event_timeline.model.layout import CHECKSUMS
from event_timeline.release.archive import archive_name, checksum_name
from event_timeline.release.copies import PackageCopy, open_copy
from event_timeline.release.diff import SEMVER, Diff, bump_problem, compare
from event_timeline.release.withdrawals import missing_withdrawals, misremembered, row_text

MANIFEST = "releases.json"
RELEASED_PATHS = ["datapackage.json", "schemas", "data"]  # what a release's data is made of


class GateError(Exception):
    """A reason to refuse the release, worded for the person making it."""


def manifest(pkg_dir: Path) -> list[dict]:
    path = pkg_dir / MANIFEST
    if not path.is_file():
        return []
    return json.loads(path.read_text(encoding="utf-8"))["releases"]


def version_key(version: str) -> tuple[int, ...]:
    return tuple(map(int, SEMVER.match(version).groups()))


def previous_release(releases: list[dict], version: str) -> dict | None:
    """The release the package is compared with: the one of the same version if recorded, else the
    highest version below it."""
    same = [r for r in releases if r["version"] == version]
    if same:
        return same[-1]
    lower = [r for r in releases if version_key(r["version"]) < version_key(version)]
    return max(lower, key=lambda r: version_key(r["version"])) if lower else None


def gate_problem(releases: list[dict], version: str, copies_at: Callable[[str], tuple[PackageCopy, PackageCopy]]) -> tuple[str | None, Diff | None]:
    """Why the package cannot be released as `version` (or None), and the diff it rests on. copies_at(commit)
    gives the previous release's copy and the package's."""
    if not SEMVER.match(version):
        return f"version {version!r} in datapackage.json: expected MAJOR.MINOR.PATCH", None
    previous = previous_release(releases, version)
    if previous is None:
        return None, None  # the first release: nothing to compare with
    old, new = copies_at(previous["commit"])
    diff = compare(old, new)
    if previous["version"] == version:
        required = diff.required()
        if diff.all_changes():
            named = "; ".join(f"{c.resource + ': ' if c.resource else ''}{c.what}" for c in diff.all_changes()[:6])
            return (f"version {version} was released from commit {previous['commit'][:12]}, and the data has changed since "
                    f"({named}); the changes require a {required} bump: set a new version in datapackage.json"), diff
        return None, diff
    problem = bump_problem(diff)
    if problem:
        return problem, diff
    missing = missing_withdrawals(diff, old, new)
    if missing:
        rows = "\n".join(row_text(r) for r in missing)
        return (f"{len(missing)} id(s) left the package since {diff.old_version} without a row in data/withdrawn.csv "
                f"(ids never vanish: each says why it left and what replaces it). Add these rows, writing the reason "
                f"(and replaced_by where a row replaces it):\n{rows}"), diff
    wrong = misremembered(diff, old, new)
    if wrong:
        return "data/withdrawn.csv: " + "; ".join(wrong), diff
    return None, diff


def data_at(commit: str, repo: Path, target: Path) -> Path:
    """The descriptor, schemas and data of a commit, written under target (git archive)."""
    try:
        tar = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", commit, *RELEASED_PATHS],
                             capture_output=True, check=True).stdout
    except FileNotFoundError:
        raise GateError("git is not installed: the previous release is rebuilt from the repository's history") from None
    except subprocess.CalledProcessError as exc:
        raise GateError(f"cannot read commit {commit[:12]} from the repository ({exc.stderr.decode().strip()}); "
                        f"the release gate needs the repository's full history (git clone, not a download)") from None
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(target, filter="data")
    return target


def check(pkg_dir: Path) -> int:
    if not (pkg_dir / "datapackage.json").is_file():
        print(f"release refused: {pkg_dir / 'datapackage.json'}: expected the file to exist (give the package directory)",
              file=sys.stderr)
        return 1
    descriptor = json.loads((pkg_dir / "datapackage.json").read_text(encoding="utf-8"))
    releases = manifest(pkg_dir)
    with tempfile.TemporaryDirectory() as tmp:
        def copies_at(commit: str) -> tuple[PackageCopy, PackageCopy]:
            return open_copy(data_at(commit, pkg_dir, Path(tmp) / commit)), open_copy(pkg_dir)
        try:
            problem, diff = gate_problem(releases, descriptor["version"], copies_at)
        except GateError as exc:
            print(f"release refused: {exc}", file=sys.stderr)
            return 1
    if problem:
        print(f"release refused: {problem}", file=sys.stderr)
        return 1
    print(passed(descriptor["version"], diff))
    return 0


def passed(version: str, diff: Diff | None) -> str:
    """What the gate says when it lets `version` through, given the diff it rests on."""
    if diff is None:
        return f"release gate: {version} is the first release; nothing to compare with"
    if diff.old_version == version:
        return (f"release gate: {version} is a recorded release and its data has not changed since; "
                "its archive must rebuild as recorded")
    return (f"release gate: {diff.old_version} -> {version}: the changes require a {diff.required()} bump, and "
            f"{version} gives it; every id that left is on the register; python scripts/diff.py lists the changes")


def git_head(pkg_dir: Path) -> tuple[str, bool]:
    """HEAD's commit and whether tracked files (other than the manifest) differ from it."""
    head = subprocess.run(["git", "-C", str(pkg_dir), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    status = subprocess.run(["git", "-C", str(pkg_dir), "status", "--porcelain", "--untracked-files=no"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    return head, any(not line.endswith(MANIFEST) for line in status)


def builder() -> dict:
    """What built the archive, beyond the locked libraries: the versions that shape machine-dependent bytes."""
    return {"system": f"{platform.system()} {platform.machine()}", "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "zlib": zlib.ZLIB_RUNTIME_VERSION}


def archive_record(archive: bytes) -> tuple[dict, dict]:
    """The SHA-256 of every file in an archive, and the content digest of those whose bytes depend on the machine."""
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist() if not info.is_dir()}
    files = {rel: sha256_bytes(data) for rel, data in sorted(members.items())}
    content = {rel: digest for rel, data in sorted(members.items()) if (digest := registry.content_digest(rel, data))}
    return files, content


def compare_with_record(recorded: dict, archive: bytes, descriptor: dict) -> tuple[str | None, str]:
    """(why the archive cannot stand for the recorded release, or None; what the gate says of the differences)."""
    files, content = archive_record(archive)
    if "files" not in recorded:
        return (f"version {recorded['version']} was published as {recorded['archive']} with sha256 {recorded['sha256']}; this "
                f"archive's is {sha256_bytes(archive)}, and the record lists no file hashes to compare: set a new version"), ""
    varies = {f.path: f.varies_with for f in registry.published_files(descriptor) if f.varies_with}
    differ = sorted(set(files) ^ set(recorded["files"]) | {p for p in files if recorded["files"].get(p) not in (None, files[p])})
    machine = [p for p in differ if p in varies and p in files and p in recorded["files"]
               and recorded.get("content", {}).get(p) == content.get(p)]
    unexplained = [p for p in differ if p not in machine and p != CHECKSUMS]
    if unexplained:
        return (f"version {recorded['version']}: {', '.join(unexplained)} differ from the recorded release (commit "
                f"{recorded['commit'][:12]}), and their bytes do not depend on the machine: the data or the tooling changed "
                "since; set a new version"), ""
    was, now = recorded.get("builder", {}), builder()
    engines = "; ".join(f"{k} {now[k]} here, {was.get(k, 'unrecorded')} for the record" for k in now if now[k] != was.get(k))
    notes = [f"{p} (its bytes depend on {varies[p]}{'; its content is the recorded one' if p in content else ''})" for p in machine]
    if CHECKSUMS in differ:
        notes.append(f"{CHECKSUMS} (it lists those files)")
    return None, "; ".join(notes) + (f". Here: {engines}" if engines and notes else "")


def record(pkg_dir: Path, out_dir: Path, verify_only: bool = False) -> int:
    descriptor = json.loads((pkg_dir / "datapackage.json").read_text(encoding="utf-8"))
    name = archive_name(descriptor)
    sums = out_dir / checksum_name(name)
    if not sums.is_file() or not (out_dir / name).is_file():
        print(f"release refused: found no {sums} beside {out_dir / name}; expected the archive and checksum file scripts/release.py "
              "writes (run make release)", file=sys.stderr)
        return 1
    sha256, archive = sums.read_text(encoding="utf-8").split()
    data = (out_dir / name).read_bytes()
    releases = manifest(pkg_dir)
    recorded = [r for r in releases if r["version"] == descriptor["version"]]
    if recorded:
        if recorded[-1]["sha256"] == sha256:
            print(f"release gate: {archive} is byte-identical to the recorded release {descriptor['version']}")
            return 0
        problem, differences = compare_with_record(recorded[-1], data, descriptor)
        if problem:
            print(f"release refused: {problem}", file=sys.stderr)
            return 1
        print(f"release gate: {archive} stands for the recorded release {descriptor['version']}: every file is byte-identical "
              f"but these, whose bytes depend on the machine that writes them: {differences}")
        return 0
    if verify_only:
        print(f"release refused: version {descriptor['version']} is not recorded in {MANIFEST}: run make release, commit "
              f"{MANIFEST}, and tag that commit", file=sys.stderr)
        return 1
    head, dirty = git_head(pkg_dir)
    if dirty:
        print("release refused: commit your changes first, so that the release is a commit the next release can be compared with",
              file=sys.stderr)
        return 1
    files, content = archive_record(data)
    cff = (pkg_dir / "CITATION.cff").read_text(encoding="utf-8")
    date = next((line.split(":", 1)[1].strip() for line in cff.splitlines() if line.startswith("date-released:")), "")
    releases.append({"version": descriptor["version"], "date": date, "commit": head, "archive": archive, "sha256": sha256,
                     "builder": builder(), "files": files, "content": content})
    (pkg_dir / MANIFEST).write_text(json.dumps({"releases": releases}, indent=2) + "\n", encoding="utf-8")
    print(f"release gate: recorded {descriptor['version']} (commit {head[:12]}) in {MANIFEST}; commit it")
    return 0


def run(pkg_dir: Path, record_from: Path | None = None, verify_only: bool = False) -> int:
    """Check the package's version against the previous release, or record the release whose archive and
    checksum file are in the folder record_from (with verify_only, refuse instead a release not yet recorded:
    what a tag push runs); the exit status. What scripts/release_gate.py runs."""
    if record_from:
        return record(pkg_dir, record_from, verify_only)
    return check(pkg_dir)
