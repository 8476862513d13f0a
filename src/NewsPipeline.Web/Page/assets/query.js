// The page's state lives in the URL, so a view can be shared and the back button works:
// the query string holds the API contract's filters plus sort, limit and cursor; the hash holds the
// open event (#/events/{id}).

/** Filter parameters of the API contract; repeated keys mean OR. */
export const FILTER_KEYS = Object.freeze([
  'q', 'metal', 'type', 'status', 'country', 'country_role', 'company', 'since', 'until', 'date_field',
  'min_tonnes', 'max_tonnes', 'min_sources', 'language', 'feed',
]);

export const SORTS = Object.freeze(['date_desc', 'date_asc', 'tonnes_desc', 'tonnes_asc', 'sources_desc', 'relevance']);
export const PAGE_SIZES = Object.freeze([25, 50, 100, 200]);
export const DEFAULT_LIMIT = 50;

/** An immutable view of one URL: filters, sort, limit, cursor and the open event. */
export class PageQuery {
  constructor({ filters = new URLSearchParams(), sort = '', limit = DEFAULT_LIMIT, cursor = '', eventId = null } = {}) {
    this.filters = new URLSearchParams(filters);
    this.sort = SORTS.includes(sort) ? sort : '';
    this.limit = PAGE_SIZES.includes(limit) ? limit : DEFAULT_LIMIT;
    this.cursor = cursor ?? '';
    this.eventId = eventId;
    Object.freeze(this);
  }

  static fromLocation({ search, hash }) {
    const source = new URLSearchParams(search);
    const filters = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      for (const value of source.getAll(key)) {
        if (value.trim() !== '') filters.append(key, value);
      }
    }
    const match = /^#\/events\/(.+)$/.exec(hash ?? '');
    return new PageQuery({
      filters,
      sort: source.get('sort') ?? '',
      limit: Number.parseInt(source.get('limit') ?? '', 10),
      cursor: source.get('cursor') ?? '',
      eventId: match ? decodeURIComponent(match[1]) : null,
    });
  }

  /** The filters alone, as the facets and export endpoints take them. */
  get filterString() {
    return this.filters.toString();
  }

  /** The parameters of /api/events for this page. */
  get eventsString() {
    const params = new URLSearchParams(this.filters);
    if (this.sort) params.set('sort', this.sort);
    params.set('limit', String(this.limit));
    if (this.cursor) params.set('cursor', this.cursor);
    return params.toString();
  }

  /** The page's own URL (path + query + hash) for this state. */
  toUrl() {
    const params = new URLSearchParams(this.filters);
    if (this.sort) params.set('sort', this.sort);
    if (this.limit !== DEFAULT_LIMIT) params.set('limit', String(this.limit));
    if (this.cursor) params.set('cursor', this.cursor);
    const search = params.toString();
    const hash = this.eventId ? `#/events/${encodeURIComponent(this.eventId)}` : '';
    return `${location.pathname}${search ? `?${search}` : ''}${hash}`;
  }

  /** A copy with other filters; the cursor is dropped because it belongs to the old result set. */
  withFilters(filters) {
    return this.#with({ filters, cursor: '' });
  }

  withSort(sort) {
    return this.#with({ sort, cursor: '' });
  }

  withLimit(limit) {
    return this.#with({ limit, cursor: '' });
  }

  withCursor(cursor) {
    return this.#with({ cursor });
  }

  withEvent(eventId) {
    return this.#with({ eventId });
  }

  #with(changes) {
    const { filters, sort, limit, cursor, eventId } = this;
    return new PageQuery({ filters, sort, limit, cursor, eventId, ...changes });
  }
}
