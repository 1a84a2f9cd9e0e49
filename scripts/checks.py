"""The package's own checks, beyond what frictionless enforces.

In: a package directory and its parsed tables. Out: a list of Problem (file, row, field, value found,
what was expected). Each check is a function taking a Context; none raises on bad data.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import zoneinfo
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyarrow.parquet as pq
import pycountry

from pkglib import (PARQUET_MEDIATYPE, claim_id, load_tables, ROOT, Problem, arrow_table, field_check, parquet_path,
                    partial_date_interval, safe_path, self_references, sha256_file, PackageError)

FORMULA_FIRST = frozenset("=+-@\t\r")
FORMULA_AFTER_SEPARATOR = re.compile("[\x1e\x1f][=+\\-@\t\r]")  # a cell start inside Table.blob()
QUOTED = re.compile(r"[\"“]([^\"“”]+)[\"”]")
UNCITED = {"sources", "claims"}  # sources are the citations; claims are the provenance itself


@dataclass
class Table:
    name: str
    file: str  # path as shown in messages
    path: Path
    resource: dict
    schema: dict
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    readable: bool = False  # decoded and parsed as CSV
    _records: list | None = None
    _blob: str | None = None

    def records(self) -> list[tuple[int, dict[str, str]]]:
        """(line number, {column: text}) for every row; computed once."""
        if self._records is None:
            width = len(self.header)
            self._records = [(line, dict(zip(self.header, row if len(row) >= width else row + [""] * (width - len(row)))))
                             for line, row in enumerate(self.rows, start=2)]
        return self._records

    def blob(self) -> str:
        """Every cell in one string: cells joined by U+001F, rows by U+001E (for quick scans)."""
        if self._blob is None:
            self._blob = "\x1e".join("\x1f".join(row) for row in self.rows)
        return self._blob

    def column(self, name: str) -> list[str]:
        """All cells of one column, in row order ('' where a row is short)."""
        i = self.header.index(name)
        return [row[i] if i < len(row) else "" for row in self.rows]

    def id_prefix(self) -> str:
        """'evt-' for events: read from the primary key's pattern in the schema."""
        key = self.schema["primaryKey"][0]
        field = next(f for f in self.schema["fields"] if f["name"] == key)
        match = re.match(r"\^([a-z]+-)", (field.get("constraints") or {}).get("pattern", ""))
        return match.group(1) if match else ""

    def ids(self) -> set[str]:
        return set(self.column(self.schema["primaryKey"][0]))


@dataclass
class Context:
    pkg_dir: Path
    descriptor: dict
    tables: dict[str, Table]
    seeds_dir: Path | None


# ---------- raw file checks ----------

def _parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def _locate(text_before: str, header: list[str]) -> tuple[int, str]:
    """Row number and field of the cell that ends text_before (the point where something is wrong)."""
    try:
        rows = _parse(text_before + '"' if text_before.count('"') % 2 else text_before)
    except csv.Error:
        return text_before.count("\n") + 1, ""
    if not rows:
        return 1, ""
    cell = len(rows[-1]) - 1
    return len(rows), header[cell] if 0 <= cell < len(header) and len(rows) > 1 else ""


