"""Compare two copies of the package: what changed, and the smallest SemVer bump it requires.

In: OLD and NEW, each a package directory or a release archive (.zip, either layout). Out: on stdout
the changes, strongest first, then per table the changed and removed rows and the required bump
(`--markdown`: release notes; `--json`: the same as data). Exit 0; exit 1 with one line per problem
when a copy cannot be read; with --check, exit 1 when NEW's version bump is smaller than required.
Usage: python scripts/diff.py OLD NEW [--markdown | --json] [--check]
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from diff_report import markdown_report, text_report
from package_copy import open_copy
from package_diff import bump_problem, compare
from problems import PackageError


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="diff.py", description=__doc__.split("\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--markdown", action="store_true", help="release notes in Markdown")
    form.add_argument("--json", action="store_true", help="the changes as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when NEW's version bump is smaller than required")
    args = parser.parse_args(argv[1:])
    try:
        diff = compare(open_copy(args.old), open_copy(args.new))
    except PackageError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"old_version": diff.old_version, "new_version": diff.new_version, "required": diff.required(),
                          "changes": [asdict(c) for c in diff.all_changes()],
                          "rows": {n: asdict(r) for n, r in diff.rows.items()}}, indent=2, ensure_ascii=False))
    elif args.markdown:
        print(markdown_report(diff), end="")
    else:
        print(text_report(diff, args.old, args.new), end="")
    if args.check:
        problem = bump_problem(diff)
        if problem:
            print(f"diff: {problem}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
