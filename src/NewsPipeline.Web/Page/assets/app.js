// The analysts' page: wires the URL state (PageQuery) to the filters, the events table, the detail panel
// and the charts. Every view is a function of the URL, so links can be shared and back/forward work.

import { Api, ApiError, exportUrl, isAbort } from './api.js';
import { barChart, flowChart, tonnageChart } from './charts.js';
import { EventDetail } from './detail.js';
import { el, clear, replace } from './dom.js';
import { FilterPanel } from './filters.js';
import { count } from './format.js';
import { PageQuery } from './query.js';
import { EventsTable } from './table.js';

const EXPORT_FORMATS = Object.freeze(['csv', 'jsonl', 'xlsx']);

class AnalystPage {
  #api = new Api();
  #query = PageQuery.fromLocation(location);
  /** Cursors of the pages before this one (for Previous); kept in history.state so Back restores it. */
  #trail = [];
  #nextCursor = null;
  #shown = { events: null, facets: null, eventId: null };
  #filters;
  #table;
  #detail;
  #elements;

  constructor(document) {
    this.#elements = {
      total: document.getElementById('total'),
      errors: document.getElementById('errors'),
      first: document.getElementById('first-page'),
      previous: document.getElementById('previous-page'),
      next: document.getElementById('next-page'),
      pageLabel: document.getElementById('page-label'),
      pageSize: document.getElementById('page-size'),
      sort: document.getElementById('sort'),
      charts: {
        tonnage: document.getElementById('chart-tonnage'),
        buyers: document.getElementById('chart-buyers'),
        sellers: document.getElementById('chart-sellers'),
        flows: document.getElementById('chart-flows'),
      },
    };
    this.#filters = new FilterPanel(document, (filters) => this.#navigate(this.#withFilters(filters), []));
    this.#table = new EventsTable(document, {
      onSort: (sort) => this.#navigate(this.#query.withSort(sort), []),
      onOpen: (id) => this.#navigate(this.#query.withEvent(id), this.#trail),
    });
    this.#detail = new EventDetail(document, () => this.#navigate(this.#query.withEvent(null), this.#trail));

    const { first, previous, next, pageSize, sort } = this.#elements;
    first.addEventListener('click', () => this.#navigate(this.#query.withCursor(''), []));
    previous.addEventListener('click', () => this.#navigate(this.#query.withCursor(this.#trail.at(-1)), this.#trail.slice(0, -1)));
    next.addEventListener('click', () => this.#navigate(this.#query.withCursor(this.#nextCursor), [...this.#trail, this.#query.cursor]));
    pageSize.addEventListener('change', () => this.#navigate(this.#query.withLimit(Number(pageSize.value)), []));
    sort.addEventListener('change', () => this.#navigate(this.#query.withSort(sort.value), []));

    // Back/forward, and links to #/events/{id} (a fragment change fires popstate, then hashchange).
    window.addEventListener('popstate', (event) => this.#restore(event.state));
    window.addEventListener('hashchange', () => this.#restore(history.state));
  }

  start() {
    history.replaceState({ trail: [] }, '', this.#query.toUrl());
    this.#filters.show(this.#query.filters);
    this.#render();
  }

  #restore(state) {
    const query = PageQuery.fromLocation(location);
    if (query.toUrl() === this.#query.toUrl() && this.#shown.eventId === query.eventId) return;
    this.#query = query;
    this.#trail = Array.isArray(state?.trail) ? state.trail : [];
    this.#filters.show(query.filters);
    this.#render();
  }

  /** New filters close the open event; ranking by relevance needs search words, so it ends with them. */
  #withFilters(filters) {
    const query = this.#query.withFilters(filters).withEvent(null);
    return query.sort === 'relevance' && !query.filters.has('q') ? query.withSort('') : query;
  }

  #navigate(query, trail) {
    this.#query = query;
    this.#trail = trail;
    history.pushState({ trail }, '', query.toUrl());
    this.#render();
  }

  #render() {
    const query = this.#query;
    this.#table.showSort(query.sort);
    this.#elements.pageSize.value = String(query.limit);
    this.#elements.sort.value = query.sort || 'date_desc';
    this.#elements.sort.querySelector('option[value=relevance]').disabled = !query.filters.has('q');
    for (const format of EXPORT_FORMATS) document.getElementById(`export-${format}`).href = exportUrl(query, format);
    if (this.#shown.events !== query.eventsString) this.#loadEvents(query);
    if (this.#shown.facets !== query.filterString) this.#loadFacets(query);
    if (this.#shown.eventId !== query.eventId) this.#loadDetail(query.eventId);
  }

  async #loadEvents(query) {
    this.#shown.events = query.eventsString;
    this.#table.showLoading();
    try {
      const page = await this.#api.events(query);
      this.#nextCursor = page.next_cursor ?? null;
      this.#table.show(page.items ?? [], query.eventId);
      this.#showPager(page.items?.length ?? 0, page.total ?? 0, query.limit);
      this.#showErrors(null);
    } catch (error) {
      if (isAbort(error)) return;
      this.#shown.events = null;
      this.#table.show([], null);
      this.#showErrors(error);
    }
  }

  async #loadFacets(query) {
    this.#shown.facets = query.filterString;
    try {
      const facets = await this.#api.facets(query);
      this.#filters.showFacets(facets, query.filters);
      const { tonnage, buyers, sellers, flows } = this.#elements.charts;
      tonnageChart(tonnage, facets.tonnes_by_metal_month ?? []);
      barChart(buyers, 'Top buyers', facets.buyers ?? []);
      barChart(sellers, 'Top sellers', facets.sellers ?? []);
      flowChart(flows, facets.flows ?? []);
    } catch (error) {
      if (isAbort(error)) return;
      this.#shown.facets = null;
      this.#filters.showFacets(null, query.filters);
    }
  }

  async #loadDetail(eventId) {
    const closing = this.#shown.eventId;
    this.#shown.eventId = eventId;
    if (eventId === null) {
      this.#detail.hide();
      // Keyboard users continue from the row they opened.
      if (closing !== null) document.querySelector(`#events tr[data-id="${CSS.escape(closing)}"] a.open-event`)?.focus();
      return;
    }
    this.#detail.showLoading();
    try {
      this.#detail.show(await this.#api.event(eventId));
    } catch (error) {
      if (isAbort(error)) return;
      this.#detail.showError(error instanceof ApiError && error.status === 404 ? 'This event is no longer in the store.' : `The event could not be loaded: ${error.message}`);
    }
  }

  #showPager(shown, total, limit) {
    const { total: totalOutput, first, previous, next, pageLabel } = this.#elements;
    const from = this.#trail.length * limit + 1;
    totalOutput.value = `${count(total)} ${total === 1 ? 'event' : 'events'}`;
    pageLabel.textContent = shown === 0 ? '' : `${count(from)}–${count(from + shown - 1)} of ${count(total)}`;
    first.disabled = this.#query.cursor === '';
    previous.disabled = this.#trail.length === 0;
    next.disabled = !this.#nextCursor;
  }

  /** 400 answers list every bad parameter; each is shown and its input marked invalid. */
  #showErrors(error) {
    const box = this.#elements.errors;
    const problems = error instanceof ApiError ? error.errors : [];
    this.#filters.showErrors(problems);
    if (error === null) {
      box.hidden = true;
      clear(box);
      return;
    }
    this.#elements.total.value = '';
    box.hidden = false;
    replace(box,
      el('p', null, error instanceof ApiError && error.status === 400 ? 'The query was not accepted:' : `The events could not be loaded (${error.message}).`),
      problems.length ? el('ul', null, problems.map((p) => el('li', null, el('code', null, p.parameter ?? ''), ': ', p.message ?? ''))) : null);
  }
}

new AnalystPage(document).start();
