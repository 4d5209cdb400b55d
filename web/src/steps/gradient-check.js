// Checking the gradients: every analytic gradient next to its central-
// difference estimate, from the core's gradient check.
import { el, formula, m, note, p, section } from '../render/dom.js';
import { constant } from '../render/math.js';

/** Below this relative error a gradient counts as confirmed. */
const AGREE = 1e-6;

export function gradientCheckStep(ctx) {
  const { t, n, trace } = ctx;
  const check = trace.check;
  const rows = check.entries.map((e, i) => {
    const k = n.L - e.layer;
    const symbol = e.isBias ? n.b(k, e.row) : n.W(k, e.row, e.col);
    const path = `check.entries.${i}`;
    return el(
      'tr',
      {},
      el('th', { scope: 'row' }, m(symbol)),
      el('td', {}, m(t.num(`${path}.analytic`, { decimals: 8 }))),
      el('td', {}, m(t.num(`${path}.numeric`, { decimals: 8 }))),
      el('td', {}, m(t.num(`${path}.relativeError`, { floor: 1e-10 }))),
    );
  });
  const agree = check.maxRelativeError < AGREE;
  return section(
    'step-check',
    'Check the gradients',
    p`Backpropagation is easy to get subtly wrong: a missing factor or a transposed matrix still produces numbers, and training with them can even seem to work. Practitioners catch such bugs with a numerical check. Nudge one weight ${m('\\theta')} up and down by a tiny ${m('\\varepsilon')}, run the forward pass each time, and take the slope of the loss. That needs no calculus, only forward passes, so it cannot share a mistake with the backward pass. Where the two agree to a relative error of about ${m(constant('10^{-6}'))} or better, the gradient is right; an error near ${m(constant('1'))} means a wrong formula.`,
    formula(
      `\\frac{\\partial L}{\\partial \\theta} \\approx \\frac{L(\\theta + \\varepsilon) - L(\\theta - \\varepsilon)}{${constant('2')}\\varepsilon}, \\qquad \\varepsilon = ${t.num('check.epsilon')}`,
      'Central difference',
    ),
    el(
      'div',
      { class: 'table-wrap', tabindex: '0', role: 'group', 'aria-label': 'Gradient check' },
      el(
        'table',
        { class: 'check' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, 'Weight'),
            el('th', { scope: 'col' }, 'Backpropagation'),
            el('th', { scope: 'col' }, 'Central difference'),
            el('th', { scope: 'col' }, 'Relative error'),
          ),
        ),
        el('tbody', {}, rows),
      ),
    ),
    agree
      ? p`The largest relative error is ${m(t.num('check.maxRelativeError', { floor: 1e-10 }))}: every gradient of the backward pass is confirmed.`
      : note`The largest relative error is ${m(t.num('check.maxRelativeError'))}. The formulas are right (they are the same for every example), so a large error here means the loss is not smooth at this point: a ReLU input sits at or near zero, where its slope jumps, or the numbers are so large that rounding swamps the nudge.`,
  );
}
