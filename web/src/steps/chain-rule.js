// Steps 4…: the chain rule for each weight matrix, from the output back.
// δ⁽ᵏ⁾ = ∂L/∂z⁽ᵏ⁾ is the error signal of layer k; ∂L/∂W⁽ᵏ⁾ = δ⁽ᵏ⁾ h⁽ᵏ⁾ᵀ.
import { formula, m, p, section } from '../render/dom.js';
import { derivativeTex } from '../notation.js';
import { constant } from '../render/math.js';
import { drawNetwork } from '../render/diagram.js';
import { TIMES, aligned, row } from './shared.js';

const range = (n) => [...Array(n).keys()];

/** Rows f'(z_i) = value, for a layer whose activation is not the identity. */
function derivativeRows(ctx, k) {
  const { t, n } = ctx;
  const P = n.paths;
  const f = n.f(k);
  return range(n.size(k - 1)).map((i) => {
    t.begin();
    const numeric = derivativeTex(f, t.num(`${P.z(k)}.${i}`));
    return row(ctx, derivativeTex(f, n.z(k, i)), '', numeric, t.result(`${P.fprime(k)}.${i}`));
  });
}

/** Rows δ_i = … = value. */
function deltaRows(ctx, k) {
  const { t, n } = ctx;
  const P = n.paths;
  const identity = n.f(k) === 'identity';
  const fp = (i) => ` ${TIMES} ${identity ? constant('1') : derivativeTex(n.f(k), n.z(k, i))}`;
  return range(n.size(k - 1)).map((i) => {
    t.begin();
    const fpNum = identity ? '' : ` ${TIMES} ${t.num(`${P.fprime(k)}.${i}`, { paren: true })}`;
    let symbolic;
    let numeric;
    if (k === 1) {
      symbolic = `(${n.h(0, i)} - ${n.y(i)})${fp(i)}`;
      numeric = `${t.num(`dLdyHat.${i}`, { paren: true })}${identity ? ` ${TIMES} ${constant('1')}` : fpNum}`;
    } else {
      const ms = range(n.size(k - 2));
      const wrap = (s) => (ms.length === 1 && identity ? s : `\\left(${s}\\right)`);
      symbolic = `${wrap(ms.map((q) => `${n.W(k - 1, q, i)} ${n.delta(k - 1, q)}`).join(' + '))}${identity ? '' : fp(i)}`;
      numeric = `${wrap(
        ms
          .map(
            (q) =>
              `${t.num(`${P.W(k - 1)}.${q}.${i}`, { paren: true })} ${TIMES} ${t.num(`${P.delta(k - 1)}.${q}`, { paren: true })}`,
          )
          .join(' + '),
      )}${fpNum}`;
    }
    return row(ctx, n.delta(k, i), symbolic, numeric, t.result(`${P.delta(k)}.${i}`));
  });
}

/**
 * Rows ∂L/∂W_ij = δ_i h_j = … = value. With `expanded` (the second layer of a
 * linear network with one output), the source's form (ŷ − y) W⁽¹⁾₁ᵢ h_j with
 * its numbers instead.
 */
function gradientRows(ctx, k, expanded) {
  const { t, n } = ctx;
  const P = n.paths;
  const rows = [];
  for (const i of range(n.size(k - 1))) {
    for (const j of range(n.size(k))) {
      t.begin();
      const h = t.num(`${P.h(k)}.${j}`, { paren: true });
      const symbolic = expanded
        ? `(\\hat y - y)\\, ${n.W(1, 0, i)} ${n.h(k, j)}`
        : `${n.delta(k, i)} ${n.h(k, j)}`;
      const numeric = expanded
        ? `${t.num('dLdyHat.0', { paren: true })} ${TIMES} ${t.num(`${P.W(1)}.0.${i}`, { paren: true })} ${TIMES} ${h}`
        : `${t.num(`${P.delta(k)}.${i}`, { paren: true })} ${TIMES} ${h}`;
      rows.push(row(ctx, n.dL(n.W(k, i, j)), symbolic, numeric, t.result(`${P.dW(k)}.${i}.${j}`)));
    }
  }
  return rows;
}

