// The live situation page: map, timeline, key figures, incidents and the event feed, over the read API.
// Filters live in the URL (shareable); new events arrive from /v1/stream without a reload.
"use strict";

const FILTERS = [
  "category", "event_type", "place", "source", "since", "until", "received_since", "received_until", "q",
];
const KEY_FIGURES = ["killed", "injured", "launched", "intercepted", "area", "money"];
const PALETTE = {
  military: "#c0392b", military_aid: "#8e44ad", political_diplomatic: "#2471a3",
  economic_energy: "#d68910", humanitarian: "#17a589", legal_justice: "#5d6d7e",
  information_cyber: "#d63384", disaster_emergency: "#a04000", other: "#7f8c8d",
};
const PAGE = 30;

const view = { filters: {}, bucket: "day", cursor: null, shown: new Set(), figure: null };
const $ = (id) => document.getElementById(id);
let map, markers, timelineChart, refreshTimer;

// -- the URL is the view ------------------------------------------------------
function readUrl() {
  const params = new URLSearchParams(location.search);
  view.filters = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) view.filters[name] = value;
  }
  view.bucket = params.get("bucket") === "hour" ? "hour" : "day";
}

function writeUrl() {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (view.filters[name]) params.set(name, view.filters[name]);
  if (view.bucket !== "day") params.set("bucket", view.bucket);
  const query = params.toString();
  history.pushState(null, "", query ? `?${query}` : location.pathname);
}

function apiQuery(extra = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...view.filters, ...extra })) {
    if (value !== undefined && value !== null && value !== "") params.set(name, value);
  }
  return params.toString();
}

