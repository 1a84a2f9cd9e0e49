"""Release archive: dist/<name>-<version>.zip and dist/SHA256SUMS.

In: a built, valid package (run make first). Out: a zip of the descriptor, schemas, CSV, Parquet,
exports, README, curation record, licences, changelog and citation under one top folder, with a
SHA256SUMS of every file inside (checked by scripts/validate.py), fixed timestamps, permissions and
order, so two runs give identical bytes; and dist/SHA256SUMS for the zip itself.
Refuses (exit 1) when any derived file is stale.
Usage: python scripts/release.py [PACKAGE_DIR] [OUT_DIR]
"""
from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import build
from archive_readme import archive_readme
from output_files import commit_files, sha256_bytes
from package_layout import ROOT
from problems import PackageError

TOP_FILES = ["datapackage.json", "README.md", "CURATION.md", "CHANGELOG.md", "CITATION.cff", "LICENSE", "LICENSE-DATA.md"]
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def release_files(pkg_dir: Path) -> list[str]:
    """Relative paths of everything the archive holds, in a fixed order."""
    descriptor = json.loads((pkg_dir / "datapackage.json").read_text(encoding="utf-8"))
    files = set(TOP_FILES)
    for r in descriptor["resources"]:
        files.add(r["path"])
        if isinstance(r.get("schema"), str):
            files.add(r["schema"])
    return sorted(files)


def archive_bytes(pkg_dir: Path, top: str) -> bytes:
    """The zip: every release file under top/ (README.md as archive_readme makes it), plus
    top/SHA256SUMS listing each of them."""
    contents = {rel: (pkg_dir / rel).read_bytes() for rel in release_files(pkg_dir)}
    descriptor = json.loads(contents["datapackage.json"])
    contents["README.md"] = archive_readme(contents["README.md"].decode("utf-8"), descriptor, None).encode("utf-8")
    contents["SHA256SUMS"] = "".join(f"{sha256_bytes(data)}  {rel}\n" for rel, data in contents.items()).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for rel, data in contents.items():
            info = zipfile.ZipInfo(f"{top}/{rel}", date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    pkg_dir = Path(argv[1]) if len(argv) > 1 else ROOT
    out_dir = Path(argv[2]) if len(argv) > 2 else pkg_dir / "dist"
    try:
        stale = [str(p.relative_to(pkg_dir)) for p, data in build.plan(pkg_dir).items()
                 if not p.exists() or p.read_bytes() != data]
    except PackageError as exc:
        print(exc, file=sys.stderr)
        return 1
    missing = [rel for rel in TOP_FILES if not (pkg_dir / rel).is_file()]
    if stale or missing:
        print(f"release refused: stale {stale}, missing {missing}; run make", file=sys.stderr)
        return 1
    descriptor = json.loads((pkg_dir / "datapackage.json").read_text(encoding="utf-8"))
    top = f"{descriptor['name']}-{descriptor['version']}"
    data = archive_bytes(pkg_dir, top)
    sums = f"{sha256_bytes(data)}  {top}.zip\n".encode()
    commit_files({out_dir / f"{top}.zip": data, out_dir / "SHA256SUMS": sums})
    print(f"release: {out_dir / (top + '.zip')} ({len(data):,} bytes), sha256 {sha256_bytes(data)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
