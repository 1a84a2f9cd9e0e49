"""Compare two copies of a package: what changed, and the smallest SemVer bump it requires.

Usage: python scripts/diff.py OLD NEW [--markdown | --json] [--check]
OLD and NEW are package directories or release archives. Exit 1 when a copy cannot be read, or with
--check when NEW's version bump is smaller than required. The work: event_timeline.release.report.
"""
import argparse
import sys

from event_timeline.release.report import run_diff

parser = argparse.ArgumentParser(prog="diff.py", description="Compare two copies of the package.")
parser.add_argument("old")
parser.add_argument("new")
form = parser.add_mutually_exclusive_group()
form.add_argument("--markdown", action="store_true", help="release notes in Markdown")
form.add_argument("--json", action="store_true", help="the changes as JSON")
parser.add_argument("--check", action="store_true", help="exit 1 when NEW's version bump is smaller than required")
args = parser.parse_args()
sys.exit(run_diff(args.old, args.new, "json" if args.json else "markdown" if args.markdown else "text", args.check))
