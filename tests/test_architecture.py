"""The layout keeps its promises: the map in ARCHITECTURE.md names exactly the subpackages there are,
the subpackages import each other without cycles, the commands are thin, nothing edits sys.path,
and each dependency group is pinned in its lock, with hashes, within the ranges pyproject.toml declares."""
from __future__ import annotations

import ast
import re
import tomllib
from collections import defaultdict
from pathlib import Path

from packaging.requirements import Requirement

from conftest import ROOT

PACKAGE = ROOT / "src" / "event_timeline"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def subpackages() -> set[str]:
    return {p.parent.name for p in PACKAGE.glob("*/__init__.py")}


def test_the_map_names_every_subpackage_and_only_those():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("## Subpackages", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"^- `([a-z_]+)/`:", section, re.M))
    assert named == subpackages()
    flow = text.split("## How data flows", 1)[1].split("\n## ", 1)[0]
    assert all(f"{name}/" in flow for name in subpackages())


def imports_between_parts() -> dict[str, set[str]]:
    """{part: the other parts it imports}, a part being a subpackage or a top-level module of event_timeline."""
    edges: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        part = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("event_timeline."):
                other = node.module.split(".")[1]
                if other != part:
                    edges[part].add(other)
    return edges


def test_the_parts_of_the_package_import_each_other_without_a_cycle():
    edges = imports_between_parts()
    done, path = set(), []

    def visit(part):
        assert part not in path, f"import cycle: {' -> '.join(path + [part])}"
        if part in done:
            return
        path.append(part)
        for other in sorted(edges.get(part, ())):
            visit(other)
        path.pop()
        done.add(part)
    for part in sorted(edges):
        visit(part)


def test_commands_parse_arguments_and_make_one_call_into_the_package():
    for script in sorted((ROOT / "scripts").glob("*.py")):
        tree = ast.parse(script.read_text(encoding="utf-8"))
        if script.name in ("python_version.py", "lock.py"):  # run before the package is installed (stdlib only)
            assert not any(isinstance(n, ast.ImportFrom) and (n.module or "").startswith("event_timeline") for n in ast.walk(tree))
            continue
        called = [a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom) and n.module.startswith("event_timeline")
                  for a in n.names]
        work = [a.name for n in tree.body if isinstance(n, ast.ImportFrom) and n.module.startswith("event_timeline")
                for a in n.names if a.name in ("run", "run_diff")]
        assert len(work) == 1, f"{script.name} imports {called}: expected one function that does the work"
        assert not [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While))], script.name
        assert len(tree.body) <= 16, f"{script.name} has {len(tree.body)} statements: move the work into the package"


def test_nothing_puts_folders_on_the_import_path():
    assert "pythonpath" not in PYPROJECT["tool"]["pytest"]["ini_options"]
    for folder in ("src", "scripts", "tests", "site_tests"):
        for path in (ROOT / folder).rglob("*.py"):
            code = ast.parse(path.read_text(encoding="utf-8"))
            assert not [n for n in ast.walk(code) if isinstance(n, ast.Attribute) and n.attr == "path"
                        and isinstance(n.value, ast.Name) and n.value.id == "sys"], path


PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)")


def pins(lock: Path) -> dict[str, str]:
    """{package: version} of a lock written by make lock (uv's hashed format)."""
    out = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            out[match.group(1).lower().replace("_", "-")] = match.group(2)
    return out


def test_each_dependency_group_is_pinned_within_its_declared_ranges():
    groups = {"build": PYPROJECT["project"]["dependencies"] + PYPROJECT["build-system"]["requires"],
              **PYPROJECT["project"]["optional-dependencies"]}
    versions: dict[str, set[str]] = defaultdict(set)
    for group, requirements in groups.items():
        pinned = pins(ROOT / "requirements" / f"{group}.txt")
        for text in requirements:
            requirement = Requirement(text)
            name = requirement.name.lower().replace("_", "-")
            assert name in pinned, f"{name} ({group}) is not pinned in requirements/{group}.txt"
            assert requirement.specifier.contains(pinned[name]), f"{name}=={pinned[name]} is outside {requirement.specifier}"
        for name, version in pinned.items():
            versions[name].add(version)
    assert {name: v for name, v in versions.items() if len(v) > 1} == {}, "a package pinned at two versions"
    for tool, requirements in PYPROJECT["tool"]["event-timeline"]["isolated-tools"].items():
        pinned = pins(ROOT / "requirements" / "tools" / f"{tool}.txt")
        for text in requirements:
            requirement = Requirement(text)
            assert requirement.specifier.contains(pinned[requirement.name.lower()]), f"{tool}: {text}"


def test_every_lock_pins_each_package_with_its_hashes_and_make_requires_them():
    locks = sorted((ROOT / "requirements").rglob("*.txt"))
    assert locks
    for lock in locks:
        lines = lock.read_text(encoding="utf-8").splitlines()
        starts = [i for i, line in enumerate(lines) if PIN.match(line)]
        assert starts, lock
        for i in starts:
            assert lines[i].endswith("\\") and lines[i + 1].strip().startswith("--hash=sha256:"), f"{lock}: {lines[i]}"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line and " -r " in line or "$(PIP) -r" in line]
    assert installs and all("--require-hashes" in line or "$(PIP)" in line for line in installs), installs
    assert re.search(r"^PIP +:= .*--require-hashes", makefile, re.M)
    assert "--no-build-isolation -e ." in makefile, "the package is built with the locked backend, not a fetched one"
