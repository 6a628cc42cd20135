// Section 1: the MLP block step by step, on the lesson's michael-jordan toy or on any model.
import { call, CallLog, curl } from './api.js';
import { $, busy, debounce, el, fill, runs } from './dom.js';
import { renderSteps } from './mlp-steps.js';

export const requires = ['GET /api/v1/models', 'POST /api/v1/models', 'POST /api/v1/models/{id}/forward',
  'GET /api/v1/models/{id}/neurons/{index}'];

const ALL_STAGES = ['preActivations', 'activations', 'output', 'residual'];

export async function init(section) {
  const form = $('#mlp-form', section);
  const result = $('#mlp-result', section);
  const calls = new CallLog($('#mlp-calls', section));
  const neuronCache = new Map();
  let models = [];

  const model = () => models.find((m) => m.id === form.model.value);

  async function loadModels(select) {
    const list = await call('GET /api/v1/models', { calls });
    models = list.models;
    fill(form.model, models.map((m) => el('option', { value: m.id }, `${m.id} (${m.dModel} × ${m.neurons}, ${m.activation})`)));
    form.model.value = select ?? 'michael-jordan';
    buildTokenInputs();
  }

  function buildTokenInputs() {
    const m = model();
    const names = m.directions ?? [];
    const firsts = names.filter((n) => n.startsWith('first:'));
    const lasts = names.filter((n) => n.startsWith('last:'));
    const pick = (id, label, options) => el('div', { class: 'field' },
      el('label', { for: id }, label),
      el('select', { id, name: id }, options.map((n) => el('option', { value: n }, n.split(':')[1]))));
    const byName = firsts.length && lasts.length
      ? el('div', { class: 'row' }, pick('mlp-first', 'First name', firsts), pick('mlp-last', 'Last name', lasts))
      : null;
    const coefficients = names.length
      ? el('details', { class: 'coefficients', open: !byName || undefined },
        el('summary', {}, 'Or type the coefficients of E along each named direction'),
        el('div', { class: 'grid-inputs' }, names.map((n, i) => el('div', { class: 'field small' },
          el('label', { for: `mlp-c${i}` }, n),
          el('input', { id: `mlp-c${i}`, type: 'number', step: 'any', value: 0, 'data-direction': n })))))
      : el('div', { class: 'field' },
        el('label', { for: 'mlp-raw' }, `E: ${m.dModel} numbers, comma-separated`),
        el('textarea', { id: 'mlp-raw', rows: 2 }, randomVector(m.dModel).join(', ')));
    fill($('#mlp-token', section), byName, coefficients);
    const own = m.activation;
    fill($('#mlp-activation', section), el('legend', {}, 'Activation'),
      [...new Set([own, 'relu', 'gelu'])].map((a) => el('label', { class: 'radio' },
        el('input', { type: 'radio', name: 'activation', value: a, checked: a === own || undefined }),
        a === own ? `${label(a)} (the model's own)` : label(a))));
    if (byName) {
      form['mlp-first'].value = firsts.includes('first:Michael') ? 'first:Michael' : firsts[0];
      form['mlp-last'].value = lasts.includes('last:Jordan') ? 'last:Jordan' : lasts[0];
      namesToCoefficients();
    }
  }

  function namesToCoefficients() {
    for (const input of section.querySelectorAll('[data-direction]')) {
      const d = input.dataset.direction;
      input.value = d === form['mlp-first'].value || d === form['mlp-last'].value ? 1 : 0;
    }
  }

  function token() {
    const inputs = [...section.querySelectorAll('[data-direction]')];
    if (!inputs.length) {
      return form['mlp-raw'].value.split(/[\s,]+/).filter(Boolean).map(Number);
    }
    const named = Object.fromEntries(inputs.filter((i) => Number(i.value) !== 0)
      .map((i) => [i.dataset.direction, Number(i.value)]));
    return Object.keys(named).length ? named : { [inputs[0].dataset.direction]: 0 };
  }

  async function neuron(m, index) {
    const key = `${m.id}/${index}`;
    if (!neuronCache.has(key)) {
      neuronCache.set(key, call('GET /api/v1/models/{id}/neurons/{index}', { path: { id: m.id, index }, calls })
        .catch((e) => { neuronCache.delete(key); throw e; }));
    } else {
      const url = `/api/v1/models/${encodeURIComponent(m.id)}/neurons/${index}`;
      calls.record('GET /api/v1/models/{id}/neurons/{index}', curl('GET', url));
    }
    return neuronCache.get(key);
  }

  const start = runs();

  /** keepCalls: add to the calls shown (after creating a model) instead of starting them anew. */
  async function run({ keepCalls = false } = {}) {
    const m = model();
    const activation = form.activation.value;
    const body = { tokens: [token()], include: ALL_STAGES };
    if (activation !== m.activation) body.activation = activation;
    const isCurrent = start();
    if (!keepCalls) calls.clear();
    fill(result);
    await busy(result, async () => {
      const forward = await call('POST /api/v1/models/{id}/forward', { path: { id: m.id }, body, calls });
      const grid = await andGrid(m, activation);
      const shown = shownNeurons(forward.tokens[0].activations);
      const details = await Promise.all(shown.map((i) => neuron(m, i)));
      if (!isCurrent()) return;
      fill(result, renderSteps({ model: m, activation, token: body.tokens[0], forward: forward.tokens[0], shown,
        neurons: details, grid }));
    }, 'Running the block…', isCurrent);
  }

  // The AND gate: every first name with every last name, through the same block.
  async function andGrid(m, activation) {
    const firsts = (m.directions ?? []).filter((n) => n.startsWith('first:'));
    const lasts = (m.directions ?? []).filter((n) => n.startsWith('last:'));
    if (!firsts.length || !lasts.length || firsts.length * lasts.length > 36) return null;
    const pairs = firsts.flatMap((f) => lasts.map((l) => [f, l]));
    const body = { tokens: pairs.map(([f, l]) => ({ [f]: 1, [l]: 1 })), include: ['preActivations', 'activations'] };
    if (activation !== m.activation) body.activation = activation;
    const forward = await call('POST /api/v1/models/{id}/forward', { path: { id: m.id }, body, calls });
    return { firsts, lasts, pairs, tokens: forward.tokens,
      selected: [form['mlp-first']?.value, form['mlp-last']?.value] };
  }

  const rerun = debounce(run, 200);
  form.addEventListener('change', (event) => {
    if (event.target === form.model) buildTokenInputs();
    if (event.target.id === 'mlp-first' || event.target.id === 'mlp-last') namesToCoefficients();
    if (!event.target.closest('#mlp-new')) rerun();
  });
  form.addEventListener('submit', (event) => { event.preventDefault(); run(); });
  $('#mlp-new', section).addEventListener('submit', (event) => createModel(event, calls, loadModels, run));

  await busy(result, () => loadModels(), 'Loading the models…');
  if (models.length) await run();
}

