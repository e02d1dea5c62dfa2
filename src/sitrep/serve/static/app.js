// sitrep explorer. Reads the JSON API only; renders every string from an article as text
// (textContent, never innerHTML), and links only to http(s) URLs. The page state lives in
// the URL's fragment, so a view can be shared and the back button works.
"use strict";

const TYPE_COLOURS = {
  ASSAULT: "#c0392b", COERCE: "#e67e22", THREATEN: "#d35400", PROTEST: "#8e44ad", MOBILIZE: "#9b59b6",
  SANCTION: "#7f8c8d", RETREAT: "#16a085", CONCEDE: "#1abc9c", AID: "#27ae60", SUPPORT: "#2ecc71",
  COOPERATE: "#2980b9", AGREE: "#3498db", CONSULT: "#5dade2", REQUEST: "#f1c40f", DEMAND: "#f39c12",
  ACCUSE: "#a04000", DISAPPROVE: "#b9770e", REJECT: "#6e2c00",
};
const FILTER_KEYS = ["since", "until", "type", "country", "language", "min_sources", "contradictions", "q",
  "actor", "story", "bbox"];
const PAGE = 100;
const MARK_START = "[", MARK_END = "]";  // around matched words in search snippets (sitrep.store.dialect)

const $ = (sel) => document.querySelector(sel);
const colour = (type) => TYPE_COLOURS[type] || "#607080";

// -- small DOM helpers: text only --------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url.trim()) ? url.trim() : null;
}

function externalLink(url, label) {
  const safe = safeUrl(url);
  if (!safe) return null;
  return el("a", { href: safe, rel: "noopener noreferrer nofollow", target: "_blank" }, label || "original");
}

function plural(n, word) { return `${n} ${word}${n === 1 ? "" : "s"}`; }

function kind(e) { return e.type + (e.subtype ? ` (${e.subtype})` : ""); }

function parties(e) {
  const names = (items) => items.map((p) => p.sources > 1 ? `${p.name} (${p.sources})` : p.name).join(", ");
  let who = names(e.actors || []) || "?";
  if ((e.targets || []).length) who += " → " + names(e.targets);
  return who;
}

function placeText(e) {
  return [e.place_name, e.admin1 && e.admin1 !== e.place_name ? e.admin1 : null, e.country].filter(Boolean).join(", ");
}

// -- state in the URL ------------------------------------------------------------------

function readState() {
  const params = new URLSearchParams(location.hash.slice(1));
  const filters = {};
  for (const key of FILTER_KEYS) if (params.get(key)) filters[key] = params.get(key);
  return { filters, view: params.get("view") || "", tab: params.get("tab") || "events",
    offset: Number(params.get("offset") || 0) };
}

function writeState(state) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (state.filters[key]) params.set(key, state.filters[key]);
  if (state.view) params.set("view", state.view);
  if (state.tab && state.tab !== "events") params.set("tab", state.tab);
  if (state.offset) params.set("offset", state.offset);
  const hash = params.toString();
  if (hash !== location.hash.slice(1)) location.hash = hash;
  else render();
}

function navigate(changes) {
  const state = readState();
  if (changes.filters) { state.filters = { ...state.filters, ...changes.filters }; state.offset = 0; }
  for (const key of ["view", "tab", "offset"]) if (key in changes) state[key] = changes[key];
  for (const key of Object.keys(state.filters)) if (!state.filters[key]) delete state.filters[key];
  writeState(state);
}

function filterQuery(filters, omit = []) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value && !omit.includes(key)) params.set(key, value);
  return params.toString();
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || (body.detail && JSON.stringify(body.detail)) || response.statusText);
  return body;
}

// -- the map -------------------------------------------------------------------------

let map = null, markerLayer = null, lastMapQuery = null;

async function initMap() {
  map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 1, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth");
  map.setView([25, 20], 2);
  const topo = await fetch("/static/vendor/countries-50m.json").then((r) => r.json());
  L.geoJSON(topojson.feature(topo, topo.objects.countries), {
    style: { color: "#8a9aa8", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 }, interactive: false,
  }).addTo(map);
  markerLayer = L.layerGroup().addTo(map);
  map.on("zoomend", () => loadMap(readState().filters));
}

