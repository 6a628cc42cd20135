// Section 2: where the parameters live. Presets or an edited configuration -> the exact breakdown, the
// lesson's figures (two thirds in the MLPs) and the conventions side by side.
import { call, CallLog } from './api.js';
import { $, busy, bytes, count, debounce, el, fill, percent, runs, short } from './dom.js';
import { svgImage } from './svg.js';

export const requires = ['GET /api/v1/parameters/presets', 'GET /api/v1/parameters/presets/{name}',
  'POST /api/v1/parameters', 'GET /api/v1/parameters/presets/{name}/chart.svg', 'POST /api/v1/parameters/chart.svg'];

const NUMBERS = ['vocab', 'context', 'dModel', 'layers', 'heads', 'dHead', 'kvHeads', 'dFf'];
const CHOICES = { mlp: ['standard', 'gated'], norm: ['layernorm', 'rmsnorm'], position: ['learned', 'none'] };
const FLAGS = ['tiedEmbeddings', 'attentionBias', 'mlpBias'];

export async function init(section) {
  const form = $('#params-form', section);
  const result = $('#params-result', section);
  const calls = new CallLog($('#params-calls', section));
  const config = $('#params-config', section);
  let presets = [];
  let edited = null;

  config.append(...NUMBERS.map((n) => field(n, el('input', { id: `p-${n}`, name: n, type: 'number', min: 1 }))),
    ...Object.entries(CHOICES).map(([n, options]) => field(n,
      el('select', { id: `p-${n}`, name: n }, options.map((o) => el('option', {}, o))))),
    ...FLAGS.map((n) => el('div', { class: 'field small check' },
      el('input', { id: `p-${n}`, name: n, type: 'checkbox' }), el('label', { for: `p-${n}` }, n))));

  function fillConfig(c) {
    for (const n of NUMBERS) form.elements[n].value = c[n] ?? '';
    for (const n of Object.keys(CHOICES)) form.elements[n].value = c[n];
    for (const n of FLAGS) form.elements[n].checked = c[n];
    edited = c.moe ? { moe: c.moe } : {};
  }

  function readConfig() {
    const c = { ...edited };
    for (const n of NUMBERS) if (form.elements[n].value !== '') c[n] = Number(form.elements[n].value);
    for (const n of Object.keys(CHOICES)) c[n] = form.elements[n].value;
    for (const n of FLAGS) c[n] = form.elements[n].checked;
    return c;
  }

  const start = runs();
  async function show(load) {
    const isCurrent = start();
    calls.clear();
    fill(result);
    await busy(result, async () => {
      const { preset, breakdown, chart } = await load(form.convention.value);
      if (!isCurrent()) return;
      if (preset) fillConfig(breakdown.config);
      fill(result, render(preset, breakdown, chart));
    }, 'Counting…', isCurrent);
  }

  const showPreset = () => show(async (convention) => {
    const name = form.preset.value;
    const [data, chart] = await Promise.all([
      call('GET /api/v1/parameters/presets/{name}', { path: { name }, calls }),
      svgImage('GET /api/v1/parameters/presets/{name}/chart.svg', { path: { name }, query: { convention }, calls },
        `Parameters of ${name} by category`)]);
    return { preset: data.preset, breakdown: data.breakdown, chart };
  });

  const showEdited = () => show(async (convention) => {
    const body = readConfig();
    const [breakdown, chart] = await Promise.all([
      call('POST /api/v1/parameters', { body, calls }),
      svgImage('POST /api/v1/parameters/chart.svg', { query: { convention }, body, calls },
        'Parameters of the edited configuration by category')]);
    return { preset: null, breakdown, chart };
  });

  let custom = false;
  const showEditedSoon = debounce(showEdited, 150);
  form.addEventListener('change', (event) => {
    if (event.target === form.preset) custom = false;
    else if (config.contains(event.target)) custom = true;
    (custom ? showEditedSoon : showPreset)();
  });
  form.addEventListener('submit', (event) => { event.preventDefault(); custom ? showEdited() : showPreset(); });

  await busy(result, async () => {
    presets = await call('GET /api/v1/parameters/presets', { calls });
    fill(form.preset, presets.map((p) => el('option', { value: p.name }, p.title)));
    form.preset.value = presets.some((p) => p.name === 'gpt3-175b') ? 'gpt3-175b' : presets[0].name;
  }, 'Loading the presets…');
  if (presets.length) await showPreset();
}

