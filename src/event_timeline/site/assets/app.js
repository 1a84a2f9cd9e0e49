"use strict";
// The landing page: builds the timeline, the tables (sortable, filterable, cards on a phone), the evidence
// dialog and the downloads from the package data inlined in the page. No request of any kind. Titles,
// value labels and date wordings come from the page data, which takes them from the schemas.
(function () {
  const data = JSON.parse(document.getElementById("package-data").textContent);
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== "") node.append(c);
    return node;
  };
  // a table as the page data holds it (one list per field, or distinct values and a code per row) -> row objects
  const objects = (t) => {
    const cols = t.columns.map((c) => (Array.isArray(c) ? c : c.codes.map((k) => c.values[k])));
    const n = cols.length ? cols[0].length : 0;
    return Array.from({ length: n }, (_, i) => Object.fromEntries(t.fields.map((f, j) => [f, cols[j][i]])));
  };
  const tables = Object.fromEntries(Object.entries(data.tables).map(([n, t]) => [n, objects(t)]));
  const claims = objects(data.claims);
  const sources = Object.fromEntries(objects(data.sources).map((s) => [s.source_id, s]));
  const keyOf = data.keys;
  const byId = {};
  for (const [name, rows] of Object.entries(tables)) for (const r of rows) byId[r[keyOf[name]]] = { table: name, row: r };
  const claimsOf = {};
  for (const c of claims) {
    (claimsOf[`${c.resource}|${c.record_id}`] ||= []).push(c);
    (claimsOf[`${c.resource}|${c.record_id}|${c.property}`] ||= []).push(c);
  }
  const labelOf = (id) => {
    const hit = byId[id];
    return hit ? hit.row.name || hit.row.title || hit.row.label || id : id;
  };
  const titleOf = (table, field) => (data.titles[table] || {})[field] || field;
  // A value as a reader should see it: a record's name, a date said as precisely as it is known, a
  // vocabulary's label; the value itself otherwise.
  const shownValue = (table, field, value) => {
    if (!value) return "";
    if (byId[value]) return labelOf(value);
    if ((data.date_fields[table] || []).includes(field)) {
      if (data.dates[value]) return data.dates[value].label;
    }
    return ((data.labels[table] || {})[field] || {})[value] || value;
  };
  // A name never breaks inside a word: each space-separated part stays whole.
  const nameNode = (text) => {
    const parts = String(text).split(" ");
    return el("span", { class: "name-text" }, parts.flatMap((p, i) => (i ? [" ", el("span", { class: "nw" }, p)] : [el("span", { class: "nw" }, p)])));
  };
  const rankOrder = { preferred: 0, normal: 1, deprecated: 2 };

  // evidence dialog: each value once, the table's first, with its sources under it
  const dialog = document.getElementById("evidence");
  let opener = null;
  dialog.addEventListener("close", () => { if (opener) opener.focus(); });
  const SHOWN_SOURCES = 3; // a version with more sources shows the others on request
  const claimById = Object.fromEntries(claims.map((c) => [c.claim_id, c]));
  // What an inference rests on beyond its own quote: a link to each claim it names (opening that claim's
  // evidence at it), or a source's own date.
  function premiseItem(id) {
    const p = claimById[id];
    if (p) {
      const what = p.property === "record" ? labelOf(p.record_id)
        : `${labelOf(p.record_id)}, ${titleOf(p.resource, p.property)}: ${shownValue(p.resource, p.property, p.value)}`;
      return el("li", {}, el("a", { href: `#${id}`, class: "premise", "data-premise": id,
        onclick: (e) => { e.preventDefault(); openEvidence(p.resource, p.record_id, p.property === "record" ? null : p.property, opener, id); } },
        what), ` (${sources[p.source_id]?.publisher || p.source_id})`);
    }
    const src = sources[id];
    return el("li", {}, src ? [`the date of ${src.publisher}'s page: `,
      el("a", { href: src.url, rel: "noopener noreferrer", class: "premise", "data-premise": id }, shownValue("sources", "published", src.published)),
      ` (${shownValue("sources", "published_basis", src.published_basis)})`] : id);
  }
  function sourceItem(c) {
    const src = sources[c.source_id] || { label: c.source_id };
    const link = src.url ? src.url + data.fragments[c.evidence] : null;
    const premises = c.premises ? c.premises.split(" ") : [];
    return el("li", { class: "source", "data-claim": c.claim_id, id: c.claim_id },
      el("span", { class: "publisher" }, src.url ? el("a", { href: src.url, rel: "noopener noreferrer" }, src.publisher || src.label) : src.label),
      src.published ? ` (${shownValue("sources", "published", src.published)})` : "",
      c.quote ? el("blockquote", { lang: src.language || null }, c.quote) : null,
      el("p", { class: "locator" },
        c.quote ? c.locator : c.locator.replace(/^unquoted: /, "Not quoted: "),
        c.basis === "inferred" ? el("span", { class: "inferred" }, ` · inferred: ${c.inference}`) : "",
        link ? [" · ", el("a", { href: link, rel: "noopener noreferrer", class: "evidence-link" },
          c.quote ? "Open the source at these words" : "Open the source")] : "",
        src.checked ? el("span", { class: "checked" }, ` · ${titleOf("sources", "checked")} ${shownValue("sources", "checked", src.checked)}`) : ""),
      premises.length ? el("div", { class: "premises" }, el("p", {}, `${titleOf("claims", "premises")}:`),
        el("ul", {}, premises.map(premiseItem))) : null);
  }
  function versionView(resource, property, value, list) {
    const said = (c) => (c.basis === "stated" ? 0 : 1) + (c.quote ? 0 : 2); // quoted and stated sources first
    list.sort((a, b) => rankOrder[a.rank] - rankOrder[b.rank] || said(a) - said(b)
      || (sources[a.source_id]?.publisher || "").localeCompare(sources[b.source_id]?.publisher || ""));
    const rank = list[0].rank;
    const reasons = [...new Set(list.map((c) => c.rank_reason).filter(Boolean))];
    const items = list.map(sourceItem);
    const more = items.slice(SHOWN_SOURCES);
    return el("div", { class: `version ${rank}`, "data-rank": rank, "data-value": value },
      el("p", { class: "version-head" },
        property === "record" ? "The row as the table holds it" : el("span", { class: "value", lang: list[0].value_language || null }, shownValue(resource, property, value)),
        " ", el("span", { class: `rank ${rank}` }, shownValue("claims", "rank", rank)),
        el("span", { class: "count" }, ` · ${list.length} source${list.length > 1 ? "s" : ""}`)),
      reasons.map((r) => el("p", { class: "reason" }, "Why: ", r)),
      el("ul", { class: "sources" }, items.slice(0, SHOWN_SOURCES)),
      more.length ? el("details", {}, el("summary", {}, `${more.length} more source${more.length > 1 ? "s" : ""}`), el("ul", { class: "sources" }, more)) : null);
  }
  // focus: a claim to bring into view and mark (a premise followed from another claim)
  function openEvidence(resource, id, property, button, focus) {
    opener = button;
    const key = property ? `${resource}|${id}|${property}` : `${resource}|${id}`;
    const found = claimsOf[key] || [];
    document.getElementById("evidence-h").textContent =
      property ? `${labelOf(id)}: ${titleOf(resource, property)}` : `${labelOf(id)}: what the sources say`;
    const body = document.getElementById("evidence-body");
    body.replaceChildren();
    const groups = {};
    for (const c of found) ((groups[c.property] ||= {})[c.value] ||= []).push(c);
    for (const [prop, values] of Object.entries(groups).sort(([a], [b]) => (a === "record") - (b === "record") || a.localeCompare(b))) {
      const versions = Object.entries(values).sort(([, a], [, b]) =>
        Math.min(...a.map((c) => rankOrder[c.rank])) - Math.min(...b.map((c) => rankOrder[c.rank])) || b.length - a.length);
      body.append(el("section", { class: "property", "data-property": prop },
        el("h3", {}, prop === "record" ? "The row as a whole" : shownValue("claims", "property", prop),
          versions.length > 1 ? el("span", { class: "count" }, ` (${versions.length} versions)`) : ""),
        versions.map(([value, list]) => versionView(resource, prop, value, list))));
    }
    if (resource === "events" && !property) {
      const who = tables.participations.filter((p) => p.event_id === id);
      if (who.length) body.append(el("h3", {}, "Taking part"), el("ul", {}, who.map((p) =>
        el("li", {}, p.person_id ? labelOf(p.person_id) : p.organization_id ? labelOf(p.organization_id) : p.country,
          ` (${shownValue("participations", "role", p.role)})`, p.note ? `: ${p.note}` : ""))));
    }
    if (!dialog.open) dialog.showModal();
    const target = focus ? body.querySelector(`li[data-claim="${focus}"]`) : null;
    if (target) {
      const details = target.closest("details");
      if (details) details.open = true;
      target.classList.add("focus");
      target.setAttribute("tabindex", "-1");
      target.scrollIntoView({ block: "center" });
      target.focus();
    } else body.scrollTop = 0;
  }
  const evidenceButton = (resource, id, name) => {
    const n = (claimsOf[`${resource}|${id}`] || []).length;
    return el("button", { type: "button", class: "evidence-button", "aria-label": `Evidence for ${name}: ${n} claims`,
      onclick: (e) => openEvidence(resource, id, null, e.currentTarget) }, `Evidence (${n})`);
  };

  // timeline
  const eventsById = Object.fromEntries(tables.events.map((e) => [e.event_id, e]));
  function eventItem(node) {
    if (node.group !== undefined) { // events known only to a month (or a year), gathered after that period's dated ones
      return el("li", { class: "period" }, el("p", { class: "period-head" }, node.group),
        el("ol", { "aria-label": node.group }, node.children.map(eventItem)));
    }
    const e = eventsById[node.id];
    const li = el("li", {},
      el("div", { class: node.precise ? "event" : "event approx", "data-event-id": e.event_id },
        el("span", { class: "when" }, node.when),
        el("span", { class: "name" }, e.name),
        el("span", { class: "badge" }, shownValue("events", "event_type", e.event_type)),
        e.status !== "took-place" ? el("span", { class: "badge" }, shownValue("events", "status", e.status)) : null,
        evidenceButton("events", e.event_id, e.name)));
    if (node.children.length) li.append(el("ol", { "aria-label": `Parts of ${e.name}` }, node.children.map(eventItem)));
    return li;
  }
  document.getElementById("timeline-list").append(...data.timeline.map(eventItem));

  // tables: sort by any column (dates by the days they can mean), filter, facet; cards on a phone
  const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  function comparator(column) {
    const dir = (a, b) => (a === "" ? (b === "" ? 0 : 1) : b === "" ? -1 : null); // empty cells last
    if (column.kind === "date") {
      return (a, b) => {
        const va = a.row[column.name], vb = b.row[column.name];
        const empty = dir(va, vb);
        if (empty !== null) return empty;
        const da = data.dates[va], db = data.dates[vb];
        return da.first - db.first || da.last - db.last;
      };
    }
    return (a, b) => {
      const empty = dir(a.row[column.name], b.row[column.name]);
      return empty !== null ? empty : collator.compare(a.shown[column.name], b.shown[column.name]);
    };
  }
  // one table view: rows of a resource, sortable by any column, filtered by text and by its vocabulary
  function tableView(view, name, rows, spec) {
    const key = keyOf[name];
    const tbody = el("tbody");
    const status = el("p", { class: "count", "aria-live": "polite" });
    const search = el("input", { type: "search", id: `filter-${view}` });
    const facetColumn = spec.columns.find((c) => c.name === spec.facet);
    const facetValues = spec.facet ? [...new Set(rows.map((r) => r[spec.facet]).filter(Boolean))].sort() : [];
    const facet = spec.facet ? el("select", { id: `facet-${view}` }, el("option", { value: "" }, "all"),
      facetValues.map((v) => el("option", { value: v }, shownValue(name, spec.facet, v)))) : null;
    const sortSelect = el("select", { id: `sort-${view}` }, spec.columns.map((c) => el("option", { value: c.name }, c.title)));
    const built = rows.map((r) => {
      const shown = Object.fromEntries(spec.columns.map((c) => [c.name, shownValue(name, c.name, r[c.name] || "")]));
      const cells = spec.columns.map((col, i) => {
        const value = r[col.name] || "";
        const text = shown[col.name];
        const lang = col.name === "name_native" ? r.name_native_language || null : null;
        const content = col.name.startsWith("name") ? nameNode(text) : text;
        const has = claimsOf[`${name}|${r[key]}|${col.name}`];
        return el("td", { lang, class: value ? (i === 0 ? "lead" : null) : "empty", "data-label": i === 0 ? null : col.title },
          has && value ? el("button", { type: "button", class: "claimed",
            "aria-label": `${col.title} of ${r.name || r[key]}: ${text}; show sources`,
            onclick: (e) => openEvidence(name, r[key], col.name, e.currentTarget) }, content) : content);
      });
      const tr = el("tr", { "data-id": r[key] }, cells, el("td", { class: "evidence-cell" }, evidenceButton(name, r[key], r.name || r[key])));
      return { tr, row: r, shown, text: Object.values(r).concat(Object.values(shown)).join(" ").toLowerCase(), facet: spec.facet ? r[spec.facet] : "" };
    });
    const headers = spec.columns.map((c) => el("th", { scope: "col", "data-column": c.name },
      el("button", { type: "button", class: "sort", onclick: () => sortBy(c.name, true) }, c.title)));
    let current = { column: spec.order[0], ascending: true };
    function sortBy(column, toggle) {
      const ascending = toggle && current.column === column ? !current.ascending : true;
      current = { column, ascending };
      const order = [column, ...spec.order.filter((c) => c !== column)].map((c) => spec.columns.find((x) => x.name === c)).filter(Boolean);
      const compare = order.map(comparator);
      built.sort((a, b) => {
        for (const [i, cmp] of compare.entries()) {
          const d = cmp(a, b);
          if (d) return i === 0 && !ascending && a.row[column] && b.row[column] ? -d : d;
        }
        return 0;
      });
      tbody.replaceChildren(...built.map((b) => b.tr));
      for (const th of headers) th.setAttribute("aria-sort", th.dataset.column === column ? (ascending ? "ascending" : "descending") : "none");
      sortSelect.value = column;
    }
    const apply = () => {
      const q = search.value.trim().toLowerCase();
      const f = facet ? facet.value : "";
      let shown = 0;
      for (const b of built) {
        const ok = (!q || b.text.includes(q)) && (!f || b.facet === f);
        b.tr.hidden = !ok;
        shown += ok;
      }
      status.textContent = `${shown} of ${built.length} rows shown`;
    };
    search.addEventListener("input", apply);
    if (facet) facet.addEventListener("change", apply);
    sortSelect.addEventListener("change", () => sortBy(sortSelect.value, false));
    const node = el("div", { class: "table-view", id: `table-${view}` },
      el("h3", {}, spec.title), spec.description ? el("p", {}, spec.description) : null, spec.note ? el("p", { class: "note" }, spec.note) : null,
      el("div", { class: "controls" },
        el("label", { for: `filter-${view}` }, `Filter ${spec.title.toLowerCase()}: `), search,
        facet ? el("label", { for: `facet-${view}` }, `${facetColumn.title}: `) : null, facet,
        el("label", { for: `sort-${view}` }, "Sort by: "), sortSelect, status),
      el("div", { class: "scroll" }, el("table", {},
        el("caption", { class: "count" }, `${spec.title}: one row per record; select a title to sort`),
        el("thead", {}, el("tr", {}, headers, el("th", { scope: "col" }, "Sources"))),
        tbody)));
    sortBy(current.column, false);
    apply();
    return node;
  }
  const views = document.getElementById("table-views");
  for (const [name, spec] of Object.entries(data.shown)) views.append(tableView(name, name, tables[name], spec));
  // each series of numbered meetings, in order, with the numbers no source places
  const seriesViews = document.getElementById("series-views");
  for (const s of data.series) {
    const rows = s.events.map((id) => eventsById[id]);
    seriesViews.append(tableView(s.id, "events", rows, { columns: s.columns, facet: s.facet, order: s.order, title: s.name,
      description: s.description, note: `${s.placed} placed by the sources; no source places number${s.missing.includes(",") || s.missing.includes("–") ? "s" : ""} ${s.missing}.` }));
  }
  if (!data.series.length) document.getElementById("series").hidden = true;

  // downloads and citation
  const size = (n) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(0)} KB` : `${n} B`);
  document.getElementById("download-rows").append(...data.downloads.map((d) =>
    el("tr", {}, el("td", { class: "file" }, el("a", { href: d.url }, d.name)), el("td", {}, d.description),
      el("td", {}, size(d.bytes)), el("td", { class: "checksum" }, d.sha256))));
  // an old id: what the register of withdrawn ids says of it, or that it is in this version
  if (data.withdrawn) {
    const register = Object.fromEntries(objects(data.withdrawn).map((w) => [w.id, w]));
    const known = new Set([...Object.keys(byId), ...claims.map((c) => c.claim_id), ...Object.keys(sources)]);
    const input = document.getElementById("old-id"), answer = document.getElementById("old-id-answer");
    input.addEventListener("input", () => {
      const id = input.value.trim();
      const w = register[id];
      answer.textContent = !id ? "" : w
        ? `Withdrawn in ${w.withdrawn_in} (last in ${w.last_release}), from ${w.resource}: ${w.reason}${w.replaced_by ? ` Replaced by ${w.replaced_by}.` : ""}`
        : known.has(id) ? "In this version." : "Not an id of this package or of any release the register knows.";
    });
    document.getElementById("old-ids").hidden = false;
  }
  document.getElementById("citation-text").textContent = data.citation.text;
  document.body.dataset.ready = "true";
  performance.mark("site-ready");
})();
