// The five-year timeline (timeline-v1) as a picture: one lane per permit,
// coloured by status from as_of to until, with year ticks; the changes
// listed below it with the conditions behind them.

import { el } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const LANE = 26;
const LEFT = 56;
const WIDTH = 760;

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const day = (text) => Date.parse(text + "T00:00:00Z");

// Each permit's stretches: [first day, status] from as_of on.
function segments(timeline) {
  const out = {};
  for (const [permit, outcome] of Object.entries(timeline.start)) out[permit] = [[timeline.as_of, outcome.status]];
  for (const event of timeline.events) out[event.permit].push([event.day, event.to.status]);
  return out;
}

export function renderTimeline(timeline, ui) {
  const box = el("section", { class: "timeline", "aria-labelledby": "timeline-title" });
  box.append(el("h3", { id: "timeline-title", text: `${ui.t("timeline")}: ${timeline.as_of} – ${timeline.until}` }));
  const lanes = segments(timeline);
  const permits = Object.keys(lanes);
  const start = day(timeline.as_of);
  const end = day(timeline.until);
  const x = (d) => LEFT + ((day(d) - start) / (end - start)) * (WIDTH - LEFT - 8);
  const height = permits.length * LANE + 28;
  const picture = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, role: "img", class: "timeline-svg",
    "aria-label": permits.map((p) => `${p}: ${lanes[p].map(([d, s]) => `${ui.value(s)} ${ui.t("from_day")} ${d}`).join(", ")}`).join("; ") });
  permits.forEach((permit, i) => {
    const y = i * LANE + 4;
    picture.append(svg("text", { x: 4, y: y + 15, class: "lane-label" }, permit));
    lanes[permit].forEach(([first, status], k) => {
      const last = k + 1 < lanes[permit].length ? lanes[permit][k + 1][0] : timeline.until;
      const rect = svg("rect", { x: x(first), y, width: Math.max(1, x(last) - x(first)), height: LANE - 8,
        class: `seg seg-${status}` });
      rect.append(svg("title", {}, `${permit}: ${ui.value(status)} ${first} – ${last}`));
      picture.append(rect);
    });
  });
  const axis = permits.length * LANE + 4;
  for (let year = Number(timeline.as_of.slice(0, 4)) + 1; year <= Number(timeline.until.slice(0, 4)); year++) {
    const tick = `${year}-01-01`;
    if (day(tick) > end) break;
    picture.append(svg("line", { x1: x(tick), x2: x(tick), y1: 0, y2: axis, class: "tick" }));
    picture.append(svg("text", { x: x(tick), y: axis + 16, class: "tick-label", "text-anchor": "middle" }, String(year)));
  }
  box.append(picture);
  const legend = el("p", { class: "legend" }, `${ui.t("legend")}: `);
  for (const status of ["eligible", "waiver_needed", "not_eligible"]) {
    legend.append(el("span", { class: `key seg-${status}`, "aria-hidden": "true" }), ` ${ui.value(status)}  `);
  }
  box.append(legend);
  if (timeline.events.length) box.append(events(timeline, ui));
  return box;
}

function events(timeline, ui) {
  const table = el("table", { class: "events" });
  table.append(el("caption", { text: ui.t("changes") }));
  table.append(el("thead", {}, el("tr", {}, el("th", { scope: "col", text: ui.t("day") }),
    el("th", { scope: "col", text: ui.t("permits") }), el("th", { scope: "col", text: ui.t("status") }),
    el("th", { scope: "col", text: ui.t("why") }))));
  const body = el("tbody");
  for (const event of timeline.events) {
    const why = el("ul");
    for (const c of event.conditions) why.append(el("li", { text: `${c.text} (${c.citation})` }));
    body.append(el("tr", {}, el("td", { text: event.day }), el("td", { text: event.permit }),
      el("td", { text: `${ui.value(event.from.status)} → ${ui.value(event.to.status)}` }), el("td", {}, why)));
  }
  table.append(body);
  return table;
}
