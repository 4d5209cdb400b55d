// The last step: the forward pass again with the updated weights, and what
// the step changed.
import { formula, m, note, p, section } from '../render/dom.js';
import { constant } from '../render/math.js';
import { forwardRows } from './shared.js';

export function afterStep(ctx) {
  const { t, n, trace } = ctx;
  const P = n.paths;
  const finite = Number.isFinite(trace.after.loss);
  const parts = [
    p`The same input goes through the network again, now with the updated weights, to see what the step achieved.`,
  ];
  if (!finite) {
    parts.push(note`${trace.divergedReason}`);
    return section('step-after', 'Forward pass again', ...parts);
  }
  for (const k of n.forwardOrder)
    parts.push(formula(forwardRows(ctx, k, true), 'Forward pass with updated weights'));

  const outputs = [...trace.yHat.keys()];
  const sq = `^{${constant('2')}}`;
  const diff = outputs
    .map((i) => `(${t.num(`after.yHat.${i}`)} - ${t.num(`example.y.${i}`, { paren: true })})${sq}`)
    .join(' + ');
  parts.push(
    formula(
      `L' = ${constant('\\tfrac{1}{2}')} ${outputs.length > 1 ? `\\left(${diff}\\right)` : diff} = ${t.num('after.loss')}`,
      'New loss',
    ),
  );

  const moved = outputs.map(
    (i) =>
      `${n.h(0, i)}: ${t.num(`yHat.${i}`)} \\to ${t.num(`after.yHat.${i}`)} \\quad (${n.y(i)} = ${t.num(`example.y.${i}`)})`,
  );
  const fell = trace.lossDecrease > 0;
  parts.push(
    p`Before and after the step, against the target:`,
    formula(`\\begin{aligned}${moved.join('\\\\')}\\end{aligned}`, 'Prediction before and after'),
    formula(
      `L: ${t.num('loss')} \\to ${t.num('after.loss')}, \\qquad L - L' = ${t.num('lossDecrease')}`,
      'Loss before and after',
    ),
    fell
      ? p`One step lowered the loss by ${m(t.pct('lossDecreaseRelative'))}. Repeating it, with the gradient recomputed each time, is training.`
      : p`The loss rose by ${m(t.pct('lossDecreaseRelative'))}.`,
  );
  if (trace.diverged) parts.push(note`${trace.divergedReason}`);
  return section('step-after', 'Forward pass again', ...parts);
}
