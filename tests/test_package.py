"""The real package: valid for frictionless and for the package's own checks, fully cited and sourced."""
from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from conftest import SEEDS, run_frictionless, run_script
from pkglib import ROOT, read_records, load_tables

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="primary texts (../shared/seeds) not beside the repository")


def test_validate_script_accepts_the_package():
    result = run_script("validate.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("valid:")


def test_frictionless_cli_validates_the_package():
    result = run_frictionless("validate", "--json", "datapackage.json", cwd=ROOT)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-2000:]
    assert {t["name"] for t in report["tasks"]} >= {"events", "claims", "events-parquet"}


BREAKS = {  # what a bare frictionless install must catch: file, text replaced, replacement
    "primary-key": ("data/themes.csv", "thm-fraud,Fraud,", "thm-cybercrime,Fraud,"),
    "foreign-key": ("data/event_themes.csv", ",thm-cybercrime\n", ",thm-cyber\n"),
    "enum": ("data/events.csv", ",ceremony,took-place,", ",party,took-place,"),
    "hash": ("data/people.csv", "Prime Minister", "Premier"),
}


@pytest.mark.parametrize("kind", sorted(BREAKS))
def test_frictionless_cli_rejects_a_broken_package(kind, tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(ROOT, pkg, ignore=shutil.ignore_patterns(".venv", ".git", "dist", ".make", ".hypothesis", "tests"))
    rel, old, new = BREAKS[kind]
    text = (pkg / rel).read_text(encoding="utf-8")
    assert old in text
    (pkg / rel).write_text(text.replace(old, new, 1), encoding="utf-8", newline="")
    if kind != "hash":
        import conftest
        conftest.refresh_hashes(pkg)
    result = run_frictionless("validate", "--json", "datapackage.json", cwd=pkg)
    assert result.returncode == 1
    errors = {e["type"] for t in json.loads(result.stdout)["tasks"] for e in t["errors"]}
    assert {"primary-key": "primary-key", "foreign-key": "foreign-key", "enum": "constraint-error", "hash": "hash-count"}[kind] in errors


@needs_seeds
def test_primary_texts_match_their_recorded_sha256():
    primaries = [r for r in read_records(ROOT / "data" / "sources.csv") if r["source_role"] == "primary"]
    assert len(primaries) == 2
    for r in primaries:
        assert hashlib.sha256((SEEDS / r["local_copy"]).read_bytes()).hexdigest() == r["sha256"]


@needs_seeds
def test_every_quote_stands_verbatim_in_the_primary_text_it_cites():
    texts = {r["source_id"]: (SEEDS / r["local_copy"]).read_text(encoding="utf-8")
             for r in read_records(ROOT / "data" / "sources.csv") if r["source_role"] == "primary"}
    quoted = [c for c in read_records(ROOT / "data" / "claims.csv") if c["quote"]]
    assert len(quoted) > 50
    for c in quoted:
        assert c["source_id"] in texts, c["claim_id"]
        assert c["quote"] in texts[c["source_id"]], c["claim_id"]


def test_every_row_of_every_resource_has_a_citation():
    claims = read_records(ROOT / "data" / "claims.csv")
    cited = {(c["resource"], c["record_id"]) for c in claims}
    sources = {r["source_id"] for r in read_records(ROOT / "data" / "sources.csv")}
    assert {c["source_id"] for c in claims} <= sources
    _, tables = load_tables(ROOT)
    for name, t in tables.items():
        if name in ("sources", "claims"):
            continue
        key = t["schema"]["primaryKey"][0]
        for row in read_records(t["path"]):
            assert (name, row[key]) in cited, f"{name} {row[key]} has no claim"


def test_every_source_is_cited():
    cited = {c["source_id"] for c in read_records(ROOT / "data" / "claims.csv")}
    assert {r["source_id"] for r in read_records(ROOT / "data" / "sources.csv")} == cited


CONFLICTS = [  # the sources brief's conflicts table: (resource, record, property, preferred value, other versions)
    ("organizations", "org-royal-thai-police", "head", "per-kitrat-phanphet", {"per-torsak-sukvimol"}),
    ("people", "per-david-martinez-vinluan", "name", "David Martinez Vinluan", {"David Martinez Wenluan"}),
    ("people", "per-jose-melencio-nartatez", "name", "Jose Melencio C. Nartatez Jr.", {"Jose Melencio Natividad"}),
    ("events", "evt-43rd-aseanapol-conference", "official_theme", "Collaboration in Action: Crushing Scam, Disrupting Fraud, and Protecting People",
     {"Collaboration in Action: Crushing Scams, Disrupting Fraud and Protecting People", "Collaborative Action: Combating Scams, Countering Fraud, Protecting the People"}),
    ("organizations", "org-aseanapol", "name", "ASEAN Chiefs of National Police", {"ASEAN National Police", "ASEAN Chiefs of Police"}),
    ("events", "evt-43rd-aseanapol-conference", "member_states_participating", "10", {"all ASEAN member states"}),
    ("events", "evt-43rd-aseanapol-conference", "attendance_estimate", None, {"about 280", "more than 200"}),
    ("events", "evt-43rd-aseanapol-conference", "end", "2025-11-07", {"2025-11-06"}),
    ("events", "evt-joint-communique-signing", "start", "2025-11-06", {"2025-11"}),
    ("events", "evt-joint-communique-signing", "document_name", "43rd ASEANAPOL Joint Communique", {"Bangkok Declaration"}),
    ("events", "evt-43rd-aseanapol-conference", "dialogue_partners_present", None, {"9 of 12 dialogue partners", "19 partner and observer entities"}),
    ("events", "evt-opening-ceremony", "start", "2025-11-04", {"2025-11"}),
]


@pytest.mark.parametrize("resource,record,prop,preferred,others", CONFLICTS, ids=[f"{c[1]}.{c[2]}" for c in CONFLICTS])
def test_every_conflict_of_the_brief_keeps_all_versions_ranked(resource, record, prop, preferred, others):
    claims = [c for c in read_records(ROOT / "data" / "claims.csv")
              if (c["resource"], c["record_id"], c["property"]) == (resource, record, prop)]
    values = {c["value"] for c in claims}
    assert others <= values
    assert {c["value"] for c in claims if c["rank"] == "preferred"} == ({preferred} if preferred else set())
    assert all(c["rank_reason"] for c in claims if c["value"] in others)


@needs_seeds
@pytest.mark.parametrize("doc", ["CURATION.md", "README.md"])
def test_quotation_marks_in_the_documentation_enclose_verbatim_words(doc):
    """Prose (not code) puts quotation marks only around words of a primary document."""
    import re
    from checks import QUOTED
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    text = (ROOT / doc).read_text(encoding="utf-8")
    prose = re.sub(r"`[^`]*`", "", re.sub(r"```.*?```", "", text, flags=re.S))
    quoted = [m.group(1) for m in QUOTED.finditer(prose)]
    assert [q for q in quoted if q.strip(" ,.") not in corpus] == []
