"""Build the landing page: dist/site/index.html (one file that requests nothing) and the downloads beside it.

Usage: python scripts/site_build.py [PACKAGE_DIR] [--base-url URL] [--out DIR]
Refuses (exit 1) a page over its size limit. The work: event_timeline.site.page.
"""
import argparse
import sys
from pathlib import Path

from event_timeline.release.archive import permanent_address
from event_timeline.site.page import run

parser = argparse.ArgumentParser(prog="site_build.py", description="Build the landing page.")
parser.add_argument("package", nargs="?", default=str(Path(__file__).resolve().parents[1]))
parser.add_argument("--base-url", default="", type=permanent_address, help="the release's permanent address; without it, a draft")
parser.add_argument("--out", help="output folder (default: PACKAGE/dist/site)")
args = parser.parse_args()
sys.exit(run(Path(args.package), Path(args.out) if args.out else None, args.base_url or None))
