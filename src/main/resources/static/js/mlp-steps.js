// Section 1's result: one forward pass shown as the lesson's steps, from E to the decoded residual.
import { ACTIVATIONS, activationChart } from './charts.js';
import { el, num } from './dom.js';

const EPS = 1e-6;

/** A feature "is there" when its dot product is at least this (the lesson's features read 1). */
const PRESENT = 0.5;

export function renderSteps({ model, activation, token, forward, shown, neurons, grid }) {
  const act = ACTIVATIONS[activation] ?? { name: activation, formula: activation };
  const E = forward.residual.map((r, i) => r - forward.output[i]);
  const byIndex = new Map(shown.map((index, k) => [index, neurons[k]]));
  const chart = el('div', { class: 'chart', role: 'img',
    'aria-label': `${act.name} as a curve, with the pre-activations of this pass marked on it` });
  const steps = el('ol', { class: 'steps' },
    step('E: the token vector flowing in', `${model.dModel} numbers. The block treats every token on its own.`,
      tokenView(token, E)),
    step('Each neuron asks a question: its row of W_up, dotted with E, plus its bias',
      `then ${act.name}, ${act.formula}. A neuron is lit when its value is positive. `
      + (shown.length < model.neurons ? `The ${shown.length} strongest of ${model.neurons} neurons:` : ''),
      neuronTable(forward, shown, byIndex, act)),
    step(grid ? `${act.name} turns the sum into an AND gate` : `The activation, ${act.name}`,
      (grid ? 'Every first name with every last name through the same block: only the full name clears the bias. '
        : 'The curve, with this pass\'s pre-activations on it. ')
      + (activation === 'relu' ? '' : `Unlike ReLU, ${act.name} is smooth: it bends the corner, and a little of a `
        + 'negative pre-activation leaks through as a small negative value.'),
      el('div', { class: 'gate' }, grid ? gateGrids(grid, shown, byIndex) : null, chart)),
    step('The lit neurons add their columns of W_down', 'Column i is what neuron i adds, scaled by its value.',
      writesView(forward, byIndex)),
    step('The residual, decoded: E + output', 'What flows on, read along each named direction.',
      residualView(model, token, forward)));
  const points = grid ? gatePoints(grid, strongest(forward, shown))
    : shown.map((i) => ({ x: forward.preActivations[i], y: forward.activations[i] }));
  requestAnimationFrame(() => activationChart(chart, activation, points));
  return steps;
}

const step = (title, lede, body) => el('li', { class: 'step' }, el('h3', {}, title), el('p', { class: 'lede' }, lede), body);

function tokenView(token, E) {
  const expression = Array.isArray(token) ? 'E = the vector you typed'
    : 'E = ' + (Object.entries(token).filter(([, v]) => v !== 0).map(([n, v]) => term(v, n)).join(' + ') || '0');
  return el('div', {},
    el('p', { class: 'formula', id: 'mlp-e' }, expression),
    el('div', { class: 'vector', role: 'list', 'aria-label': 'E, coordinate by coordinate' },
      E.slice(0, 48).map((v, i) => el('span', { class: `cell ${Math.abs(v) > EPS ? 'on' : ''}`, role: 'listitem',
        title: `E[${i}] = ${v}` }, num(v, 2))),
      E.length > 48 ? el('span', { class: 'more' }, `… ${E.length - 48} more`) : null));
}

const term = (v, name) => (Math.abs(v - 1) < EPS ? name : `${num(v, 2)}·${name}`);

/** "first:Michael + last:Jordan", or the largest coordinates for models without named directions. */
function direction(view) {
  const features = (view?.features ?? []).filter((f) => Math.abs(f.value) > EPS).slice(0, 4);
  if (features.length) return features.map((f) => term(f.value, f.name)).join(' + ');
  return (view?.topCoordinates ?? []).slice(0, 3).map((c) => `${num(c.value, 2)}·e${c.index}`).join(' + ') + ' + …';
}

function neuronTable(forward, shown, byIndex, act) {
  const head = ['Neuron', 'Its question (W_up row)', 'W_up·E', '+ bias', '= pre', `${act.name}(pre)`];
  return el('div', { class: 'table-wrap' }, el('table', { class: 'neurons', id: 'mlp-neurons' },
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, shown.map((i) => {
      const n = byIndex.get(i);
      const pre = forward.preActivations[i];
      const value = forward.activations[i];
      return el('tr', { class: value > 0 ? 'lit' : '' },
        el('th', { scope: 'row' }, `#${i}`, n.label ? el('span', { class: 'label' }, n.label) : null),
        el('td', { class: 'question' }, direction(n.reads)),
        el('td', { class: 'n' }, num(pre - n.bias)),
        el('td', { class: 'n' }, num(n.bias)),
        el('td', { class: 'n' }, num(pre)),
        el('td', { class: 'n value' }, num(value), value > 0 ? el('span', { class: 'badge' }, 'lit') : null));
    }))));
}

