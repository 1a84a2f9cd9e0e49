"""Results of slow, deterministic steps (an export, frictionless's validation), remembered by a digest
of everything the step reads, so that an unchanged input never pays for the same work twice.

In: a folder to keep results in (make passes .make/memo; without a folder nothing is remembered), a
step's name, the bytes it reads and the libraries it uses. Out: the remembered result for exactly
those inputs, or None. Every key also covers the tooling's own code (src/event_timeline) and the versions
of the named libraries, so a change to either forgets the results that depended on them.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from event_timeline.files import json_bytes

CODE = Path(__file__).resolve().parent  # the tooling: every module and the page's assets


@lru_cache(maxsize=1)
def code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in CODE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(CODE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class StepMemo:
    """A folder of remembered results; with folder=None, a memo that remembers nothing."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def key(self, step: str, parts, libraries=()) -> str:
        digest = hashlib.sha256(f"{step}\0{code_digest()}\0".encode())
        for library in libraries:
            digest.update(f"{library}={metadata.version(library)}\0".encode())
        for part in parts:
            digest.update(hashlib.sha256(part).digest())
        return f"{step}-{digest.hexdigest()[:32]}"

    def get(self, key: str):
        """The JSON value remembered under key, or None."""
        if self.folder is None:
            return None
        path = self.folder / f"{key}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None

    def put(self, key: str, value) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{key}.tmp"
        tmp.write_bytes(json_bytes(value))
        tmp.replace(self.folder / f"{key}.json")
