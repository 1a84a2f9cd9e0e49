"""Checks of the register of withdrawn ids: an id that left the package never comes back unawares.

In: a Context (checks.context) whose package keeps a register (the `withdrawn` table: id, resource,
last_release, withdrawn_in, reason, replaced_by, former_row). Out: Problems with file, row, field, value
and what was expected: a withdrawn id found again in a table (ids are never reused: give the row a new id,
or take it off the register if it is being restored), an id whose prefix is not its table's, and a
replacement that is neither a row of the same table nor another withdrawn id.
"""
from __future__ import annotations

from event_timeline.checks.context import Context
from event_timeline.problems import Problem

REGISTER = "withdrawn"


def check_withdrawn(ctx: Context) -> list[Problem]:
    register = ctx.table(REGISTER)
    if register is None:
        return []
    rows = list(zip(register.texts("id"), register.texts("resource"), register.texts("withdrawn_in"),
                    register.texts("reason"), register.texts("replaced_by")))
    withdrawn = {r[0] for r in rows}
    current: dict[str, dict[str, int]] = {}
    for name, t in ctx.tables.items():
        if name != REGISTER and t.readable:
            current[name] = {rid: line for line, rid in enumerate(t.texts(t.key()), start=2)}
    out = []
    for line, (rid, resource, withdrawn_in, reason, replaced_by) in enumerate(rows, start=2):
        t = ctx.tables.get(resource)
        if t is None:
            continue  # an unknown resource is the enum's to report
        prefix = t.id_prefix()
        if prefix and not rid.startswith(prefix):
            out.append(Problem(register.file, line, "id", rid, f"an id of {resource} (prefix {prefix})"))
        if rid in current.get(resource, {}):
            out.append(Problem(t.file, current[resource][rid], t.key(), rid,
                               f"a new id: {rid} was withdrawn in {withdrawn_in} ({reason.rstrip('.')}; {register.file}, row {line}) "
                               f"and ids are never reused; if the row is being restored, take it off {register.file}"))
        if replaced_by and resource in current and replaced_by not in current[resource] and replaced_by not in withdrawn:
            out.append(Problem(register.file, line, "replaced_by", replaced_by,
                               f"an id of {resource} in the package, or another withdrawn id"))
    return out
