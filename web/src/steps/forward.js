// Step 2: the forward pass, layer by layer from the input.
import { formula, m, p, section } from '../render/dom.js';
import { forwardRows, forwardRule } from './shared.js';

export function forwardStep(ctx) {
  const { t, n } = ctx;
  const parts = [];
  for (const k of n.forwardOrder) {
    const out = k === 1 ? m('\\hat y') : m(n.h(k - 1));
    parts.push(
      p`${m(n.W(k))} turns ${m(n.h(k))} into ${out}${k === 1 ? ', the prediction' : ''}. ${n.size(k - 1) > 1 ? 'Each entry is one row' : 'It is the row'} of ${m(n.W(k))} times ${m(n.h(k))}${n.hasBias(k) ? ', plus the bias' : ''}${n.f(k) !== 'identity' ? ', passed through the activation' : ''}:`,
      formula(forwardRule(ctx, k), `Rule for ${k === 1 ? 'the prediction' : 'layer values'}`),
      formula(forwardRows(ctx, k), 'Forward pass, entry by entry'),
    );
    if (n.size(k - 1) > 1) {
      parts.push(formula(`${n.h(k - 1)} = ${t.col(n.paths.h(k - 1))}`, 'Result'));
    }
  }
  return section('step-forward', 'Forward pass', ...parts);
}
