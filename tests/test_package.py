"""The real package: valid for frictionless and for the package's own checks, fully cited and sourced.

Quotes of the real package are compared with its primary texts by `validate.py --texts DIR` in CI
(.ci/run), where the texts are on hand; the mechanism itself is tested on the small package and its
synthetic texts (test_broken_inputs.py), so every test here runs on any machine.
"""
from __future__ import annotations

import csv
import json
import shutil

import pytest

from event_timeline.checks import validate
from conftest import run_frictionless
from event_timeline.model.descriptor import load_tables
from conftest import ROOT


def read_records(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_validator_accepts_the_package_and_says_quotes_were_not_compared(capsys):
    code = validate.run(ROOT)
    out, err = capsys.readouterr()
    assert code == 0, out
    assert out.startswith("valid:")
    assert err.startswith("note: quotes were not compared with the primary texts (give --texts DIR or set ASEANAPOL_SEEDS)")


def test_primary_sources_name_their_text_and_its_sha256():
    primaries = [r for r in read_records(ROOT / "data" / "sources.csv") if r["source_role"] == "primary"]
    assert len(primaries) == 2
    assert all(r["local_copy"].endswith(".txt") and len(r["sha256"]) == 64 for r in primaries)
    quoted = {c["source_id"] for c in read_records(ROOT / "data" / "claims.csv") if c["quote"]}
    assert {r["source_id"] for r in primaries} <= quoted


def test_frictionless_cli_validates_the_package():
    result = run_frictionless("validate", "--json", "datapackage.json", cwd=ROOT)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-2000:]
    assert sorted(t["name"] for t in report["tasks"]) == sorted(load_tables(ROOT)[1])


BREAKS = {  # what a bare frictionless install must catch: file, text replaced, replacement
    "primary-key": ("data/themes.csv", "thm-fraud,Fraud,", "thm-cybercrime,Fraud,"),
    "foreign-key": ("data/event_themes.csv", ",thm-cybercrime,\n", ",thm-cyber,\n"),
    "enum": ("data/events.csv", ",ceremony,took-place,", ",party,took-place,"),
    "hash": ("data/people.csv", "Prime Minister", "Premier"),
}


@pytest.mark.parametrize("kind", sorted(BREAKS))
def test_frictionless_rejects_a_broken_package(kind, tmp_path):
    """A bare frictionless catches each kind of break (its library; test_frictionless_cli_* runs the command)."""
    from frictionless import Package

    pkg = tmp_path / "pkg"
    shutil.copytree(ROOT, pkg, ignore=shutil.ignore_patterns(".venv", ".git", "dist", ".make", ".hypothesis", "tests"))
    rel, old, new = BREAKS[kind]
    text = (pkg / rel).read_text(encoding="utf-8")
    assert old in text
    (pkg / rel).write_text(text.replace(old, new, 1), encoding="utf-8", newline="")
    if kind != "hash":
        import conftest
        conftest.refresh_hashes(pkg)
    report = Package(str(pkg / "datapackage.json")).validate()
    assert not report.valid
    errors = {e.type for t in report.tasks for e in t.errors}
    assert {"primary-key": "primary-key", "foreign-key": "foreign-key", "enum": "constraint-error", "hash": "hash-count"}[kind] in errors


def test_every_row_of_every_resource_has_a_citation():
    claims = read_records(ROOT / "data" / "claims.csv")
    cited = {(c["resource"], c["record_id"]) for c in claims}
    sources = {r["source_id"] for r in read_records(ROOT / "data" / "sources.csv")}
    assert {c["source_id"] for c in claims} <= sources
    _, tables = load_tables(ROOT)
    for name, t in tables.items():
        if name in ("sources", "claims", "withdrawn"):  # the citations, the provenance, the register of ids that left
            continue
        key = t.schema["primaryKey"][0]
        for row in read_records(t.path):
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
    ("events", "evt-joint-communique-signing", "document_name", "43rd ASEANAPOL Joint Communique", {"Bangkok Declaration"}),
    ("events", "evt-43rd-aseanapol-conference", "dialogue_partners_present", None, {"9 of 12 dialogue partners", "19 partner and observer entities"}),
    ("events", "evt-opening-ceremony", "start", "2025-11-04", {"2025-11"}),
    # corrections of release 2.0.0
    ("events", "evt-opening-ceremony", "welcome_address_by", "per-anutin-charnvirakul", {"per-torsak-sukvimol"}),  # corrected in 3.0.0
    ("events", "evt-courtesy-call-government-house", "venue", "Purple Room, Thai Khu Fah Building, Government House", {"Government House"}),
    ("people", "per-jaesung-yoo", "name", "Jaesung Yoo", {"Yu Jaesung"}),
]

