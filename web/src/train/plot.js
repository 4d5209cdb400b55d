// The loss curve, drawn by uPlot. Loaded only when the learner trains, so the
// first view does not pay for it.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatCount, formatPowerOfTen, formatText, formatTick } from '../render/format.js';

/** The smallest loss the log scale draws. */
export const LOG_FLOOR = 1e-20;

/**
 * The linear scale's range for losses from `min` to `max`: uPlot's, except
 * for a flat curve (every loss the same, 0 included), drawn from 0 to twice
 * its loss, or to 1, rather than on uPlot's 0 to 100.
 * @returns {[number, number]}
 */
export function lossRange(min, max) {
  if (min === max) return [0, max > 0 ? 2 * max : 1];
  return uPlot.rangeNum(min, max, 0.1, true);
}

/**
 * Draws `losses` (loss after s steps, s = 0…n) into `host`.
 * @param {HTMLElement} host
 * @param {Float64Array} losses
 * @param {{log: boolean, width: number, pick: (step: number) => void}} opts
 * @returns {{destroy: () => void, mark: (step: number) => void}}
 */
export function drawLoss(host, losses, opts) {
  const steps = Float64Array.from(losses, (_, s) => s);
  const style = getComputedStyle(document.documentElement);
  const fg = style.getPropertyValue('--fg').trim() || '#1f2328';
  const accent = style.getPropertyValue('--accent').trim() || '#0a58ca';
  const rule = style.getPropertyValue('--rule').trim() || '#d8dee4';
  const axis = { stroke: fg, grid: { stroke: rule, width: 1 }, ticks: { stroke: rule } };
  // Labels in the page's number format, not uPlot's (the browser's locale).
  const linear = (u, splits, _axis, _space, step) =>
    splits.map((v) => (v == null ? '' : formatTick(v, step)));
  const whole = (u, splits) =>
    splits.map((v) => (v == null || !Number.isInteger(v) ? '' : formatCount(v)));
  // On the log scale: a tick per power of ten (every few when there are
  // many), labelled 10⁻⁸ and so on.
  const logAxis = {
    splits: (u, i, min, max) => {
      const lo = Math.floor(Math.log10(min));
      const hi = Math.ceil(Math.log10(max));
      const every = Math.max(1, Math.ceil((hi - lo) / 6));
      const out = [];
      for (let e = hi; e >= lo; e -= every) out.unshift(10 ** e);
      return out;
    },
    values: (u, splits) =>
      splits.map((v) => (v == null ? '' : formatPowerOfTen(Math.round(Math.log10(v))))),
  };
  const plot = new uPlot(
    {
      width: opts.width,
      height: 260,
      scales: {
        x: { time: false },
        y: opts.log ? { distr: 3 } : { range: (u, min, max) => lossRange(min, max) },
      },
      axes: [
        { ...axis, label: 'step', values: whole },
        { ...axis, label: 'loss', size: 70, values: linear, ...(opts.log ? logAxis : {}) },
      ],
      series: [
        { label: 'step', value: (u, v) => (v == null ? '–' : formatCount(v)) },
        {
          label: 'loss',
          stroke: accent,
          width: 2,
          points: { show: false },
          value: (u, v) => (v == null ? '–' : formatText(v)),
        },
      ],
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
    },
    // uPlot's log scale fails on values much below 1e-20 (its tick tables);
    // smaller losses (and 0) are left
    // out of it. The caller says so under the plot.
    [steps, opts.log ? Array.from(losses, (v) => (v >= LOG_FLOOR ? v : null)) : losses],
    host,
  );
  plot.over.addEventListener('click', () => {
    const idx = plot.cursor.idx;
    if (idx !== null && idx !== undefined) opts.pick(idx);
  });
  return {
    destroy: () => plot.destroy(),
    mark: (step) =>
      plot.setCursor({ left: plot.valToPos(step, 'x'), top: plot.valToPos(losses[step], 'y') }),
  };
}