async function loadMap(filters, fit = false) {
  const query = filterQuery(filters) + `&zoom=${map.getZoom()}`;
  if (query === lastMapQuery) return;
  lastMapQuery = query;
  const data = await api(`/api/map?${query}`);
  if (query !== lastMapQuery) return;  // a newer request has started
  markerLayer.clearLayers();
  const shared = new Map();  // events at one spot (a city) fan out around it, none hidden
  for (const p of data.points) {
    const key = `${p.lat},${p.lon}`;
    shared.set(key, (shared.get(key) || 0) + 1);
  }
  const placed = new Map();
  for (const p of data.points) {
    const key = `${p.lat},${p.lon}`, n = shared.get(key);
    let at = [p.lat, p.lon];
    if (n > 1) {
      const i = placed.get(key) || 0;
      placed.set(key, i + 1);
      const centre = map.project(at, map.getZoom()), angle = (2 * Math.PI * i) / n, spread = 6 + 2 * n;
      at = map.unproject(centre.add([spread * Math.cos(angle), spread * Math.sin(angle)]), map.getZoom());
    }
    const single = p.count === 1;
    const radius = single ? 5 + 3 * Math.sqrt(p.sources || 1) : 7 + 4 * Math.log2(p.count);
    const marker = L.circleMarker(at, {
      radius, color: p.contradictions ? "#b3261e" : "#ffffff", weight: p.contradictions ? 2.5 : 1,
      fillColor: colour(p.type), fillOpacity: single ? 0.85 : 0.7,
      className: single ? "event-marker" : "cluster-marker",
    });
    const label = single
      ? `${p.type} · ${p.place_name || ""} · ${p.date || "undated"} · ${plural(p.sources, "source")}`
      : `${p.count} events (mostly ${p.type}): click to zoom in`;
    marker.bindTooltip(el("span", {}, label));  // a node: Leaflet would parse a string as HTML
    if (single) {
      marker.on("click", () => navigate({ view: `event:${p.id}` }));
      marker.on("add", () => marker.getElement() && marker.getElement().setAttribute("data-event", p.id));
    } else {
      marker.on("click", () => map.setView([p.lat, p.lon], Math.min(map.getZoom() + 2, 12)));
    }
    markerLayer.addLayer(marker);
  }
  if (fit && data.points.length) {  // new filters: show where their events are
    const bounds = L.latLngBounds(data.points.map((p) => [p.lat, p.lon]));
    map.fitBounds(bounds, { maxZoom: 6, padding: [30, 30], animate: false });
  }
  const note = [`${plural(data.located, "event")} on the map`];
  if (data.unlocated) note.push(`${data.unlocated} without a place (in the list)`);
  if (data.clustered) note.push("grouped by area: click a group to zoom in");
  $("#map-note").textContent = note.join(" · ");
}

// -- the timeline ----------------------------------------------------------------------

const SVG_NS = "http://www.w3.org/2000/svg";
function svg(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  return node;
}
const dayNumber = (day) => Math.round(Date.parse(day + "T00:00:00Z") / 86400000);
const dayText = (n) => new Date(n * 86400000).toISOString().slice(0, 10);

