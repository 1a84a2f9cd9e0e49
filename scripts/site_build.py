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

from event_timeline.release.addresses import published_from, publishing_arguments
from event_timeline.site.page import run

parser = publishing_arguments(argparse.ArgumentParser(prog="site_build.py", description="Build the published site."),
                              str(Path(__file__).resolve().parents[1]), "dist/site")
package, out, where, archives = published_from(parser.parse_args(), "dist/site")
sys.exit(run(package, out, where, archives))
