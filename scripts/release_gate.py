"""The release gate: refuse a version bump smaller than the changes since the previous release require, or an
id that left without its row in data/withdrawn.csv; with --record, add the new release to releases.json (or
check that a recorded one was made again as recorded).

Usage: python scripts/release_gate.py [PACKAGE_DIR] [--record DIST_DIR | --verify DIST_DIR]
The work: event_timeline.release.gate.
"""
import argparse
import sys
from pathlib import Path

from event_timeline.release.gate import run

parser = argparse.ArgumentParser(prog="release_gate.py", description="Refuse a too-small version bump; record a release.")
parser.add_argument("package", nargs="?", default=str(Path(__file__).resolve().parents[1]))
parser.add_argument("--record", metavar="DIST_DIR", help="record the release whose archive and checksum file are in this folder")
parser.add_argument("--verify", metavar="DIST_DIR", help="check that archive against the release recorded for its version")
args = parser.parse_args()
sys.exit(run(Path(args.package), Path(args.record or args.verify) if (args.record or args.verify) else None, bool(args.verify)))
