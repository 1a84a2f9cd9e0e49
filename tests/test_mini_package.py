"""The small fixture package is valid, so each broken case differs from a valid package by its one break."""
from event_timeline.checks import validate
from conftest import MINI_TEXTS


def test_mini_package_is_valid_with_its_primary_texts(built_mini, capsys):
    code = validate.run(built_mini, str(MINI_TEXTS))
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("valid: pkg (quotes compared with the primary texts in ")
