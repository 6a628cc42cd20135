// What geometry allows: the Welch and Levenstein bounds and how many nearly perpendicular vectors fit.
import { call } from './api.js';
import { busy, count, debounce, el, fill, num, runs } from './dom.js';

export function initBounds(form, out, calls) {
  const start = runs();
  async function show(dimensions, vectors) {
    const isCurrent = start();
    if (dimensions !== undefined) form.dimensions.value = dimensions;
    if (vectors !== undefined) form.vectors.value = vectors;
    const query = { dimensions: form.dimensions.value, vectors: form.vectors.value,
      toleranceDegrees: form.tolerance.value };
    fill(out);
    await busy(out, async () => {
      const b = await call('GET /api/v1/angles/bounds', { query, calls });
      if (isCurrent()) fill(out, render(b));
    }, 'Computing the bounds…', isCurrent);
  }
  form.addEventListener('input', debounce(() => show(), 300));
  form.addEventListener('submit', (event) => { event.preventDefault(); show(); });
  return { show };
}

function render({ bestWorstCaseDegrees: best, bounds }) {
  const { welch, levenstein, capacity } = bounds;
  const bound = (name, b) => b && el('li', {}, el('strong', {}, name), ` |cos| ≥ ${num(b.cosine, 4)}, an angle of at most `
    + `${num(b.degrees, 2)}° (or at least ${num(180 - b.degrees, 2)}°) for some pair.`, el('span', { class: 'formula' }, b.formula));
  return el('div', { id: 'bounds-summary' },
    el('p', { class: 'verdict' }, `${count(bounds.vectors)} unit vectors in ${bounds.dimensions} dimensions: some pair is `
      + `always within ${num(best, 2)}° of parallel or opposite, whatever the optimiser.`),
    el('ul', { class: 'bounds' }, bound('Welch:', welch), bound('Levenstein:', levenstein),
      el('li', {}, el('strong', {}, `Within 90° ± ${num(capacity.toleranceDegrees, 2)}°:`),
        capacity.upperLimit ? ` at most ${count(capacity.upperLimit)} vectors fit. ` : ' no bound limits the count. ',
        el('span', { class: 'formula' }, capacity.upperLimitFormula ?? ''),
        ` Random placement: about 10^${num(capacity.randomPlacementLog10, 2)} fit. `,
        el('span', { class: 'formula' }, capacity.randomPlacementFormula))));
}
