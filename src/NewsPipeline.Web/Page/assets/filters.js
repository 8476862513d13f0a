// The filter sidebar and the search bar: facet checkboxes drawn from /api/facets counts, plain inputs for
// the rest. The form is the view of PageQuery.filters; reading it back gives the next filters.

import { el, replace, debounce } from './dom.js';
import { countryLabel, count, words, languageName } from './format.js';

/** Metal groups the API expands (contract: `metal` takes a canonical name or a group). */
const METAL_GROUPS = Object.freeze(['battery metals', 'platinum group metals', 'rare earths']);

/** Languages the pipeline ingests as first-class; shown as suggestions, any code can still be typed. */
const LANGUAGE_SUGGESTIONS = Object.freeze(['de', 'en', 'es', 'fr', 'it', 'ja', 'kk', 'ko', 'pt', 'ru', 'zh']);

const TEXT_INPUT_DELAY_MS = 350;

const LABELS = Object.freeze({
  metal: (value) => value,
  type: words,
  status: words,
  country: countryLabel,
});

export class FilterPanel {
  #form;
  #search;
  #onChange;

  /** onChange(filters: URLSearchParams) is called after each change, debounced while typing. */
  constructor(document, onChange) {
    this.#form = document.getElementById('filters');
    this.#search = document.getElementById('search-form');
    this.#onChange = onChange;
    const languages = document.getElementById('language-codes');
    for (const code of LANGUAGE_SUGGESTIONS) languages.append(el('option', { value: code }, languageName(code)));

    const typed = debounce(() => this.#changed(), TEXT_INPUT_DELAY_MS);
    for (const form of [this.#form, this.#search]) {
      form.addEventListener('input', (event) => (isTextInput(event.target) ? typed() : undefined));
      form.addEventListener('change', (event) => (isTextInput(event.target) ? undefined : this.#changed()));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        this.#changed();
      });
    }
    document.getElementById('clear-filters').addEventListener('click', () => {
      this.#form.reset();
      this.#search.reset();
      for (const box of this.#form.querySelectorAll('.facet input[type=checkbox]')) box.checked = false;
      this.#changed();
    });
  }

  /** Puts the filters of the URL into the form (on load and on back/forward). */
  show(filters) {
    for (const field of [...this.#form.elements, ...this.#search.elements]) {
      if (!field.name || field.type === 'checkbox') continue;
      field.value = filters.get(field.name) ?? '';
    }
    for (const box of this.#form.querySelectorAll('.facet input[type=checkbox]')) {
      box.checked = filters.getAll(box.name).includes(box.value);
    }
    this.#selected = filters;
  }

  /** Redraws the facet lists with the counts for the current filters, keeping chosen values visible. */
  showFacets(facets, filters) {
    for (const container of this.#form.querySelectorAll('.facet')) {
      const name = container.dataset.facet;
      const counts = new Map((facets?.[container.dataset.source] ?? []).map((f) => [String(f.value), f.count]));
      const values = [...counts.keys()];
      for (const chosen of filters.getAll(name)) if (!counts.has(chosen)) values.push(chosen);
      const groups = name === 'metal' ? METAL_GROUPS : [];
      const options = [
        ...groups.map((group) => checkbox(name, group, `all ${group}`, null, filters, 'group')),
        ...values.filter((v) => !groups.includes(v)).map((v) => checkbox(name, v, LABELS[name](v), counts.get(v), filters)),
      ];
      replace(container, ...(options.length ? options : [el('p', { class: 'empty' }, 'none')]));
    }
    const names = document.getElementById('company-names');
    const companies = new Set([...(facets?.buyers ?? []), ...(facets?.sellers ?? [])].map((f) => f.value));
    replace(names, ...[...companies].map((name) => el('option', { value: name })));
  }

  /** Marks the inputs the API rejected (400 errors name the parameter). */
  showErrors(errors) {
    for (const field of this.#form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
    for (const { parameter } of errors) {
      for (const field of document.getElementsByName(parameter)) field.setAttribute('aria-invalid', 'true');
    }
  }

  #selected = new URLSearchParams();

  #read() {
    const filters = new URLSearchParams();
    for (const form of [this.#search, this.#form]) {
      for (const [name, value] of new FormData(form)) {
        if (typeof value === 'string' && value.trim() !== '') filters.append(name, value.trim());
      }
    }
    return filters;
  }

  #changed() {
    const filters = this.#read();
    if (filters.toString() === this.#selected.toString()) return;
    this.#selected = filters;
    this.#onChange(filters);
  }
}

function isTextInput(target) {
  return target instanceof HTMLInputElement && ['text', 'search', 'number'].includes(target.type);
}

function checkbox(name, value, label, facetCount, filters, kind) {
  const input = el('input', { type: 'checkbox', name, value, checked: filters.getAll(name).includes(value) });
  return el('label', { class: ['option', kind] },
    input,
    el('span', { class: 'option-label', dir: 'auto' }, label),
    facetCount === null || facetCount === undefined ? null : el('span', { class: 'option-count' }, count(facetCount)));
}