// datetime-local shows local time; the URL and the API carry UTC ISO 8601.
function toInput(iso) {
  const d = new Date(iso);
  if (isNaN(d)) return "";
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
function fromInput(value) {
  if (!value) return "";
  const d = new Date(value);
  return isNaN(d) ? "" : d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// -- fetching ------------------------------------------------------------------
async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (response.status === 401) askForKey();
  if (!response.ok) {
    const detail = body && (body.detail || body.title);
    throw new Error(`${path.split("?")[0]}: ${detail || response.status}`);
  }
  return body;
}

// With SITREP_API_KEYS set, reads need a key. A browser's EventSource and download links
// cannot send headers, so the key goes in a cookie the api accepts (SameSite=Strict).
function askForKey() {
  $("key-form").hidden = false;
}

function useKey(event) {
  event.preventDefault();
  const key = new FormData(event.target).get("key");
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `sitrep_api_key=${encodeURIComponent(key)}; path=/; SameSite=Strict${secure}`;
  location.reload();
}

function showError(error) {
  const box = $("error");
  box.textContent = error ? String(error.message || error) : "";
  box.hidden = !error;
}

// -- filters form ----------------------------------------------------------------
function fillSelect(select, values, labels = {}) {
  const current = select.value;
  select.replaceChildren(new Option("all", ""));
  for (const value of values) select.append(new Option(labels[value] || value, value));
  select.value = current;
}

function syncForm() {
  const form = $("filters");
  for (const name of FILTERS) {
    const field = form.elements[name];
    const value = view.filters[name] || "";
    if (field.tagName === "SELECT" && value && ![...field.options].some((o) => o.value === value)) {
      field.append(new Option(value, value));
    }
    field.value = field.type === "datetime-local" ? toInput(value) : value;
  }
  for (const button of document.querySelectorAll("[data-bucket]")) {
    button.setAttribute("aria-pressed", String(button.dataset.bucket === view.bucket));
  }
}

function readForm() {
  const form = $("filters");
  const filters = {};
  for (const name of FILTERS) {
    const field = form.elements[name];
    const value = field.type === "datetime-local" ? fromInput(field.value) : field.value.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

function setFilters(filters) {
  view.filters = filters;
  view.figure = null;
  writeUrl();
  syncForm();
  reloadAll();
}

// -- the feed ----------------------------------------------------------------------
function tag(text, className = "tag", colour = null) {
  const span = document.createElement("span");
  span.className = className;
  span.textContent = text;
  if (colour) span.style.background = colour;
  return span;
}

function eventItem(event, isNew = false) {
  const update = event.event;
  const li = document.createElement("li");
  li.dataset.eventId = event.event_id;
  if (isNew) li.classList.add("new");
  if (update.headline) {
    const title = document.createElement("div");
    title.className = "headline";
    title.textContent = update.headline;
    li.append(title);
  }
  const text = document.createElement("div");
  text.className = update.headline ? "text" : "text headline";
  text.textContent = update.text;
  const meta = document.createElement("div");
  meta.className = "meta";
  const when = new Date(update.received_at);
  meta.textContent = [
    update.source,
    update.bulletin_date ? `bulletin ${update.bulletin_date}` : null,
    `received ${when.toLocaleString()}`,
  ].filter(Boolean).join(" · ");
  const tags = document.createElement("div");
  tags.className = "tags";
  tags.append(tag(event.category, "tag category", PALETTE[event.category] || "#555"));
  tags.append(tag(event.event_type));
  for (const place of uniqueBy(event.locations, "place_id")) tags.append(tag(place.name, "tag place"));
  for (const actor of uniqueBy(event.actors, "name")) tags.append(tag(actor.name, "tag actor"));
  for (const q of event.quantities) tags.append(tag(`${q.kind}: ${formatNumber(q.value)}${q.unit ? " " + q.unit : ""}`));
  li.append(text, tags, meta);
  return li;
}

function uniqueBy(items, key) {
  const seen = new Map();
  for (const item of items) if (!seen.has(item[key])) seen.set(item[key], item);
  return [...seen.values()];
}

function formatNumber(value) {
  return Number(value).toLocaleString(undefined, { maximumFractionDigits: 1 });
}

function renderFeed(items, append) {
  const feed = $("feed");
  if (!append) {
    feed.replaceChildren();
    view.shown.clear();
  }
  for (const event of items) {
    if (view.shown.has(event.event_id)) continue;
    view.shown.add(event.event_id);
    feed.append(eventItem(event));
  }
  $("feed-count").textContent = view.figure
    ? `(${view.shown.size} behind “${view.figure}” — press Clear filters to go back)`
    : `(${view.shown.size} shown)`;
  if (!feed.children.length) {
    const li = document.createElement("li");
    li.className = "muted empty";
    li.textContent = "No events match these filters.";
    feed.append(li);
  }
}

async function loadFeed(append = false) {
  const page = await getJson(`/v1/events?${apiQuery({ limit: PAGE, cursor: append ? view.cursor : null })}`);
  view.cursor = page.next_cursor;
  $("more").hidden = !page.next_cursor;
  renderFeed(page.items, append);
}

// -- incidents: each happening once, with its sources and reconciled figures ----------
const INCIDENTS_SHOWN = 20;

function incidentItem(incident) {
  const li = document.createElement("li");
  li.dataset.incidentId = incident.incident_id;
  const title = document.createElement("div");
  title.className = "headline";
  title.textContent = incident.headline;
  const tags = document.createElement("div");
  tags.className = "tags";
  tags.append(tag(incident.category, "tag category", PALETTE[incident.category] || "#555"));
  tags.append(tag(incident.event_type));
  const sources = `${incident.source_count} source${incident.source_count === 1 ? "" : "s"}`;
  tags.append(tag(sources, "tag sources"));
  for (const place of incident.places.slice(0, 3)) tags.append(tag(place.name, "tag place"));
  for (const [kind, figure] of Object.entries(incident.figures)) {
    const range = figure.low !== figure.high ? ` (${formatNumber(figure.low)}–${formatNumber(figure.high)})` : "";
    tags.append(tag(`${kind}: ${formatNumber(figure.value)}${range}`, "tag figure"));
  }
  const meta = document.createElement("div");
  meta.className = "meta";
  meta.textContent = [
    `happened ${incident.occurred_on.date}`,
    `${incident.report_count} report${incident.report_count === 1 ? "" : "s"}: ${incident.sources.join(", ")}`,
    `last reported ${new Date(incident.last_seen).toLocaleString()}`,
  ].join(" · ");
  li.append(title, tags, meta);
  return li;
}

async function loadIncidents() {
  const page = await getJson(`/v1/incidents?${apiQuery({ limit: INCIDENTS_SHOWN })}`);
  const list = $("incidents");
  list.replaceChildren(...page.items.map(incidentItem));
  $("incidents-count").textContent = page.next_cursor
    ? `(newest ${page.items.length})`
    : `(${page.items.length})`;
  if (!page.items.length) {
    const li = document.createElement("li");
    li.className = "muted empty";
    li.textContent = "No incidents match these filters.";
    list.append(li);
  }
}

async function showFigureEvents(figure) {
  const events = await Promise.all(figure.event_ids.map((id) => getJson(`/v1/events/${id}`)));
  view.figure = figure.kind;
  view.cursor = null;
  $("more").hidden = true;
  renderFeed(events, false);
  $("feed").focus();
}

// Whether a live event belongs in the feed as filtered (the API applies the same rules).
function matches(event) {
  const f = view.filters;
  const update = event.event;
  if (view.figure) return false;
  if (f.category && event.category !== f.category) return false;
  if (f.event_type && event.event_type !== f.event_type) return false;
  if (f.source && update.source !== f.source) return false;
  if (f.place) {
    const wanted = f.place.toLowerCase();
    if (!event.locations.some((l) => l.place_id === f.place || l.name.toLowerCase() === wanted)) return false;
  }
  const received = Date.parse(update.received_at);
  if (f.received_since && received < Date.parse(f.received_since)) return false;
  if (f.received_until && received >= Date.parse(f.received_until)) return false;
  // when it happened is worked out by the projector; a live event is not in the message
  if (f.since || f.until) return false;
  if (f.q) {
    const text = `${update.headline || ""} ${update.text} ${update.section || ""}`.toLowerCase();
    const words = f.q.toLowerCase().match(/[\p{L}]{3,}/gu) || [];
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}

// -- map ------------------------------------------------------------------------------
async function initMap() {
  map = L.map("map", { worldCopyJump: true, keyboard: true }).setView([48.5, 31], 5);
  const tiles = document.body.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { attribution: document.body.dataset.tilesAttribution || "", maxZoom: 18 }).addTo(map);
  }
  const world = await getJson("/static/vendor/world-atlas/countries-110m.json");
  L.geoJSON(topojson.feature(world, world.objects.countries), {
    style: { color: "#8a99ab", weight: 0.7, fillColor: "#fbfbf8", fillOpacity: tiles ? 0 : 1 },
    interactive: false,
  }).addTo(map);
  markers = L.layerGroup().addTo(map);
  const legend = $("legend");
  for (const [category, colour] of Object.entries(PALETTE)) {
    const li = document.createElement("li");
    const swatch = document.createElement("i");
    swatch.style.background = colour;
    li.append(swatch, category.replaceAll("_", " "));
    legend.append(li);
  }
}

async function loadMap(fit) {
  const places = await getJson("/v1/places");
  let counts = null;
  if (Object.keys(view.filters).length) {
    const facets = await getJson(`/v1/facets?${apiQuery({ top: 200 })}`);
    counts = new Map(facets.place.map((p) => [p.value, p.count]));
  }
  markers.clearLayers();
  const names = $("place-names");
  names.replaceChildren();
  const bounds = [];
  const ranked = [];
  for (const feature of places.features) {
    const p = feature.properties;
    names.append(new Option(p.name));
    const count = counts ? counts.get(feature.id) || 0 : p.count;
    if (!count) continue;
    const [lon, lat] = feature.geometry.coordinates;
    bounds.push([lat, lon]);
    const marker = L.circleMarker([lat, lon], {
      radius: 5 + 3 * Math.sqrt(count), color: "#fff", weight: 1,
      fillColor: PALETTE[p.category] || "#555", fillOpacity: 0.85,
    });
    const tip = document.createElement("span"); // Leaflet renders a string tooltip as HTML
    tip.textContent = `${p.name}: ${count} event${count === 1 ? "" : "s"} (mostly ${p.category || "?"})`;
    marker.bindTooltip(tip);
    marker.on("click", () => setFilters({ ...view.filters, place: p.name }));
    markers.addLayer(marker);
    ranked.push([count, p.name]);
  }
  // the busiest places as buttons too: the markers cannot take keyboard focus
  const top = $("top-places");
  top.replaceChildren();
  for (const [count, name] of ranked.sort((a, b) => b[0] - a[0]).slice(0, 8)) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = `${name} (${count})`;
    button.addEventListener("click", () => setFilters({ ...view.filters, place: name }));
    li.append(button);
    top.append(li);
  }
  if (fit && bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7 });
}

