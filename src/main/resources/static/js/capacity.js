// Section 4's capacity sweep: a fact-capacity job followed live, then its recall curve (the service's SVG),
// the noise curve and every cell's figures.
import { call, CallLog } from './api.js';
import { $, busy, count, el, fill, num, percent, problemBox } from './dom.js';
import { followJob, progressView } from './jobs.js';
import { svgImage } from './svg.js';

const numbers = (text) => text.split(',').map((s) => s.trim()).filter(Boolean).map(Number);

export function initCapacity(section) {
  const form = $('#capacity-form', section);
  const progress = $('#capacity-progress', section);
  const result = $('#capacity-result', section);
  const run = $('#capacity-run', section);
  const cancel = $('#capacity-cancel', section);
  const calls = new CallLog($('#capacity-calls', section));
  let running = null;

  function spec() {
    const body = { dimensions: numbers(form.dimensions.value), factCounts: numbers(form.facts.value),
      space: form.space.value, subjectArity: Number(form.arity.value), seed: Number(form.seed.value) };
    if (form.first.value !== '') body.firstNames = Number(form.first.value);
    return body;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (running) return;
    calls.clear();
    fill(result);
    run.disabled = true;
    try {
      const job = await call('POST /api/v1/jobs/fact-capacity', { body: spec(), calls });
      running = job.id;
      cancel.hidden = false;
      const view = progressView(progress, 'Compiling and querying every cell');
      const end = await followJob(job.id, { calls, onUpdate: (j) => view.update(j) });
      if (end.status === 'SUCCEEDED') {
        await show(end.id);
      } else {
        fill(result, problemBox({ title: `The job ended ${end.status}`,
          detail: end.error?.message ?? 'It was cancelled before it finished.' }));
      }
    } catch (error) {
      fill(result, problemBox(error));
    } finally {
      running = null;
      cancel.hidden = true;
      run.disabled = false;
    }
  });

  cancel.addEventListener('click', () => running
    && call('DELETE /api/v1/jobs/{id}', { path: { id: running }, calls }).catch((e) => result.append(problemBox(e))));

  async function show(id) {
    await busy(result, async () => {
      const r = await call('GET /api/v1/jobs/{id}/result', { path: { id }, calls });
      const plot = (metric, alt) => svgImage('GET /api/v1/jobs/{id}/capacity.svg', { path: { id }, query: { metric }, calls,
        output: `capacity-${metric}.svg` }, alt).catch(problemBox);
      const [recall, noise] = await Promise.all([
        plot('recall', 'Recall@1 against facts per dimension, one line per D'),
        plot('noise', 'Median noise against facts per dimension, one line per D')]);
      fill(result, el('div', { id: 'capacity-summary' },
        el('p', { class: 'note' }, r.note),
        el('div', { class: 'histograms', id: 'capacity-charts' },
          el('figure', { class: 'plot' }, el('figcaption', {}, 'Recall: the best name is the fact\'s attribute'), recall),
          el('figure', { class: 'plot' }, el('figcaption', {}, 'Noise: the median largest score of a wrong name'), noise)),
        table(r)));
    }, 'Reading the result…');
  }
}

function table(r) {
  const partial = r.spec.subjectArity > 1;
  const head = ['D', 'F', 'Names', 'F / D', 'Recall@1', 'Exact', partial ? 'Partial fires' : null, 'Noise median', 'Noise max'];
  return el('div', { class: 'table-wrap' }, el('table', { class: 'stats', id: 'capacity-table' },
    el('caption', {}, `${r.points.length} cells: ${r.spec.space} directions, ${r.spec.subjectArity} names per subject`),
    el('thead', {}, el('tr', {}, head.filter(Boolean).map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, r.points.map((p) => el('tr', {},
      el('td', { class: 'n' }, p.dimensions), el('td', { class: 'n' }, count(p.facts)), el('td', { class: 'n' }, count(p.names)),
      el('td', { class: 'n' }, num(p.factsPerDimension, 2)), el('td', { class: 'n' }, percent(p.recallAt1)),
      el('td', { class: 'n' }, percent(p.exactRate)), partial ? el('td', { class: 'n' }, percent(p.partialFireRate ?? 0)) : null,
      el('td', { class: 'n' }, num(p.noiseMedian, 3)), el('td', { class: 'n' }, num(p.noiseMax, 3)))))));
}
