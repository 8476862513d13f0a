// Charts drawn as plain SVG from /api/facets aggregates (never from the rows of the table): a line per metal
// of tonnes per month, bars of the top buyers and sellers, and a two-column flow diagram origin → destination.
// Each chart carries <title> and <desc> (its data in words) for screen readers, and scales with its box.

import { el, svg, replace } from './dom.js';
import { countryLabel, countryName, count, tonnes } from './format.js';

const MAX_SERIES = 6;
const MAX_BARS = 10;
const MAX_FLOWS = 15;

/** Tonnage per metal over time, from facets.tonnes_by_metal_month, on a true month axis (gaps stay gaps). */
export function tonnageChart(figure, rows) {
  const totals = new Map();
  for (const row of rows) totals.set(row.metal, (totals.get(row.metal) ?? 0) + (row.tonnes ?? 0));
  const metals = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_SERIES).map(([metal]) => metal);
  const caption = 'Tonnage per metal per month';
  const shown = rows.filter((r) => metals.includes(r.metal) && monthIndex(r.month) !== null && r.tonnes > 0);
  if (shown.length === 0) return empty(figure, caption);

  const width = 720, height = 280, left = 64, right = 36, top = 16, bottom = 40;
  const first = Math.min(...shown.map((r) => monthIndex(r.month)));
  const last = Math.max(...shown.map((r) => monthIndex(r.month)));
  const span = Math.max(1, last - first);
  const max = niceMax(Math.max(...shown.map((r) => r.tonnes)));
  const x = (month) => (first === last ? (left + width - right) / 2 : left + ((monthIndex(month) - first) * (width - left - right)) / span);
  const y = (value) => top + (height - top - bottom) * (1 - value / max);

  const grid = ticks(max).map((value) => svg('g', { class: 'tick' },
    svg('line', { x1: left, x2: width - right, y1: y(value), y2: y(value) }),
    svg('text', { x: left - 6, y: y(value), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, compact(value))));
  const labels = monthTicks(first, last).map((index) => svg('text',
    { class: 'axis-label', x: x(monthName(index)), y: height - bottom + 18, 'text-anchor': 'middle' }, monthName(index)));
  // One series per metal: months without a figure are not drawn as zero, the line joins the months that have one.
  const lines = metals.map((metal, series) => {
    const points = shown.filter((r) => r.metal === metal).sort((a, b) => monthIndex(a.month) - monthIndex(b.month));
    return svg('g', { class: `series s${series}` },
      points.length > 1 ? svg('polyline', { points: points.map((p) => `${x(p.month)},${y(p.tonnes)}`).join(' ') }) : null,
      points.map((p) => svg('circle', { cx: x(p.month), cy: y(p.tonnes), r: 3.5 }, svg('title', null, `${metal}, ${p.month}: ${tonnes(p.tonnes)}`))));
  });
  const description = metals.map((metal) => `${metal}: ${shown.filter((r) => r.metal === metal)
    .map((r) => `${tonnes(r.tonnes)} in ${r.month}`).join(', ')}`).join('; ');
  draw(figure, caption, `Tonnes per month for the ${metals.length} largest metals. ${description}.`, width, height,
    [grid, labels, lines], legend(metals));
}