async function loadTimeline(filters) {
  const data = await api(`/api/timeline?${filterQuery(filters, ["since", "until"])}`);
  const box = $("#timeline");
  box.replaceChildren();
  const width = box.clientWidth || 600, height = 110, bottom = 16;
  const legend = $("#legend");
  legend.replaceChildren();
  if (!data.days.length) {
    box.append(Object.assign(svg("text", { x: 8, y: 40, fill: "#5c6773" }), { textContent: "No dated events." }));
    return;
  }
  const first = dayNumber(data.days[0].day), last = dayNumber(data.days[data.days.length - 1].day);
  const span = Math.max(1, last - first + 1);
  const step = width / span, barWidth = Math.max(1, step - (step > 4 ? 1 : 0));
  const peak = Math.max(...data.days.map((d) => d.total));
  const types = new Set();
  const since = filters.since ? dayNumber(filters.since.length === 10 ? filters.since : filters.since + "-01".repeat((10 - filters.since.length) / 3)) : null;
  const until = filters.until ? dayNumber(filters.until.length === 10 ? filters.until : filters.until + "-28".repeat((10 - filters.until.length) / 3)) : null;
  if (since !== null || until !== null) {
    const x0 = since === null ? 0 : (since - first) * step, x1 = until === null ? width : (until - first + 1) * step;
    box.append(svg("rect", { x: Math.max(0, x0), y: 0, width: Math.max(2, x1 - Math.max(0, x0)), height: height - bottom, fill: "#e8f0fa" }));
  }
  for (const d of data.days) {
    let y = height - bottom;
    const x = (dayNumber(d.day) - first) * step;
    for (const [type, n] of Object.entries(d.counts)) {
      types.add(type);
      const h = Math.max(1, (n / peak) * (height - bottom - 8));
      y -= h;
      const bar = svg("rect", { x, y, width: barWidth, height: h, fill: colour(type), class: "bar" });
      bar.append(Object.assign(svg("title"), { textContent: `${d.day}: ${n} ${type}` }));
      box.append(bar);
    }
  }
  const label = (text, x, anchor) => {
    const t = svg("text", { x, y: height - 3, "font-size": 11, fill: "#5c6773", "text-anchor": anchor });
    t.textContent = text;
    box.append(t);
  };
  label(dayText(first), 2, "start");
  label(dayText(last), width - 2, "end");
  const extra = [];
  if (data.coarse) extra.push(`${data.coarse} dated to a month or year`);
  if (data.undated) extra.push(`${data.undated} undated`);
  if (extra.length) label(`(not drawn: ${extra.join(", ")})`, width / 2, "middle");
  for (const type of [...types].sort()) {
    legend.append(el("span", { class: "swatch", style: `background:${colour(type)}` }), type);
  }
  box.dataset.first = first;
  box.dataset.step = step;
}

function initBrush() {
  const box = $("#timeline");
  let start = null, shade = null;
  const dayAt = (event) => {
    const rect = box.getBoundingClientRect();
    return Number(box.dataset.first) + Math.floor((event.clientX - rect.left) / Number(box.dataset.step));
  };
  box.addEventListener("mousedown", (event) => {
    if (!box.dataset.step) return;
    start = event.clientX - box.getBoundingClientRect().left;
    shade = svg("rect", { x: start, y: 0, width: 1, height: 94, fill: "rgba(11,92,173,0.25)" });
    box.append(shade);
    box.dataset.startDay = dayAt(event);
  });
  box.addEventListener("mousemove", (event) => {
    if (start === null) return;
    const x = event.clientX - box.getBoundingClientRect().left;
    shade.setAttribute("x", Math.min(start, x));
    shade.setAttribute("width", Math.max(1, Math.abs(x - start)));
  });
  window.addEventListener("mouseup", (event) => {
    if (start === null) return;
    start = null;
    const a = Number(box.dataset.startDay), b = dayAt(event);
    navigate({ filters: { since: dayText(Math.min(a, b)), until: dayText(Math.max(a, b)) } });
  });
}

// -- the actor graph -------------------------------------------------------------------

let graph = null;

async function loadGraph(filters) {
  const data = await api(`/api/graph?${filterQuery(filters)}&max_edges=80`);
  const elements = [
    ...data.nodes.map((n) => ({ data: { id: n.id, label: n.name, weight: n.events } })),
    ...data.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, weight: e.events,
      label: String(e.events) } })),
  ];
  if (graph) graph.destroy();
  graph = cytoscape({
    container: $("#graph"), elements, minZoom: 0.3, maxZoom: 3,
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 12, "min-zoomed-font-size": 6, "background-color": "#0b5cad",
        width: "mapData(weight, 1, 20, 10, 34)", height: "mapData(weight, 1, 20, 10, 34)", "text-valign": "bottom",
        "text-wrap": "ellipsis", "text-max-width": 120, color: "#1d232b" } },
      { selector: "edge", style: { width: "mapData(weight, 1, 20, 1, 8)", "curve-style": "bezier",
        "target-arrow-shape": "triangle", "line-color": "#9fb3c8", "target-arrow-color": "#9fb3c8" } },
      { selector: "node:selected", style: { "background-color": "#b3261e" } },
    ],
    layout: { name: elements.length ? "cose" : "grid", animate: false, randomize: false, nodeDimensionsIncludeLabels: true,
      padding: 12, nodeRepulsion: () => 80000, idealEdgeLength: () => 60 },
  });
  graph.on("tap", "node", (event) => navigate({ view: `entity:${event.target.id()}` }));
}

