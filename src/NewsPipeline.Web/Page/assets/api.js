// Calls to the HTTP API of the same origin. A newer request for the same slot aborts the older one, so a
// slow answer can never overwrite the answer to what the analyst asked last.

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error ?? `HTTP ${status}`);
    this.status = status;
    this.errors = Array.isArray(body?.errors) ? body.errors : [];
  }
}

export class Api {
  #controllers = new Map();

  /** GET a JSON document; `slot` names the request kind whose previous call is cancelled. */
  async get(slot, path, parameters) {
    this.#controllers.get(slot)?.abort();
    const controller = new AbortController();
    this.#controllers.set(slot, controller);
    const url = parameters ? `${path}?${parameters}` : path;
    const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: controller.signal });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  events(query) {
    return this.get('events', '/api/events', query.eventsString);
  }

  facets(query) {
    return this.get('facets', '/api/facets', query.filterString);
  }

  event(id) {
    return this.get('event', `/api/events/${encodeURIComponent(id)}`);
  }
}

export function isAbort(error) {
  return error?.name === 'AbortError';
}

export function exportUrl(query, format) {
  const params = new URLSearchParams(query.filters);
  params.set('format', format);
  if (query.sort) params.set('sort', query.sort);
  return `/api/export?${params}`;
}
