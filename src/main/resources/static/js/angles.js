// Section 3: superposition. Launch the lesson's angle experiment as a job, watch it live, then read the
// angles before and after, the tails the lesson's zoom hides, the loss, the other loss, and the bounds.
import { call, CallLog } from './api.js';
import { $, busy, el, fill, problemBox } from './dom.js';
import { lossChart } from './charts.js';
import { followJob, progressView } from './jobs.js';
import { renderComparison, renderResult } from './angles-result.js';
import { initBounds } from './bounds.js';

export const requires = ['POST /api/v1/jobs/angle-distribution', 'GET /api/v1/jobs/{id}', 'GET /api/v1/jobs/{id}/events',
  'GET /api/v1/jobs/{id}/result', 'DELETE /api/v1/jobs/{id}', 'GET /api/v1/jobs', 'GET /api/v1/jobs/{id}/histogram.svg',
  'GET /api/v1/jobs/{id}/loss.svg', 'GET /api/v1/angles/comparison.svg', 'GET /api/v1/angles/bounds'];

const SIZES = {
  small: { vectors: 2000, dimensions: 30, steps: 100, seed: 7 },
  lesson: { vectors: 10000, dimensions: 100, steps: 250, seed: 0 },
};

export async function init(section) {
  const form = $('#angles-form', section);
  const result = $('#angles-result', section);
  const compare = $('#angles-compare', section);
  const cancel = $('#angles-cancel', section);
  const earlier = $('#angles-earlier', section);
  const calls = new CallLog($('#angles-calls', section));
  const bounds = initBounds($('#bounds-form', section), $('#bounds-result', section), calls);
  let running = null;
  let liveLoss = null;

  const fields = ['vectors', 'dimensions', 'steps', 'seed'];
  form.addEventListener('change', (event) => {
    if (event.target.name === 'size' && SIZES[form.size.value]) {
      for (const f of fields) form.elements[f].value = SIZES[form.size.value][f];
    } else if (fields.includes(event.target.name)) {
      form.size.value = 'custom';
    }
  });

  function spec() {
    const body = { loss: form.loss.value };
    for (const f of fields) body[f] = Number(form.elements[f].value);
    return body;
  }

  /** Submits a spec and follows the job to its end in the given progress container; resolves to the final job. */
  async function run(body, container, title) {
    const job = await call('POST /api/v1/jobs/angle-distribution', { body, calls });
    running = job.id;
    cancel.hidden = false;
    $('#angles-run', section).disabled = true;
    const view = progressView(container, title);
    const loss = lossChart(view.chart);
    if (container.id === 'angles-progress') liveLoss = loss;
    try {
      return await followJob(job.id, { calls, onUpdate: (j) => {
        view.update(j);
        const m = j.progress?.metrics;
        if (m?.loss !== undefined) loss.append(m.step, m.loss);
      } });
    } finally {
      running = null;
      cancel.hidden = true;
      $('#angles-run', section).disabled = false;
    }
  }

  async function show(id) {
    fill(result);
    fill(compare);
    const data = await busy(result, async () => {
      const r = await call('GET /api/v1/jobs/{id}/result', { path: { id }, calls });
      liveLoss?.replace(r.lossCurve);
      fill(result, await renderResult(id, r, calls, { onCompare: () => compareWithOtherLoss(id, r.spec) }));
      return r;
    }, 'Reading the result…');
    if (data) bounds.show(data.spec.dimensions, data.spec.vectors);
  }

  async function compareWithOtherLoss(id, spec) {
    const other = spec.loss === 'lesson' ? 'smooth-max-cosine' : 'lesson';
    const body = { vectors: spec.vectors, dimensions: spec.dimensions, steps: spec.steps, seed: spec.seed, loss: other };
    fill(compare);
    const progress = el('div', { class: 'panel progress-panel' });
    compare.append(progress);
    await busy(compare, async () => {
      const job = await run(body, progress, `The same start with the ${other} loss`);
      if (job.status !== 'SUCCEEDED') return;
      const otherResult = await call('GET /api/v1/jobs/{id}/result', { path: { id: job.id }, calls });
      const mine = await call('GET /api/v1/jobs/{id}/result', { path: { id }, calls });
      compare.append(await renderComparison([id, job.id], [mine, otherResult], calls));
      loadEarlier();
    }, 'Comparing the two losses…');
  }

  async function loadEarlier() {
    const page = await call('GET /api/v1/jobs', { query: { kind: 'angle-distribution', status: 'SUCCEEDED', size: 20 }, calls });
    fill(earlier, el('option', { value: '' }, page.items.length ? '—' : 'none yet'), page.items.map((j) => el('option',
      { value: j.id }, `${j.spec.vectors ?? 10000} × ${j.spec.dimensions ?? 100}, ${j.spec.steps ?? 250} steps, `
        + `${j.spec.loss ?? 'lesson'} · ${new Date(j.createdAt).toLocaleString()}`)));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (running) return;
    calls.clear();
    fill(result);
    fill(compare);
    const progress = $('#angles-progress', section);
    try {
      const job = await run(spec(), progress, 'Pushing the vectors apart');
      if (job.status === 'SUCCEEDED') {
        await show(job.id);
        loadEarlier();
      } else {
        fill(result, problemBox({ title: `The job ended ${job.status}`,
          detail: job.error?.message ?? 'It was cancelled before it finished.' }));
      }
    } catch (error) {
      fill(result, problemBox(error));
    }
  });

  cancel.addEventListener('click', () => running
    && call('DELETE /api/v1/jobs/{id}', { path: { id: running }, calls }).catch((e) => result.append(problemBox(e))));
  earlier.addEventListener('change', () => {
    if (!earlier.value || running) return;
    $('#angles-progress', section).hidden = true;
    liveLoss = null;
    calls.clear();
    show(earlier.value);
  });

  await Promise.all([loadEarlier().catch((e) => result.append(problemBox(e))), bounds.show(100, 10000)]);
}