// -- timeline -------------------------------------------------------------------------
async function loadTimeline() {
  const data = await getJson(`/v1/timeline?bucket=${view.bucket}`);
  const labels = data.buckets.map((b) => b.bucket);
  const categories = [...new Set(data.buckets.flatMap((b) => Object.keys(b.by_category)))].sort();
  const datasets = categories.map((category) => ({
    label: category,
    data: data.buckets.map((b) => b.by_category[category] || 0),
    backgroundColor: PALETTE[category] || "#555",
  }));
  if (!timelineChart) {
    timelineChart = new Chart($("timeline"), {
      type: "bar",
      data: { labels, datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 10 } } },
      },
    });
  } else {
    timelineChart.data = { labels, datasets };
    timelineChart.update();
  }
}

// -- key figures ----------------------------------------------------------------------
async function loadFigures() {
  const query = apiQuery();
  const { figures } = await getJson(`/v1/figures${query ? "?" + query : ""}`);
  const byKind = new Map(figures.map((f) => [f.kind, f]));
  const list = $("figures");
  const more = $("more-figures");
  list.replaceChildren();
  more.replaceChildren();
  const others = figures.map((f) => f.kind).filter((k) => !KEY_FIGURES.includes(k));
  $("more-figures-box").hidden = !others.length;
  $("more-figures-count").textContent = `(${others.length})`;
  for (const kind of [...KEY_FIGURES, ...others]) {
    const figure = byKind.get(kind);
    const li = document.createElement("li");
    li.dataset.kind = kind;
    const value = document.createElement("span");
    value.className = "value";
    value.textContent = figure ? formatNumber(figure.total) : "–";
    const label = document.createElement("span");
    label.className = "kind";
    label.textContent = kind.replaceAll("_", " ");
    li.append(value, label);
    if (figure) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `${figure.events} event${figure.events === 1 ? "" : "s"}`;
      button.setAttribute("aria-label", `Show the events behind ${kind}`);
      button.addEventListener("click", () => showFigureEvents(figure).catch(showError));
      li.append(document.createElement("br"), button);
    }
    (KEY_FIGURES.includes(kind) ? list : more).append(li);
  }
}

