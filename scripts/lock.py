"""Lock every dependency group with hashes: requirements/<group>.txt and requirements/tools/<tool>.txt.

In: pyproject.toml (the [project] dependencies and the build backend for the `build` group, each optional
extra for its group, [tool.event-timeline.isolated-tools] for the tools that get a venv of their own) and
the current locks (uv keeps their versions where it can). Out: each lock written by `uv pip compile
--universal --generate-hashes` (valid on every Python from 3.11 and every platform, every file's hash
listed), so that make installs them with `pip install --require-hashes`. The groups that share a venv are
resolved against each other (each extra with the build lock and the extras before it as constraints), so a
package two groups need has one version. Needs uv (make lock installs it from requirements/tools/uv.txt).
Usage: python scripts/lock.py [--uv PATH]
"""
import argparse
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = "3.11"  # the oldest Python the package supports (scripts/python_version.py)
HEADER = {
    "build": "What `make` needs to build and validate the package: the [project] dependencies of pyproject.toml, the "
             "build backend (installed from here, then the package with --no-build-isolation) and everything they need.",
    "test": "What `make test` adds: the `test` extra and everything it needs.",
    "datasette": "What `make serve` (and the tests of the SQLite edition) add: the `datasette` extra.",
    "browser": "What `make test-site` adds (the page in Chromium): the `browser` extra.",
    "bench": "What `make bench` adds (scripts/bench_site.py drives Chromium): the `bench` extra.",
    "publish": "What `make publish-check` adds: the `publish` extra (release metadata and the workflow check).",
}


def compile_lock(uv: str, inputs: list[Path], out: Path, extra: str | None, constraints: list[Path], header: str,
                 named: dict[str, str] | None = None) -> None:
    command = [uv, "pip", "compile", *map(str, inputs), "--universal", "--python-version", PYTHON, "--generate-hashes",
               "--no-header", "--quiet", "-o", str(out)]
    if extra:
        command += ["--extra", extra]
    for c in constraints:
        command += ["-c", str(c)]
    subprocess.run(command, check=True, cwd=ROOT)
    body = out.read_text(encoding="utf-8")
    for path, name in (named or {}).items():  # say where a requirement comes from, not which temporary file held it
        body = body.replace(f"-r {path}", name)
    out.write_text(f"# {header}\n# Locked with hashes by `make lock` (scripts/lock.py); installed with pip --require-hashes.\n{body}",
                   encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uv", default="uv", help="the uv executable (default: uv on the PATH)")
    args = parser.parse_args()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = ROOT / "requirements"
    (requirements / "tools").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        backend = Path(tmp) / "backend.in"
        backend.write_text("\n".join(pyproject["build-system"]["requires"]) + "\n", encoding="utf-8")
        build = requirements / "build.txt"
        compile_lock(args.uv, [ROOT / "pyproject.toml", backend], build, None, [], HEADER["build"],
                     {str(backend): "pyproject.toml [build-system] requires"})
        done = [build]
        for extra in pyproject["project"]["optional-dependencies"]:
            out = requirements / f"{extra}.txt"
            compile_lock(args.uv, [ROOT / "pyproject.toml"], out, extra, list(done), HEADER.get(extra, f"The `{extra}` extra."))
            done.append(out)
        for tool, wanted in pyproject["tool"]["event-timeline"]["isolated-tools"].items():
            source = Path(tmp) / f"{tool}.in"
            source.write_text("\n".join(wanted) + "\n", encoding="utf-8")
            compile_lock(args.uv, [source], requirements / "tools" / f"{tool}.txt", None, [],
                         f"The isolated tool {tool} ({', '.join(wanted)}), in a venv of its own under .venv/tools/{tool}.",
                         {str(source): f"pyproject.toml [tool.event-timeline.isolated-tools] {tool}"})
    print("locked: " + ", ".join(p.relative_to(ROOT).as_posix() for p in [*done, *sorted((requirements / "tools").glob("*.txt"))]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
