// Section 4: facts and capacity. Facts typed as text -> a feature space of their names -> a fact model (one
// neuron per fact) -> recall with scores, edits that change one neuron, and a capacity sweep as a job.
import { call, CallLog, Problem } from './api.js';
import { $, busy, el, fill, num, problemBox } from './dom.js';
import { initCapacity } from './capacity.js';

export const requires = ['GET /api/v1/feature-spaces', 'POST /api/v1/feature-spaces', 'POST /api/v1/fact-models',
  'GET /api/v1/models/{id}/facts', 'POST /api/v1/models/{id}/query', 'PUT /api/v1/models/{id}/facts',
  'POST /api/v1/models/{id}/facts', 'DELETE /api/v1/models/{id}/facts', 'POST /api/v1/jobs/fact-capacity',
  'GET /api/v1/jobs/{id}', 'GET /api/v1/jobs/{id}/events', 'GET /api/v1/jobs/{id}/result', 'DELETE /api/v1/jobs/{id}',
  'GET /api/v1/jobs/{id}/capacity.svg'];

const FACTS = `first:Michael + last:Jordan → sport:basketball, team:Chicago Bulls, number:23
first:Michael + last:Phelps → sport:swimming
first:Serena + last:Williams → sport:tennis
first:Lionel + last:Messi → sport:football, team:Barcelona
first:Tiger + last:Woods → sport:golf`;

const names = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
const subjectOf = (text) => text.split('+').map((s) => s.trim()).filter(Boolean);
const label = (subject) => subject.join(' + ');

/** 'a + b → c, d' lines -> [{subject: [a, b], attributes: [c, d]}]; a Problem names the first bad line. */
export function parseFacts(text) {
  const facts = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const parts = line.split(/→|->/);
    if (parts.length !== 2) {
      throw new Problem({ title: 'Unreadable fact',
        detail: `line ${i + 1} needs exactly one → (or ->) between the subject and the attributes: '${line.trim()}'` });
    }
    facts.push({ subject: subjectOf(parts[0]), attributes: names(parts[1]) });
  });
  if (!facts.length) throw new Problem({ title: 'No facts', detail: 'write at least one fact, e.g. first:Michael + last:Jordan → sport:basketball' });
  return facts;
}

export async function init(section) {
  const build = $('#facts-build', section);
  const modelView = $('#facts-model', section);
  const work = $('#facts-work', section);
  const queryForm = $('#facts-query', section);
  const answer = $('#facts-answer', section);
  const editForm = $('#facts-edit', section);
  const edited = $('#facts-edited', section);
  const calls = new CallLog($('#facts-calls', section));
  let model = null;

  build.facts.value = FACTS;
  const newSpace = () => !build.space.value;
  const showSpaceFields = () => section.querySelectorAll('.new-space').forEach((f) => { f.hidden = !newSpace(); });
  build.space.addEventListener('change', showSpaceFields);

  async function loadSpaces() {
    const spaces = await call('GET /api/v1/feature-spaces', { calls });
    const chosen = build.space.value;
    fill(build.space, el('option', { value: '' }, 'a new space of these names'),
      spaces.map((s) => el('option', { value: s.id }, `${s.id} (${s.kind}, ${s.directions} names in D = ${s.dimensions})`)));
    build.space.value = chosen;
  }

  build.addEventListener('submit', async (event) => {
    event.preventDefault();
    calls.clear();
    fill(edited);
    fill(answer);
    const button = $('#facts-build-run', section);
    button.disabled = true;
    fill(modelView);
    await busy(modelView, async () => {
      const facts = parseFacts(build.facts.value);
      let space = build.space.value;
      if (newSpace()) {
        const all = [...new Set([...facts.flatMap((f) => [...f.subject, ...f.attributes]), ...names(build.extra.value)])];
        const created = await call('POST /api/v1/feature-spaces', { calls, body: {
          kind: build.kind.value, dimensions: Number(build.dimensions.value), seed: 0, names: all } });
        space = created.id;
      }
      model = await call('POST /api/v1/fact-models', { calls, body: { space, activation: build.activation.value, facts } });
      await showModel();
      work.hidden = false;
      await recall(subjectOf(queryForm.subject.value).length ? subjectOf(queryForm.subject.value) : facts[0].subject);
      loadSpaces().catch(() => {});
    }, 'Compiling the facts…');
    button.disabled = false;
  });

  async function showModel() {
    const list = await call('GET /api/v1/models/{id}/facts', { path: { id: model.id }, calls });
    fill(modelView, el('div', { class: 'panel', id: 'facts-summary' },
      el('p', {}, el('strong', {}, model.id), ` · ${model.description}. It is an ordinary model too: `,
        el('code', {}, `/api/v1/models/${model.id}`), ' runs forward like section 1\'s.'),
      el('div', { class: 'table-wrap' }, el('table', { class: 'facts', id: 'facts-table' },
        el('caption', {}, `${list.facts.length} facts, one neuron each`),
        el('thead', {}, el('tr', {}, ['Neuron', 'Subject (AND)', 'Bias', 'Writes', ''].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, list.facts.map((f) => el('tr', {},
          el('td', { class: 'n' }, f.neuron), el('th', { scope: 'row' }, label(f.subject)), el('td', { class: 'n' }, num(f.bias, 2)),
          el('td', {}, f.attributes.join(', ')),
          el('td', { class: 'row-actions' },
            el('button', { type: 'button', class: 'secondary small-button', 'aria-label': `Recall ${label(f.subject)}`,
              onclick: () => { queryForm.subject.value = label(f.subject); recall(f.subject); } }, 'Recall'),
            el('button', { type: 'button', class: 'secondary small-button', 'aria-label': `Edit ${label(f.subject)}`,
              onclick: () => {
                editForm.subject.value = label(f.subject);
                editForm.elements.attributes.value = f.attributes.join(', ');
                editForm.elements.attributes.focus();
              } }, 'Edit')))))))));
  }

  async function recall(subject) {
    fill(answer);
    await busy(answer, async () => {
      const r = await call('POST /api/v1/models/{id}/query', { path: { id: model.id }, body: { subject }, calls });
      fill(answer, renderAnswer(r.answers[0]));
    }, 'Recalling…');
  }

  queryForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (model) recall(subjectOf(queryForm.subject.value));
  });

  editForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!model) return;
    const action = event.submitter?.value ?? 'change';
    const subject = subjectOf(editForm.subject.value);
    const fact = { subject, attributes: names(editForm.elements.attributes.value) };
    fill(edited);
    await busy(edited, async () => {
      const options = { path: { id: model.id }, calls };
      const result = action === 'remove'
        ? await call('DELETE /api/v1/models/{id}/facts', { ...options, query: { subject } })
        : await call(action === 'add' ? 'POST /api/v1/models/{id}/facts' : 'PUT /api/v1/models/{id}/facts', { ...options, body: fact });
      fill(edited, renderEdit(result));
      model.facts = result.facts;
      await showModel();
      queryForm.subject.value = label(subject);
      await recall(subject);
    }, 'Recompiling the neuron…');
  });

  initCapacity(section);
  showSpaceFields();
  await loadSpaces().catch((error) => modelView.append(problemBox(error)));
}

