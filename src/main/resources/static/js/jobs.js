// Following a job: Server-Sent Events on /api/v1/jobs/{id}/events, and polling GET /api/v1/jobs/{id} when a
// stream can't be had (e.g. 429, too many open streams).
import { call, curl } from './api.js';
import { el, fill, percent } from './dom.js';

const ENDED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** Resolves to the job's final view; onUpdate(job) sees every progress event on the way. */
export function followJob(id, { onUpdate, calls }) {
  const url = `/api/v1/jobs/${encodeURIComponent(id)}/events`;
  calls?.record('GET /api/v1/jobs/{id}/events', curl('GET', url, undefined, { stream: true }));
  return new Promise((resolve, reject) => {
    let done = false;
    const source = new EventSource(url);
    const finish = (job) => {
      done = true;
      source.close();
      onUpdate(job);
      resolve(job);
    };
    source.addEventListener('progress', (event) => onUpdate(JSON.parse(event.data)));
    source.addEventListener('status', (event) => finish(JSON.parse(event.data)));
    source.onerror = () => {
      if (done) return;
      source.close();
      poll(id, onUpdate, calls).then(resolve, reject);
    };
  });
}

async function poll(id, onUpdate, calls) {
  for (;;) {
    const job = await call('GET /api/v1/jobs/{id}', { path: { id }, calls });
    onUpdate(job);
    if (ENDED.has(job.status)) return job;
    await new Promise((wake) => setTimeout(wake, 1000));
  }
}

/** A progress view: status, a <progress> bar with the job's own message, and a place for a live chart. */
export function progressView(container, title) {
  const bar = el('progress', { max: 1, value: 0, 'aria-label': `${title}: progress` });
  const status = el('span', { class: 'badge status' }, 'QUEUED');
  const message = el('span', { class: 'message' }, 'Waiting for a free worker…');
  const chart = el('div', { class: 'chart live' });
  fill(container, el('div', { class: 'progress-head' }, el('strong', {}, title), status, message), bar, chart);
  container.hidden = false;
  return {
    chart,
    update(job) {
      status.textContent = job.status;
      status.dataset.status = job.status;
      const p = job.progress ?? {};
      if (job.status === 'SUCCEEDED') bar.value = 1;
      else if (p.fraction !== undefined) bar.value = p.fraction;
      message.textContent = [p.message, p.fraction !== undefined ? percent(p.fraction, 0) : null]
        .filter(Boolean).join(' · ');
      if (job.status === 'FAILED') message.textContent = job.error?.message ?? 'The job failed.';
    },
  };
}
