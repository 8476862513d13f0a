// The event detail panel (#/events/{id}): the facts, the article text with the evidence sentence marked
// and scrolled into view, every mention, and the sources with links to the originals.

import { el, clear, replace, externalLink } from './dom.js';
import { countryLabel, day, languageName, tonnes, words } from './format.js';

export class EventDetail {
  #panel;
  #body;

  /** onClose() when the analyst closes the panel (the close link or Escape). */
  constructor(document, onClose) {
    this.#panel = document.getElementById('detail');
    this.#body = document.getElementById('detail-body');
    document.getElementById('detail-close').addEventListener('click', (event) => {
      event.preventDefault();
      onClose();
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.#panel.hidden) onClose();
    });
  }

  hide() {
    this.#panel.hidden = true;
    clear(this.#body);
  }

  showLoading() {
    this.#panel.hidden = false;
    this.#panel.setAttribute('aria-busy', 'true');
  }

  showError(message) {
    this.#panel.hidden = false;
    this.#panel.removeAttribute('aria-busy');
    replace(this.#body, el('p', { class: 'error', id: 'detail-title' }, message));
  }

  show(event) {
    this.#panel.hidden = false;
    this.#panel.removeAttribute('aria-busy');
    const article = event.article ?? {};
    replace(this.#body,
      el('h2', { id: 'detail-title', dir: 'auto' }, event.summary || `${words(event.type)} · ${event.metal ?? ''}`),
      facts(event),
      event.evidence ? el('blockquote', { class: 'evidence-quote', dir: 'auto', lang: event.language || null }, event.evidence) : null,
      el('section', { class: 'article', 'aria-labelledby': 'article-title' },
        el('h3', { id: 'article-title', dir: 'auto', lang: article.language || null }, article.title || event.article_title || 'Article'),
        el('p', { class: 'article-meta' },
          externalLink(article.url ?? event.article_url, 'Read the original'), ' · ',
          article.feed ?? event.feed ?? '', ' · ', day(article.published ?? event.published), ' · ',
          languageName(article.language ?? event.language)),
        articleText(article.text ?? '', event.evidence_spans ?? [], event.evidence, article.language ?? event.language)),
      mentions(event.mentions ?? {}),
      sources(event.sources ?? []));
    this.#body.querySelector('mark.evidence')?.scrollIntoView({ block: 'center' });
    this.#panel.focus({ preventScroll: true });
  }
}

function facts(event) {
  const rows = [
    ['Type', words(event.type)], ['Metal', event.metal ?? '—'], ['Seller', event.seller ?? '—'], ['Buyer', event.buyer ?? '—'],
    ['Tonnes', tonnes(event.tonnes, event.per)], ['Start', event.start ?? '—'],
    ['Origin', countryLabel(event.origin)], ['Destination', countryLabel(event.destination)],
    ['Status', words(event.status ?? 'fact')], ['Published', day(event.published)], ['Outlet', event.feed ?? '—'],
  ];
  return el('dl', { class: 'facts' }, rows.map(([name, value]) => [el('dt', null, name), el('dd', { dir: 'auto' }, value)]));
}

/**
 * The article text in paragraphs, with the evidence spans (UTF-16 offsets, as JavaScript strings count)
 * wrapped in <mark>. Without spans, the evidence sentence is looked up in the text instead.
 */
function articleText(text, spans, evidence, language) {
  let ranges = spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= text.length)
    .sort((a, b) => a.start - b.start);
  if (ranges.length === 0 && evidence) {
    const at = text.indexOf(evidence);
    if (at >= 0) ranges = [{ start: at, end: at + evidence.length }];
  }
  const container = el('div', { class: 'article-text', dir: 'auto', lang: language || null });
  for (const paragraph of text.matchAll(/[^\n]+/g)) {
    const start = paragraph.index;
    const end = start + paragraph[0].length;
    const node = el('p');
    let position = start;
    for (const range of ranges) {
      if (range.end <= start || range.start >= end) continue;
      const from = Math.max(range.start, position);
      const to = Math.min(range.end, end);
      if (to <= from) continue;
      if (from > position) node.append(text.slice(position, from));
      node.append(el('mark', { class: 'evidence' }, text.slice(from, to)));
      position = to;
    }
    if (position < end) node.append(text.slice(position, end));
    container.append(node);
  }
  return container;
}

function mentions(all) {
  const lists = [
    ['Companies', all.companies, (c) => [el('span', { dir: 'auto' }, c.mention ?? c.name), c.name && c.name !== c.mention ? ` → ${c.name}` : '', c.country ? ` (${c.country})` : '']],
    ['Organisations', all.organisations, (o) => [el('span', { dir: 'auto' }, o.mention ?? o.name), o.name && o.name !== o.mention ? ` → ${o.name}` : '']],
    ['Metals', all.metals, (m) => m],
    ['Countries', all.countries, (c) => countryLabel(c)],
    ['Quantities', all.quantities, (q) => [el('span', { dir: 'auto' }, q.text ?? ''), ` = ${tonnes(q.tonnes, q.per)}`, q.metal ? ` of ${q.metal}` : '', q.kind ? ` (${q.kind})` : '']],
  ];
  return el('section', { class: 'mentions', 'aria-label': 'Mentions in the article' },
    el('h3', null, 'Mentions'),
    lists.filter(([, items]) => Array.isArray(items) && items.length > 0).map(([name, items, render]) =>
      el('div', { class: 'mention-group' }, el('h4', null, name), el('ul', null, items.map((item) => el('li', null, render(item)))))));
}

function sources(items) {
  return el('section', { class: 'sources', 'aria-label': 'Sources' },
    el('h3', null, `Sources (${items.length})`),
    el('ul', null, items.map((source) => el('li', null,
      externalLink(source.url, source.title || source.url || 'untitled'),
      ` — ${source.feed ?? ''}, ${day(source.published)}, ${languageName(source.language)}`))));
}
