"""The release gate: refuse a version bump smaller than the changes since the previous release require;
with --record, add the new release to releases.json (or check a recorded one came out byte-identical).

Usage: python scripts/release_gate.py [PACKAGE_DIR] [--record DIST_DIR] [--base-url URL]
The work: event_timeline.release.gate.
"""
import argparse
import sys
from pathlib import Path

from event_timeline.release.gate import run

parser = argparse.ArgumentParser(prog="release_gate.py", description="Refuse a too-small version bump; record a release.")
parser.add_argument("package", nargs="?", default=str(Path(__file__).resolve().parents[1]))
parser.add_argument("--record", metavar="DIST_DIR", help="record the release whose archive and checksum file are in this folder")
parser.add_argument("--base-url", default=None)
args = parser.parse_args()
sys.exit(run(Path(args.package), Path(args.record) if args.record else None, args.base_url))
