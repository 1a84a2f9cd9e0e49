"""Deposit a release on Zenodo through its REST API: a new record, or a new version of the record every
version belongs to (one concept DOI), then its files, its metadata, and publication.

In: the API's address (zenodo.org's, the sandbox's for a rehearsal, or any other that speaks the same API,
such as a test server on 127.0.0.1), a personal access token, the files to deposit (the archive and its
checksum file), the deposit metadata (publish.metadata.zenodo), the id of the latest published record
when there is one, and whether to publish or leave a draft. Out: what Zenodo says of the deposit: its
DOI, its concept DOI and the record's address. With dry_run, every request is printed and none is sent.
ZenodoError, worded for people (the request, the status and Zenodo's message), when a request fails.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

APIS = {"zenodo": "https://zenodo.org/api", "sandbox": "https://sandbox.zenodo.org/api"}
DRY_RUN_ID = "DRY-RUN"


class ZenodoError(Exception):
    """A request to Zenodo that failed, said so a maintainer can act on it."""


@dataclass
class Client:
    api: str
    token: str
    dry_run: bool = False
    say: Callable[[str], None] = print
    sent: list[str] = field(default_factory=list)  # what was sent (or, in a dry run, would have been)

    def call(self, method: str, url: str, payload: dict | None = None, data: bytes | None = None) -> dict:
        url = url if url.startswith("http") else self.api.rstrip("/") + url
        body = json.dumps(payload).encode("utf-8") if payload is not None else data
        self.sent.append(f"{method} {url}")
        if self.dry_run:
            shown = f" {json.dumps(payload, ensure_ascii=False)[:200]}" if payload is not None else (f" ({len(data):,} bytes)" if data else "")
            self.say(f"dry run: {method} {url}{shown}")
            return {"id": DRY_RUN_ID, "links": {"bucket": f"{self.api}/files/{DRY_RUN_ID}", "latest_draft": f"{self.api}/deposit/depositions/{DRY_RUN_ID}"},
                    "files": [], "doi": "", "conceptdoi": ""}
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        elif data is not None:
            headers["Content-Type"] = "application/octet-stream"
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:300]
            raise ZenodoError(f"{method} {url}: Zenodo answered {exc.code} ({detail}); check the token's deposit scopes and the "
                              "record id") from None
        except urllib.error.URLError as exc:
            raise ZenodoError(f"{method} {url}: no answer ({exc.reason}); check the address and the network") from None
        return json.loads(text) if text else {}


def draft_for(client: Client, latest_record: str | None) -> dict:
    """A new deposition: a new version of latest_record (its inherited files removed), or the first one."""
    if not latest_record:
        return client.call("POST", "/deposit/depositions", {})
    made = client.call("POST", f"/deposit/depositions/{urllib.parse.quote(latest_record)}/actions/newversion")
    draft = client.call("GET", made["links"]["latest_draft"])
    for inherited in draft.get("files", []):
        client.call("DELETE", f"/deposit/depositions/{draft['id']}/files/{inherited['id']}")
    return draft


def deposit(client: Client, files: list[Path], metadata: dict, latest_record: str | None = None, publish: bool = True) -> dict:
    """Deposit the files with the metadata; {'doi', 'concept_doi', 'record', 'id'} as Zenodo gives them."""
    draft = draft_for(client, latest_record)
    bucket = draft["links"]["bucket"]
    for path in files:
        client.call("PUT", f"{bucket}/{urllib.parse.quote(path.name)}", data=path.read_bytes())
    client.call("PUT", f"/deposit/depositions/{draft['id']}", {"metadata": metadata})
    if not publish:
        return {"doi": "", "concept_doi": "", "record": draft.get("links", {}).get("html", ""), "id": str(draft["id"])}
    done = client.call("POST", f"/deposit/depositions/{draft['id']}/actions/publish")
    return {"doi": done.get("doi", ""), "concept_doi": done.get("conceptdoi", ""),
            "record": done.get("links", {}).get("record_html", done.get("links", {}).get("html", "")), "id": str(done.get("id", draft["id"]))}


def run(api: str, token: str, files: list[Path], metadata_file: Path, latest_record: str | None, publish: bool, dry_run: bool) -> int:
    """What scripts/zenodo_deposit.py runs: deposit, then print doi=, concept_doi=, record= and id= lines (a
    workflow step appends them to its outputs); the exit status."""
    import sys

    if not token and not dry_run:
        print("zenodo refused: no token: set ZENODO_TOKEN to a personal access token with the deposit:write and "
              "deposit:actions scopes (or give --dry-run)", file=sys.stderr)
        return 1
    missing = [str(p) for p in [*files, metadata_file] if not p.is_file()]
    if missing:
        print(f"zenodo refused: {', '.join(missing)}: expected the files scripts/publish.py writes", file=sys.stderr)
        return 1
    client = Client(api, token, dry_run=dry_run)
    try:
        result = deposit(client, files, json.loads(metadata_file.read_text(encoding="utf-8")), latest_record, publish)
    except ZenodoError as exc:
        print(f"zenodo refused: {exc}", file=sys.stderr)
        return 1
    for key in ("doi", "concept_doi", "record", "id"):
        print(f"{key}={result[key]}")
    return 0
