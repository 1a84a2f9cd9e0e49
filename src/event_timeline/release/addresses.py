"""The addresses of a published release: three different things, each its own setting, none of them in the archive.

In: what the person publishing gives (--landing-page, --download-base, --doi; a concept DOI from the
descriptor's id). Out: Addresses, checked and normalised, or argparse.ArgumentTypeError worded for people:
- the landing page: the page a person opens (an absolute http(s) address);
- the download base: the folder the release's files are served from (an absolute http(s) address, never
  at doi.org, which resolves a DOI to its landing page and serves no files); by default the landing page's
  folder for the version, `<landing page>/<version>/`;
- the DOI: a DOI name (10.NNNN/suffix; https://doi.org/10.NNNN/suffix is accepted and shortened), never a
  landing page or a download address.
The archive's bytes depend on none of them: publishing a version at any address gives the recorded archive.
publishing_arguments() and published_from() give the scripts that publish (site_build.py, publish.py) one
set of options: the package, --out, the three addresses and --archives.
"""
from __future__ import annotations

import argparse
import urllib.parse
from dataclasses import dataclass

from event_timeline.model.doi import doi_in, doi_url, without_resolver


def web_address(text: str, what: str = "address") -> str:
    """An absolute http(s) address (without surrounding spaces), or '' for none."""
    text = text.strip()
    parts = urllib.parse.urlsplit(text)
    if text and (parts.scheme not in ("http", "https") or not parts.netloc):
        raise argparse.ArgumentTypeError(f"found {text!r}; expected the release's {what} as an absolute http(s) address, "
                                         "or nothing for a draft")
    return text


def landing_page(text: str) -> str:
    return web_address(text, "landing page")


def download_base(text: str) -> str:
    """The folder the files are served from: never a DOI resolver (a DOI leads to a landing page, not files)."""
    text = web_address(text, "download base (the folder its files are served from)")
    host = urllib.parse.urlsplit(text).netloc.lower()
    if host in ("doi.org", "dx.doi.org"):
        raise argparse.ArgumentTypeError(f"found {text!r}; a DOI resolves to a landing page and serves no files, so download "
                                         "links under it would not resolve: give the DOI as --doi and the files' folder here")
    return text.rstrip("/") + "/" if text else ""


def doi_name(text: str) -> str:
    """'10.5072/abc' from '10.5072/abc', 'doi:10.5072/abc' or 'https://doi.org/10.5072/abc'; '' for none."""
    text = without_resolver(text)
    if text and not doi_in(text):
        raise argparse.ArgumentTypeError(f"found {text!r}; expected a DOI such as 10.5072/zenodo.123 (or https://doi.org/10.5072/"
                                         "zenodo.123), or nothing before one is minted")
    return text


@dataclass(frozen=True)
class Addresses:
    landing_page: str = ""   # '' for a draft
    download_base: str = ""  # ends with '/'; '' for relative links
    doi: str = ""            # this version's DOI name
    concept_doi: str = ""    # the DOI of every version (from the descriptor's id)

    @property
    def draft(self) -> bool:
        return not self.landing_page

    def download(self, rel: str) -> str:
        """The address of a file of the release (relative to the page without a download base)."""
        return self.download_base + rel if self.download_base else rel

    doi_url = staticmethod(doi_url)


def addresses(landing: str = "", downloads: str = "", doi: str = "", version: str = "", concept_id: str | None = None) -> Addresses:
    """Addresses from the settings, each checked; the download base defaults to <landing page>/<version>/."""
    landing = landing_page(landing or "")
    base = download_base(downloads or "") or (f"{landing.rstrip('/')}/{version}/" if landing and version else "")
    return Addresses(landing, base, doi_name(doi or ""), doi_in(concept_id))  # an id that is no DOI names no concept DOI


def addresses_for(pkg_dir, landing: str = "", downloads: str = "", doi: str = "") -> Addresses:
    """The package's addresses: the settings given, its version and concept DOI read from its descriptor."""
    import json
    from pathlib import Path

    descriptor = json.loads((Path(pkg_dir) / "datapackage.json").read_text(encoding="utf-8"))
    return addresses(landing, downloads, doi, descriptor["version"], descriptor.get("id"))


def publishing_arguments(parser: argparse.ArgumentParser, package: str, default_out: str) -> argparse.ArgumentParser:
    """The options of a script that publishes the package: PACKAGE_DIR (default: package, the script's own
    repository), --out, the three addresses, --archives."""
    parser.add_argument("package", nargs="?", default=package)
    parser.add_argument("--out", help=f"output folder (default: PACKAGE/{default_out})")
    parser.add_argument("--landing-page", default="", type=landing_page, help="the address of the landing page; without it, a draft")
    parser.add_argument("--download-base", default="", type=download_base, help="the folder the files are served from")
    parser.add_argument("--doi", default="", type=doi_name, help="this version's DOI (10.NNNN/...), once minted")
    parser.add_argument("--archives", nargs="*", default=[], help="archives of earlier releases, as recorded in releases.json")
    return parser


def published_from(args: argparse.Namespace, default_out: str):
    """(package folder, output folder, Addresses, earlier archives) from the options of publishing_arguments."""
    from pathlib import Path

    package = Path(args.package)
    return (package, Path(args.out) if args.out else package / default_out,
            addresses_for(package, args.landing_page, args.download_base, args.doi), [Path(a) for a in args.archives])
