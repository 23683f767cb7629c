// The dashboard's shared state: filters in the URL, the incident list and the incident drawer.
// Every piece of data reaches the page through textContent or DOM nodes, never innerHTML,
// so markup inside an article or an actor name stays text.
"use strict";

(function () {
  const config = JSON.parse(document.getElementById("strife-config").textContent);
  const listeners = [];
  const FILTER_NAMES = ["country", "admin1", "since", "until", "event_type", "sub_event_type",
    "actor", "min_fatalities", "q", "historical"];
  const FIGURES = ["fatalities", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "injured"];
  const FIGURE_LABELS = {fatalities: "deaths (total)", deaths_a: "deaths, side A",
    deaths_b: "deaths, side B", deaths_civilians: "civilians killed",
    deaths_unknown: "deaths, side unknown", injured: "injured"};

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // The palette comes from the server as one ordered list: name, colour and CSS class.
  const TYPES = new Map(config.eventTypes.map((t) => [t.name, t]));
  const typeNames = config.eventTypes.map((t) => t.name);

  function colour(type) {
    return TYPES.has(type) ? TYPES.get(type).colour : config.otherColour;
  }

  function typeClass(type) {
    return TYPES.has(type) ? TYPES.get(type).className : config.otherClass;
  }

  // Only web addresses become links: a "javascript:" URL in the data must not run.
  function safeHref(url) {
    try {
      const parsed = new URL(url, window.location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (error) {
      return null;
    }
  }

  // -- filters in the URL ------------------------------------------------------------

  function filters() {
    const params = new URLSearchParams(window.location.search);
    const out = new URLSearchParams();
    for (const [key, value] of params) {
      if (FILTER_NAMES.includes(key) && value.trim()) out.append(key, value.trim());
    }
    return out;
  }

  function setParams(changes, replace) {
    const params = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      params.delete(key);
      for (const item of [].concat(value)) {
        if (item !== null && item !== undefined && String(item).trim()) params.append(key, item);
      }
    }
    const url = window.location.pathname + (params.toString() ? "?" + params : "");
    if (replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
  }

  function setFilters(changes) {
    setParams(changes, false);
    syncForm();
    notify();
  }

  function notify() {
    const params = filters();
    for (const listener of listeners) listener(params);
    loadList(false);
    // The table and the exports follow the filters too.
    for (const link of document.querySelectorAll("nav a[data-path]")) {
      link.href = link.dataset.path + (params.toString() ? "?" + params : "");
    }
  }

  function syncForm() {
    const form = document.getElementById("filters");
    const params = filters();
    for (const input of form.elements) {
      if (!input.name) continue;
      if (input.type === "checkbox") input.checked = params.getAll(input.name).includes(input.value);
      else input.value = params.get(input.name) || "";
    }
  }

  function formChanges() {
    const form = document.getElementById("filters");
    const data = new FormData(form);
    const changes = {};
    for (const name of FILTER_NAMES) changes[name] = data.getAll(name).map(String);
    return changes;
  }

  // -- the incident list -------------------------------------------------------------

  const list = {offset: 0, bbox: null, seq: 0};

  async function getJSON(url) {
    const response = await fetch(url, {headers: {Accept: "application/json"}});
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = JSON.stringify((await response.json()).detail); } catch (error) { /* keep */ }
      throw new Error(response.status + ": " + detail);
    }
    return response.json();
  }

  function listItem(item) {
    const place = [item.location || item.admin1 || "unknown place", item.country]
      .filter(Boolean).join(", ");
    const button = el("button", {type: "button", className: "incident",
      "data-id": item.incident_id, "data-type": item.event_type || ""},
      el("span", {className: "swatch " + typeClass(item.event_type), "aria-hidden": "true"}),
      el("span", {className: "when", text: item.event_date || "date unknown"}),
      el("span", {className: "what", text: item.sub_event_type || item.event_type || "incident"}),
      el("span", {className: "where", text: place}),
      el("span", {className: "deaths",
        text: item.fatalities === null ? "deaths unknown" : item.fatalities + " killed"}),
      el("span", {className: "sources", text: item.number_of_sources + " source" +
        (item.number_of_sources === 1 ? "" : "s")}),
      item.conflicting ? el("span", {className: "badge", text: "figures differ"}) : null);
    button.addEventListener("click", () => openIncident(item.incident_id, button));
    return el("li", {}, button);
  }

  async function loadList(more) {
    const seq = ++list.seq;
    const params = filters();
    if (document.getElementById("follow-map").checked && list.bbox) params.set("bbox", list.bbox);
    params.set("sort", document.getElementById("sort").value);
    params.set("limit", config.pageSize);
    list.offset = more ? list.offset + config.pageSize : 0;
    params.set("offset", list.offset);
    const target = document.getElementById("event-list");
    let data;
    try {
      data = await getJSON("/api/events?" + params);
    } catch (error) {
      if (seq === list.seq) showSummary("Could not load incidents (" + error.message + ")");
      return;
    }
    if (seq !== list.seq) return; // a newer request has started
    if (!more) target.replaceChildren();
    for (const item of data.items) target.append(listItem(item));
    const shown = Math.min(data.total, list.offset + data.items.length);
    document.getElementById("list-count").textContent = "(" + shown + " of " + data.total + ")";
    document.getElementById("more").hidden = shown >= data.total;
    if (!data.total) target.append(el("li", {className: "empty", text: "No incident matches."}));
  }

  function showSummary(text) {
    document.getElementById("summary").textContent = text;
  }

  // -- the incident drawer -----------------------------------------------------------

  let returnFocus = null;

  function articleText(segments) {
    const box = el("div", {className: "article-text", tabindex: "0"});
    for (const [piece, fields] of segments) {
      if (fields === null) box.append(document.createTextNode(piece));
      else box.append(el("mark", {title: "supports: " + fields.join(", "), text: piece}));
    }
    return box;
  }

  function figuresTable(detail) {
    const reports = detail.reports;
    const table = el("table", {className: "figures"},
      el("caption", {text: detail.figures_differ.length ?
        "The sources disagree: figures side by side" : "Figures by source"}));
    const head = el("tr", {}, el("th", {scope: "col", text: "Figure"}));
    for (const report of reports) {
      head.append(el("th", {scope: "col",
        text: (report.article && report.article.outlet) || report.event_id}));
    }
    table.append(el("thead", {}, head));
    const body = el("tbody");
    for (const name of FIGURES) {
      if (reports.every((r) => r.figures[name] === null)) continue;
      const row = el("tr", {className: detail.figures_differ.includes(name) ? "differs" : null},
        el("th", {scope: "row", text: FIGURE_LABELS[name]}));
      for (const report of reports) {
        const value = report.figures[name];
        row.append(el("td", {className: "num", text: value === null ? "–" : value}));
      }
      body.append(row);
    }
    table.append(body);
    return table;
  }

  function reportSection(report) {
    const article = report.article || {};
    const href = article.url ? safeHref(article.url) : null;
    const title = el("p", {className: "article-title"},
      href ? el("a", {href: href, rel: "noopener noreferrer", target: "_blank",
        text: article.title || article.id}) : (article.title || article.id || ""));
    const section = el("section", {className: "report"},
      el("h3", {text: (article.outlet || "Unknown outlet") +
        (article.published ? ", " + article.published : "")}), title,
      articleText(report.segments));
    for (const quote of report.evidence.filter((q) => !q.found)) {
      section.append(el("blockquote", {text: quote.text}));
    }
    return section;
  }

  function facts(detail) {
    const actors = [detail.actor1, detail.actor2].filter(Boolean).join(" v ") || "unknown";
    let deaths = detail.fatalities === null ? "unknown" : String(detail.fatalities);
    if (detail.fatalities_high !== null && detail.fatalities_high !== detail.fatalities) {
      deaths += " (sources say " + detail.fatalities_low + " to " + detail.fatalities_high + ")";
    }
    const rows = [["Date", (detail.event_date || "unknown") +
      (detail.time_precision > 1 ? " (approximate)" : "")],
      ["Type", [detail.event_type, detail.sub_event_type].filter(Boolean).join(": ")],
      ["Actors", actors], ["Deaths", deaths],
      ["Injured", detail.injured === null ? "unknown" : String(detail.injured)],
      ["Sources", detail.number_of_sources + ": " + (detail.source || "")]];
    const list = el("dl", {className: "facts"});
    for (const [term, value] of rows) list.append(el("dt", {text: term}), el("dd", {text: value}));
    return list;
  }

  async function openIncident(id, from) {
    const drawer = document.getElementById("drawer");
    const body = document.getElementById("drawer-body");
    const title = document.getElementById("drawer-title");
    returnFocus = from || document.activeElement;
    drawer.hidden = false;
    title.textContent = "Loading…";
    body.replaceChildren();
    setParams({incident: id}, true);
    let detail;
    try {
      detail = await getJSON("/api/events/" + encodeURIComponent(id));
    } catch (error) {
      title.textContent = "Could not load the incident";
      body.append(el("p", {text: error.message}));
      return;
    }
    title.textContent = (detail.sub_event_type || detail.event_type || "Incident") + ": " +
      [detail.location || detail.admin1 || "unknown place", detail.country]
        .filter(Boolean).join(", ");
    body.append(facts(detail));
    if (detail.reports.length > 1) body.append(figuresTable(detail));
    for (const report of detail.reports) body.append(reportSection(report));
    body.append(el("p", {}, el("a", {href: "/events/" + encodeURIComponent(detail.incident_id),
      text: "Page of this incident"})));
    title.focus();
    const first = body.querySelector("mark");
    if (first) first.scrollIntoView({block: "nearest"});
  }

  function closeIncident() {
    document.getElementById("drawer").hidden = true;
    setParams({incident: null}, true);
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  }

  // -- start ---------------------------------------------------------------------------

  function fillCountries() {
    getJSON("/api/stats?include=by_country").then((data) => {
      const options = document.getElementById("country-list");
      for (const item of data.by_country) {
        if (item.name) options.append(el("option", {value: item.name}));
      }
    }).catch(() => { /* suggestions only */ });
  }

  function start() {
    const form = document.getElementById("filters");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      setFilters(formChanges());
    });
    for (const box of form.querySelectorAll("input[type=checkbox]")) {
      box.addEventListener("change", () => setFilters(formChanges()));
    }
    document.getElementById("clear-filters").addEventListener("click", (event) => {
      event.preventDefault();
      const cleared = {};
      for (const name of FILTER_NAMES) cleared[name] = null;
      setFilters(cleared);
    });
    document.getElementById("sort").addEventListener("change", () => loadList(false));
    document.getElementById("follow-map").addEventListener("change", () => loadList(false));
    document.getElementById("more").addEventListener("click", () => loadList(true));
    document.getElementById("drawer-close").addEventListener("click", closeIncident);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !document.getElementById("drawer").hidden) closeIncident();
    });
    window.addEventListener("popstate", () => { syncForm(); notify(); });
    fillCountries();
    notify();
    const shared = new URLSearchParams(window.location.search).get("incident");
    if (shared) openIncident(shared, null);
  }

  window.Strife = {
    config, typeNames, el, colour, typeClass, filters, setFilters, setParams, openIncident, showSummary,
    getJSON,
    onFilters(listener) { listeners.push(listener); },
    setListBounds(bbox) { list.bbox = bbox; if (document.getElementById("follow-map").checked) loadList(false); },
  };
  document.addEventListener("DOMContentLoaded", start);
})();
