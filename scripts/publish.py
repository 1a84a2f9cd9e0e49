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

from event_timeline.release.addresses import published_from, publishing_arguments
from event_timeline.publish.prepare import run

parser = publishing_arguments(argparse.ArgumentParser(prog="publish.py", description="Make what a release publishes."),
                              str(Path(__file__).resolve().parents[1]), "dist/publish")
package, out, where, archives = published_from(parser.parse_args(), "dist/publish")
sys.exit(run(package, out, where, archives))