// -- summary, taxonomy, live stream ------------------------------------------------------
async function loadSummary() {
  const state = await getJson("/v1/state");
  const last = state.last_update ? new Date(state.last_update).toLocaleString() : "never";
  const incidents = state.incidents ? ` · ${state.incidents.stored.toLocaleString()} incidents` : "";
  $("summary").textContent = `${state.events_stored.toLocaleString()} events${incidents} · last update ${last}`;
  fillSelect($("filters").elements.source, Object.keys(state.by_source));
  syncForm();
}

async function loadTaxonomy() {
  const taxonomy = await getJson("/v1/taxonomy");
  const form = $("filters");
  fillSelect(form.elements.category, Object.keys(taxonomy.categories));
  fillSelect(form.elements.event_type, Object.keys(taxonomy.event_types));
}

// The downloads export what the view shows: the same filters, every matching event.
function updateDownloads() {
  const query = apiQuery();
  for (const [id, path] of [["download-csv", "/v1/events.csv"], ["download-geojson", "/v1/events.geojson"]]) {
    $(id).href = query ? `${path}?${query}` : path;
  }
}

// data-settled on <body>: false while a view loads, true once every panel shows it.
function reloadAll(fit = false) {
  document.body.dataset.settled = "false";
  updateDownloads();
  return Promise.all([loadFeed(), loadIncidents(), loadMap(fit), loadTimeline(), loadFigures(), loadSummary()])
    .then(() => showError(null))
    .catch(showError)
    .finally(() => {
      document.body.dataset.settled = "true";
    });
}

function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    Promise.all([loadIncidents(), loadMap(false), loadTimeline(), loadFigures(), loadSummary()]).catch(showError);
  }, 1500);
}

function connectStream() {
  const live = $("live");
  const source = new EventSource("/v1/stream?updates=tagged&updates=incident");
  source.onopen = () => {
    live.className = "live on";
    live.querySelector("span").textContent = "live";
  };
  source.onerror = () => {
    live.className = "live off";
    live.querySelector("span").textContent = "reconnecting";
  };
  source.addEventListener("tagged", (message) => {
    const event = JSON.parse(message.data);
    if (matches(event) && !view.shown.has(event.event_id)) {
      view.shown.add(event.event_id);
      const feed = $("feed");
      feed.querySelector(".empty")?.remove();
      feed.prepend(eventItem(event, true));
      $("feed-count").textContent = `(${view.shown.size} shown)`;
    }
    scheduleRefresh();
  });
  source.addEventListener("incident", scheduleRefresh);
}

// -- wiring -----------------------------------------------------------------------------
function wire() {
  const form = $("filters");
  form.addEventListener("change", () => setFilters(readForm()));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    setFilters(readForm());
  });
  $("clear").addEventListener("click", () => setFilters({}));
  $("key-form").addEventListener("submit", useKey);
  $("more").addEventListener("click", () => loadFeed(true).catch(showError));
  for (const button of document.querySelectorAll("[data-bucket]")) {
    button.addEventListener("click", () => {
      view.bucket = button.dataset.bucket;
      writeUrl();
      syncForm();
      loadTimeline().catch(showError);
    });
  }
  window.addEventListener("popstate", () => {
    readUrl();
    syncForm();
    reloadAll();
  });
}

async function main() {
  readUrl();
  wire();
  try {
    await Promise.all([initMap(), loadTaxonomy()]);
  } catch (error) {
    showError(error);
  }
  syncForm();
  await reloadAll(true);
  connectStream();
  document.body.dataset.ready = "true";
}

main();
