// The map: country outlines (offline), optional tiles, and the incidents of the current view.
// The server sends points (clustered here) when few incidents are in view and grid cells
// when many are, so the whole world at low zoom stays one small request.
"use strict";

(function () {
  const S = window.Strife;
  if (!window.L) {
    // The libraries are missing: the page already says so; the list still follows filters.
    document.addEventListener("DOMContentLoaded", () => S.setListBounds(null));
    return;
  }
  const config = S.config;
  let map = null;
  let layer = null;
  let seq = 0;
  let timer = null;

  function view() {
    const raw = new URLSearchParams(window.location.search).get("view");
    const parts = raw ? raw.split(",").map(Number) : [];
    if (parts.length === 3 && parts.every(Number.isFinite)) return parts;
    return [config.center[0], config.center[1], config.zoom];
  }

  // The view as a bbox the API accepts: longitudes folded into -180..180, latitudes clamped.
  function bbox() {
    const b = map.getBounds();
    const south = Math.max(-90, b.getSouth());
    const north = Math.min(90, b.getNorth());
    if (b.getEast() - b.getWest() >= 360) return [-180, south, 180, north].join(",");
    const wrap = (lon) => ((((lon + 180) % 360) + 360) % 360) - 180;
    return [wrap(b.getWest()), south, wrap(b.getEast()), north]
      .map((v) => v.toFixed(4)).join(",");
  }

  function radius(fatalities) {
    return 5 + Math.min(14, 2.2 * Math.sqrt(Math.max(0, fatalities || 0)));
  }

  function dotIcon(type, fatalities, extra) {
    const size = 2 * radius(fatalities);
    const dot = document.createElement("span");
    dot.className = "dot " + S.typeClass(type) + (extra ? " " + extra : "");
    dot.style.width = dot.style.height = size + "px";
    return L.divIcon({html: dot, className: "marker", iconSize: [size, size]});
  }

  function tooltip(lines) {
    const box = document.createElement("div");
    for (const line of lines) if (line) box.append(S.el("div", {text: line}));
    return box;
  }

  function pointMarker(feature) {
    const p = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const label = [p.event_date, p.sub_event_type || p.event_type, p.location, p.country]
      .filter(Boolean).join(", ");
    const marker = L.marker([lat, lon], {
      icon: dotIcon(p.event_type, p.fatalities, p.conflicting ? "conflicting" : ""),
      title: label, alt: label, keyboard: true, riseOnHover: true,
    });
    marker.incident = p;
    marker.bindTooltip(tooltip([label, (p.fatalities === null ? "deaths unknown" :
      p.fatalities + " killed") + ", " + p.number_of_sources + " source(s)"]));
    marker.on("click", () => S.openIncident(p.incident_id, marker.getElement()));
    return marker;
  }

  function clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers();
    const counts = {};
    let deaths = 0;
    for (const child of children) {
      const type = child.incident.event_type;
      counts[type] = (counts[type] || 0) + 1;
      deaths += child.incident.fatalities || 0;
    }
    const top = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
    return countIcon(children.length, deaths, top);
  }

  function countIcon(count, deaths, type) {
    const size = Math.round(26 + 7 * Math.log10(count));
    const badge = document.createElement("span");
    badge.className = "cluster " + S.typeClass(type);
    badge.style.width = badge.style.height = badge.style.lineHeight = size + "px";
    badge.textContent = count >= 10000 ? Math.round(count / 1000) + "k" : String(count);
    return L.divIcon({html: badge, className: "marker", iconSize: [size, size]});
  }

  function cellMarker(feature) {
    const p = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const label = p.count + " incidents, " + p.fatalities + " deaths; mostly " + p.event_type;
    const marker = L.marker([lat, lon], {
      icon: countIcon(p.count, p.fatalities, p.event_type), title: label, alt: label,
      keyboard: true,
    });
    const lines = [label].concat(Object.entries(p.types).map(([t, n]) => n + " " + t));
    marker.bindTooltip(tooltip(lines));
    marker.on("click", () => {
      const [w, s, e, n] = p.bounds;
      map.fitBounds([[s, w], [n, e]], {maxZoom: map.getZoom() + 3});
    });
    return marker;
  }

  async function refresh() {
    const current = ++seq;
    const params = S.filters();
    params.set("zoom", map.getZoom());
    params.set("bbox", bbox());
    let data;
    try {
      data = await S.getJSON("/api/events.geojson?" + params);
    } catch (error) {
      if (current === seq) S.showSummary("Could not load the map (" + error.message + ")");
      return;
    }
    if (current !== seq) return;
    const next = data.aggregated ? L.layerGroup() : L.markerClusterGroup({
      iconCreateFunction: clusterIcon, showCoverageOnHover: false, maxClusterRadius: 40,
      chunkedLoading: true,
    });
    const markers = data.features.map(data.aggregated ? cellMarker : pointMarker);
    if (data.aggregated) markers.forEach((m) => next.addLayer(m));
    else next.addLayers(markers);
    if (layer) map.removeLayer(layer);
    layer = next.addTo(map);
    document.getElementById("map").dataset.mode = data.aggregated ? "cells" : "points";
    document.getElementById("map").dataset.features = String(data.features.length);
  }

  function moved() {
    const c = map.getCenter();
    S.setParams({view: [c.lat.toFixed(4), c.lng.toFixed(4), map.getZoom()].join(",")}, true);
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
    S.setListBounds(bbox());
  }

  // Natural Earth cuts shapes at ±180° but keeps some rings whole (Chukotka, Fiji): such a
  // ring jumps from +180 to -180 and back, and Leaflet draws each jump as a line, and fills
  // a band, across the whole world. Split each such ring into one ring per side; the cut
  // points lie on ±180, so closing each piece runs along the antimeridian. A ring round the
  // pole (Antarctica: one jump) stays whole: its jump runs along the map's bottom edge.
  function splitRing(ring) {
    const pieces = [[ring[0]]];
    for (let i = 1; i < ring.length; i++) {
      if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) pieces.push([]);
      pieces[pieces.length - 1].push(ring[i]);
    }
    if (pieces.length < 3 || pieces.length % 2 === 0) return [ring];
    // The ring is closed, so its last piece continues its first one.
    const first = pieces.pop().concat(pieces.shift());
    return [first].concat(pieces).map((piece) => piece.concat([piece[0]]));
  }

  function splitAtAntimeridian(geometry) {
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] :
      geometry.type === "MultiPolygon" ? geometry.coordinates : null;
    if (!polygons) return geometry;
    const out = [];
    for (const [outer, ...holes] of polygons) {
      const parts = splitRing(outer);
      out.push(...parts.map((part, i) => (i === 0 && parts.length === 1 ? [part, ...holes] : [part])));
    }
    return {type: "MultiPolygon", coordinates: out};
  }

  // Country outlines: the 1:110m set for the world, the finer 1:50m one once zoomed in.
  let outlineLayer = null;
  let outlineScale = null;

  async function outlines() {
    const scale = map.getZoom() >= 4 ? "50m" : "110m";
    if (scale === outlineScale || outlineScale === "50m") return;
    outlineScale = scale;
    try {
      const world = await S.getJSON("/vendor/world-atlas/countries-" + scale + ".json");
      const shapes = window.topojson.feature(world, world.objects.countries);
      for (const feature of shapes.features) feature.geometry = splitAtAntimeridian(feature.geometry);
      const next = L.geoJSON(shapes, {interactive: false, style: {color: "#7a7a7a",
        weight: 0.7, fillColor: "#f2efe6", fillOpacity: 1}});
      next.addTo(map).bringToBack();
      if (outlineLayer) map.removeLayer(outlineLayer);
      outlineLayer = next;
    } catch (error) {
      S.showSummary("Country outlines could not be loaded (" + error.message + ")");
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const [lat, lon, zoom] = view();
    map = L.map("map", {worldCopyJump: true, minZoom: 1, maxZoom: 16, keyboard: true});
    map.attributionControl.setPrefix("Leaflet");
    map.attributionControl.addAttribution("Places © GeoNames (CC BY 4.0)");
    map.attributionControl.addAttribution("Outlines: Natural Earth");
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, {attribution: config.tileAttribution, maxZoom: 16}).addTo(map);
    }
    map.setView([lat, lon], zoom);
    if (!config.tileUrl) {
      outlines();
      map.on("zoomend", outlines);
    }
    map.on("moveend", moved);
    S.onFilters(() => refresh());
    moved();
  });
})();