function strongest(forward, shown) {
  return shown.reduce((best, i) => (forward.activations[i] > forward.activations[best] ? i : best), shown[0]);
}

function gateGrids(grid, shown, byIndex) {
  const at = (f, l) => grid.tokens[grid.pairs.findIndex(([pf, pl]) => pf === f && pl === l)];
  const short = (name) => name.split(':')[1];
  return el('div', { class: 'gate-grids' }, shown.slice(0, 4).map((i) => el('table', { class: 'gate-grid' },
    el('caption', {}, `Neuron #${i}`, byIndex.get(i).label ? ` · ${byIndex.get(i).label}` : ''),
    el('thead', {}, el('tr', {}, el('td'), grid.lasts.map((l) => el('th', { scope: 'col' }, short(l))))),
    el('tbody', {}, grid.firsts.map((f) => el('tr', {}, el('th', { scope: 'row' }, short(f)),
      grid.lasts.map((l) => {
        const t = at(f, l);
        const value = t.activations[i];
        const chosen = grid.selected[0] === f && grid.selected[1] === l;
        return el('td', { class: `${value > 0 ? 'lit' : ''} ${chosen ? 'chosen' : ''}`,
          title: `${short(f)} ${short(l)}: pre ${t.preActivations[i]}, value ${value}` },
        el('span', { class: 'pre' }, num(t.preActivations[i], 2), ' → '), el('strong', {}, num(value, 2)));
      })))))));
}

function gatePoints(grid, neuron) {
  return grid.tokens.map((t) => ({ x: t.preActivations[neuron], y: t.activations[neuron] }));
}

function writesView(forward, byIndex) {
  const adding = [...byIndex.keys()].filter((i) => Math.abs(forward.activations[i]) > EPS);
  if (!adding.length) return el('p', { class: 'quiet', id: 'mlp-writes' }, 'No neuron is lit: the block adds nothing but its output bias.');
  return el('ul', { class: 'writes', id: 'mlp-writes' }, adding.map((i) => {
    const value = forward.activations[i];
    const n = byIndex.get(i);
    return el('li', { class: value > 0 ? 'lit' : 'negative' },
      el('strong', {}, `#${i}${n.label ? ' ' + n.label : ''}`), ` adds ${num(value)} × (${direction(n.writes)})`,
      value < 0 ? el('span', { class: 'note' }, ' — negative: the activation lets a little through below zero') : null);
  }));
}

function residualView(model, token, forward) {
  if (!forward.features) {
    return el('p', { class: 'quiet' }, `This model has no named directions to read the residual with; its first numbers: `,
      forward.residual.slice(0, 8).map((v) => num(v, 3)).join(', '), ' …');
  }
  const scale = Math.max(1, ...forward.features.map((f) => Math.abs(f.value)));
  const had = (name) => !Array.isArray(token) && Math.abs(token[name] ?? 0) > EPS;
  const added = forward.features.filter((f) => f.value >= PRESENT && !had(f.name));
  const verdict = Array.isArray(token) ? null : el('p', { class: `verdict ${added.length ? 'yes' : 'no'}`, id: 'mlp-verdict' },
    added.length ? ['The block added ', added.map((f, k) => [k ? ', ' : '', el('strong', {}, f.name), ` (${num(f.value, 2)})`])]
      : 'The block added no fact: no named direction that E lacked reads 0.5 or more.');
  return el('div', {}, verdict, el('ul', { class: 'bars', id: 'mlp-residual' }, forward.features.map((f) =>
    el('li', { class: `${had(f.name) ? 'input' : ''} ${f.value >= PRESENT && !had(f.name) ? 'new' : ''}` },
      el('span', { class: 'name' }, f.name),
      el('span', { class: 'bar' }, el('span', { class: f.value < 0 ? 'fill neg' : 'fill',
        style: `width:${(100 * Math.abs(f.value)) / scale}%` })),
      el('span', { class: 'n' }, num(f.value, 3))))),
  el('p', { class: 'caveat' }, model.builtIn && model.id === 'michael-jordan'
    ? 'An idealisation: real models rarely keep one fact in one neuron (see superposition below).' : null));
}
