"""Content-derived claim ids: clm-<record_id>-<property>-<first 8 hex digits of a SHA-256>.

In: a claim's resource, record id, property, value and source id. Out: its id, the same on every
rebuild, and readable (it names the record and the property).
"""
from __future__ import annotations

import hashlib

SEPARATOR = "\x1f"


def claim_digest(resource: str, record_id: str, prop: str, value: str, source_id: str) -> str:
    """First 8 hex digits of the SHA-256 of the five fields joined by U+001F."""
    return hashlib.sha256(SEPARATOR.join([resource, record_id, prop, value, source_id]).encode()).hexdigest()[:8]


def claim_id(resource: str, record_id: str, prop: str, value: str, source_id: str) -> str:
    return f"clm-{record_id}-{prop.replace('_', '-')}-{claim_digest(resource, record_id, prop, value, source_id)}"
