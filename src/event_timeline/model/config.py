"""What the tooling needs to know about one package that its descriptor does not say.

In: a package directory; its timeline.toml when it has one (a release archive has none, and gets
the defaults). Out: a Config: the environment variable that may name the folder of the primary
texts, and the figure's title (default: the descriptor's title) and the salt of its SVG ids (default:
the descriptor's name).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from event_timeline.problems import PackageError, Problem

CONFIG_FILE = "timeline.toml"


@dataclass(frozen=True)
class Config:
    texts_environment: str | None = None  # e.g. MYPACKAGE_TEXTS; None: only --texts DIR names the texts
    figure_title: str | None = None       # None: the descriptor's title
    figure_id_salt: str | None = None     # None: the descriptor's name (any fixed text makes the SVG's ids reproducible)


def load(pkg_dir: Path) -> Config:
    """The package's configuration; the defaults where it has no timeline.toml. PackageError when the file
    cannot be read or names a setting the tooling does not know."""
    path = Path(pkg_dir) / CONFIG_FILE
    if not path.is_file():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PackageError([Problem(CONFIG_FILE, value=type(exc).__name__, expected=f"TOML the tooling can read ({exc})")]) from None
    known = {"texts": {"environment"}, "figure": {"title", "id_salt"}}
    unknown = [f"{section}.{key}" for section, values in data.items() for key in (values if isinstance(values, dict) else [""])
               if section not in known or key not in known[section]]
    if unknown:
        raise PackageError([Problem(CONFIG_FILE, value=", ".join(unknown),
                                    expected="only texts.environment, figure.title and figure.id_salt")])
    return Config(texts_environment=data.get("texts", {}).get("environment"), figure_title=data.get("figure", {}).get("title"),
                  figure_id_salt=data.get("figure", {}).get("id_salt"))
