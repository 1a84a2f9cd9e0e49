"""Data dictionary generated from the Table Schemas.

In: the package's descriptor and schemas. Out: a Markdown section (resources, fields, types,
constraints, descriptions) that the build writes into README.md between the markers below.
Run alone, it prints the section.
"""
from __future__ import annotations

from pathlib import Path

from event_timeline.model.descriptor import load_tables
from event_timeline.model.layout import parquet_path
from event_timeline.model.table_schema import enum_of, is_required

START = "<!-- data-dictionary:start (generated from schemas/ by scripts/build.py; do not edit) -->"
END = "<!-- data-dictionary:end -->"


def constraint_text(field: dict) -> str:
    c = field.get("constraints") or {}
    parts = []
    if enum_of(field):
        labels = {c["value"]: c["label"] for c in field.get("categories", []) if isinstance(c, dict)}
        parts.append("one of " + ", ".join(f"`{v}`" + (f" ({labels[v]})" if labels.get(v) else "") for v in c["enum"]))
    if field.get("x-check") == "partial-date":
        parts.append("partial date, real calendar date")
    elif field.get("x-check") == "past-date":
        parts.append("a day that has come")
    elif field.get("x-check"):
        parts.append(f"valid {field['x-check']}")
    elif "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    if field.get("x-parts-of"):
        parts.append(f"given exactly when {field['x-parts-of']} is true")
    if field.get("x-given-with"):
        parts.append(f"given exactly when {field['x-given-with']} is")
    if "minimum" in c:
        parts.append(f"at least {c['minimum']}")
    if "maxLength" in c and not enum_of(field):
        parts.append(f"max {c['maxLength']} chars")
    return "; ".join(parts)


def render_section(pkg_dir: Path) -> str:
    descriptor, tables = load_tables(pkg_dir)
    out = [START, ""]
    for name, t in tables.items():
        schema, resource = t.schema, t.resource
        out.append(f"### `{name}`: {resource.get('title', name)}")
        out.append("")
        out.append(f"{resource.get('description', '')}")
        out.append("")
        pq = parquet_path(resource["path"])
        out.append(f"File `{resource['path']}` (typed copy `{pq}`); primary key `{', '.join(schema['primaryKey'])}`.")
        for unique in schema.get("uniqueKeys", []):
            out.append(f"Each combination of `{', '.join(unique)}` appears once.")
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"].get("resource") or name
            out.append(f"`{fk['fields'][0]}` refers to `{target}.{fk['reference']['fields'][0]}`.")
        out.append("")
        out.append("| field | title | type | required | constraints | description |")
        out.append("|---|---|---|---|---|---|")
        for f in schema["fields"]:
            ftype = f.get("type", "string")
            cells = [f"`{f['name']}`", f.get("title", ""), ftype, "yes" if is_required(f) else "", constraint_text(f), f.get("description", "")]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    out.append(END)
    return "\n".join(out)


def updated_readme(readme: str, section: str) -> str:
    """README text with the generated section replaced. Raises ValueError if the markers are missing."""
    head, sep, rest = readme.partition(START)
    _, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        raise ValueError("README.md lacks the data-dictionary markers")
    return head + section + tail
