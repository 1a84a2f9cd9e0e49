"""Deposit a release on Zenodo (a new version under the concept DOI), or rehearse it.

Usage: python scripts/zenodo_deposit.py FILE ... --metadata zenodo.json [--latest-record ID]
       [--sandbox | --api URL] [--draft] [--dry-run]
The token comes from the environment variable ZENODO_TOKEN. --dry-run prints every request and sends none;
--sandbox deposits on sandbox.zenodo.org (DOIs there are not real); --draft leaves the deposit unpublished.
Prints doi=, concept_doi=, record= and id= lines. The work: event_timeline.publish.zenodo.
"""
import argparse
import os
import sys
from pathlib import Path

from event_timeline.publish.zenodo import APIS, run

parser = argparse.ArgumentParser(prog="zenodo_deposit.py", description="Deposit a release on Zenodo.")
parser.add_argument("files", nargs="+", help="the archive and its checksum file")
parser.add_argument("--metadata", required=True, help="the deposit metadata (zenodo.json, written by scripts/publish.py)")
parser.add_argument("--latest-record", default="", help="id of the latest published record: deposit a new version of it")
parser.add_argument("--sandbox", action="store_true", help="deposit on sandbox.zenodo.org, to rehearse")
parser.add_argument("--api", default="", help="another API address speaking Zenodo's API (tests use 127.0.0.1)")
parser.add_argument("--draft", action="store_true", help="leave the deposit unpublished")
parser.add_argument("--dry-run", action="store_true", help="print every request; send none")
args = parser.parse_args()
sys.exit(run(args.api or APIS["sandbox" if args.sandbox else "zenodo"], os.environ.get("ZENODO_TOKEN", ""), [Path(f) for f in args.files], Path(args.metadata),
             args.latest_record or None, not args.draft, args.dry_run))
