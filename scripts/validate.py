"""Validate a copy of a package: its own checks, then frictionless; one line per problem.

Usage: python scripts/validate.py [PACKAGE_DIR] [--texts DIR] [--no-frictionless]
With the folder of the primary texts (--texts DIR, or the environment variable the package's
timeline.toml names) every quote citing them is compared with them. Exit 1 on any problem.
The work: event_timeline.checks.validate.
"""
import argparse
import sys
from pathlib import Path

from event_timeline.checks.validate import run

parser = argparse.ArgumentParser(prog="validate.py", description="Validate a copy of the package.")
parser.add_argument("package", nargs="?", default=str(Path(__file__).resolve().parents[1]),
                    help="package directory (default: this repository)")
parser.add_argument("--texts", metavar="DIR", help="folder of the primary texts (default: the variable timeline.toml names)")
parser.add_argument("--no-frictionless", action="store_true", help="run only the package's own checks")
args = parser.parse_args()
try:
    sys.exit(run(Path(args.package), args.texts, use_frictionless=not args.no_frictionless))
except KeyboardInterrupt:
    sys.exit(130)