// -- side panel: lists ------------------------------------------------------------------

function eventItem(e) {
  const when = [e.date || "undated", placeText(e)].filter(Boolean).join(" · ");
  return el("li", {}, el("button", { class: "item", type: "button", "data-event": e.id,
    onclick: () => navigate({ view: `event:${e.id}` }) },
  el("div", { class: "when" }, when),
  el("div", {}, el("span", { class: "what", style: `color:${colour(e.type)}` }, kind(e)), " ", parties(e)),
  el("div", { class: "when" }, plural(e.sources, "source"), ` · ${(e.languages || []).join("/")}`,
    e.fatalities !== null && e.fatalities !== undefined ? ` · ${e.fatalities} killed` : "",
    e.contradictions ? el("span", { class: "badge warn", title: "sources disagree" }, `⚠ ${e.contradictions}`) : "")));
}

async function loadEventList(state) {
  const data = await api(`/api/events?${filterQuery(state.filters)}&limit=${PAGE}&offset=${state.offset}`);
  const list = $("#list");
  const end = Math.min(data.total, state.offset + data.events.length);
  list.replaceChildren(
    el("div", { class: "pager" },
      el("button", { type: "button", disabled: state.offset === 0,
        onclick: () => navigate({ offset: Math.max(0, state.offset - PAGE) }) }, "‹ newer"),
      `${data.total ? state.offset + 1 : 0}–${end} of ${plural(data.total, "event")}`,
      el("button", { type: "button", disabled: end >= data.total,
        onclick: () => navigate({ offset: state.offset + PAGE }) }, "older ›")),
    data.events.length ? el("ul", { class: "items", id: "event-list" }, data.events.map(eventItem))
      : el("p", { class: "note" }, "No event matches these filters."));
  $("#counts").textContent = `${plural(data.total, "event")} match`;
}

async function loadStoryList() {
  const data = await api("/api/stories?limit=1000");
  const items = data.stories.map((s) => {
    const first = s.articles[0] || {};
    const title = s.label || first.title || first.id || s.id;
    const dates = [s.first_published, s.last_published].filter(Boolean);
    return el("li", {}, el("button", { class: "item", type: "button", onclick: () => navigate({ view: `story:${s.id}` }) },
      el("div", { class: "what" }, title),
      el("div", { class: "when" }, plural(s.articles.length, "article"), dates.length ? ` · ${[...new Set(dates)].join(" – ")}` : "")));
  });
  $("#list").replaceChildren(
    el("p", { class: "note" }, `${plural(data.total, "story")}`),
    items.length ? el("ul", { class: "items", id: "story-list" }, items) : el("p", { class: "note" }, "No stories yet."));
}

// -- side panel: details ----------------------------------------------------------------

function detailFrame(title, ...body) {
  return [el("div", { class: "detail-head" }, el("h3", {}, title),
    el("button", { type: "button", "aria-label": "Close", onclick: () => navigate({ view: "" }) }, "×")), ...body];
}

function paragraphNode(report) {
  const p = report.paragraph;
  if (!p) return el("p", { class: "paragraph" }, el("mark", {}, report.sentence_text || report.evidence_text || ""));
  return el("p", { class: "paragraph" }, p.before ? p.before + " " : "", el("mark", { class: "cited" }, p.sentence),
    p.after ? " " + p.after : "");
}

function contradictionTable(list) {
  if (!list.length) return null;
  return [el("h4", { class: "warn" }, "Sources disagree"),
    el("table", { class: "contradictions" },
      el("tr", {}, el("th", {}, "on"), el("th", {}, "one version"), el("th", {}, "another version")),
      list.map((c) => el("tr", {}, el("td", {}, c.field),
        el("td", {}, el("strong", {}, c.value_a), el("div", { class: "note" }, (c.sources_a || []).join("; "))),
        el("td", {}, el("strong", {}, c.value_b), el("div", { class: "note" }, (c.sources_b || []).join("; "))))))];
}

