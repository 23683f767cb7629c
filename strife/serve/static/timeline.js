// The timeline: deaths (or incidents) per week, stacked by event type, drawn as plain SVG.
// Dragging across it sets the date filter (since/until), which filters the map and the list.
"use strict";

(function () {
  const S = window.Strife;
  const SVG = "http://www.w3.org/2000/svg";
  const DAY = 86400000;
  const HEIGHT = 120;
  const AXIS = 16;
  let state = {weeks: [], byWeek: new Map(), max: 0, step: 1};
  let seq = 0;

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    return node;
  }

  function isoDay(time) {
    return new Date(time).toISOString().slice(0, 10);
  }

  function parseDay(text) {
    return Date.parse(text + "T00:00:00Z");
  }

  function measure() {
    return document.getElementById("timeline-measure").value;
  }

  function weekRows(rows) {
    const byWeek = new Map();
    for (const row of rows) {
      if (!byWeek.has(row.week)) byWeek.set(row.week, []);
      byWeek.get(row.week).push(row);
    }
    const weeks = [];
    if (byWeek.size) {
      const sorted = [...byWeek.keys()].sort();
      // Every week between the first and the last, so quiet weeks take room too.
      let first = parseDay(sorted[0]);
      let last = parseDay(sorted[sorted.length - 1]);
      // At least a quarter of a year, so a single week is a bar, not the whole chart.
      const short = Math.max(0, 13 - Math.round((last - first) / (7 * DAY)) - 1);
      first -= Math.floor(short / 2) * 7 * DAY;
      last += Math.ceil(short / 2) * 7 * DAY;
      for (let t = first; t <= last; t += 7 * DAY) weeks.push(isoDay(t));
    }
    return {weeks, byWeek};
  }

  function draw() {
    const chart = document.getElementById("timeline");
    const width = Math.max(200, chart.clientWidth || 600);
    chart.setAttribute("viewBox", "0 0 " + width + " " + (HEIGHT + AXIS));
    chart.replaceChildren();
    const key = measure();
    const weeks = state.weeks;
    if (!weeks.length) {
      const empty = svg("text", {x: 8, y: HEIGHT / 2, class: "axis"});
      empty.textContent = "No dated incident matches.";
      chart.append(empty);
      return;
    }
    const step = width / weeks.length;
    state.step = step;
    let max = 0;
    for (const week of weeks) {
      const total = (state.byWeek.get(week) || []).reduce((sum, r) => sum + r[key], 0);
      max = Math.max(max, total);
    }
    const types = S.typeNames;
    weeks.forEach((week, i) => {
      const rows = (state.byWeek.get(week) || []).slice().sort(
        (a, b) => types.indexOf(a.event_type) - types.indexOf(b.event_type));
      let y = HEIGHT;
      for (const row of rows) {
        const h = max ? (row[key] / max) * (HEIGHT - 4) : 0;
        if (h <= 0) continue;
        y -= h;
        const bar = svg("rect", {x: i * step, y: y, width: Math.max(1, step - 0.5), height: h});
        bar.style.fill = S.colour(row.event_type);
        const tip = svg("title");
        tip.textContent = "week of " + week + ": " + row[key] + " " +
          (key === "fatalities" ? "deaths" : "incidents") + " (" + row.event_type + ")";
        bar.append(tip);
        chart.append(bar);
      }
    });
    // Year (or month) ticks, whichever keeps labels apart.
    let lastLabel = "";
    weeks.forEach((week, i) => {
      const label = weeks.length > 60 ? week.slice(0, 4) : week.slice(0, 7);
      if (label === lastLabel) return;
      lastLabel = label;
      const tick = svg("text", {x: i * step + 2, y: HEIGHT + AXIS - 3, class: "axis"});
      tick.textContent = label;
      chart.append(tick);
    });
    chart.append(svg("line", {x1: 0, x2: width, y1: HEIGHT, y2: HEIGHT, class: "baseline"}));
    drawSelection();
  }

  function drawSelection(fromX, toX) {
    const chart = document.getElementById("timeline");
    const old = chart.querySelector(".brush");
    if (old) old.remove();
    let x0 = fromX;
    let x1 = toX;
    const params = S.filters();
    if (x0 === undefined && (params.get("since") || params.get("until")) && state.weeks.length) {
      const first = parseDay(state.weeks[0]);
      const since = params.get("since") ? parseDay(params.get("since")) : first;
      const until = params.get("until") ? parseDay(params.get("until")) :
        parseDay(state.weeks[state.weeks.length - 1]) + 6 * DAY;
      x0 = ((since - first) / (7 * DAY)) * state.step;
      x1 = ((until - first) / (7 * DAY) + 1 / 7) * state.step;
    }
    document.getElementById("clear-dates").hidden = !(params.get("since") || params.get("until"));
    if (x0 === undefined) return;
    const rect = svg("rect", {class: "brush", x: Math.min(x0, x1), y: 0,
      width: Math.max(2, Math.abs(x1 - x0)), height: HEIGHT});
    chart.append(rect);
  }

  function weekAt(x) {
    const index = Math.max(0, Math.min(state.weeks.length - 1, Math.floor(x / state.step)));
    return state.weeks[index];
  }

  function setupBrush() {
    const chart = document.getElementById("timeline");
    let start = null;
    const localX = (event) => {
      const box = chart.getBoundingClientRect();
      const scale = (chart.viewBox.baseVal.width || box.width) / box.width;
      return (event.clientX - box.left) * scale;
    };
    chart.addEventListener("pointerdown", (event) => {
      if (!state.weeks.length) return;
      start = localX(event);
      chart.setPointerCapture(event.pointerId);
    });
    chart.addEventListener("pointermove", (event) => {
      if (start !== null) drawSelection(start, localX(event));
    });
    chart.addEventListener("pointerup", (event) => {
      if (start === null) return;
      const end = localX(event);
      const first = weekAt(Math.min(start, end));
      const last = weekAt(Math.max(start, end));
      start = null;
      S.setFilters({since: first, until: isoDay(parseDay(last) + 6 * DAY)});
    });
    // Keyboard: with a range chosen, the arrow keys move it a week at a time.
    chart.setAttribute("tabindex", "0");
    chart.addEventListener("keydown", (event) => {
      const params = S.filters();
      if (!params.get("since") || !params.get("until")) return;
      const shift = event.key === "ArrowLeft" ? -7 : event.key === "ArrowRight" ? 7 : 0;
      if (!shift) return;
      event.preventDefault();
      S.setFilters({since: isoDay(parseDay(params.get("since")) + shift * DAY),
        until: isoDay(parseDay(params.get("until")) + shift * DAY)});
    });
    document.getElementById("clear-dates").addEventListener("click", () => {
      S.setFilters({since: null, until: null});
    });
  }

  async function load(params) {
    const current = ++seq;
    const undated = new URLSearchParams(params);
    undated.delete("since");
    undated.delete("until");
    try {
      undated.set("include", "weekly");
      const wanted = [S.getJSON("/api/stats?" + undated)];
      // With a date range, the summary counts only that range; the chart still shows all.
      if (params.get("since") || params.get("until")) {
        params.set("include", "totals");
        wanted.push(S.getJSON("/api/stats?" + params));
      }
      const [all, ranged] = await Promise.all(wanted);
      if (current !== seq) return;
      const totals = ranged || all;
      S.showSummary(totals.incidents.toLocaleString("en") + " incidents, " +
        totals.fatalities.toLocaleString("en") + " deaths");
      state = {...state, ...weekRows(all.weekly)};
      draw();
    } catch (error) {
      if (current === seq) S.showSummary("Could not load statistics (" + error.message + ")");
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const head = document.querySelector(".timeline-head");
    const select = S.el("select", {id: "timeline-measure", "aria-label": "What the bars count"},
      S.el("option", {value: "fatalities", text: "deaths"}),
      S.el("option", {value: "incidents", text: "incidents"}));
    select.addEventListener("change", () => {
      document.getElementById("timeline-title").textContent =
        (select.value === "fatalities" ? "Deaths" : "Incidents") + " per week, by event type";
      draw();
    });
    head.append(select);
    setupBrush();
    window.addEventListener("resize", () => draw());
  });
  S.onFilters(load);
})();