/** Horizontal bars of event counts, e.g. the top buyers or sellers from facets. */
export function barChart(figure, caption, items) {
  const top = items.slice(0, MAX_BARS);
  if (top.length === 0) return empty(figure, caption);
  const width = 360, barHeight = 22, labelWidth = 150, right = 40;
  const height = top.length * barHeight + 8;
  const max = Math.max(...top.map((item) => item.count));
  const bars = top.map((item, i) => {
    const length = Math.max(2, ((width - labelWidth - right) * item.count) / max);
    const label = String(item.value);
    return svg('g', { class: 'bar', transform: `translate(0 ${i * barHeight + 4})` },
      svg('title', null, `${label}: ${count(item.count)} events`),
      svg('text', { x: labelWidth - 6, y: barHeight / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, shorten(label, 22)),
      svg('rect', { x: labelWidth, y: 3, width: length, height: barHeight - 6, rx: 2 }),
      svg('text', { class: 'value', x: labelWidth + length + 4, y: barHeight / 2, 'dominant-baseline': 'middle' }, count(item.count)));
  });
  const description = top.map((item) => `${item.value}: ${item.count}`).join('; ');
  draw(figure, caption, `Event counts. ${description}.`, width, height, bars);
}

/**
 * Origin → destination flows as a two-column diagram: origins on the left, destinations on the right,
 * each band as thick as its event count.
 */
export function flowChart(figure, flows) {
  const caption = 'Flows: origin → destination';
  const top = flows.filter((f) => f.origin && f.destination).sort((a, b) => b.count - a.count).slice(0, MAX_FLOWS);
  if (top.length === 0) return empty(figure, caption);

  const width = 720, nodeWidth = 12, gap = 10, labelSpace = 170, padding = 10;
  const origins = totalsBy(top, 'origin');
  const destinations = totalsBy(top, 'destination');
  const total = top.reduce((sum, f) => sum + f.count, 0);
  const rows = Math.max(origins.length, destinations.length);
  const height = Math.max(160, rows * 34 + 20);
  const unit = (height - padding * 2 - gap * (rows - 1)) / total;
  const leftX = labelSpace, rightX = width - labelSpace - nodeWidth;
  const place = (nodes) => {
    let y = padding;
    return new Map(nodes.map(([code, value]) => {
      const node = { y, height: value * unit, offset: 0, value };
      y += node.height + gap;
      return [code, node];
    }));
  };
  const left = place(origins);
  const right = place(destinations);

  // Bands leave each origin in the order of their destinations and enter each destination in the order of
  // their origins, so they cross as little as the layout allows.
  const start = new Map();
  for (const flow of [...top].sort((a, b) => right.get(a.destination).y - right.get(b.destination).y)) {
    const from = left.get(flow.origin);
    start.set(flow, from.y + from.offset);
    from.offset += flow.count * unit;
  }
  const end = new Map();
  for (const flow of [...top].sort((a, b) => left.get(a.origin).y - left.get(b.origin).y)) {
    const to = right.get(flow.destination);
    end.set(flow, to.y + to.offset);
    to.offset += flow.count * unit;
  }
  const bands = top.map((flow) => {
    const thickness = flow.count * unit;
    const y1 = start.get(flow) + thickness / 2;
    const y2 = end.get(flow) + thickness / 2;
    const x1 = leftX + nodeWidth, x2 = rightX, middle = (x1 + x2) / 2;
    return svg('path', { class: 'band', d: `M${x1},${y1} C${middle},${y1} ${middle},${y2} ${x2},${y2}`, 'stroke-width': Math.max(1, thickness) },
      svg('title', null, `${countryLabel(flow.origin)} → ${countryLabel(flow.destination)}: ${count(flow.count)} events${flow.tonnes ? `, ${tonnes(flow.tonnes)}` : ''}`));
  });
  const nodes = (placed, x, anchor, labelX) => [...placed.entries()].map(([code, node]) => svg('g', { class: 'node' },
    svg('rect', { x, y: node.y, width: nodeWidth, height: Math.max(1, node.height) }),
    svg('text', { x: labelX, y: node.y + node.height / 2, 'text-anchor': anchor, 'dominant-baseline': 'middle' },
      `${shorten(countryName(code), 18)} (${count(node.value)})`)));
  const description = top.map((f) => `${countryName(f.origin)} to ${countryName(f.destination)}: ${f.count} events`).join('; ');
  draw(figure, caption, `Events by origin (left) and destination (right) country. ${description}.`, width, height,
    [bands, nodes(left, leftX, 'end', leftX - 6), nodes(right, rightX, 'start', rightX + nodeWidth + 6)]);
}

function draw(figure, caption, description, width, height, content, after) {
  const titleId = `${figure.id}-title`;
  const descId = `${figure.id}-desc`;
  replace(figure,
    el('figcaption', null, caption),
    svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, preserveAspectRatio: 'xMidYMid meet' },
      svg('title', { id: titleId }, caption),
      svg('desc', { id: descId }, description),
      content),
    after ?? null);
}

function empty(figure, caption) {
  replace(figure, el('figcaption', null, caption), el('p', { class: 'empty' }, 'No data for these filters.'));
}

function legend(names) {
  return el('ul', { class: 'legend' }, names.map((name, i) => el('li', { class: `s${i}` }, el('span', { class: 'swatch', 'aria-hidden': 'true' }), name)));
}

function totalsBy(flows, key) {
  const totals = new Map();
  for (const flow of flows) totals.set(flow[key], (totals.get(flow[key]) ?? 0) + flow.count);
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

/** "2026-03" → months since year 0, so months can be placed and counted; null when not a month. */
function monthIndex(month) {
  const match = /^(\d{4})-(\d{2})$/.exec(month ?? '');
  return match ? Number(match[1]) * 12 + Number(match[2]) - 1 : null;
}

function monthName(index) {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** At most seven labelled months, evenly spread from the first to the last. */
function monthTicks(first, last) {
  const step = Math.max(1, Math.ceil((last - first) / 6));
  const result = [];
  for (let index = first; index < last; index += step) result.push(index);
  result.push(last);
  return result.filter((index, i) => i === result.length - 1 || last - index >= step / 2);
}

function niceMax(value) {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((step) => step * magnitude).find((candidate) => candidate >= value);
}

function ticks(max) {
  return [0, 0.25, 0.5, 0.75, 1].map((share) => share * max);
}

function compact(value) {
  return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

function shorten(text, length) {
  const characters = [...text];
  return characters.length > length ? `${characters.slice(0, length - 1).join('')}…` : text;
}