function renderAnswer(a) {
  const stored = new Set(a.stored);
  const max = Math.max(1, ...a.ranked.map((s) => Math.abs(s.score)));
  return el('div', { class: 'panel', id: 'facts-recall' },
    el('p', { class: 'verdict' + (a.recovered.length ? ' yes' : '') }, a.recovered.length
      ? ['Recalled for ', el('strong', {}, label(a.subject)), ': ',
        a.recovered.map((s, i) => [i ? ', ' : '', el('strong', {}, s.name), ` (${num(s.score, 2)})`])]
      : ['Nothing scores above 0.5 for ', el('strong', {}, label(a.subject)), '.']),
    el('p', { class: 'small', id: 'facts-exact' }, a.stored.length
      ? (a.exact ? `Exactly the stored attributes (${a.stored.join(', ')}).`
        : `Not exactly the stored attributes (${a.stored.join(', ')}): interference between directions.`)
      : 'No fact has exactly this subject, so nothing should be recalled.' + (a.recovered.length ? ' Something was: interference.' : '')),
    el('h4', {}, 'The decoded output, best names first'),
    el('ol', { class: 'bars', id: 'facts-scores' }, a.ranked.map((s) => el('li', { class: stored.has(s.name) ? 'new' : '' },
      el('span', { class: 'name' }, s.name),
      el('span', { class: 'bar' }, el('span', { class: 'fill' + (s.score < 0 ? ' neg' : ''),
        style: `width: ${(100 * Math.abs(s.score)) / max}%` })),
      el('span', { class: 'n' }, num(s.score, 3))))),
    el('p', { class: 'small' }, a.fired.length
      ? ['Neurons that fired: ', a.fired.map((f, i) => [i ? '; ' : '', `${f.neuron} (${f.fact}) at ${num(f.activation, 2)}`]), '.']
      : 'No neuron fired above 0.5.',
    ` Noise: the largest score of a name not stored is ${num(a.noise, 3)}${a.noiseName ? ` (${a.noiseName})` : ''}.`));
}

function renderEdit(r) {
  const o = r.otherFacts;
  return el('div', { class: 'panel', id: 'facts-edit-summary' },
    el('p', {}, el('strong', {}, `${r.action[0].toUpperCase()}${r.action.slice(1)}`), ` neuron ${r.neuron}: `,
      r.previous ? `${r.previous.attributes.join(', ')} → ` : '', el('strong', {}, r.fact.attributes.join(', ')),
      ` for ${label(r.fact.subject)}. The model now holds ${r.facts} facts.`),
    el('p', { class: 'small' }, `Only that neuron changed. Of the ${o.checked} other facts, ${o.moved} moved; `
      + `the largest change of any of their scores is ${num(o.maxScoreChange, 4)}`
      + (o.largest.length ? ` (${o.largest.map((m) => `${m.fact}: ${num(m.maxScoreChange, 4)}`).join('; ')}).` : '.')));
}
