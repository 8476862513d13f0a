// DOM helpers. Every string passed as a child becomes a text node: untrusted text (titles, article text,
// company names, snippets) can never be parsed as markup: no string is ever handed to an HTML parser.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(node, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element; attributes are set with setAttribute, children appended as nodes or text. */
export function el(tag, attributes, ...children) {
  return build(document.createElement(tag), attributes, children);
}

/** An SVG element, same rules as el(). */
export function svg(tag, attributes, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attributes, children);
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** Replaces a node's children, with the same rules as el() (null and false are skipped). */
export function replace(node, ...children) {
  return append(clear(node), children);
}

/**
 * A link to a publisher's page: only http(s) URLs become links (a javascript: or data: URL stored in an
 * article must not run), opened without an opener or a referrer.
 */
export function externalLink(url, ...children) {
  const href = safeHttpUrl(url);
  if (href === null) return el('span', { dir: 'auto' }, ...children);
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer', dir: 'auto' }, ...children);
}

export function safeHttpUrl(url) {
  if (typeof url !== 'string' || url === '') return null;
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function debounce(action, milliseconds) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => action(...args), milliseconds);
  };
}
