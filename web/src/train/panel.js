// Training: many steps in one call into the core, the loss curve, and any
// step of it opened in the walkthrough. The panel lives outside the
// re-rendered steps, so its curve survives edits elsewhere until the example
// it was trained from changes.
import { el } from '../render/dom.js';
import { formatCount, formatPowerOfTen, formatText } from '../render/format.js';
import { nextTask } from '../render/sections.js';

export const MAX_STEPS = 100_000;

/**
 * @param {{
 *   train: (config: import('../backprop').ExampleConfig, steps: number) => import('../backprop').TrainResult,
 *   config: () => import('../backprop').ExampleConfig,
 *   open: (config: import('../backprop').ExampleConfig) => void,
 * }} app
 */
export function createTrainPanel(app) {
  const steps = el('input', {
    id: 'train-steps',
    type: 'number',
    min: '1',
    max: String(MAX_STEPS),
    step: '1',
    value: '1000',
    inputmode: 'numeric',
    'aria-describedby': 'train-message',
  });
  const log = el('input', { id: 'train-log', type: 'checkbox', checked: true });
  const run = el('button', { type: 'button', id: 'train-run' }, 'Train');
  const message = el('p', {
    id: 'train-message',
    class: 'field-error',
    'data-message': '',
    hidden: true,
  });
  const summary = el('p', { id: 'train-summary', 'aria-live': 'polite' });
  const plotHost = el('div', { id: 'train-plot', class: 'plot' });
  const floorNote = el(
    'p',
    { class: 'plot-note', hidden: true },
    'On the log scale, losses below ',
    el('span', { 'data-const': '' }, formatPowerOfTen(-20)), // LOG_FLOOR, in plot.js
    ' are left out.',
  );
  const pickInput = el('input', {
    id: 'train-pick',
    type: 'number',
    min: '0',
    step: '1',
    value: '0',
    inputmode: 'numeric',
  });
  const pickButton = el('button', { type: 'button', id: 'train-open' }, 'Open in the walkthrough');
  const pickUnit = el('span', {}, ' training steps ');
  const sayUnit = () =>
    (pickUnit.textContent =
      pickInput.value.trim() === '1' ? ' training step ' : ' training steps ');
  pickInput.addEventListener('input', sayUnit);
  const picker = el(
    'p',
    { class: 'train-pick', hidden: true },
    el('label', { for: 'train-pick' }, 'Walk through the step after '),
    pickInput,
    pickUnit,
    pickButton,
  );

  const root = el(
    'div',
    { class: 'train' },
    el(
      'p',
      {},
      'Training repeats the step, each time from the weights the last one left. Run up to ',
      count(MAX_STEPS),
      ' steps in one call into the core, then click the curve (or enter a step below) to open any step of the run in the walkthrough above.',
    ),
    el(
      'div',
      { class: 'train-controls' },
      el('label', { for: 'train-steps' }, 'Steps '),
      steps,
      el('label', { class: 'check-label' }, log, ' log scale'),
      run,
    ),
    message,
    summary,
    plotHost,
    floorNote,
    picker,
  );

  let trainedFrom = null; // the configuration the curve belongs to
  let curve = null;
  let plot = null;
  let loading = null;

  function fail(text) {
    message.textContent = text;
    message.hidden = !text;
  }

  // The plot's code (uPlot) is fetched and run once the panel is near the
  // screen, or a pointer or the focus reaches it: running it sets up the
  // browser's number and date formats, tens of milliseconds a click on
  // Train need not wait for.
  const loadPlot = () =>
    (loading ??= import('./plot.js').catch((error) => {
      loading = null; // the next draw tries again
      throw error;
    }));
  const near = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      near.disconnect();
      loadPlot().catch(() => {}); // a draw says so
    },
    { rootMargin: '50% 0px' },
  );
  near.observe(root);
  for (const type of ['pointerover', 'focusin']) {
    root.addEventListener(type, () => loadPlot().catch(() => {}), { once: true, passive: true });
  }

  let draws = 0;
  async function draw() {
    const draw = ++draws;
    plot?.destroy();
    plot = null;
    if (!curve) return;
    let module;
    try {
      module = await loadPlot();
    } catch {
      if (draw === draws)
        fail('The loss curve could not be drawn: its code did not load. Train again to retry.');
      return;
    }
    const { drawLoss, LOG_FLOOR } = module;
    // The curve in a task of its own, after the one that trained.
    await nextTask();
    // a later draw (or none: the curve was forgotten) won while plot.js loaded
    if (draw !== draws || !curve) return;
    floorNote.hidden = !log.checked || !curve.losses.some((v) => v < LOG_FLOOR);
    plot = drawLoss(plotHost, curve.losses, {
      log: log.checked,
      width: Math.max(280, plotHost.clientWidth || root.clientWidth || 600),
      pick: (s) => openStep(s),
    });
  }

  function openStep(s) {
    if (!curve || !Number.isInteger(s) || s < 0 || s > curve.steps) {
      pickInput.setAttribute('aria-invalid', 'true');
      fail(`Enter a whole number of steps from 0 to ${formatCount(curve ? curve.steps : 0)}.`);
      return;
    }
    pickInput.setAttribute('aria-invalid', 'false');
    fail('');
    pickInput.value = String(s);
    sayUnit();
    const r = s === 0 ? { ok: true, example: trainedFrom } : app.train(trainedFrom, s);
    if (!r.ok) return fail(r.error);
    app.open(r.example);
    plot?.mark(s);
    summary.dataset.showing = String(s);
  }

  run.addEventListener('click', async () => {
    const n = Number(steps.value);
    if (!Number.isInteger(n) || n < 1 || n > MAX_STEPS) {
      fail(`Enter a whole number of steps from 1 to ${formatCount(MAX_STEPS)}.`);
      steps.setAttribute('aria-invalid', 'true');
      return;
    }
    steps.setAttribute('aria-invalid', 'false');
    fail('');
    trainedFrom = app.config();
    const r = app.train(trainedFrom, n);
    if (!r.ok) return fail(r.error);
    curve = r;
    summarise();
    pickInput.max = String(r.steps);
    picker.hidden = false;
    await draw();
  });

  function summarise() {
    const last = curve.losses.length - 1;
    summary.replaceChildren(
      count(curve.steps),
      curve.steps === 1 ? ' step: the loss went from ' : ' steps: the loss went from ',
      number('train.losses.0', curve.losses[0]),
      ' to ',
      number(`train.losses.${last}`, curve.losses[last]),
      '.',
      curve.diverged ? ` ${curve.divergedReason}` : '',
    );
    summary.classList.toggle('note', curve.diverged);
  }
  log.addEventListener('change', draw);
  // An empty field (or one a number input could not read) is no step, not 0.
  const picked = () => (pickInput.value.trim() === '' ? NaN : Number(pickInput.value));
  pickButton.addEventListener('click', () => openStep(picked()));
  pickInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') openStep(picked());
  });

  return {
    root,
    /** Writes the curve again, in the number format and colours now in use. */
    refresh() {
      if (!curve) return;
      summarise();
      draw();
    },
    /** Forgets the curve when the example it was trained from is edited. */
    invalidate() {
      if (!curve) return;
      curve = null;
      trainedFrom = null;
      plot?.destroy();
      plot = null;
      picker.hidden = true;
      summary.replaceChildren('The example changed: train again to see its curve.');
    },
  };
}

/** A traced number outside KaTeX. */
function number(path, value) {
  return el(
    'span',
    { 'data-trace': path, 'data-value': String(value), class: 'num' },
    formatText(value),
  );
}

/** A count (not a computed value): marked so, like the indices in symbols. */
function count(n) {
  return el('span', { 'data-index': String(n) }, formatCount(n));
}
