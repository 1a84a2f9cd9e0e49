"""Build every derived file of a package from its curated CSVs and schemas (all or nothing).

Usage: python scripts/build.py [PACKAGE_DIR] [--validate] [--memo DIR]
Exit 1, with one line per problem and nothing written, on bad input. The work: event_timeline.pipeline.plan.
"""
import argparse
import sys
from pathlib import Path

from event_timeline.pipeline.plan import run

parser = argparse.ArgumentParser(prog="build.py", description="Build every derived file of the package.")
parser.add_argument("package", nargs="?", default=str(Path(__file__).resolve().parents[1]),
                    help="package directory (default: this repository)")
parser.add_argument("--validate", action="store_true", help="then validate, as scripts/validate.py does, in the same process")
parser.add_argument("--memo", metavar="DIR", help="remember slow steps' results in DIR (make uses .make/memo)")
args = parser.parse_args()
sys.exit(run(Path(args.package), validate_after=args.validate, memo_dir=Path(args.memo) if args.memo else None))
