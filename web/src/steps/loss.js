// Step 3: the loss, and its derivative that starts the backward pass.
import { formula, m, p, section } from '../render/dom.js';
import { constant } from '../render/math.js';
import { aligned, row } from './shared.js';

export function lossStep(ctx) {
  const { t, n, trace } = ctx;
  const outputs = [...trace.yHat.keys()];
  const many = outputs.length > 1;
  const half = constant('\\tfrac{1}{2}');
  const sq = `^{${constant('2')}}`;
  const sum = (terms) => (many ? `\\left(${terms.join(' + ')}\\right)` : terms[0]);

  const symbolic = many ? `${half} \\sum_i (\\hat y_i - y_i)${sq}` : `${half} (\\hat y - y)${sq}`;
  const differences = sum(
    outputs.map(
      (i) => `(${t.num(`yHat.${i}`)} - ${t.num(`example.y.${i}`, { paren: true })})${sq}`,
    ),
  );
  t.begin();
  const errors = sum(outputs.map((i) => `${t.num(`dLdyHat.${i}`, { paren: true })}${sq}`));
  const loss = row(
    ctx,
    'L',
    symbolic,
    `${half} ${differences} = ${half} ${errors}`,
    t.result('loss'),
  );

  const gradient = outputs.map((i) => {
    t.begin();
    const numeric = `${t.num(`yHat.${i}`)} - ${t.num(`example.y.${i}`, { paren: true })}`;
    return row(ctx, n.dL(n.h(0, i)), `${n.h(0, i)} - ${n.y(i)}`, numeric, t.result(`dLdyHat.${i}`));
  });

  return section(
    'step-loss',
    'Loss',
    p`The loss measures how far the prediction is from the target: half the squared error${many ? ', summed over the outputs' : ''}. The half is there so that its derivative is simply the error ${m('\\hat y - y')}.`,
    formula(aligned([loss]), 'Loss'),
    p`Its derivative with respect to the prediction is where the backward pass starts:`,
    formula(aligned(gradient), 'Derivative of the loss'),
  );
}
