"""Benchmark the package's own checks against bare frictionless on synthetic copies of the package.

Usage: python scripts/bench.py [PACKAGE_DIR] [--json] [--runs N] [--sizes N ...] | --report RESULTS.jsonl
(a benchmark, not a test; BENCHMARKS.md holds the recorded figures). The work: event_timeline.bench.scale.
"""
import argparse
import sys
from pathlib import Path

from event_timeline.bench.scale import run

here = Path(__file__).resolve().parent
parser = argparse.ArgumentParser(prog="bench.py", description="Own checks against bare frictionless, at scale.")
parser.add_argument("package", nargs="?", default=str(here.parent), help="package directory (default: this repository)")
parser.add_argument("--sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000], help="events to add")
parser.add_argument("--runs", type=int, default=5, help="interleaved runs per size (at least 3 from 1,000,000 events)")
parser.add_argument("--json", action="store_true", help="one JSON object per size")
parser.add_argument("--report", metavar="RESULTS", help="print the Markdown table of recorded results (JSON lines)")
args = parser.parse_args()
sys.exit(run(Path(args.package), here / "validate.py", args.sizes, args.runs, args.json, Path(args.report) if args.report else None))
