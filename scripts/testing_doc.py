"""Write TESTING.md (what the validator guarantees) from the checks and tests/data/cases.

Usage: python scripts/testing_doc.py [--check]   (--check: exit 1 if TESTING.md is stale)
The work: event_timeline.documents.testing.
"""
import argparse
import sys
from pathlib import Path

from event_timeline.documents.testing import run

root = Path(__file__).resolve().parents[1]
parser = argparse.ArgumentParser(prog="testing_doc.py", description="Write TESTING.md.")
parser.add_argument("--check", action="store_true", help="exit 1 if TESTING.md is stale")
args = parser.parse_args()
sys.exit(run(root / "TESTING.md", root / "tests" / "data" / "cases", args.check))
