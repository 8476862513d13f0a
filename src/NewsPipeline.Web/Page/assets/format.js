// Display names and number formats, from the browser's own locale data (Intl), so that country and language
// codes read as names without a table of our own.

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
const tonnesFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const countFormat = new Intl.NumberFormat('en');

export function countryName(code) {
  if (!code) return '';
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export function countryLabel(code) {
  return code ? `${countryName(code)} (${code})` : '—';
}

export function languageName(code) {
  if (!code) return '';
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export function words(value) {
  return value ? String(value).replaceAll('_', ' ') : '—';
}

export function tonnes(value, per) {
  if (value === null || value === undefined) return '—';
  const amount = `${tonnesFormat.format(value)} t`;
  return per ? `${amount} / ${per}` : amount;
}

export function count(value) {
  return countFormat.format(value ?? 0);
}

/** Dates from the API are ISO strings; analysts compare days, so only the date part is shown. */
export function day(value) {
  return value ? String(value).slice(0, 10) : '—';
}
