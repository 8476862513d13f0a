// The events table: one page of rows from /api/events (server-side paging with the API's cursors), so the
// page costs the same with ten events or a million.

import { el, replace } from './dom.js';
import { countryLabel, count, day, tonnes, words } from './format.js';

/** Column → [descending, ascending] sort of the API contract. */
const SORTABLE = Object.freeze({ date: ['date_desc', 'date_asc'], tonnes: ['tonnes_desc', 'tonnes_asc'] });

export class EventsTable {
  #body;
  #headers;
  #onOpen;

  /** onSort(sort) when a sortable header is chosen, onOpen(id) when a row is. */
  constructor(document, { onSort, onOpen }) {
    const table = document.getElementById('events');
    this.#body = table.tBodies[0];
    this.#headers = [...table.tHead.querySelectorAll('th[data-sort]')];
    this.#onOpen = onOpen;
    for (const header of this.#headers) {
      header.querySelector('button').addEventListener('click', () => {
        const [descending, ascending] = SORTABLE[header.dataset.sort];
        onSort(header.getAttribute('aria-sort') === 'descending' ? ascending : descending);
      });
    }
    // One listener for every row: a click anywhere in a row opens it. A plain click on the row's link is
    // handled here too (so the page keeps its paging state); a modified click opens a new tab as usual.
    this.#body.addEventListener('click', (event) => {
      const row = event.target.closest('tr[data-id]');
      const link = event.target.closest('a');
      if (!row || (link && !link.classList.contains('open-event'))) return;
      if (link && (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0)) return;
      event.preventDefault();
      this.#onOpen(row.dataset.id);
    });
  }

  showSort(sort) {
    const effective = sort || 'date_desc';
    for (const header of this.#headers) {
      const [descending, ascending] = SORTABLE[header.dataset.sort];
      const state = effective === descending ? 'descending' : effective === ascending ? 'ascending' : 'none';
      header.setAttribute('aria-sort', state);
    }
  }

  showLoading() {
    this.#body.setAttribute('aria-busy', 'true');
  }

  show(items, selectedId) {
    this.#body.removeAttribute('aria-busy');
    const rows = items.map((item) => row(item, item.id === selectedId));
    replace(this.#body, ...(rows.length ? rows : [emptyRow()]));
  }
}

function row(item, selected) {
  return el('tr', { 'data-id': item.id, class: selected ? 'selected' : null },
    el('td', null, el('a', { href: `#/events/${encodeURIComponent(item.id)}`, class: 'open-event' }, words(item.type))),
    el('td', { class: 'metal' }, item.metal ?? '—'),
    el('td', { class: 'parties' },
      el('div', null, party(item.seller), ' → ', party(item.buyer)),
      el('div', { class: 'article-title', dir: 'auto', lang: item.language || null }, item.article_title ?? ''),
      item.snippet ? snippet(item.snippet, item.language) : null),
    el('td', { class: ['number', 'tonnes'] }, tonnes(item.tonnes, item.per)),
    el('td', null, item.start ?? '—'),
    el('td', null, flow(item.origin, item.destination)),
    el('td', null, el('span', { class: ['status', `status-${item.status ?? 'fact'}`] }, words(item.status ?? 'fact'))),
    el('td', { class: 'date' }, day(item.published)),
    el('td', { dir: 'auto' }, item.feed ?? '—'),
    el('td', { class: 'number' }, count(item.source_count ?? 1)));
}

function party(name) {
  return el('span', { class: 'party', dir: 'auto' }, name || '—');
}

function flow(origin, destination) {
  if (!origin && !destination) return '—';
  return el('span', { title: `${countryLabel(origin)} → ${countryLabel(destination)}` }, `${origin || '?'} → ${destination || '?'}`);
}

/** Contract snippets are [{text, mark}] pieces, never HTML: marked pieces become <mark> with a text node. */
export function snippet(pieces, language) {
  return el('div', { class: 'snippet', dir: 'auto', lang: language || null },
    pieces.map((piece) => (piece.mark ? el('mark', null, piece.text) : piece.text)));
}

function emptyRow() {
  return el('tr', { class: 'empty' }, el('td', { colspan: 10 }, 'No event matches these filters.'));
}
