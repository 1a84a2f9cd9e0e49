"""Curator tool: fill in or correct the content-derived ids in data/claims.csv.

Usage: python scripts/claim_ids.py [PACKAGE_DIR] [--write]
Without --write, prints the ids that would change; with it, rewrites them (rows sorted by claim_id).
The work: event_timeline.pipeline.claim_ids.
"""
import argparse
import sys
from pathlib import Path

from event_timeline.pipeline.claim_ids import run

parser = argparse.ArgumentParser(prog="claim_ids.py", description="Fill in the content-derived claim ids.")
parser.add_argument("package", nargs="?", default=str(Path(__file__).resolve().parents[1]),
                    help="package directory (default: this repository)")
parser.add_argument("--write", action="store_true", help="write the derived ids into data/claims.csv")
args = parser.parse_args()
sys.exit(run(Path(args.package), write=args.write))
