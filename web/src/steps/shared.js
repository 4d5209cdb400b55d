// Pieces of TeX that more than one step writes.
import { activationTex } from '../notation.js';

export const TIMES = '\\cdot';

/** Aligned rows. */
export const aligned = (rows) => `\\begin{aligned}${rows.join('\\\\')}\\end{aligned}`;

/**
 * One aligned row "lhs = symbolic = numbers = result"; on a narrow screen the
 * numbers go on a line of their own. `result` comes from t.result().
 */
export function row(ctx, lhs, symbolic, numeric, result) {
  const computed = numeric ? `= ${numeric} ${result}` : result;
  if (!symbolic) return `${lhs} &${computed}`;
  return `${lhs} &= ${symbolic} ${ctx.narrow ? '\\\\ &' : ''}${computed}`;
}

/**
 * The element-by-element forward pass of page layer k, as aligned TeX rows:
 * z_i = Σ_j W_ij h_j + b_i = numbers = value, then h = f(z) when f is not the
 * identity. With `after`, the updated weights and the second forward pass.
 * @param {{t: ReturnType<import('../render/math.js').texFor>, n: ReturnType<import('../notation.js').notation>}} ctx
 */
export function forwardRows(ctx, k, after = false) {
  const { t, n } = ctx;
  const P = n.paths;
  const W = after ? n.Wp : n.W;
  const bSym = after ? n.bp : n.b;
  const Wpath = after ? P.WNext(k) : P.W(k);
  const bpath = after ? P.bNext(k) : P.b(k);
  const hIn = after && k !== n.L ? n.hp : n.h;
  const hOut = after ? n.hp : n.h;
  const zSym = after ? n.zp : n.z;
  const hInPath = after ? P.hAfter(k) : P.h(k);
  const zPath = after ? P.zAfter(k) : P.z(k);
  const hOutPath = after ? P.hAfter(k - 1) : P.h(k - 1);
  const linear = n.isLinear(k);
  const f = n.f(k);
  const rows = [];
  for (let i = 0; i < n.size(k - 1); i++) {
    const js = [...Array(n.size(k)).keys()];
    const symbolic = js.map((j) => `${W(k, i, j)} ${hIn(k, j)}`);
    t.begin();
    const numeric = js.map(
      (j) =>
        `${t.num(`${Wpath}.${i}.${j}`, { paren: true })} ${TIMES} ${t.num(`${hInPath}.${j}`, { paren: true })}`,
    );
    if (n.hasBias(k)) {
      symbolic.push(bSym(k, i));
      numeric.push(t.num(`${bpath}.${i}`, { paren: true }));
    }
    const lhs = linear ? hOut(k - 1, i) : zSym(k, i);
    const result = t.result(linear ? `${hOutPath}.${i}` : `${zPath}.${i}`);
    rows.push(row(ctx, lhs, symbolic.join(' + '), numeric.join(' + '), result));
    if (!linear) {
      t.begin();
      const arg = activationTex(f, t.num(`${zPath}.${i}`));
      rows.push(
        row(ctx, hOut(k - 1, i), activationTex(f, zSym(k, i)), arg, t.result(`${hOutPath}.${i}`)),
      );
    }
  }
  return aligned(rows);
}

/** The symbolic rule of page layer k: h⁽ᵏ⁻¹⁾ = f(W⁽ᵏ⁾ h⁽ᵏ⁾ + b⁽ᵏ⁾). */
export function forwardRule(ctx, k) {
  const { n } = ctx;
  const sum = `${n.W(k)} ${n.h(k)}${n.hasBias(k) ? ` + ${n.b(k)}` : ''}`;
  if (n.isLinear(k)) return `${n.h(k - 1)} = ${sum}`;
  return `${n.z(k)} = ${sum}, \\qquad ${n.h(k - 1)} = ${activationTex(n.f(k), n.z(k))}`;
}
