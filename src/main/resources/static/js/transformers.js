// Section 5: a real transformer. A sentence -> the layer × token heat map of MLP activity (trace), a cell's
// top neurons, a neuron's top examples over a corpus, and ablations that move the sentence's similarities.
import { call, CallLog, hasAll } from './api.js';
import { $, busy, count, el, fill, num, problemBox } from './dom.js';
import { followJob, progressView } from './jobs.js';

export const requires = ['GET /api/v1/transformers', 'POST /api/v1/transformers/{id}/trace',
  'POST /api/v1/transformers/{id}/similarity'];

const EXAMPLES = 'GET /api/v1/transformers/{id}/neurons/{layer}/{neuron}/examples';
const COLLECT = 'POST /api/v1/jobs/neuron-examples';
const DEFAULT_MODEL = 'all-minilm-l6-v2';

const csv = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
/** Context pieces without [CLS] and [SEP], as text. */
const words = (pieces) => joinPieces((pieces ?? []).filter((p) => !/^\[[A-Z]+\]$/.test(p)));
const neuronName = (a) => `layer ${a.layer} neuron ${a.neuron}`;

/** Word pieces as text: '##' pieces join the previous one. */
const joinPieces = (pieces) => pieces.reduce((text, p) => {
  if (p.startsWith('##')) return text + p.slice(2);
  if (/^[.,;:!?)'%]$/.test(p)) return text + p;
  return text ? `${text} ${p}` : p;
}, '');

export async function init(section) {
  const form = $('#tf-form', section);
  const traceView = $('#tf-trace', section);
  const cellView = $('#tf-cell', section);
  const examplesView = $('#tf-examples', section);
  const ablateForm = $('#tf-ablate', section);
  const chosenView = $('#tf-chosen', section);
  const similarityView = $('#tf-similarity', section);
  const calls = new CallLog($('#tf-calls', section));
  const chosen = new Map();
  let trace = null;

  const model = () => form.model.value || DEFAULT_MODEL;

  // ---- the ablation: neurons chosen anywhere on the page ----
  function toggle(layer, neuron) {
    const key = `${layer}:${neuron}`;
    if (chosen.has(key)) chosen.delete(key);
    else chosen.set(key, { layer, neuron });
    showChosen();
  }

  function showChosen() {
    fill(chosenView, chosen.size
      ? el('ul', { class: 'chosen', id: 'tf-chosen-list', 'aria-label': 'Neurons to zero' }, [...chosen.values()].map((a) => el('li', {},
        `L${a.layer} · ${a.neuron}`,
        el('button', { type: 'button', 'aria-label': `Remove ${neuronName(a)} from the ablation`,
          onclick: () => toggle(a.layer, a.neuron) }, '×'))))
      : el('p', { class: 'small' }, 'No neurons chosen yet: the comparison then shows the clean model only.'));
    for (const b of section.querySelectorAll('button[data-ablate]')) {
      const on = chosen.has(b.dataset.ablate);
      b.setAttribute('aria-pressed', String(on));
      b.textContent = on ? 'Ablated ✓' : 'Ablate';
    }
  }

  const ablateButton = (layer, neuron) => el('button', { type: 'button', class: 'secondary small-button',
    'data-ablate': `${layer}:${neuron}`, 'aria-pressed': String(chosen.has(`${layer}:${neuron}`)),
    'aria-label': `Ablate ${neuronName({ layer, neuron })}`, onclick: () => toggle(layer, neuron) },
  chosen.has(`${layer}:${neuron}`) ? 'Ablated ✓' : 'Ablate');

  function ablation() {
    const byLayer = new Map();
    for (const a of chosen.values()) byLayer.set(a.layer, [...(byLayer.get(a.layer) ?? []), a.neuron]);
    return [...byLayer].sort((a, b) => a[0] - b[0]).map(([layer, neurons]) => ({ layer, neurons }));
  }

  $('#tf-add', section).addEventListener('click', () => {
    const layer = ablateForm.layer.valueAsNumber;
    const neuron = ablateForm.neuron.valueAsNumber;
    if (Number.isInteger(layer) && Number.isInteger(neuron) && !chosen.has(`${layer}:${neuron}`)) toggle(layer, neuron);
  });

  // ---- the trace and its heat map ----
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    calls.clear();
    fill(traceView);
    cellView.hidden = true;
    const button = $('#tf-run', section);
    button.disabled = true;
    await busy(traceView, async () => {
      const body = { text: form.text.value, topK: Number(form.topK.value) };
      if (form.ablated.checked && chosen.size) body.ablate = ablation();
      trace = await call('POST /api/v1/transformers/{id}/trace', { path: { id: model() }, calls, body });
      drawTrace();
    }, 'Running the transformer…');
    button.disabled = false;
  });

  form.addEventListener('change', (event) => {
    if (event.target.name === 'metric' && trace) drawTrace();
    if (event.target.name === 'model') {
      chosen.clear();
      showChosen();
    }
  });

  function drawTrace() {
    const metric = form.metric.value;
    fill(traceView, renderHeatMap(trace, metric, showCell));
  }

  function showCell(layer, token, button) {
    for (const b of traceView.querySelectorAll('td button')) b.setAttribute('aria-pressed', String(b === button));
    const cell = trace.layers[layer].tokens[token];
    const piece = trace.tokens[token].piece;
    const examples = hasAll([EXAMPLES]);
    fill(cellView,
      el('h3', { id: 'tf-cell-title' }, `Layer ${layer}, token “${piece}” (position ${token})`),
      el('p', { class: 'small' }, `The MLP's output norm here is ${num(cell.mlpOutNorm, 2)}; the residual stream's `
        + `norm leaving the layer is ${num(cell.residualNorm, 2)}. The ${cell.top.length} most active neurons after GELU:`),
      el('ul', { class: 'neuron-list', id: 'tf-cell-neurons' }, cell.top.map((n) => el('li', {},
        el('span', { class: 'value' }, num(n.activation, 3)), `neuron ${n.neuron}`,
        examples ? el('button', { type: 'button', class: 'small-button', 'data-neuron': `${layer}:${n.neuron}`,
          'aria-label': `Top examples of ${neuronName({ layer, neuron: n.neuron })}`,
          onclick: () => showExamples(layer, n.neuron) }, 'Top examples') : null,
        ablateButton(layer, n.neuron)))),
      examples ? null : el('p', { class: 'small' }, 'This server has no neuron-examples endpoint, so top examples are not available.'));
    cellView.hidden = false;
  }

  // ---- a neuron's top examples ----
  async function showExamples(layer, neuron) {
    fill(examplesView);
    const id = model();
    await busy(examplesView, async () => {
      try {
        const r = await call(EXAMPLES, { path: { id, layer, neuron }, calls });
        fill(examplesView, renderExamples(r, ablateButton(layer, neuron)));
      } catch (error) {
        if (error.status !== 404 || !hasAll([COLLECT])) throw error;
        fill(examplesView, problemBox(error), el('div', { class: 'actions' }, el('button', { type: 'button', id: 'tf-collect',
          onclick: (e) => { e.target.disabled = true; collect(id, layer, neuron); } },
        `Collect top examples for every neuron of ${id} (a job over the shipped corpus)`)));
      }
    }, `Reading the top examples of layer ${layer} neuron ${neuron}…`);
  }

  async function collect(id, layer, neuron) {
    const progress = $('#tf-collect-progress', section);
    try {
      const job = await call(COLLECT, { body: { model: id }, calls });
      const view = progressView(progress, 'Running the corpus through the model');
      const end = await followJob(job.id, { calls, onUpdate: (j) => view.update(j) });
      if (end.status !== 'SUCCEEDED') {
        examplesView.append(problemBox({ title: `The job ended ${end.status}`, detail: end.error?.message ?? 'It was cancelled.' }));
        return;
      }
      await showExamples(layer, neuron);
    } catch (error) {
      examplesView.append(problemBox(error));
    }
  }

  // ---- similarities with and without the ablation ----
  ablateForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    calls.clear();
    fill(similarityView);
    const button = $('#tf-compare', section);
    button.disabled = true;
    const target = ablateForm.elements.target.value.trim();
    const body = { text: ablateForm.probe.value, candidates: csv(ablateForm.candidates.value) };
    if (chosen.size) body.ablate = ablation();
    if (ablateForm.movers.checked) body.target = target;
    await busy(similarityView, async () => {
      const r = await call('POST /api/v1/transformers/{id}/similarity', { path: { id: model() }, body, calls });
      fill(similarityView, renderSimilarity(r, target, [...chosen.values()], ablateButton));
    }, ablateForm.movers.checked ? 'Comparing, and zeroing neurons one at a time to find the margin movers…' : 'Comparing…');
    button.disabled = false;
  });

  showChosen();
  loadModels().catch((error) => form.after(problemBox(error)));

  /** The model picker: filled in the background (listing loads each model's weights on first use). */
  async function loadModels() {
    const models = await call('GET /api/v1/transformers', { calls });
    const current = model();
    fill(form.model, models.map((m) => el('option', { value: m.id },
      `${m.id} (${m.architecture}, ${m.layers} layers × ${count(m.neurons)} neurons)`)));
    form.model.value = models.some((m) => m.id === current) ? current : models[0]?.id ?? DEFAULT_MODEL;
  }
}

