"""The package's own checks, in the order they run, grouped by what they look at.

In: a Context (check_context.context). Out: Problems (file, row, field, value found, what was
expected). Where to find a check: the CSV files as files -> check_files; values in the tables ->
check_values; citations, claims and quotations -> check_provenance; ranks and whether the tables agree with their claims -> check_ranks; derived files -> check_derived.
"""
from __future__ import annotations

import check_derived
import check_files
import check_provenance
import check_ranks
import check_values
from check_context import Context
from problems import Problem

# checks of the curated files alone (the build runs these before writing anything)
SOURCE_CHECKS = [check_files.check_readable, check_files.check_formula_cells,
                 check_values.check_special_fields, check_values.check_event_dates, check_values.check_cycles,
                 check_values.check_unique_keys, check_values.check_foreign_keys, check_values.check_participants,
                 check_provenance.check_claims, check_ranks.check_ranks, check_ranks.check_inferred_flags,
                 check_provenance.check_native_names, check_provenance.check_cited, check_provenance.check_quotation_marks]
# checks that derived files are fresh
DERIVED_CHECKS = [check_derived.check_descriptor_fresh, check_derived.check_checksums, check_derived.check_parquet_mirrors]


def run(ctx: Context, checks_to_run: list) -> list[Problem]:
    problems: list[Problem] = []
    for check in checks_to_run:
        problems += check(ctx)
    return problems