/** Up to 12 neurons: all of a small model, else the strongest (lit first). */
function shownNeurons(activations) {
  const order = activations.map((v, i) => i);
  if (order.length <= 12) return order;
  return order.sort((a, b) => activations[b] - activations[a]).slice(0, 8);
}

async function createModel(event, calls, loadModels, run) {
  event.preventDefault();
  const f = event.target;
  const status = $('.status', f);
  const body = { activation: f.elements['new-activation'].value,
    random: { dModel: Number(f.elements['new-dmodel'].value), neurons: Number(f.elements['new-neurons'].value),
      seed: Number(f.elements['new-seed'].value) } };
  fill(status);
  calls.clear();
  await busy(status, async () => {
    const created = await call('POST /api/v1/models', { body, calls });
    await loadModels(created.id);
    fill(status, `Created ${created.id}.`);
    await run({ keepCalls: true });
  }, 'Creating the model…');
}

const label = (activation) => ({ relu: 'ReLU', gelu: 'GELU', gelu_tanh: 'GELU (tanh)', silu: 'SiLU' })[activation] ?? activation;

/** A reproducible example vector for models without named directions. */
function randomVector(n) {
  let s = 7;
  return Array.from({ length: n }, () => {
    s = (s * 16807) % 2147483647;
    return Number(((s / 2147483647) * 2 - 1).toFixed(2));
  });
}
