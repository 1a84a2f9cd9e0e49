"""Where things live inside a package directory.

In: a package directory and paths relative to it. Out: checked absolute paths (never outside the
package), and the fixed places of derived files: the Parquet copy of each CSV, the exports folder,
the checksum list.
"""
from __future__ import annotations

from pathlib import Path

from event_timeline.problems import PackageError, Problem

EXPORTS_DIR = "data/exports"
CHECKSUMS = "SHA256SUMS"  # `sha256sum -c SHA256SUMS` checks every listed file


def safe_path(pkg_dir: Path, relative, owner: str) -> Path:
    """Resolve a path from the descriptor, refusing anything outside the package."""
    if not isinstance(relative, str) or not relative:
        raise PackageError([Problem("datapackage.json", field=f"{owner}.path", value=str(relative),
                                    expected="a relative path inside the package")])
    if relative.startswith(("/", "\\")) or "://" in relative or ".." in Path(relative).parts:
        raise PackageError([Problem("datapackage.json", field=f"{owner}.path", value=relative,
                                    expected="a relative path inside the package (no '..', not absolute)")])
    return pkg_dir / relative


def parquet_path(csv_path: str) -> str:
    """data/events.csv -> data/parquet/events.parquet"""
    p = Path(csv_path)
    return (p.parent / "parquet" / (p.stem + ".parquet")).as_posix()
