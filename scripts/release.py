"""Write the release archive of a built package: <name>-<version>.zip and the checksum file beside it.

Usage: python scripts/release.py [PACKAGE_DIR] [OUT_DIR]
The archive holds no address: publishing it anywhere gives these bytes (scripts/site_build.py takes the
addresses). Refuses (exit 1) when a derived file is stale. The work: event_timeline.release.archive.
"""
import argparse
import sys
from pathlib import Path

from event_timeline.release.archive import run

parser = argparse.ArgumentParser(prog="release.py", description="Write the release archive.")
parser.add_argument("package", nargs="?", default=str(Path(__file__).resolve().parents[1]))
parser.add_argument("out", nargs="?", help="output folder (default: PACKAGE/dist)")
args = parser.parse_args()
sys.exit(run(Path(args.package), Path(args.out) if args.out else None))