/** Layers down, tokens across; each cell a button coloured by the metric (square root of its share of the max). */
function renderHeatMap(trace, metric, onPick) {
  const value = (cell) => (metric === 'norm' ? cell.mlpOutNorm : cell.top[0]?.activation ?? 0);
  // [CLS] and [SEP] fire far harder than words (24 against 2 in MiniLM's layer 0): the scale is the words',
  // and the special tokens' cells beyond it are clipped to the strongest colour.
  const special = (token) => /^\[[A-Z]+\]$/.test(trace.tokens[token].piece);
  const words = trace.layers.flatMap((l) => l.tokens.filter((c) => !special(c.token)).map(value));
  const max = Math.max(1e-9, ...(words.length ? words : trace.layers.flatMap((l) => l.tokens.map(value))));
  const clipped = trace.layers.some((l) => l.tokens.some((c) => value(c) > max));
  const what = metric === 'norm' ? 'MLP output norm' : 'top neuron\'s value';
  const moved = trace.embeddingChange;
  return el('div', { class: 'panel' },
    moved ? el('p', { id: 'tf-embedding-change' }, 'With the chosen neurons zeroed, the sentence embedding moved: cosine ',
      el('strong', {}, num(moved.cosine, 4)), ' with the clean one, distance ', el('strong', {}, num(moved.distance, 4)), '.') : null,
    el('p', { class: 'small' }, `${trace.tokens.length} word pieces × ${trace.layers.length} layers. Each cell is one `
      + `token in one layer's MLP, coloured by its ${what}; hover, focus or click a cell for its top neurons.`),
    el('div', { class: 'heat-legend' }, '0', el('span', { class: 'ramp', 'aria-hidden': 'true' }), num(max, 1),
      clipped ? el('span', {}, ' (the special tokens go beyond: their cells are clipped to the strongest colour)') : null),
    el('div', { class: 'table-wrap heat-wrap' }, el('table', { class: 'heatmap', id: 'tf-heatmap' },
      el('caption', {}, `MLP activity of ${trace.model}: layer × token`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Layer'),
        trace.tokens.map((t) => el('th', { scope: 'col', title: `vocabulary id ${t.id}` }, t.piece)))),
      el('tbody', {}, trace.layers.map((layer) => el('tr', {}, el('th', { scope: 'row' }, layer.layer),
        layer.tokens.map((cell) => {
          const v = value(cell);
          const share = Math.sqrt(Math.min(1, Math.max(0, v) / max));
          const piece = trace.tokens[cell.token].piece;
          const tops = cell.top.map((n) => `${n.neuron} (${num(n.activation, 2)})`).join(', ');
          const describe = `Layer ${layer.layer}, token ${piece}: top neurons ${tops}; MLP output norm ${num(cell.mlpOutNorm, 2)}`;
          const button = el('button', { type: 'button', title: describe, 'aria-label': describe, 'aria-pressed': 'false',
            'data-layer': layer.layer, 'data-token': cell.token,
            style: `background: rgba(255, 200, 87, ${(0.04 + 0.96 * share).toFixed(3)}); color: ${share > 0.6 ? '#1a1a1a' : ''}`,
            onclick: () => onPick(layer.layer, cell.token, button),
            onfocus: () => onPick(layer.layer, cell.token, button) },
          metric === 'norm' ? num(cell.mlpOutNorm, 1) : `${cell.top[0]?.neuron ?? '–'}`,
          el('br'), metric === 'norm' ? '' : num(v, 2));
          return el('td', {}, button);
        })))))));
}

