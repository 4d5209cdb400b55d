// The page: load the core once, ask it for the worked example and its trace,
// render every step from the trace.
import 'katex/dist/katex.min.css';
import '../styles/main.css';
import { loadCore, trainStep } from './core.js';
import { el } from './render/dom.js';
import { formatFull } from './render/format.js';
import { texFor } from './render/math.js';
import { installTooltips } from './render/tooltip.js';
import { notation } from './notation.js';
import { networkStep } from './steps/network.js';
import { forwardStep } from './steps/forward.js';
import { lossStep } from './steps/loss.js';
import { chainRuleStep } from './steps/chain-rule.js';
import { updateStep } from './steps/update.js';
import { afterStep } from './steps/after.js';

const walkthrough = document.getElementById('walkthrough');
const status = document.getElementById('status');

/** Every section of the walkthrough for one trace, in page order. */
function sections(trace) {
  const narrow = window.matchMedia('(max-width: 40rem)').matches;
  const ctx = { trace, t: texFor(trace), n: notation(trace), narrow };
  return [
    networkStep(ctx),
    forwardStep(ctx),
    lossStep(ctx),
    ...ctx.n.backwardOrder.map((k) => chainRuleStep(ctx, k)),
    updateStep(ctx),
    afterStep(ctx),
  ];
}

function render(trace) {
  if (!trace.ok) {
    status.replaceChildren(el('p', { class: 'error', role: 'alert' }, trace.error));
    return;
  }
  walkthrough.replaceChildren(...sections(trace));
  walkthrough.setAttribute('aria-busy', 'false');
  document.documentElement.dataset.ready = 'true';
}

async function start() {
  installTooltips(
    walkthrough,
    document.getElementById('value-tip'),
    document.getElementById('announce'),
    formatFull,
  );
  try {
    const core = await loadCore();
    render(trainStep(core, core.workedExample()));
  } catch (error) {
    status.replaceChildren(
      el(
        'p',
        { class: 'error', role: 'alert' },
        `The calculation engine could not start: ${error.message}`,
      ),
    );
  }
}

start();
