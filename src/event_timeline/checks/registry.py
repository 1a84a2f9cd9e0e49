"""The package's own checks, in the order they run, grouped by what they look at.

In: a Context (context.context). Out: Problems (file, row, field, value found, what was expected).
Where to find a check: the CSV files as files -> files; values in the tables -> values; citations,
claims -> provenance; what an inference rests on -> inference; quotations (script, position,
proportion) -> quotes; ranks, and whether the tables agree with their claims -> ranks;
ids withdrawn from the package -> withdrawn;
derived files -> derived.
"""
from __future__ import annotations

from event_timeline.checks import derived, files, inference, provenance, quotes, ranks, values, withdrawn
from event_timeline.checks.context import Context
from event_timeline.problems import Problem

# checks of the curated files alone (the build runs these before writing anything)
SOURCE_CHECKS = [files.check_readable, files.check_formula_cells,
                 values.check_special_fields, values.check_event_dates, values.check_cycles,
                 values.check_unique_keys, values.check_foreign_keys, values.check_participants, values.check_given_together,
                 provenance.check_claims, ranks.check_ranks, ranks.check_inferred_flags, ranks.check_flag_parts, ranks.check_disagreements_recorded,
                 provenance.check_native_names, provenance.check_cited, provenance.check_quotation_marks,
                 inference.check_premises, quotes.check_scripts, quotes.check_primary_quotes, withdrawn.check_withdrawn]
# checks that derived files are fresh
DERIVED_CHECKS = [derived.check_descriptor_fresh, derived.check_checksums, derived.check_parquet_mirrors]


def run(ctx: Context, checks_to_run: list) -> list[Problem]:
    problems: list[Problem] = []
    for check in checks_to_run:
        problems += check(ctx)
    return problems