function renderExamples(r, ablate) {
  return el('div', { class: 'panel', id: 'tf-examples-panel' },
    el('h3', {}, `Layer ${r.layer}, neuron ${r.neuron}: the tokens that excite it most`),
    el('p', { class: 'small' }, `From ${r.model}'s run over the shipped corpus (job ${r.jobId}); the token itself is marked.`),
    el('ol', { class: 'examples', id: 'tf-examples-list' }, r.examples.map((x) => el('li', { title: x.text },
      el('span', { class: 'value' }, num(x.activation, 2)),
      el('span', {}, words(x.before), ' ', el('mark', {}, x.tokenText), ' ', words(x.after))))),
    el('div', { class: 'actions' }, ablate));
}

function renderSimilarity(r, target, chosen, ablateButton) {
  const ablated = r.candidates.some((c) => c.ablatedCosine !== undefined);
  const margin = (key) => {
    const t = r.candidates.find((c) => c.text === target);
    if (!t || r.candidates.length < 2) return null;
    const others = r.candidates.filter((c) => c !== t);
    const best = others.reduce((a, b) => (b[key] > a[key] ? b : a));
    return { value: t[key] - best[key], other: best.text };
  };
  const clean = margin('cosine');
  const after = ablated ? margin('ablatedCosine') : null;
  return el('div', { class: 'panel', id: 'tf-similarity-panel' },
    el('p', { class: 'small' }, ablated
      ? `With ${chosen.map(neuronName).join(', ')} zeroed in the probe's pass.`
      : 'The clean model (no neurons zeroed).'),
    el('div', { class: 'table-wrap' }, el('table', { class: 'stats', id: 'tf-similarity-table' },
      el('caption', {}, `Cosine of “${r.text}” with each candidate`),
      el('thead', {}, el('tr', {}, ['Candidate', 'Cosine', ablated ? 'Ablated' : null, ablated ? 'Change' : null]
        .filter(Boolean).map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, r.candidates.map((c) => {
        const change = ablated ? c.ablatedCosine - c.cosine : 0;
        return el('tr', { class: c.text === target ? 'lit' : '' }, el('th', { scope: 'row' }, c.text),
          el('td', { class: 'n' }, num(c.cosine, 4)),
          ablated ? el('td', { class: 'n' }, num(c.ablatedCosine, 4)) : null,
          ablated ? el('td', { class: 'n ' + (change > 0 ? 'up' : change < 0 ? 'down' : '') },
            `${change > 0 ? '+' : ''}${num(change, 4)}`) : null);
      })))),
    clean ? el('p', { id: 'tf-margin' }, `${target}'s margin over the best other candidate (${clean.other}): `,
      el('strong', {}, num(clean.value, 4)), after ? [' → ', el('strong', {}, num(after.value, 4)),
        ` with the ablation (best other: ${after.other}).`] : '.') : null,
    r.marginMovers ? el('div', {},
      el('h4', {}, `The single neurons whose ablation moves ${target}'s margin most`),
      el('div', { class: 'table-wrap' }, el('table', { class: 'stats', id: 'tf-movers-table' },
        el('thead', {}, el('tr', {}, ['Layer', 'Neuron', 'Mean value', 'Margin change', ''].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, r.marginMovers.map((m) => el('tr', {},
          el('td', { class: 'n' }, m.layer), el('td', { class: 'n' }, m.neuron), el('td', { class: 'n' }, num(m.meanActivation, 3)),
          el('td', { class: 'n ' + (m.marginChange > 0 ? 'up' : 'down') }, `${m.marginChange > 0 ? '+' : ''}${num(m.marginChange, 4)}`),
          el('td', {}, ablateButton(m.layer, m.neuron)))))))) : null);
}