async function showEvent(id) {
  const e = await api(`/api/events/${encodeURIComponent(id)}`);
  const facts = [plural(e.sources, "independent source"), plural(e.reports, "report"), (e.languages || []).join("/")];
  if (e.fatalities !== null && e.fatalities !== undefined) facts.push(`${e.fatalities} killed`);
  if (e.first_reported) facts.push(`first reported ${e.first_reported}`);
  const reports = e.report_list.map((r) => el("div", { class: "report" },
    el("div", {}, el("span", { class: "source" }, r.outlet || r.source || "unknown outlet"),
      ` · ${r.language || "?"} · ${r.published || "undated"} `, externalLink(r.url)),
    r.title ? el("div", { class: "note" }, r.title) : null,
    paragraphNode(r),
    el("div", { class: "note" }, `article ${r.article_id}, sentence ${r.sentence === null ? "?" : r.sentence + 1} · `,
      el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); navigate({ view: `article:${r.article_id}` }); } }, "open article"))));
  return detailFrame(kind(e),
    el("div", { class: "facts" }, [e.date || "undated", placeText(e)].filter(Boolean).join(" · ")),
    el("div", {}, parties(e)),
    el("div", { class: "facts" }, facts.join(" · ")),
    e.sub_event_type ? el("div", { class: "facts" }, `ACLED: ${e.acled_event_type} / ${e.sub_event_type}`) : null,
    contradictionTable(e.contradiction_list || []),
    el("h4", {}, `Reports (${e.report_list.length})`), reports);
}

function citationText(c) {
  return `${c.outlet || "unknown outlet"}, ${c.published || "undated"}, sentence ${c.sentence + 1}`;
}

async function showStory(id) {
  const s = await api(`/api/stories/${encodeURIComponent(id)}`);
  const lines = s.timeline.map((t) => el("li", {}, el("button", { class: "item", type: "button", "data-event": t.event_id,
    onclick: () => navigate({ view: `event:${t.event_id}` }) },
  el("div", { class: "when" }, [t.date || "undated", t.place].filter(Boolean).join(" · ")),
  el("div", {}, el("span", { class: "what", style: `color:${colour(t.type)}` }, kind(t)), " ",
    [t.actors.join(", ") || "?", t.targets.length ? "→ " + t.targets.join(", ") : ""].join(" ")),
  el("div", { class: "when" }, plural(t.sources, "source"), t.contradictions.length ? el("span", { class: "badge warn" }, "⚠ " + t.contradictions.join("; ")) : ""))));
  const quotes = s.quotes.map((q) => el("li", {}, el("strong", {}, q.speaker), ": “", q.content, "” ",
    el("span", { class: "note" }, citationText(q.citation))));
  return detailFrame(s.title,
    el("div", { class: "facts" }, plural(s.articles.length, "article"), " · ",
      el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); navigate({ filters: { story: s.id } }); } }, "show only this story")),
    el("h4", {}, "Timeline"), lines.length ? el("ul", { class: "items" }, lines) : el("p", { class: "note" }, "No events."),
    el("h4", {}, "Key actors"), el("p", {}, s.actors.map(([name, type, n]) => `${name} (${type}, ${n})`).join(", ") || "none"),
    el("h4", {}, "Places"), el("p", {}, s.places.map(([name, cc, n]) => `${name}${cc ? " " + cc : ""} (${n})`).join(", ") || "none"),
    el("h4", {}, "Quotes"), quotes.length ? el("ul", {}, quotes) : el("p", { class: "note" }, "No quotes."),
    el("h4", {}, "Articles"), el("ul", {}, s.articles.map((a) => el("li", {},
      el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); navigate({ view: `article:${a.id}` }); } }, a.title || a.id),
      ` (${a.outlet || "unknown outlet"}, ${a.published || "undated"}, ${a.language || "?"}) `, externalLink(a.url)))));
}

function markedSentence(text, mention) {
  const at = mention ? text.indexOf(mention) : -1;
  if (at < 0) return [text];
  return [text.slice(0, at), el("mark", {}, mention), text.slice(at + mention.length)];
}

