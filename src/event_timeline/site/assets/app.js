"use strict";
// The landing page: builds the timeline, the tables, the evidence dialog and the downloads from the
// package data inlined in the page. No request of any kind.
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
  const objects = (t) => t.rows.map((r) => Object.fromEntries(t.fields.map((f, i) => [f, r[i]])));
  const tables = Object.fromEntries(Object.entries(data.tables).map(([n, t]) => [n, objects(t)]));
  const claims = objects(data.claims);
  const sources = Object.fromEntries(objects(data.sources).map((s) => [s.source_id, s]));
  const keyOf = { events: "event_id", people: "person_id", organizations: "organization_id", themes: "theme_id",
    participations: "participation_id", event_themes: "event_theme_id", positions: "position_id" };
  const byId = {};
  for (const [name, rows] of Object.entries(tables)) for (const r of rows) byId[r[keyOf[name]]] = { table: name, row: r };
  const claimsOf = {};
  for (const c of claims) {
    (claimsOf[`${c.resource}|${c.record_id}`] ||= []).push(c);
    (claimsOf[`${c.resource}|${c.record_id}|${c.property}`] ||= []).push(c);
  }
  const labelOf = (id) => {
    const hit = byId[id];
    if (!hit) return id;
    return hit.row.name || hit.row.title || hit.row.label || id;
  };
  const rankOrder = { preferred: 0, normal: 1, deprecated: 2 };

  // evidence dialog
  const dialog = document.getElementById("evidence");
  let opener = null;
  dialog.addEventListener("close", () => { if (opener) opener.focus(); });
  function claimView(c) {
    const src = sources[c.source_id] || { label: c.source_id };
    const shown = c.property === "record" ? "supports the row as a whole"
      : (byId[c.value] ? `${labelOf(c.value)} (${c.value})` : c.value);
    return el("div", { class: `claim ${c.rank}`, "data-rank": c.rank },
      el("p", {}, el("span", { class: "value", lang: c.value_language || null }, shown), " ",
        el("span", { class: `rank ${c.rank}` }, c.rank)),
      c.rank_reason ? el("p", { class: "reason" }, "Why: ", c.rank_reason) : null,
      el("p", { class: "source" }, "Source: ",
        src.url ? el("a", { href: src.url, rel: "noopener noreferrer" }, src.label) : src.label,
        src.publisher ? ` (${src.publisher}${src.published ? ", " + src.published : ""}, ${src.source_role})` : ""),
      c.quote ? el("blockquote", { lang: src.language || null }, c.quote) : null,
      el("p", { class: "locator" }, c.quote ? `${c.locator}. ` : `${c.locator.replace(/^unquoted: /, "Not quoted: ")}. `,
        src.url ? el("a", { href: src.url + data.fragments[c.evidence], rel: "noopener noreferrer", class: "evidence-link" },
          c.quote ? "Open the source at these words" : "Open the source") : null),
      c.basis === "inferred" ? el("p", { class: "inferred" }, "Inferred: ", c.inference) : null);
  }
  function openEvidence(resource, id, property, button) {
    opener = button;
    const key = property ? `${resource}|${id}|${property}` : `${resource}|${id}`;
    const found = (claimsOf[key] || []).slice();
    document.getElementById("evidence-h").textContent =
      property ? `${labelOf(id)}: ${property}` : `${labelOf(id)}: what the sources say`;
    const body = document.getElementById("evidence-body");
    body.replaceChildren();
    const groups = {};
    for (const c of found) (groups[c.property] ||= []).push(c);
    for (const [prop, list] of Object.entries(groups).sort(([a], [b]) => (a === "record") - (b === "record") || a.localeCompare(b))) {
      list.sort((a, b) => rankOrder[a.rank] - rankOrder[b.rank] || a.value.localeCompare(b.value));
      const versions = new Set(list.map((c) => c.value)).size;
      body.append(el("h3", {}, prop === "record" ? "The row as a whole" : prop,
        versions > 1 ? el("span", { class: "count" }, ` (${versions} versions)`) : ""), ...list.map(claimView));
    }
    if (resource === "events" && !property) {
      const who = tables.participations.filter((p) => p.event_id === id);
      if (who.length) body.append(el("h3", {}, "Taking part"), el("ul", {}, who.map((p) =>
        el("li", {}, p.person_id ? labelOf(p.person_id) : p.organization_id ? labelOf(p.organization_id) : p.country,
          ` (${p.role})`, p.note ? `: ${p.note}` : ""))));
    }
    dialog.showModal();
  }
  const evidenceButton = (resource, id, name) => {
    const n = (claimsOf[`${resource}|${id}`] || []).length;
    return el("button", { type: "button", class: "evidence-button", "aria-label": `Evidence for ${name}: ${n} claims`,
      onclick: (e) => openEvidence(resource, id, null, e.currentTarget) }, `Evidence (${n})`);
  };

  // timeline
  const eventsById = Object.fromEntries(tables.events.map((e) => [e.event_id, e]));
  function eventItem(node) {
    const e = eventsById[node.id];
    const li = el("li", {},
      el("div", { class: node.precise ? "event" : "event approx", "data-event-id": e.event_id },
        el("span", { class: "when" }, node.when),
        el("span", { class: "name" }, e.name),
        el("span", { class: "badge" }, e.event_type),
        e.status !== "took-place" ? el("span", { class: "badge" }, e.status) : null,
        evidenceButton("events", e.event_id, e.name)));
    if (node.children.length) li.append(el("ol", { "aria-label": `Parts of ${e.name}` }, node.children.map(eventItem)));
    return li;
  }
  document.getElementById("timeline-list").append(...data.timeline.map(eventItem));

  // tables
  const views = document.getElementById("table-views");
  for (const [name, spec] of Object.entries(data.shown)) {
    const rows = tables[name];
    const key = keyOf[name];
    const tbody = el("tbody");
    const status = el("p", { class: "count", "aria-live": "polite" });
    const search = el("input", { type: "search", id: `filter-${name}` });
    const facetValues = spec.facet ? [...new Set(rows.map((r) => r[spec.facet]).filter(Boolean))].sort() : [];
    const facet = spec.facet ? el("select", { id: `facet-${name}` }, el("option", { value: "" }, "all"),
      facetValues.map((v) => el("option", { value: v }, v))) : null;
    const built = rows.map((r) => {
      const cells = spec.columns.map((col) => {
        const value = r[col] || "";
        const shown = byId[value] && col !== key ? labelOf(value) : value;
        const lang = col === "name_native" ? r.name_native_language || null : null;
        const has = claimsOf[`${name}|${r[key]}|${col}`];
        return el("td", { lang }, has && value ? el("button", { type: "button", class: "claimed",
          "aria-label": `${col} of ${r.name || r[key]}: ${shown}; show sources`,
          onclick: (e) => openEvidence(name, r[key], col, e.currentTarget) }, shown) : shown);
      });
      const tr = el("tr", { "data-id": r[key] }, cells, el("td", {}, evidenceButton(name, r[key], r.name || r[key])));
      return { tr, text: Object.values(r).join(" ").toLowerCase(), facet: spec.facet ? r[spec.facet] : "" };
    });
    tbody.append(...built.map((b) => b.tr));
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
    views.append(el("div", { class: "table-view", id: `table-${name}` },
      el("h3", {}, spec.title), el("p", {}, spec.description),
      el("div", { class: "controls" },
        el("label", { for: `filter-${name}` }, `Filter ${spec.title.toLowerCase()}: `), search,
        facet ? el("label", { for: `facet-${name}` }, `${spec.facet}: `) : null, facet, status),
      el("div", { class: "scroll" }, el("table", {},
        el("caption", { class: "count" }, `${spec.title}: one row per record`),
        el("thead", {}, el("tr", {}, spec.columns.map((c) => el("th", { scope: "col" }, c)), el("th", { scope: "col" }, "sources"))),
        tbody))));
    apply();
  }

  // downloads and citation
  const size = (n) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(0)} KB` : `${n} B`);
  document.getElementById("download-rows").append(...data.downloads.map((d) =>
    el("tr", {}, el("td", {}, el("a", { href: d.url }, d.name)), el("td", {}, d.description),
      el("td", {}, size(d.bytes)), el("td", {}, d.sha256))));
  document.getElementById("citation-text").textContent = data.citation.text;
  document.body.dataset.ready = "true";
  performance.mark("site-ready");
})();
