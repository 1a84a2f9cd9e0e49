"""Build the published site: the landing page (one file that requests nothing), each version's files under
<version>/ and latest/.

Usage: python scripts/site_build.py [PACKAGE_DIR] [--out DIR] [--landing-page URL] [--download-base URL]
       [--doi DOI] [--archives ARCHIVE ...]
Three addresses, each its own setting and none of them in the archive: the landing page, the folder the files
are served from (default <landing page>/<version>/), and this version's DOI once minted. --archives adds the
recorded archives of earlier releases. Refuses (exit 1) a page over its size limit or an unrecorded archive.
The work: event_timeline.site.page.
"""
import argparse
import sys
from pathlib import Path

from event_timeline.release.addresses import addresses_for, doi_name, download_base, landing_page
from event_timeline.site.page import run

parser = argparse.ArgumentParser(prog="site_build.py", description="Build the published site.")
parser.add_argument("package", nargs="?", default=str(Path(__file__).resolve().parents[1]))
parser.add_argument("--out", help="output folder (default: PACKAGE/dist/site)")
parser.add_argument("--landing-page", default="", type=landing_page, help="the address of the landing page; without it, a draft")
parser.add_argument("--download-base", default="", type=download_base, help="the folder the files are served from")
parser.add_argument("--doi", default="", type=doi_name, help="this version's DOI (10.NNNN/...), once minted")
parser.add_argument("--archives", nargs="*", default=[], help="archives of earlier releases, as recorded in releases.json")
args = parser.parse_args()
package, where = Path(args.package), addresses_for(args.package, args.landing_page, args.download_base, args.doi)
sys.exit(run(package, Path(args.out) if args.out else None, where, [Path(a) for a in args.archives]))
