// The update: every weight takes a step of size α against its gradient.
import { formula, m, note, p, section } from '../render/dom.js';
import { TIMES, aligned, row } from './shared.js';

function updateRows(ctx, k) {
  const { t, n } = ctx;
  const P = n.paths;
  const rows = [];
  const step = (lhs, symbol, path, gradPath, nextPath) => {
    t.begin();
    const numeric = `${t.num(path)} - ${t.num('example.lr')} ${TIMES} ${t.num(gradPath, { paren: true })}`;
    rows.push(row(ctx, lhs, `${symbol} - \\alpha ${n.dL(symbol)}`, numeric, t.result(nextPath)));
  };
  for (let i = 0; i < n.size(k - 1); i++) {
    for (let j = 0; j < n.size(k); j++) {
      step(
        n.Wp(k, i, j),
        n.W(k, i, j),
        `${P.W(k)}.${i}.${j}`,
        `${P.dW(k)}.${i}.${j}`,
        `${P.WNext(k)}.${i}.${j}`,
      );
    }
    if (n.hasBias(k)) {
      step(n.bp(k, i), n.b(k, i), `${P.b(k)}.${i}`, `${P.db(k)}.${i}`, `${P.bNext(k)}.${i}`);
    }
  }
  return aligned(rows);
}

export function updateStep(ctx) {
  const { t, n, trace } = ctx;
  const P = n.paths;
  const parts = [
    p`Gradient descent moves each weight against its gradient, scaled by the learning rate ${m(`\\alpha = ${t.num('example.lr')}`)}. A negative gradient means the loss falls as the weight grows, so the weight grows. Primes mark the updated values.`,
    formula(`W'^{(k)} = W^{(k)} - \\alpha ${n.dL('W^{(k)}')}`, 'Update rule'),
  ];
  const overflow = !trace.layers.every(
    (l) => l.WNext.flat().every(Number.isFinite) && l.bNext.every(Number.isFinite),
  );
  if (overflow) {
    parts.push(note`${trace.divergedReason}`);
    return section('step-update', 'Update', ...parts);
  }
  for (const k of n.backwardOrder) {
    parts.push(formula(updateRows(ctx, k), 'Update, entry by entry'));
    parts.push(
      formula(
        `${n.Wp(k)} = ${t.mat(P.WNext(k))}${n.hasBias(k) ? `,\\qquad ${n.bp(k)} = ${t.col(P.bNext(k))}` : ''}`,
        'Updated weights',
      ),
    );
  }
  return section('step-update', 'Update', ...parts);
}