def check_encoding(ctx: Context) -> list[Problem]:
    """UTF-8 without BOM, LF line ends, no NUL byte or CR in a cell; then parse the CSV."""
    out = []
    for t in ctx.tables.values():
        try:
            raw = t.path.read_bytes()
        except FileNotFoundError:
            out.append(Problem(t.file, expected="the file to exist"))
            continue
        if raw.startswith(b"\xef\xbb\xbf"):
            out.append(Problem(t.file, row=1, value="BOM", expected="UTF-8 without a byte-order mark"))
        try:
            text = raw.decode("utf-8").lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            before = raw[:exc.start].decode("utf-8", "replace")
            header = before.split("\n", 1)[0].split(",")
            row, field = _locate(before, header)
            out.append(Problem(t.file, row=row, field=field, value=repr(raw[exc.start:exc.start + 4]),
                               expected="UTF-8 text (this looks like another encoding, e.g. Latin-1)"))
            continue
        if not text.strip():
            out.append(Problem(t.file, value="empty file", expected="a header row and at least one data row"))
            continue
        try:
            rows = _parse(text)
        except csv.Error as exc:
            out.append(Problem(t.file, value=str(exc), expected="well-formed CSV"))
            continue
        t.header, t.rows, t.readable = rows[0], rows[1:], True
        cr_in_cells = nul = False
        for number, row in enumerate(rows if ("\r" in text or "\x00" in text) else [], start=1):
            for name, cell in zip(t.header + [""] * len(row), row):
                if "\x00" in cell:
                    out.append(Problem(t.file, number, name, "NUL byte", "text without NUL bytes"))
                    nul = True
                if "\r" in cell:
                    out.append(Problem(t.file, number, name, "carriage return", "no CR inside a cell (LF for line breaks)"))
                    cr_in_cells = True
        if nul:
            t.readable = False  # frictionless and the other checks would only repeat it
        if "\r" in text and not cr_in_cells:
            at = text.index("\r")
            row, field = _locate(text[:at], t.header)
            if text[at + 1:at + 2] == "\n":
                out.append(Problem(t.file, row=row, value="CRLF", expected="LF line ends (no CRLF or CR)"))
            else:
                out.append(Problem(t.file, row=row, field=field, value="CR", expected="no bare CR: it splits the row (quote the cell or remove it)"))
    return out


def check_shape(ctx: Context) -> list[Problem]:
    """Header equals the schema's field names in order; every row has that many cells; no empty table."""
    out = []
    for t in readable(ctx):
        names = [f["name"] for f in t.schema["fields"]]
        if t.header != names:
            missing = [n for n in names if n not in t.header]
            extra = [n for n in t.header if n not in names]
            detail = (f"missing {missing}" if missing else "") + (" " if missing and extra else "") + (f"unexpected {extra}" if extra else "")
            out.append(Problem(t.file, row=1, value=",".join(t.header),
                               expected=f"the header {','.join(names)} ({detail or 'columns in the wrong order'})"))
            t.readable = False
            continue
        if not t.rows:
            out.append(Problem(t.file, value="header only", expected="at least one data row"))
        for line, row in enumerate(t.rows, start=2):
            if len(row) != len(names):
                first_missing = names[len(row)] if len(row) < len(names) else ""
                out.append(Problem(t.file, row=line, field=first_missing, value=f"{len(row)} cells",
                                   expected=f"{len(names)} cells (is a comma unquoted?)"))
    return out


def check_formula_cells(ctx: Context) -> list[Problem]:
    """No text cell that a spreadsheet would run as a formula."""
    out = []
    for t in readable(ctx):
        if t.blob()[:1] not in FORMULA_FIRST and not FORMULA_AFTER_SEPARATOR.search(t.blob()):
            continue  # quick path: no cell starts with a formula character
        for line, row in enumerate(t.rows, start=2):
            for name, cell in zip(t.header, row):
                if cell[:1] in FORMULA_FIRST:
                    out.append(Problem(t.file, row=line, field=name, value=cell,
                                       expected="no leading =, +, -, @, tab or CR (a spreadsheet would run it as a formula)"))
    return out


# ---------- values ----------

