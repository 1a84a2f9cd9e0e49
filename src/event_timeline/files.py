"""Bytes of output files: SHA-256 digests, canonical JSON, and writing a set of files all or nothing.

In: {path: bytes} computed in memory. Out: the files on disk, every one written or none changed;
files whose bytes are unchanged are not touched.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def json_bytes(data) -> bytes:
    """Indented UTF-8 JSON with a final newline: the form of every JSON file the package writes."""
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


_UMASK = os.umask(0)
os.umask(_UMASK)


def commit_files(outputs: dict[Path, bytes], replace=os.replace) -> list[Path]:
    """Write every output or none: stage all to temporary files, then swap them in.

    If anything fails part-way, files already swapped are restored from their previous bytes,
    so a failed build leaves every earlier output byte-identical. Files whose bytes are
    unchanged are not touched. Returns the paths written."""
    changed = {p: b for p, b in outputs.items() if not (p.exists() and p.read_bytes() == b)}
    staged: dict[Path, str] = {}
    previous: dict[Path, bytes | None] = {p: (p.read_bytes() if p.exists() else None) for p in changed}
    done: list[Path] = []
    try:
        for path, data in changed.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
            staged[path] = tmp
        for path, tmp in staged.items():
            replace(tmp, path)
            done.append(path)
    except BaseException:
        for path in done:
            old = previous[path]
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)
        for tmp in staged.values():
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    return done
