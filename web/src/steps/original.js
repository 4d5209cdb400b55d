// Where the source of the worked example slipped: each slip replayed by the
// core (trace.original), next to the correct step. On another network a slip
// that cannot happen is said not to apply.
import { el, formula, m, note, p, section } from '../render/dom.js';
import { constant } from '../render/math.js';
import { TIMES, aligned, row } from './shared.js';

function slipBox(id, title, ...children) {
  return el('div', { class: 'slip', id }, el('h3', {}, title), ...children);
}

function notApplicable(reason) {
  return p`Does not apply here: ${reason}`;
}

export function originalStep(ctx) {
  const { t, n, trace } = ctx;
  const o = trace.original;
  const P = n.paths;
  const out = trace.yHat.length;
  const hidden = n.size(1);

  // (a) ∂ŷ/∂W⁽¹⁾ taken as W⁽¹⁾ h⁽¹⁾
  const aRows = [];
  const aUpdate = [];
  for (let q = 0; q < out; q++) {
    for (let i = 0; i < hidden; i++) {
      t.begin();
      const numeric = `${t.num(`${P.W(1)}.${q}.${i}`)} ${TIMES} ${t.num(`${P.h(1)}.${i}`, { paren: true })}`;
      aRows.push(
        row(
          ctx,
          `\\text{source: } \\frac{\\partial ${n.h(0, q)}}{\\partial ${n.W(1, q, i)}}`,
          `${n.W(1, q, i)} ${n.h(1, i)}`,
          numeric,
          t.result(`original.aDyDW.${q}.${i}`),
        ),
      );
      t.begin();
      aRows.push(
        row(
          ctx,
          `\\text{correct: } \\frac{\\partial ${n.h(0, q)}}{\\partial ${n.W(1, q, i)}}`,
          n.h(1, i),
          '',
          `= ${t.num(`${P.h(1)}.${i}`)}`,
        ),
      );
      t.begin();
      const update = `${t.num(`${P.W(1)}.${q}.${i}`)} - ${t.num(`original.stepFactor.${q}`, { paren: true })} ${TIMES} ${t.num(`original.aDyDW.${q}.${i}`, { paren: true })}`;
      aUpdate.push(
        row(
          ctx,
          `\\text{source: } ${n.Wp(1, q, i)}`,
          '',
          update,
          t.result(`original.aWNext.${q}.${i}`),
        ),
      );
      t.begin();
      aUpdate.push(
        row(
          ctx,
          `\\text{correct: } ${n.Wp(1, q, i)}`,
          '',
          '',
          `= ${t.num(`${P.WNext(1)}.${q}.${i}`)}`,
        ),
      );
    }
  }
  const slipA = slipBox(
    'slip-a',
    'The extra weight in the gradient of the output layer',
    p`In the chain rule for ${m(n.W(1))} the source took the derivative of ${m(`${n.W(1, 0, 0)} ${n.h(1, 0)}`)} with respect to ${m(n.W(1, 0, 0))} to be ${m(`${n.W(1, 0, 0)} ${n.h(1, 0)}`)} itself. The derivative of a product with respect to one factor is the other factor alone: ${m(n.h(1, 0))}.`,
    formula(aligned(aRows), 'Slip (a), the derivative'),
    formula(aligned(aUpdate), 'Slip (a), the update'),
    o.stepFactorRounded
      ? p`The source worked out ${m('\\alpha(\\hat y - y)')} by hand and rounded it to ${m(t.num('original.stepFactor.0'))} before multiplying; the replay does the same, so its numbers are the printed ones to the last digit.`
      : null,
    p`The gradient check catches it: the slipped gradient's relative error is ${m(t.num('original.aMaxRelativeError'))}, far above ${m(constant('10^{-6}'))}.`,
  );

  // (b) the W⁽²⁾ gradient added transposed
  let slipB;
  if (!o.b.applies) {
    slipB = slipBox(
      'slip-b',
      'The gradient of the hidden layer, transposed',
      notApplicable(o.b.reason),
    );
  } else {
    slipB = slipBox(
      'slip-b',
      'The gradient of the hidden layer, transposed',
      p`For ${m(n.W(2))} the source computed the right gradient, laid out with one row per neuron of the layer. But it wrote ${m(n.W(2))} itself with one row per input, and subtracted the two entry by entry, so each weight off the diagonal received the gradient of its mirror image. What it printed, rows as it wrote them, then the same in this page's orientation, and the correct update:`,
      formula(
        aligned([
          `\\text{printed: } & ${t.mat('original.bWNextSource')}`,
          `\\text{source, this page's rows: } ${n.Wp(2)} &= ${t.mat('original.bWNext')}`,
          `\\text{correct: } ${n.Wp(2)} &= ${t.mat(P.WNext(2))}`,
        ]),
        'Slip (b)',
      ),
      p`As a gradient, the transposed matrix fails the check wherever it differs from the true one: relative error up to ${m(t.num('original.bMaxRelativeError'))}.`,
    );
  }

  // (c) the last forward pass reads W⁽²⁾ the other way round
  let slipC;
  if (!o.c.applies) {
    slipC = slipBox(
      'slip-c',
      'The last forward pass, read the other way round',
      notApplicable(o.c.reason),
    );
  } else {
    const hRows = [...Array(hidden).keys()].map((i) => {
      t.begin();
      const numeric = [...Array(n.size(2)).keys()]
        .map(
          (j) =>
            `${t.num(`original.bWNext.${j}.${i}`)} ${TIMES} ${t.num(`example.x.${j}`, { paren: true })}`,
        )
        .join(' + ');
      return row(ctx, `\\text{source: } ${n.hp(1, i)}`, '', numeric, t.result(`original.cH.${i}`));
    });
    const yRows = [...Array(out).keys()].map((q) => {
      t.begin();
      const numeric = [...Array(hidden).keys()]
        .map(
          (i) =>
            `${t.num(`original.aWNext.${q}.${i}`)} ${TIMES} ${t.num(`original.cH.${i}`, { paren: true })}`,
        )
        .join(' + ');
      return row(
        ctx,
        `\\text{source: } ${n.hp(0, q)}`,
        '',
        numeric,
        t.result(`original.cYHat.${q}`),
      );
    });
    const correct = [...Array(out).keys()].map(
      (q) => `\\text{correct: } ${n.hp(0, q)} &= ${t.num(`after.yHat.${q}`)}`,
    );
    slipC = slipBox(
      'slip-c',
      'The last forward pass, read the other way round',
      p`Its first forward pass multiplied ${m(n.W(2))} as this page does, one row per hidden neuron. Its last one read the updated matrix as it had written it, one row per input: ${m(`${n.hp(1)} = {${n.Wp(2)}}^{\\top} x`)}.`,
      formula(aligned([...hRows, ...yRows, ...correct]), 'Slip (c)'),
      out === 1
        ? p`The source called its ${m(t.num('original.cYHat.0'))} about ${m(t.pct('original.cYHatChangeRelative'))} better than ${m(t.num('yHat.0'))}, and took that as a sign the update worked. The correct step moves the prediction to ${m(t.num('after.yHat.0'))} and lowers the loss by ${m(t.pct('lossDecreaseRelative'))}.`
        : null,
    );
  }

  return section(
    'step-original',
    'Where the source slipped',
    p`This example comes from a blog post whose update went wrong in three places. The core replays each slip exactly as the post computed it, so the printed numbers appear here, computed, next to the correct ones; change the example and both follow.`,
    slipA,
    slipB,
    slipC,
    note`The math on the rest of this page is the correct one, confirmed by the gradient check.`,
  );
}
