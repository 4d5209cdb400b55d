// The last step: the forward pass again with the updated weights, and what
// the step changed.
import { formula, m, note, p, section } from '../render/dom.js';
import { constant } from '../render/math.js';
import { aligned, forwardRows, row } from './shared.js';

export function afterStep(ctx) {
  const { t, n, trace } = ctx;
  const parts = [
    p`The same input goes through the network again, now with the updated weights, to see what the step achieved.`,
  ];
  if (!Number.isFinite(trace.after.loss)) {
    parts.push(note`${trace.divergedReason}`);
    return section('step-after', 'Forward pass again', ...parts);
  }
  for (const k of n.forwardOrder) {
    parts.push(formula(forwardRows(ctx, k, true), 'Forward pass with the updated weights'));
  }

  const outputs = [...trace.yHat.keys()];
  const many = outputs.length > 1;
  const sq = `^{${constant('2')}}`;
  t.begin();
  const terms = outputs.map(
    (i) => `(${t.num(`after.yHat.${i}`)} - ${t.num(`example.y.${i}`, { paren: true })})${sq}`,
  );
  const numeric = `${constant('\\tfrac{1}{2}')} ${many ? `\\left(${terms.join(' + ')}\\right)` : terms[0]}`;
  parts.push(formula(aligned([row(ctx, "L'", '', numeric, t.result('after.loss'))]), 'New loss'));

  const moved = outputs.map(
    (i) =>
      `${n.h(0, i)} &\\colon ${t.num(`yHat.${i}`)} \\to ${t.num(`after.yHat.${i}`)} &&(${n.y(i)} = ${t.num(`example.y.${i}`)})`,
  );
  t.begin();
  const lossChange = `L &\\colon ${t.num('loss')} \\to ${t.num('after.loss')} &&L - L' ${t.result('lossDecrease')}`;
  const fell = trace.lossDecrease > 0;
  parts.push(
    p`Before and after the step, against the target:`,
    formula(aligned([...moved, lossChange]), 'Before and after'),
    fell
      ? p`One step lowered the loss by ${m(t.pct('lossDecreaseRelative'))}. Repeating it, with the gradient recomputed each time, is training.`
      : p`The loss rose by ${m(t.pct('lossDecreaseRelative'))}.`,
  );
  if (trace.diverged) parts.push(note`${trace.divergedReason}`);
  return section('step-after', 'Forward pass again', ...parts);
}
