// Charts drawn in the page with uPlot (served from its WebJar, so the page works offline).
import uPlot from '/webjars/uplot/dist/uPlot.esm.js';

const INK = '#c9d1e0';
const GRID = 'rgba(201, 209, 224, 0.12)';
const BLUE = '#58c4dd';
const GOLD = '#ffc857';

const axis = (label, extra = {}) => ({ label, stroke: INK, grid: { stroke: GRID }, ticks: { stroke: GRID }, ...extra });

function sized(container, opts, data) {
  container.replaceChildren();
  const width = () => Math.max(240, container.clientWidth || 480);
  const plot = new uPlot({ ...opts, width: width() }, data, container);
  new ResizeObserver(() => plot.setSize({ width: width(), height: opts.height })).observe(container);
  return plot;
}

/** The exact formulas the service implements (dev.factlab.tensor.Activation), for drawing only. */
const PHI = (x) => 0.5 * (1 + erf(x / Math.SQRT2));
export const ACTIVATIONS = {
  relu: { name: 'ReLU', formula: 'max(0, x)', f: (x) => Math.max(0, x) },
  gelu: { name: 'GELU', formula: 'x·Φ(x)', f: (x) => x * PHI(x) },
  gelu_tanh: { name: 'GELU (tanh)', formula: '0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))',
    f: (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))) },
  silu: { name: 'SiLU', formula: 'x·σ(x)', f: (x) => x / (1 + Math.exp(-x)) },
};

// Abramowitz–Stegun 7.1.26: |error| < 1.5e-7, plenty for a curve on screen.
function erf(x) {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592)
    * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

/**
 * The activation as a curve over [-3, 3], with the given points (pre-activation, value, label) on it: the
 * values the service returned, so that the AND gate's corner is visible.
 */
export function activationChart(container, activation, points) {
  const f = ACTIVATIONS[activation]?.f ?? ACTIVATIONS.relu.f;
  const xs = new Set(points.map((p) => p.x));
  for (let i = 0; i <= 120; i++) xs.add(-3 + i * 0.05);
  const x = [...xs].sort((a, b) => a - b);
  const at = new Map(points.map((p) => [p.x, p.y]));
  const data = [x, x.map(f), x.map((v) => (at.has(v) ? at.get(v) : null))];
  return sized(container, {
    height: 220,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false }, y: { range: [-0.5, 3] } },
    axes: [axis('pre-activation'), axis('neuron value')],
    series: [{}, { stroke: BLUE, width: 2 },
      { stroke: GOLD, width: 0, paths: () => null, points: { show: true, size: 11, fill: GOLD, stroke: GOLD } }],
  }, data);
}

/** A loss curve that grows as progress arrives: append(step, loss). */
export function lossChart(container) {
  const steps = [];
  const losses = [];
  const plot = sized(container, {
    height: 220,
    legend: { show: false },
    scales: { x: { time: false }, y: { distr: 3 } },
    axes: [axis('Adam step'), axis('loss (log)', { size: 70 })],
    series: [{}, { stroke: GOLD, width: 2, points: { show: false } }],
  }, [steps, losses]);
  return {
    append(step, loss) {
      if (!(loss > 0) || steps.at(-1) >= step) return;
      steps.push(step);
      losses.push(loss);
      plot.setData([steps, losses]);
    },
    replace(curve) {
      steps.length = 0;
      losses.length = 0;
      curve.forEach((loss, i) => { if (loss > 0) { steps.push(i); losses.push(loss); } });
      plot.setData([steps, losses]);
    },
  };
}