async function showEntity(id) {
  let entity = null;
  try { entity = await api(`/api/entities/${encodeURIComponent(id)}`); } catch { entity = null; }
  const follow = el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); navigate({ filters: { actor: id } }); } },
    "show only its events");
  if (!entity) {  // an agent code ("Syria: rebels") has events but no entity page
    return detailFrame(id.replace(/^actor:/, ""), el("p", { class: "note" }, "A described actor (agent code), not a named entity. "), follow);
  }
  const aliases = entity.aliases.map((a) => `${a.name}${a.language ? ` (${a.language})` : ""}`).join(", ");
  const mentions = entity.mentions.slice(0, 50).map((m) => el("li", {},
    markedSentence(" ".join((m.sentence_text || "").split(/\s+/)), m.text),
    el("span", { class: "note" }, ` ${m.title || m.article_id}, ${m.published || "undated"}`)));
  return detailFrame(`${entity.name} (${entity.type})`,
    el("div", { class: "facts" }, `${plural(entity.mention_count, "mention")} in ${plural(entity.article_count, "article")}`,
      entity.languages.length ? ` · ${entity.languages.join("/")}` : "", " · ", follow),
    el("h4", {}, "Also written"), el("p", {}, aliases || "no other names"),
    el("h4", {}, `Events (${entity.events.total})`),
    el("ul", { class: "items" }, entity.events.events.map(eventItem)),
    el("h4", {}, `Mentions (${entity.mentions.length}${entity.mentions.length > 50 ? ", first 50 shown" : ""})`),
    el("ul", {}, mentions));
}

async function showArticle(id) {
  const a = await api(`/api/articles/${encodeURIComponent(id)}`);
  return detailFrame(a.title || a.id,
    el("div", { class: "facts" }, `${a.outlet || "unknown outlet"} · ${a.published || "undated"} · ${a.language || "?"} `,
      externalLink(a.url)),
    el("h4", {}, `Events it reports (${a.events.length})`),
    el("ul", {}, a.events.map((eventId) => el("li", {}, el("a", { href: "#", "data-event": eventId,
      onclick: (ev) => { ev.preventDefault(); navigate({ view: `event:${eventId}` }); } }, eventId)))),
    el("h4", {}, "Text"), el("div", { class: "article-text" }, a.text));
}

function snippetNodes(snippet) {
  const out = [];
  const parts = (snippet || "").split(MARK_START);
  out.push(parts[0]);
  for (const part of parts.slice(1)) {
    const end = part.indexOf(MARK_END);
    if (end < 0) { out.push(MARK_START + part); continue; }
    out.push(el("mark", {}, part.slice(0, end)), part.slice(end + 1));
  }
  return out;
}

async function showSearch(words) {
  const data = await api(`/api/search?q=${encodeURIComponent(words)}`);
  const found = data.articles.map((a) => el("li", {}, el("button", { class: "item search-hit", type: "button",
    onclick: () => navigate({ view: `article:${a.id}` }) },
  el("div", { class: "what" }, a.title || a.id),
  el("div", { class: "when" }, `${a.outlet || "unknown outlet"} · ${a.published || "undated"} · ${a.language || "?"} · ${plural(a.events.length, "event")}`),
  el("div", { class: "snippet" }, snippetNodes(a.snippet)))));
  const names = data.entities.map((e) => el("li", {}, el("a", { href: "#",
    onclick: (ev) => { ev.preventDefault(); navigate({ view: `entity:${e.id}` }); } }, `${e.name} (${e.type})`)));
  return detailFrame(`Search: ${words}`,
    el("p", { class: "facts" }, `${plural(data.articles.length, "article")}`, " · ",
      el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); navigate({ filters: { q: words }, view: "" }); } },
        "filter events to these words")),
    found.length ? el("ul", { class: "items", id: "search-results" }, found) : el("p", { class: "note" }, "No article contains all these words."),
    names.length ? [el("h4", {}, "Names"), el("ul", {}, names)] : null);
}

const DETAIL = { event: showEvent, story: showStory, entity: showEntity, article: showArticle, search: showSearch };

