// Step 3: the loss, and its derivative that starts the backward pass.
import { formula, m, p, section } from '../render/dom.js';
import { constant } from '../render/math.js';

export function lossStep(ctx) {
  const { t, n, trace } = ctx;
  const outputs = [...trace.yHat.keys()];
  const half = constant('\\tfrac{1}{2}');
  const sq = `^{${constant('2')}}`;
  const symbolic =
    outputs.length > 1 ? `${half} \\sum_i (\\hat y_i - y_i)${sq}` : `${half} (\\hat y - y)${sq}`;
  const diff = outputs
    .map((i) => `(${t.num(`yHat.${i}`)} - ${t.num(`example.y.${i}`, { paren: true })})${sq}`)
    .join(' + ');
  const err = outputs.map((i) => `${t.num(`dLdyHat.${i}`, { paren: true })}${sq}`).join(' + ');
  const grad = outputs.map(
    (i) =>
      `${n.dL(n.h(0, i))} &= ${n.h(0, i)} - ${n.y(i)} = ${t.num(`yHat.${i}`)} - ${t.num(`example.y.${i}`, { paren: true })} = ${t.num(`dLdyHat.${i}`)}`,
  );
  return section(
    'step-loss',
    'Loss',
    p`The loss measures how far the prediction is from the target: half the squared error. The half is there so that its derivative is simply the error ${m('\\hat y - y')}.`,
    formula(
      `L = ${symbolic} = ${half} ${outputs.length > 1 ? `\\left(${diff}\\right)` : diff} = ${half} ${outputs.length > 1 ? `\\left(${err}\\right)` : err} = ${t.num('loss')}`,
      'Loss',
    ),
    p`Its derivative with respect to the prediction is where the backward pass starts:`,
    formula(`\\begin{aligned}${grad.join('\\\\')}\\end{aligned}`, 'Derivative of the loss'),
  );
}
