"""The release gate: a release's version must fit what changed since the previous release.

In: the package directory and releases.json, the manifest of published releases (version, date,
commit, base URL, archive name, sha256), each reconstructible from the repository's history.
Check mode (default): rebuild the previous release's descriptor, schemas and data from its commit
(git archive), compare them with the package (release.diff) and refuse (exit 1, naming the changes)
a version bump smaller than they require; a version already in the manifest must have the same
data as its recorded commit. --record DIST: after scripts/release.py, add the release to
the manifest (the working tree must be committed, so the commit is the release), or, if the version
is already recorded with the same base URL, check that the archive's sha256 is the recorded one.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Callable

from event_timeline.release.archive import archive_name, checksum_name
from event_timeline.release.copies import open_copy
from event_timeline.release.diff import SEMVER, Diff, bump_problem, compare

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


def gate_problem(releases: list[dict], version: str, diff_with: Callable[[str], Diff]) -> tuple[str | None, Diff | None]:
    """Why the package cannot be released as `version` (or None), and the diff it rests on."""
    if not SEMVER.match(version):
        return f"version {version!r} in datapackage.json: expected MAJOR.MINOR.PATCH", None
    previous = previous_release(releases, version)
    if previous is None:
        return None, None  # the first release: nothing to compare with
    diff = diff_with(previous["commit"])
    if previous["version"] == version:
        required = diff.required()
        if diff.all_changes():
            named = "; ".join(f"{c.resource + ': ' if c.resource else ''}{c.what}" for c in diff.all_changes()[:6])
            return (f"version {version} was released from commit {previous['commit'][:12]}, and the data has changed since "
                    f"({named}); the changes require a {required} bump: set a new version in datapackage.json and CITATION.cff"), diff
        return None, diff
    return bump_problem(diff), diff


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
        def diff_with(commit: str) -> Diff:
            return compare(open_copy(data_at(commit, pkg_dir, Path(tmp) / commit)), open_copy(pkg_dir))
        try:
            problem, diff = gate_problem(releases, descriptor["version"], diff_with)
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
                "its archive must rebuild byte-identical")
    return (f"release gate: {diff.old_version} -> {version}: the changes require a {diff.required()} bump, and "
            f"{version} gives it; python scripts/diff.py lists them")


def git_head(pkg_dir: Path) -> tuple[str, bool]:
    """HEAD's commit and whether tracked files (other than the manifest) differ from it."""
    head = subprocess.run(["git", "-C", str(pkg_dir), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    status = subprocess.run(["git", "-C", str(pkg_dir), "status", "--porcelain", "--untracked-files=no"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    return head, any(not line.endswith(MANIFEST) for line in status)


def record(pkg_dir: Path, out_dir: Path, base_url: str | None) -> int:
    descriptor = json.loads((pkg_dir / "datapackage.json").read_text(encoding="utf-8"))
    sums = out_dir / checksum_name(archive_name(descriptor))
    if not sums.is_file():
        print(f"release refused: found no {sums}; expected the checksum file scripts/release.py writes beside the archive "
              "(run make release)", file=sys.stderr)
        return 1
    sha256, archive = sums.read_text(encoding="utf-8").split()
    releases = manifest(pkg_dir)
    recorded = [r for r in releases if r["version"] == descriptor["version"] and r.get("base_url") == base_url]
    if recorded:
        if recorded[-1]["sha256"] != sha256:
            print(f"release refused: version {descriptor['version']} was published as {recorded[-1]['archive']} with sha256 "
                  f"{recorded[-1]['sha256']}; this archive's is {sha256}. Files in the archive changed since: set a new version.",
                  file=sys.stderr)
            return 1
        print(f"release gate: {archive} is byte-identical to the recorded release {descriptor['version']}")
        return 0
    head, dirty = git_head(pkg_dir)
    if dirty:
        print("release refused: commit your changes first, so that the release is a commit the next release can be compared with",
              file=sys.stderr)
        return 1
    cff = (pkg_dir / "CITATION.cff").read_text(encoding="utf-8")
    date = next((line.split(":", 1)[1].strip() for line in cff.splitlines() if line.startswith("date-released:")), "")
    releases.append({"version": descriptor["version"], "date": date, "commit": head, "base_url": base_url,
                     "archive": archive, "sha256": sha256})
    (pkg_dir / MANIFEST).write_text(json.dumps({"releases": releases}, indent=2) + "\n", encoding="utf-8")
    print(f"release gate: recorded {descriptor['version']} (commit {head[:12]}) in {MANIFEST}; commit it")
    return 0


def run(pkg_dir: Path, record_from: Path | None = None, base_url: str | None = None) -> int:
    """Check the package's version against the previous release, or record the release whose archive and
    checksum file are in the folder record_from; the exit status. What scripts/release_gate.py runs."""
    if record_from:
        return record(pkg_dir, record_from, base_url or None)
    return check(pkg_dir)
