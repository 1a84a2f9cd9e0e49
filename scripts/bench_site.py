"""How long the landing page takes to render in Chromium (a benchmark, not a test).

Usage: python scripts/bench_site.py [--runs N] [--site DIR]   (after make site)
The work: event_timeline.bench.page.
"""
import argparse
import sys
from pathlib import Path

from event_timeline.bench.page import run

parser = argparse.ArgumentParser(prog="bench_site.py", description="Time the landing page in Chromium.")
parser.add_argument("--runs", type=int, default=9)
parser.add_argument("--site", default=str(Path(__file__).resolve().parents[1] / "dist" / "site"))
args = parser.parse_args()
sys.exit(run(Path(args.site), args.runs))
