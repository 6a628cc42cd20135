// Section 3's results: histograms before and after (every angle beside the lesson's zoom), the worst pair,
// the collapsed pairs, the loss, and two runs compared.
import { count, el, num, percent, problemBox } from './dom.js';
import { svgImage } from './svg.js';

const HISTOGRAM = 'GET /api/v1/jobs/{id}/histogram.svg';

/** A plot, or the problem that kept it from being drawn. */
async function plot(op, options, alt) {
  try {
    return await svgImage(op, options, alt);
  } catch (error) {
    return problemBox(error);
  }
}

export async function renderResult(id, r, calls, { onCompare }) {
  const histogram = (stage, from, to, what) => plot(HISTOGRAM,
    { path: { id }, query: { stage, from, to }, calls, output: `${stage}-${from}-${to}.svg` },
    `Histogram of the pairwise angles ${stage} optimisation, ${what}`);
  const [beforeAll, beforeZoom, afterAll, afterZoom, loss] = await Promise.all([
    histogram('before', 0, 180, 'every angle from 0° to 180°'), histogram('before', 80, 100, '80° to 100°'),
    histogram('after', 0, 180, 'every angle from 0° to 180°'), histogram('after', 80, 100, '80° to 100°'),
    plot('GET /api/v1/jobs/{id}/loss.svg', { path: { id }, calls, output: 'loss.svg' }, 'The loss at every Adam step')]);
  const { before, after, spec } = r;
  const other = spec.loss === 'lesson' ? 'smooth max |cos|' : 'the lesson\'s loss';
  return el('div', { class: 'angles-result', id: 'angles-summary' },
    el('p', { class: 'note' }, r.note),
    el('div', { class: 'cards' },
      card('Worst pair after', `${num(after.minDegrees, 2)}° / ${num(after.maxDegrees, 2)}°`,
        `before: ${num(before.minDegrees, 1)}° / ${num(before.maxDegrees, 1)}°`),
      card('Collapsed pairs', count(after.nearParallelPairs),
        `${percent(after.nearParallelPairs / after.pairs, 2)} of ${count(after.pairs)} pairs below 10° or above 170°`),
      card('Within 89°–91°', percent(after.within1Degree), `before: ${percent(before.within1Degree)}`),
      card('Best possible worst pair', `${num(bestWorstCase(r.bounds), 2)}°`,
        `no ${count(spec.vectors)} vectors in ${spec.dimensions} dimensions keep every pair closer to 90° (Welch, Levenstein)`)),
    el('div', { class: 'histograms', id: 'angles-histograms' },
      figure(beforeAll, 'Before: every pair, 0°–180°'), figure(beforeZoom, 'Before: the lesson\'s zoom, 80°–100°'),
      figure(afterAll, 'After: every pair, 0°–180°'), figure(afterZoom, 'After: the lesson\'s zoom, 80°–100°')),
    el('p', { class: 'small' }, 'The zoom is the lesson\'s plot. It looks perfect; the full range shows the pairs it leaves out.'),
    statsTable(before, after),
    el('figure', { class: 'chart-figure' }, loss, el('figcaption', {}, `The ${spec.loss} loss at every Adam step.`)),
    el('div', { class: 'actions' }, el('button', { type: 'button', id: 'angles-compare-run',
      onclick: (event) => { event.target.disabled = true; onCompare(); } },
      `Run the same start with ${other} and compare`)));
}

/** The tighter bound: some pair is always at most this many degrees from parallel or opposite. */
const bestWorstCase = (b) => Math.min(...[b.welch, b.levenstein].filter(Boolean).map((x) => x.degrees));

const card = (title, big, small) => el('div', { class: 'card' },
  el('h4', {}, title), el('p', { class: 'big' }, big), el('p', { class: 'small' }, small));

const figure = (content, caption) => el('figure', { class: 'plot' }, el('figcaption', {}, caption), content);

function statsTable(before, after) {
  const q = (s, level) => s.quantiles.find((x) => Math.abs(x.level - level) < 1e-12)?.degrees;
  const rows = [
    ['Smallest angle', (s) => `${num(s.minDegrees, 2)}°`],
    ['Largest angle', (s) => `${num(s.maxDegrees, 2)}°`],
    ['Mean ± std', (s) => `${num(s.meanDegrees, 2)}° ± ${num(s.stdDegrees, 2)}°`],
    ['Within 89°–91°', (s) => percent(s.within1Degree, 2)],
    ['Within 85°–95°', (s) => percent(s.within5Degrees, 2)],
    ['Collapsed (< 10° or > 170°)', (s) => `${count(s.nearParallelPairs)} (${percent(s.nearParallelPairs / s.pairs, 2)})`],
    ['1% / 99% of pairs below', (s) => `${num(q(s, 0.01), 2)}° / ${num(q(s, 0.99), 2)}°`],
    ['Vector lengths', (s) => `${num(s.minNorm, 4)} – ${num(s.maxNorm, 4)}`],
  ];
  return el('div', { class: 'table-wrap' }, el('table', { class: 'stats', id: 'angles-stats' },
    el('caption', {}, `All ${count(after.pairs)} pairs, before and after`),
    el('thead', {}, el('tr', {}, ['', 'Before', 'After'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map(([name, f]) => el('tr', {},
      el('th', { scope: 'row' }, name), el('td', { class: 'n' }, f(before)), el('td', { class: 'n' }, f(after)))))));
}

/** Two finished runs side by side: the service's comparison plot and their tails. */
export async function renderComparison(ids, results, calls) {
  const chart = await plot('GET /api/v1/angles/comparison.svg', { query: { jobs: ids.join(',') }, calls,
    output: 'compare.svg' }, 'The final angle histograms of both losses on a log axis');
  const rows = [
    ['Worst pair', (r) => `${num(r.after.minDegrees, 2)}° / ${num(r.after.maxDegrees, 2)}°`],
    ['Within 89°–91°', (r) => percent(r.after.within1Degree, 2)],
    ['Collapsed pairs', (r) => count(r.after.nearParallelPairs)],
    ['Optimisation time', (r) => `${num(r.timings.optimiseSeconds, 1)} s`],
  ];
  return el('div', { class: 'comparison', id: 'angles-comparison' },
    el('h3', {}, 'The two losses compared'),
    el('p', { class: 'small' }, 'The lesson\'s loss pushes most pairs into 89°–91° and lets a few collapse; the smooth '
      + 'maximum of |cos| aims at the worst pair instead.'),
    el('figure', { class: 'chart-figure' }, chart),
    el('div', { class: 'table-wrap' }, el('table', { class: 'stats' },
      el('thead', {}, el('tr', {}, el('th'), results.map((r) => el('th', { scope: 'col' }, r.spec.loss)))),
      el('tbody', {}, rows.map(([name, f]) => el('tr', {}, el('th', { scope: 'row' }, name),
        results.map((r) => el('td', { class: 'n' }, f(r)))))))));
}