const field = (name, input) => el('div', { class: 'field small' }, el('label', { for: input.id }, name), input);

function render(preset, b, chart) {
  const l = b.lesson;
  const twoThirds = l.mlpShare > 0.6 && l.mlpShare < 0.72 ? 'about two thirds: ' : '';
  return el('div', { class: 'params' },
    preset ? el('p', { class: 'source' }, el('strong', {}, preset.title), ` · ${preset.source}. Published: ${preset.published}.`) : null,
    el('div', { class: 'cards', id: 'params-lesson' },
      card('In the MLP blocks', percent(l.mlpShare),
        `${twoThirds}${count(l.allMlps)} of ${count(l.total)} weights (the lesson's count)`),
      card('One MLP block', short(l.perMlp),
        `${l.matricesPerMlp} × ${count(l.neurons)} neurons × ${count(l.dModel)} = ${count(l.perMlp)}`),
      card('Attention, all layers', short(l.attention), `${count(l.attentionPerLayer)} per layer`),
      card('Embedding + unembedding', short(l.embedding + l.unembedding),
        `${count(l.embedding)} + ${count(l.unembedding)}`),
      card('Weight matrices', count(l.weightMatrices), b.weightMatrices.rule)),
    el('figure', { class: 'chart-figure' }, chart,
      el('figcaption', {}, 'The breakdown by the lesson\'s categories, drawn by the service.')),
    conventions(b, preset),
    b.warnings?.length ? el('ul', { class: 'warnings' }, b.warnings.map((w) => el('li', {}, w))) : null);
}

const card = (title, big, small) => el('div', { class: 'card' },
  el('h4', {}, title), el('p', { class: 'big' }, big), el('p', { class: 'small' }, small));

function conventions(b, preset) {
  const c = b.conventions;
  const row = (name, matrices, full, note) => el('tr', {},
    el('th', { scope: 'row' }, name), el('td', { class: 'n' }, matrices), el('td', { class: 'n' }, full),
    note ? el('td', { class: 'note' }, note) : el('td'));
  return el('div', { class: 'table-wrap' }, el('table', { class: 'conventions', id: 'params-conventions' },
    el('caption', {}, 'The same model under each convention'),
    el('thead', {}, el('tr', {}, ['', 'Matrices (the lesson)', 'Full (every tensor)', ''].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {},
      b.categories.map((k) => row(k.category, `${count(k.matrices)} · ${percent(k.matricesShare)}`,
        `${count(k.full)} · ${percent(k.fullShare)}`)),
      el('tr', { class: 'total' }, el('th', { scope: 'row' }, 'Total'), el('td', { class: 'n' }, count(c.matrices)),
        el('td', { class: 'n' }, count(c.full)), el('td', { class: 'note' }, preset ? `published: ${preset.published}` : '')),
      row('Kaplan et al. 12·L·d²', count(c.kaplan.approximation), '',
        `non-embedding; exact: ${count(c.kaplan.exactNonEmbedding)}`),
      row('Memory (full, weights only)', '', `${bytes(b.bytes.fp32)} fp32 · ${bytes(b.bytes.fp16)} fp16 · ${bytes(b.bytes.int8)} int8`),
      row('FLOPs per token', '', `${short(b.flopsPerToken.inference)} inference · ${short(b.flopsPerToken.training)} training`,
        b.flopsPerToken.basis))));
}
