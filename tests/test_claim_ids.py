"""scripts/claim_ids.py, the curator's tool for claim ids: it derives missing or stale ids, writes
only when asked, keeps the file as the build expects it, and refuses an unreadable table in words."""
from __future__ import annotations

from event_timeline.pipeline import claim_ids


def test_write_derives_missing_and_stale_ids_and_restores_the_file(mini_package, capsys):
    claims = mini_package / "data" / "claims.csv"
    original = claims.read_bytes()
    lines = original.decode("utf-8").split("\n")
    first, second = lines[1].split(",", 1), lines[2].split(",", 1)
    lines[1] = "," + first[1]  # a new claim, id left empty
    lines[2] = "clm-stale," + second[1]  # an id that no longer matches the content
    claims.write_bytes("\n".join(lines).encode("utf-8"))

    assert claim_ids.run(mini_package) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"data/claims.csv, row 2: (empty) -> {first[0]}", f"data/claims.csv, row 3: clm-stale -> {second[0]}",
                   "2 id(s) would change; run python scripts/claim_ids.py --write to write them"]
    assert claim_ids.run(mini_package, write=True) == 0
    assert claims.read_bytes() == original  # ids derived, rows sorted: the file as it was
    assert claim_ids.run(mini_package, write=True) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("already derived from their content; nothing to change")


def test_an_unreadable_table_is_refused_in_words_and_left_alone(mini_package, capsys):
    claims = mini_package / "data" / "claims.csv"
    claims.write_bytes(claims.read_bytes() + b'clm-x,events,"unclosed\n')
    before = claims.read_bytes()
    assert claim_ids.run(mini_package, write=True) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("data/claims.csv, row ") and "Traceback" not in "\n".join(err)
    assert err[-1] == ("claim ids: nothing written; correct what is named above (make shows every problem), "
                       "then run this again")
    assert claims.read_bytes() == before