/**
 * When every layer from the output down to k is the identity and there is
 * one output, δ⁽ᵏ⁾ = (ŷ − y) W⁽ᵏ⁻¹⁾ᵀ ⋯ W⁽¹⁾ᵀ: the closed form the source writes.
 */
function closedForm(ctx, k) {
  const { n, trace } = ctx;
  if (trace.yHat.length !== 1) return null;
  for (let q = 1; q <= k; q++) if (n.f(q) !== 'identity') return null;
  const Ws = [];
  for (let q = k - 1; q >= 1; q--) Ws.push(n.T(n.W(q)));
  return `(\\hat y - y)\\, ${Ws.join(' ')} ${n.T(n.h(k))}`;
}

export function chainRuleStep(ctx, k) {
  const { t, n } = ctx;
  const P = n.paths;
  const identity = n.f(k) === 'identity';
  const fprime = ` \\odot ${n.fn(k)}{}'(${n.z(k)})`;
  const deltaRule =
    k === 1
      ? `${n.delta(1)} = ${n.dL(n.z(1))} = ${n.dL('\\hat y')}${fprime} = (\\hat y - y)${identity ? ` ${TIMES} ${constant('1')}` : fprime}`
      : `${n.delta(k)} = ${n.dL(n.z(k))} = \\left(${n.T(n.W(k - 1))} ${n.delta(k - 1)}\\right)${identity ? '' : fprime}`;
  const closed = closedForm(ctx, k);
  const gradRule = `${n.dL(n.W(k))} = ${n.delta(k)}\\, ${n.T(n.h(k))}${closed ? ` = ${closed}` : ''}`;

  const intro =
    k === 1
      ? p`${m(n.W(1))} reaches the loss only through the prediction. The chain rule multiplies the local derivatives along that path: how ${m('L')} changes with ${m('\\hat y')}, how ${m('\\hat y')} changes with ${m(n.z(1))}${identity ? [' (by ', m(constant('1')), ': the output layer is linear)'] : ''}, and how ${m(n.z(1, 0))} changes with a weight ${m(n.W(1, 0, 0))} (by the value it multiplies, ${m(n.h(1, 0))}). The first two together are the output's error signal ${m(n.delta(1))}:`
      : p`${m(n.W(k))} reaches the loss through every neuron of the layers above it. Backpropagation does not expand each path: it carries the error signal back one layer. Each neuron ${m('i')} of this layer collects the ${m(n.delta(k - 1))} of the neurons it feeds, weighted by the weights that connect them (column ${m('i')} of ${m(n.W(k - 1))}, hence the transpose)${identity ? '; the layer is linear, so there is no activation derivative to multiply by' : `, and multiplies by its own activation's derivative`}:`;

  const parts = [
    intro,
    formula(deltaRule, 'Error signal, rule'),
    identity ? null : formula(aligned(derivativeRows(ctx, k)), 'Activation derivatives'),
    formula(aligned(deltaRows(ctx, k)), 'Error signal, entry by entry'),
    p`A weight ${m(n.W(k, 0, 0))} enters the loss only through ${m(n.z(k, 0))}, where it multiplies ${m(n.h(k, 0))}. So its gradient is the error signal of its neuron times the value on its input:`,
    formula(gradRule, 'Gradient, rule'),
    formula(aligned(gradientRows(ctx, k, k === 2 && closed !== null)), 'Gradient, entry by entry'),
    formula(`${n.dL(n.W(k))} = ${t.mat(P.dW(k))}`, 'Gradient, as a matrix'),
    drawNetwork(ctx, { gradients: k }),
  ];
  if (n.hasBias(k)) {
    parts.push(
      p`A bias adds directly to ${m(n.z(k))}, so its gradient is the error signal itself:`,
      formula(`${n.dL(n.b(k))} = ${n.delta(k)} = ${t.col(P.db(k))}`, 'Bias gradient'),
    );
  }
  return section(`step-chain-${k}`, [`Chain rule for `, m(n.W(k))], ...parts.filter(Boolean));
}
