// The page's client of the public API. Every call is recorded in its panel's "the same with curl" box, with
// a link to its operation in Swagger UI, so the page teaches the API it uses.
import { el, fill } from './dom.js';

/** A failed call: the problem+json's fields (title, detail, status and any extension members). */
export class Problem extends Error {
  constructor(problem) {
    super(problem.detail ?? problem.title);
    Object.assign(this, problem);
  }
}

let operations = new Map();

/**
 * Reads the OpenAPI document: which operations exist, and their tags and operationIds. Links to Swagger UI
 * made before it arrived get their operation's address then.
 */
export async function loadOperations() {
  const response = await fetch('/v3/api-docs');
  if (!response.ok) throw await problemOf(response);
  const doc = await response.json();
  operations = new Map();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      operations.set(`${method.toUpperCase()} ${path}`, { id: op.operationId, tag: op.tags?.[0], summary: op.summary });
    }
  }
  for (const link of document.querySelectorAll('a[data-op]')) link.href = swaggerLink(link.dataset.op);
  return operations;
}

/** True when the served API has every operation, e.g. 'GET /api/v1/feature-spaces'. */
export const hasAll = (keys) => keys.every((key) => operations.has(key));

/** /swagger-ui.html#/<tag>/<operationId> for 'POST /api/v1/models/{id}/forward' */
export function swaggerLink(key) {
  const op = operations.get(key);
  if (!op) return '/swagger-ui.html';
  return `/swagger-ui.html#/${encodeURIComponent(op.tag)}/${encodeURIComponent(op.id)}`;
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      return new Problem(await response.json());
    } catch {
      // fall through: not the JSON it claimed to be
    }
  }
  return new Problem({ status: response.status, title: response.statusText || 'Request failed',
    detail: `${response.status} from the service` });
}

/** '/api/v1/models/{id}' with {id: 'a b'} -> '/api/v1/models/a%20b' */
function expand(template, params = {}) {
  return template.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(params[name]));
}

function query(params) {
  const entries = Object.entries(params ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))
    .filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? '?' + new URLSearchParams(entries).toString() : '';
}

const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The curl command that does the same request. */
export function curl(method, url, body, { headers = {}, output, stream } = {}) {
  const parts = [stream ? 'curl -sN' : 'curl -s'];
  if (method !== 'GET' && !(method === 'POST' && body !== undefined)) parts.push(`-X ${method}`);
  parts.push(quote(new URL(url, location.origin).href));
  if (body !== undefined) parts.push(`-H 'Content-Type: application/json'`);
  for (const [name, value] of Object.entries(headers)) parts.push(`-H ${quote(`${name}: ${value}`)}`);
  if (body !== undefined) {
    const compact = JSON.stringify(body);
    parts.push(`-d ${quote(compact.length <= 90 ? compact : JSON.stringify(body, null, 1).replace(/\n\s*/g, ' '))}`);
  }
  if (output) parts.push(`-o ${output}`);
  return parts.join(' ');
}

/**
 * One API call. op: the operation as 'METHOD /path/{template}'; path: its parameters; query: query
 * parameters; body: JSON to send; as: 'json' (default), 'text' or 'blob'; calls: the CallLog to record it in.
 * Resolves to the parsed body (and the Response as .response on objects); rejects with a Problem.
 */
export async function call(op, { path, query: q, body, as = 'json', calls, headers = {}, output } = {}) {
  const [method, template] = op.split(' ');
  const url = expand(template, path) + query(q);
  calls?.record(op, curl(method, url, body, { headers, output }));
  const init = { method, headers: { Accept: as === 'json' ? 'application/json' : '*/*', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new Problem({ title: 'The service did not answer', detail: `${method} ${url}: ${error.message}` });
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return null;
  if (as === 'blob') return response.blob();
  if (as === 'text') return response.text();
  const data = await response.json();
  if (data && typeof data === 'object') Object.defineProperty(data, 'response', { value: response });
  return data;
}

/** The list of calls a panel made, each as curl with a link to its operation in Swagger UI. */
export class CallLog {
  constructor(container, title = 'The same with curl') {
    this.list = el('ul', { class: 'calls' });
    this.entries = new Map();
    fill(container, el('h4', { class: 'calls-title' }, title), this.list);
    container.classList.add('api');
  }

  /** Starts a new set of calls (the previous interaction's are replaced). */
  clear() {
    this.entries.clear();
    this.list.replaceChildren();
  }

  record(op, command, note) {
    const key = command;
    const copy = el('button', { type: 'button', class: 'copy', 'aria-label': `Copy the curl command for ${op}`,
      onclick: () => navigator.clipboard?.writeText(command).then(() => { copy.textContent = 'Copied'; }) }, 'Copy');
    const item = el('li', { class: 'call' },
      el('div', { class: 'call-head' },
        el('span', { class: 'op' }, op),
        note ? el('span', { class: 'note' }, note) : null,
        el('a', { href: swaggerLink(op), 'data-op': op, target: '_blank', rel: 'noopener', class: 'swagger' },
          'Try it in Swagger UI'),
        copy),
      el('pre', { class: 'curl' }, el('code', {}, command)));
    this.entries.get(key)?.remove();
    this.entries.set(key, item);
    this.list.append(item);
  }
}