@lru_cache(maxsize=None)
def _country_ok(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


@lru_cache(maxsize=None)
def _language_ok(tag: str) -> bool:
    primary = tag.split("-")[0]
    return (pycountry.languages.get(alpha_2=primary) if len(primary) == 2 else pycountry.languages.get(alpha_3=primary)) is not None


@lru_cache(maxsize=1)
def _timezones() -> frozenset:
    return frozenset(zoneinfo.available_timezones())


def _special_value_ok(kind: str, value: str) -> str:
    """'' when the value is fine, else what was expected."""
    if kind == "partial-date":
        try:
            partial_date_interval(value)
        except ValueError:
            return "a real calendar date as YYYY, YYYY-MM or YYYY-MM-DD"
    elif kind == "country" and not _country_ok(value):
        return "an ISO 3166-1 alpha-2 country code"
    elif kind == "language" and not _language_ok(value):
        return "a BCP 47 tag whose language is in ISO 639"
    elif kind == "timezone" and value not in _timezones():
        return "an IANA time zone such as Asia/Bangkok"
    return ""


def check_special_fields(ctx: Context) -> list[Problem]:
    """Partial dates are real calendar dates; countries, languages and time zones exist."""
    out = []
    for t in readable(ctx):
        for spec in t.schema["fields"]:
            kind = field_check(spec)
            if not kind:
                continue
            column = t.column(spec["name"])
            bad = {v: why for v in set(column) if v and (why := _special_value_ok(kind, v))}
            out += [Problem(t.file, line, spec["name"], value, bad[value])
                    for line, value in enumerate(column, start=2) if value in bad]
    return out


def _interval(value: str):
    try:
        return partial_date_interval(value) if value else None
    except ValueError:
        return None


def check_event_dates(ctx: Context) -> list[Problem]:
    """End not before start (for every start/end pair); a child event can lie inside its parent's span."""
    out = []
    for t in readable(ctx):
        if not {"start", "end"} <= set(t.header):
            continue
        for line, (start, end) in enumerate(zip(t.column("start"), t.column("end")), start=2):
            s, e = _interval(start), _interval(end)
            if s and e and e[1] < s[0]:
                out.append(Problem(t.file, line, "end", end, f"a date on or after start {start}"))
    events = ctx.tables.get("events")
    if events and events.readable:
        starts, ends = events.column("start"), events.column("end")
        index = {eid: i for i, eid in enumerate(events.column("event_id"))}
        for i, parent_id in enumerate(events.column("parent_event_id")):
            j = index.get(parent_id)
            if j is None:
                continue
            s, e = _interval(starts[i]), _interval(ends[i]) or _interval(starts[i])
            ps, pe = _interval(starts[j]), _interval(ends[j]) or _interval(starts[j])
            if not (s and e and ps and pe):
                continue
            if s[1] < ps[0] or e[0] > pe[1] or s[0] > pe[1] or e[1] < ps[0]:
                out.append(Problem(events.file, i + 2, "start", f"{starts[i]}..{ends[i]}",
                                   f"a span that can lie inside its parent {parent_id} ({starts[j]}..{ends[j] or starts[j]})"))
    return out


def check_cycles(ctx: Context) -> list[Problem]:
    """Parent chains (self-referencing foreign keys) end; no record is its own ancestor."""
    out = []
    for t in readable(ctx):
        ids = t.column(t.schema["primaryKey"][0])
        for parent_field in self_references(t.schema):
            parent = dict(zip(ids, t.column(parent_field)))
            lines = {rid: line for line, rid in enumerate(ids, start=2)}
            for start in parent:
                seen, node = {start}, parent.get(start)
                while node:
                    if node == start:
                        out.append(Problem(t.file, lines[start], parent_field, parent[start],
                                           f"a parent chain that ends; {start} is its own ancestor"))
                        break
                    if node in seen:
                        break  # a cycle not through start: reported from its own members
                    seen.add(node)
                    node = parent.get(node)
    return out


def check_unique_keys(ctx: Context) -> list[Problem]:
    """Each schema's uniqueKeys hold: no two rows say the same link twice (frictionless does not enforce them)."""
    out = []
    for t in readable(ctx):
        for fields in t.schema.get("uniqueKeys", []):
            seen: dict[tuple, int] = {}
            for line, key in enumerate(zip(*(t.column(f) for f in fields)), start=2):
                if key in seen:
                    out.append(Problem(t.file, line, fields[0], ",".join(key),
                                       f"a combination of {', '.join(fields)} not already in row {seen[key]}"))
                else:
                    seen[key] = line
    return out


def check_participants(ctx: Context) -> list[Problem]:
    """A participation names exactly one participant: a person, an organization or a country.
    A person may carry a country (the one they represented)."""
    out = []
    t = ctx.tables.get("participations")
    if t and t.readable:
        for line, rec in t.records():
            person, org, country = rec.get("person_id"), rec.get("organization_id"), rec.get("country")
            if (bool(person) + bool(org) != 1) and not (country and not person and not org):
                out.append(Problem(t.file, line, "person_id", f"{person}|{org}|{country}",
                                   "exactly one participant: person_id, organization_id or (alone) country"))
    return out


# ---------- provenance ----------

def seed_texts(ctx: Context) -> tuple[dict[str, str], list[Problem]]:
    """{source_id: text} for primary sources whose full text is on hand and matches its sha256."""
    out, texts = [], {}
    sources = ctx.tables.get("sources")
    if not sources or not sources.readable or ctx.seeds_dir is None:
        return texts, out
    for line, rec in sources.records():
        if rec.get("source_role") != "primary":
            continue
        if not rec.get("local_copy") or not rec.get("sha256"):
            out.append(Problem(sources.file, line, "sha256", rec.get("sha256", ""), "local_copy and sha256 for a primary source"))
            continue
        path = ctx.seeds_dir / rec["local_copy"]
        if not path.is_file():
            out.append(Problem(sources.file, line, "local_copy", rec["local_copy"], f"a file in {ctx.seeds_dir}"))
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != rec["sha256"]:
            out.append(Problem(sources.file, line, "sha256", rec["sha256"], f"the SHA-256 of {path.name} ({hashlib.sha256(data).hexdigest()})"))
            continue
        texts[rec["source_id"]] = data.decode("utf-8")
    return texts, out


CLAIM_COLUMNS = ["claim_id", "resource", "record_id", "property", "value", "source_id", "quote", "rank", "rank_reason"]


def check_claims(ctx: Context) -> list[Problem]:
    """Claims point at existing records, quote primary texts verbatim, derive their ids, and rank disagreements."""
    out = []
    claims, sources = ctx.tables.get("claims"), ctx.tables.get("sources")
    if not claims or not claims.readable or not sources or not sources.readable:
        return out
    roles = dict(zip(sources.column("source_id"), sources.column("source_role")))
    texts, seed_problems = seed_texts(ctx)
    out += seed_problems
    ids = {name: t.ids() for name, t in ctx.tables.items() if t.readable}
    prefixes = {name: t.id_prefix() for name, t in ctx.tables.items()}
    groups: dict[tuple, list] = {}
    rows = zip(*(claims.column(c) for c in CLAIM_COLUMNS))
    for line, (cid, res, rid, prop, value, src, quote, rank, reason) in enumerate(rows, start=2):
        if prefixes.get(res) and not rid.startswith(prefixes[res]):
            out.append(Problem(claims.file, line, "record_id", rid, f"an id of {res} (prefix {prefixes[res]})"))
        elif res in ids and rid not in ids[res]:
            out.append(Problem(claims.file, line, "record_id", rid, f"an existing {res} id"))
        expected_id = claim_id(res, rid, prop, value, src)
        if cid != expected_id:
            out.append(Problem(claims.file, line, "claim_id", cid, f"{expected_id} (derived from its content; run scripts/claim_ids.py)"))
        role = roles.get(src)
        if quote and role != "primary":
            out.append(Problem(claims.file, line, "quote", quote, "no quote: only primary documents are quoted"))
        elif not quote and role == "primary":
            out.append(Problem(claims.file, line, "quote", "", "a verbatim quote from the primary document"))
        elif quote and src in texts and quote not in texts[src]:
            out.append(Problem(claims.file, line, "quote", quote, f"words that stand verbatim in {src}"))
        if rank != "normal" and not reason:
            out.append(Problem(claims.file, line, "rank_reason", "", f"a reason for rank {rank}"))
        if prop != "record":
            groups.setdefault((res, rid, prop), []).append((line, value, rank, reason))
    out += _check_ranks(ctx, claims, groups)
    return out


def _check_ranks(ctx: Context, claims: Table, groups: dict) -> list[Problem]:
    """One preferred value at most; every version of a contested value gives its reason; the entity holds the preferred value."""
    out = []
    lines_by_id: dict[str, dict[str, int]] = {}
    for (res, rid, prop), items in groups.items():
        values = {value for _, value, _, _ in items}
        preferred = {value for _, value, rank, _ in items if rank == "preferred"}
        first_line = items[0][0]
        if len(preferred) > 1:
            out.append(Problem(claims.file, first_line, "rank", f"{rid} {prop}",
                               f"one preferred value per record and property, not {len(preferred)}: {sorted(preferred)}"))
        elif len(values) > 1 and any(not reason for _, _, _, reason in items):
            line = next(line for line, _, _, reason in items if not reason)
            out.append(Problem(claims.file, line, "rank_reason", f"{rid} {prop}",
                               f"a reason on every version of a contested value (why preferred, normal or deprecated, "
                               f"or why unresolved): {sorted(values)}"))
        t = ctx.tables.get(res)
        if preferred and t is not None and t.readable and prop in t.header:
            if res not in lines_by_id:
                lines_by_id[res] = {rid_: line for line, rid_ in enumerate(t.column(t.schema["primaryKey"][0]), start=2)}
            line = lines_by_id[res].get(rid)
            if line is None:
                continue
            row, col = t.rows[line - 2], t.header.index(prop)
            actual = row[col] if col < len(row) else ""
            if actual != next(iter(preferred)):
                out.append(Problem(t.file, line, prop, actual,
                                   f"the value of the preferred claim, {next(iter(preferred))!r} (data/claims.csv)"))
    return out


def check_cited(ctx: Context) -> list[Problem]:
    """Every row of every resource but sources and claims has at least one claim."""
    out = []
    claims = ctx.tables.get("claims")
    if not claims or not claims.readable:
        return out
    cited = set(zip(claims.column("resource"), claims.column("record_id")))
    for t in readable(ctx):
        if t.name in UNCITED:
            continue
        key = t.schema["primaryKey"][0]
        for line, rid in enumerate(t.column(key), start=2):
            if (t.name, rid) not in cited:
                out.append(Problem(t.file, line, key, rid, "at least one claim citing a source (data/claims.csv)"))
    return out


def check_quotation_marks(ctx: Context) -> list[Problem]:
    """Words in quotation marks in any text cell stand verbatim in a primary document."""
    out = []
    texts, _ = seed_texts(ctx)
    if not texts:
        return out
    corpus = "\n".join(texts.values())
    for t in readable(ctx):
        if '"' not in t.blob() and "“" not in t.blob():
            continue  # quick path: no cell holds a quotation mark
        for line, rec in t.records():
            for col, cell in rec.items():
                if col == "quote" or ('"' not in cell and "“" not in cell):
                    continue
                for match in QUOTED.finditer(cell):
                    if match.group(1).strip(" ,.") not in corpus:
                        out.append(Problem(t.file, line, col, match.group(0),
                                           "quotation marks only around words that stand verbatim in a primary document"))
    return out


# ---------- derived files ----------

def check_descriptor_fresh(ctx: Context) -> list[Problem]:
    """bytes and sha256 of every file in the descriptor match the file."""
    out = []
    for resource in ctx.descriptor["resources"]:
        if not isinstance(resource, dict) or "path" not in resource:
            continue
        try:
            path = safe_path(ctx.pkg_dir, resource["path"], f"resources[{resource.get('name')}]")
        except PackageError as exc:
            out += exc.problems
            continue
        if not path.is_file():
            out.append(Problem(resource["path"], expected="the file listed in datapackage.json to exist (run make)"))
            continue
        size = path.stat().st_size
        if resource.get("bytes") != size:
            out.append(Problem(resource["path"], field="bytes", value=str(resource.get("bytes")),
                               expected=f"{size}, the file's size (datapackage.json is stale or the file changed: run make)"))
        digest = "sha256:" + sha256_file(path)
        if resource.get("hash") != digest:
            out.append(Problem(resource["path"], field="hash", value=str(resource.get("hash")),
                               expected=f"{digest}, the file's SHA-256 (datapackage.json is stale or the file changed: run make)"))
    return out


def check_checksums(ctx: Context) -> list[Problem]:
    """In a release copy: every file listed in SHA256SUMS still has the listed SHA-256."""
    listing = ctx.pkg_dir / "SHA256SUMS"
    if not listing.is_file():
        return []
    out = []
    try:
        lines = listing.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return [Problem("SHA256SUMS", expected="UTF-8 lines of '<sha256>  <path>'")]
    for number, line in enumerate(lines, start=1):
        digest, _, rel = line.partition("  ")
        if not re.fullmatch(r"[0-9a-f]{64}", digest) or not rel:
            out.append(Problem("SHA256SUMS", row=number, value=line, expected="'<sha256>  <path>'"))
            continue
        try:
            path = safe_path(ctx.pkg_dir, rel, "SHA256SUMS")
        except PackageError as exc:
            out += exc.problems
            continue
        if not path.is_file():
            out.append(Problem(rel, expected="the file listed in SHA256SUMS to exist"))
        elif sha256_file(path) != digest:
            out.append(Problem(rel, field="sha256", value=sha256_file(path),
                               expected=f"{digest} as listed in SHA256SUMS (the file changed after release)"))
    return out


def check_parquet_mirrors(ctx: Context) -> list[Problem]:
    """Each table has a Parquet copy registered in the descriptor that holds the same typed values."""
    out = []
    registered = {r.get("path"): r for r in ctx.descriptor["resources"] if isinstance(r, dict) and r.get("mediatype") == PARQUET_MEDIATYPE}
    for t in readable(ctx):
        rel = parquet_path(t.resource["path"])
        if rel not in registered:
            out.append(Problem("datapackage.json", field="resources", value=rel, expected=f"a Parquet copy of {t.file} registered (run make)"))
            continue
        path = ctx.pkg_dir / rel
        if not path.is_file():
            continue  # reported by check_descriptor_fresh
        try:
            expected = arrow_table(t.name, t.resource, t.schema, t.header, t.rows)
        except ValueError:
            continue  # the CSV itself is wrong: frictionless reports the cell
        try:
            actual = pq.read_table(path)
        except Exception as exc:  # pyarrow raises several types for a damaged file
            out.append(Problem(rel, value=f"unreadable ({type(exc).__name__})", expected="a Parquet file (run make to rebuild it)"))
            continue
        if not actual.schema.equals(expected.schema, check_metadata=True):
            out.append(Problem(rel, value="schema", expected=f"the schema derived from {t.resource['schema']} (run make)"))
        elif not actual.equals(expected):
            row = _first_difference(actual, expected)
            out.append(Problem(rel, row=row[0], field=row[1], value=row[2], expected=f"the same typed values as {t.file} (run make)"))
    return out


def _first_difference(actual, expected) -> tuple[int, str, str]:
    if actual.num_rows != expected.num_rows:
        return 0, "", f"{actual.num_rows} rows, CSV has {expected.num_rows}"
    for name in expected.column_names:
        a, e = actual.column(name).to_pylist(), expected.column(name).to_pylist()
        for i, (x, y) in enumerate(zip(a, e)):
            if x != y:
                return i + 2, name, str(x)
    return 0, "", "different encoding"


# ---------- helpers ----------

def readable(ctx: Context):
    return [t for t in ctx.tables.values() if t.readable]


# checks of the curated files alone (the build runs these before writing anything)
SOURCE_CHECKS = [check_encoding, check_shape, check_formula_cells, check_special_fields, check_event_dates,
                 check_cycles, check_unique_keys, check_participants, check_claims, check_cited, check_quotation_marks]
# checks that derived files are fresh
DERIVED_CHECKS = [check_descriptor_fresh, check_parquet_mirrors, check_checksums]


def context(pkg_dir: Path) -> Context:
    """Everything the checks need; PackageError if the descriptor or a schema cannot be read."""
    descriptor, tables = load_tables(pkg_dir)
    return Context(pkg_dir, descriptor,
                   {name: Table(name, t["resource"]["path"], t["path"], t["resource"], t["schema"]) for name, t in tables.items()},
                   find_seeds(pkg_dir))


def run(ctx: Context, checks_to_run: list) -> list[Problem]:
    problems: list[Problem] = []
    for check in checks_to_run:
        problems += check(ctx)
    return problems


def find_seeds(pkg_dir: Path) -> Path | None:
    """Folder of the primary texts: $ASEANAPOL_SEEDS, else ../shared/seeds beside the package or this repository."""
    candidates = [os.environ.get("ASEANAPOL_SEEDS"), pkg_dir / ".." / "shared" / "seeds", ROOT / ".." / "shared" / "seeds"]
    for c in candidates:
        if c and Path(c).is_dir():
            return Path(c).resolve()
    return None
