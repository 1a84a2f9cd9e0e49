"""Make everything a tag push publishes, up to the network boundary: dist/publish/ (the archive and its
checksum, datacite.json, zenodo.json, release-notes.md and the site).

Usage: python scripts/publish.py [PACKAGE_DIR] [--out DIR] [--landing-page URL] [--download-base URL]
       [--doi DOI] [--archives ARCHIVE ...]
The addresses are three settings, none of them in the archive (see scripts/site_build.py). Refuses (exit 1)
DataCite metadata its schema rejects, a changelog without the version's section, or an unrecorded archive.
The work: event_timeline.publish.prepare.
"""
import argparse
import sys
from pathlib import Path

from event_timeline.publish.prepare import run
from event_timeline.release.addresses import addresses_for, doi_name, download_base, landing_page

parser = argparse.ArgumentParser(prog="publish.py", description="Make what a release publishes.")
parser.add_argument("package", nargs="?", default=str(Path(__file__).resolve().parents[1]))
parser.add_argument("--out", help="output folder (default: PACKAGE/dist/publish)")
parser.add_argument("--landing-page", default="", type=landing_page, help="the address of the landing page; without it, a draft")
parser.add_argument("--download-base", default="", type=download_base, help="the folder the files are served from")
parser.add_argument("--doi", default="", type=doi_name, help="this version's DOI (10.NNNN/...), once minted")
parser.add_argument("--archives", nargs="*", default=[], help="archives of earlier releases, as recorded in releases.json")
args = parser.parse_args()
package, where = Path(args.package), addresses_for(args.package, args.landing_page, args.download_base, args.doi)
sys.exit(run(package, Path(args.out) if args.out else package / "dist" / "publish", where, [Path(a) for a in args.archives]))
