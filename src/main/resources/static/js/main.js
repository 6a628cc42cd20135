// The explorer's entry point. The lesson's sections (1-3) start at once; sections that need endpoints which a
// deployment may lack (data-optional) appear only when the OpenAPI document lists every operation they use.
import { hasAll, loadOperations } from './api.js';
import { $, el, problemBox } from './dom.js';

const MODULES = {
  mlp: () => import('./mlp.js'),
  params: () => import('./params.js'),
  angles: () => import('./angles.js'),
  facts: () => import('./facts.js'),
  transformers: () => import('./transformers.js'),
};

async function start() {
  const operations = loadOperations();
  const sections = [...document.querySelectorAll('section[data-module]')];
  const nav = $('#nav ol');
  const links = new Map(sections.map((s) => [s, el('li', { hidden: true },
    el('a', { href: `#${s.id}` }, s.querySelector('h2').textContent.replace(/^\d+\s*/, '')))]));
  nav.append(...links.values());
  const started = sections.map(async (section) => {
    const load = MODULES[section.dataset.module];
    if (!load) return;
    const module = await load();
    if (section.hasAttribute('data-optional')) {
      await operations;
      if (!hasAll(module.requires)) return;
    }
    section.hidden = false;
    links.get(section).hidden = false;
    await module.init(section).catch((error) => section.append(problemBox(error)));
  });
  operations.catch((error) => $('#page-problem').replaceWith(problemBox(error)));
  await Promise.allSettled(started);
  document.body.dataset.ready = 'true';
}

start();
