"""The small fixture package is valid, so each broken case differs from a valid package by its one break."""
from conftest import run_script


def test_mini_package_is_valid(mini_package):
    result = run_script("validate.py", str(mini_package))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("valid:")