async function loadDetail(view) {
  const box = $("#detail");
  if (!view) { box.hidden = true; box.replaceChildren(); return; }
  const at = view.indexOf(":");
  const show = DETAIL[view.slice(0, at)];
  if (!show) { box.hidden = true; return; }
  box.hidden = false;
  try {
    box.replaceChildren(...[await show(view.slice(at + 1))].flat(3).filter(Boolean));
  } catch (error) {
    box.replaceChildren(...detailFrame("Not found", el("p", { class: "note" }, String(error.message || error))));
  }
  box.scrollTop = 0;
}

// -- filters bar --------------------------------------------------------------------------

async function initFilters() {
  const meta = await api("/api/meta");
  const fill = (name, values) => {
    const select = $(`#filters [name=${name}]`);
    for (const v of values) select.append(el("option", { value: v.value }, `${v.value} (${v.count})`));
  };
  fill("type", meta.types);
  fill("country", meta.countries);
  fill("language", meta.languages);
  const form = $("#filters");
  form.addEventListener("change", (event) => {
    const input = event.target;
    if (!input.name) return;
    const value = input.type === "checkbox" ? (input.checked ? "true" : "") : input.value;
    navigate({ filters: { [input.name]: input.name === "min_sources" && value === "1" ? "" : value } });
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", (event) => { event.preventDefault(); navigate({ filters: Object.fromEntries(FILTER_KEYS.map((k) => [k, ""])) }); });
  $("#bbox-button").addEventListener("click", () => {
    const b = map.getBounds();
    const box = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(3));
    navigate({ filters: { bbox: box.join(",") } });
  });
  $("#search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const words = $("#search-input").value.trim();
    if (words) navigate({ view: `search:${words}` });
  });
  $("#home").addEventListener("click", (event) => { event.preventDefault(); location.hash = ""; });
  for (const tab of document.querySelectorAll("#tabs button")) {
    tab.addEventListener("click", () => navigate({ tab: tab.dataset.tab, offset: 0 }));
  }
  return meta;
}

function syncFilterInputs(filters) {
  for (const input of $("#filters").elements) {
    if (!input.name) continue;
    if (input.type === "checkbox") input.checked = filters[input.name] === "true";
    else input.value = filters[input.name] || (input.name === "min_sources" ? "1" : "");
  }
  const chips = $("#chips");
  chips.replaceChildren();
  for (const key of ["actor", "story", "bbox"]) {
    if (!filters[key]) continue;
    chips.append(el("span", { class: "chip" }, `${key}: ${filters[key].replace(/^actor:/, "")}`,
      el("button", { type: "button", "aria-label": `Remove the ${key} filter`, onclick: () => navigate({ filters: { [key]: "" } }) }, "×")));
  }
}

// -- one render path: the URL says what to show --------------------------------------------

let lastFilters = null, lastList = null, lastView = null;

async function render() {
  const state = readState();
  syncFilterInputs(state.filters);
  for (const tab of document.querySelectorAll("#tabs button")) tab.setAttribute("aria-selected", String(tab.dataset.tab === state.tab));
  const filterKey = filterQuery(state.filters);
  const listKey = `${filterKey}|${state.tab}|${state.offset}`;
  const jobs = [];
  if (filterKey !== lastFilters) {
    lastFilters = filterKey;
    jobs.push(loadMap(state.filters, true), loadTimeline(state.filters), loadGraph(state.filters));
  }
  if (listKey !== lastList) {
    lastList = listKey;
    jobs.push(state.tab === "stories" ? loadStoryList() : loadEventList(state));
  }
  if (state.view !== lastView) {
    lastView = state.view;
    jobs.push(loadDetail(state.view));
  }
  const results = await Promise.allSettled(jobs);
  for (const r of results) if (r.status === "rejected") showError(r.reason);
  document.body.dataset.ready = "true";
}

function showError(error) {
  $("#counts").textContent = `Could not load: ${error.message || error}`;
  $("#counts").classList.add("warn");
}

async function start() {
  try {
    await initMap();
    await initFilters();
    initBrush();
  } catch (error) {
    showError(error);
  }
  window.addEventListener("hashchange", render);
  render();
}

document.addEventListener("DOMContentLoaded", start);