REFUTED = [  # (record, property, source): a citation the corrections of 2.0.0 found unsupported by its source
    ("evt-thailand-cambodia-border-clashes", "start", "src-indonesiatribune-2025-07"),
    ("evt-43rd-aseanapol-conference", "start", "src-hk01-2025-11-06"),
    ("evt-43rd-aseanapol-conference", "end", "src-hk01-2025-11-06"),
    ("evt-joint-communique-signing", "start", "src-polinews-2025-11-07"),
    ("evt-breaking-chains-resolution", "record", "src-fbinews-2025-11"),
    ("pos-kitrat-phanphet-rtp-commissioner-general", "start", "src-nation-kitrat-appointed"),
    # and those of release 3.0.0 (the citation audit against stored copies of the sources)
    ("evt-thailand-cambodia-border-clashes", "record", "src-indonesiatribune-2025-07"),
    ("evt-opening-ceremony", "welcome_address_by", "src-fbinews-2025-11"),
    ("evt-opening-ceremony", "welcome_address_by", "src-mgronline-2025-11-04"),
    ("per-kitrat-phanphet", "name", "src-mgronline-2025-11-06"),
]


@pytest.mark.parametrize("record,prop,source", REFUTED, ids=[f"{r[0]}.{r[1]}.{r[2]}" for r in REFUTED])
def test_a_refuted_citation_stays_out(record, prop, source):
    claims = read_records(ROOT / "data" / "claims.csv")
    assert not [c for c in claims if (c["record_id"], c["property"], c["source_id"]) == (record, prop, source)]
    assert [c for c in claims if (c["record_id"], c["property"]) == (record, prop)], "the value lost every citation"


UNQUOTED = 0  # 3.0.0 had 5 (Khaosod, the Prime Minister's remarks to the press); 4.0.0 found a stored copy and quotes it


def test_every_source_has_a_public_address_and_every_claim_its_words_at_a_position():
    sources = {s["source_id"]: s for s in read_records(ROOT / "data" / "sources.csv")}
    assert all(s["url"].startswith(("http://", "https://")) for s in sources.values())
    claims = read_records(ROOT / "data" / "claims.csv")
    unquoted = [c["claim_id"] for c in claims if c["locator"].startswith("unquoted: ")]
    assert len(unquoted) == UNQUOTED, unquoted
    for c in claims:
        assert bool(c["quote"]) != c["locator"].startswith("unquoted: "), c["claim_id"]
        assert c["basis"] in ("stated", "inferred") and bool(c["inference"]) == (c["basis"] == "inferred"), c["claim_id"]


def test_rank_preferred_selects_every_claim_behind_a_table_value():
    """The README's one filter: the conference's start has one value, and every claim giving it is preferred."""
    claims = [c for c in read_records(ROOT / "data" / "claims.csv")
              if (c["record_id"], c["property"]) == ("evt-43rd-aseanapol-conference", "start")]
    start = next(r["start"] for r in read_records(ROOT / "data" / "events.csv") if r["event_id"] == "evt-43rd-aseanapol-conference")
    assert len(claims) == 8 and {c["value"] for c in claims} == {start}
    assert all(c["rank"] == "preferred" for c in claims)


@pytest.mark.parametrize("resource,record,prop,preferred,others", CONFLICTS, ids=[f"{c[1]}.{c[2]}" for c in CONFLICTS])
def test_every_conflict_of_the_brief_keeps_all_versions_ranked(resource, record, prop, preferred, others):
    claims = [c for c in read_records(ROOT / "data" / "claims.csv")
              if (c["resource"], c["record_id"], c["property"]) == (resource, record, prop)]
    values = {c["value"] for c in claims}
    assert others <= values
    assert {c["value"] for c in claims if c["rank"] == "preferred"} == ({preferred} if preferred else set())
    assert all(c["rank_reason"] for c in claims if c["value"] in others)


LEFT = [  # (claim id, resource, value): a version of a conflict of the brief that left the package in 4.0.0
    ("clm-evt-joint-communique-signing-start-375e181a", "claims", "2025-11"),  # United Daily: no day, quote dropped for proportion
]


@pytest.mark.parametrize("claim,resource,value", LEFT, ids=[c[0] for c in LEFT])
def test_a_version_that_left_the_package_is_in_the_register_with_its_former_row(claim, resource, value):
    register = {r["id"]: r for r in read_records(ROOT / "data" / "withdrawn.csv")}
    assert claim not in {c["claim_id"] for c in read_records(ROOT / "data" / "claims.csv")}
    entry = register[claim]
    assert entry["resource"] == resource and entry["reason"] and json.loads(entry["former_row"])["value"] == value


def test_frictionless_cli_recipes_of_the_readme_work_on_one_table():
    """`--resource-name` validates one table with its foreign keys; `extract --csv` gives every row."""
    result = run_frictionless("validate", "--json", "datapackage.json", "--resource-name", "events", cwd=ROOT)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and [t["name"] for t in report["tasks"]] == ["events"]
    extracted = run_frictionless("extract", "datapackage.json", "--resource-name", "themes", "--csv", cwd=ROOT)
    assert extracted.returncode == 0
    assert extracted.stdout.splitlines() == (ROOT / "data" / "themes.csv").read_text(encoding="utf-8").splitlines()
