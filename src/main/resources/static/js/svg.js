// The service's own SVG plots as images: fetched like any call, so a problem shows as title and detail
// instead of a broken picture.
import { call } from './api.js';
import { el } from './dom.js';

/** An <img> of the SVG an operation returns; rejects with the Problem when the call fails. */
export async function svgImage(op, options, alt) {
  const blob = await call(op, { ...options, as: 'blob', output: options.output ?? 'plot.svg' });
  const img = el('img', { class: 'svg-plot', alt, src: URL.createObjectURL(blob) });
  img.addEventListener('load', () => URL.revokeObjectURL(img.src), { once: true });
  return img;
}
