// Small DOM helpers shared by every section: element building, number formats, busy states, problems.

/** el('p', {class: 'x'}, 'text', child): an element with attributes (on* are listeners) and children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of a node. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);

const integer = new Intl.NumberFormat('en-US');

/** 175181291520 -> "175,181,291,520" */
export const count = (n) => integer.format(n);

/** A short, readable real number: 0.84134 -> "0.841", -0.00001 -> "0". */
export function num(x, digits = 3) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  const rounded = Number(x.toFixed(digits));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** 0.6620 -> "66.2%" */
export const percent = (fraction, digits = 1) => `${(100 * fraction).toFixed(digits)}%`;

/** 1.2e9 -> "1.2B" (the lesson's way of saying sizes) */
export function short(n) {
  const units = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  for (const [size, unit] of units) {
    if (Math.abs(n) >= size) return `${Number((n / size).toPrecision(3))}${unit}`;
  }
  return String(n);
}

/** 698417037312 -> "698 GB" (decimal units, as disks and model cards say) */
export function bytes(n) {
  const units = [[1e12, 'TB'], [1e9, 'GB'], [1e6, 'MB'], [1e3, 'kB']];
  for (const [size, unit] of units) {
    if (n >= size) return `${Number((n / size).toPrecision(3))} ${unit}`;
  }
  return `${n} bytes`;
}

/** The problem+json an API call failed with, shown as its title and detail. */
export function problemBox(error) {
  const title = error.title ?? 'Request failed';
  const status = error.status ? ` (${error.status})` : '';
  return el('div', { class: 'problem', role: 'alert' },
    el('strong', { class: 'problem-title' }, title + status),
    el('p', { class: 'problem-detail' }, error.detail ?? error.message ?? ''));
}

/**
 * Runs task() while the region shows a spinner and aria-busy; a failure replaces the region's
 * content with the problem, unless a newer run has taken the region over (isCurrent() false).
 * Resolves to task's value, or undefined after a failure.
 */
export async function busy(region, task, label = 'Working…', isCurrent = () => true) {
  region.setAttribute('aria-busy', 'true');
  const spinner = el('div', { class: 'spinner-line', role: 'status' }, el('span', { class: 'spinner' }), label);
  region.prepend(spinner);
  try {
    return await task();
  } catch (error) {
    if (isCurrent()) fill(region, problemBox(error));
    return undefined;
  } finally {
    spinner.remove();
    region.removeAttribute('aria-busy');
  }
}

/**
 * For inputs that change faster than answers come: each call of the returned function starts a run and
 * returns its isCurrent(), true until a newer run starts, so that a late answer never overwrites a newer one.
 */
export function runs() {
  let latest = 0;
  return () => {
    const mine = ++latest;
    return () => mine === latest;
  };
}

/** Calls fn at most once per wait ms, with the latest arguments. */
export function debounce(fn, wait = 250) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}
