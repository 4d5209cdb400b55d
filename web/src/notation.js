// The page's notation, in one place. Superscripts count layers from the
// output, as in the source of the worked example: for a network of L layers,
// W⁽¹⁾ is the output layer and W⁽ᴸ⁾ the first. Layer k reads h⁽ᵏ⁾ and writes
// h⁽ᵏ⁻¹⁾:
//
//   z⁽ᵏ⁾ = W⁽ᵏ⁾ h⁽ᵏ⁾ + b⁽ᵏ⁾,   h⁽ᵏ⁻¹⁾ = f⁽ᵏ⁾(z⁽ᵏ⁾),   h⁽ᴸ⁾ = x,   h⁽⁰⁾ = ŷ
//
// The trace lists layers in computation order, so page layer k is trace
// layer L − k. This module maps one onto the other, for symbols (TeX) and
// for the paths of values in the trace.
import { idx } from './render/math.js';

/** @param {import('./backprop').Trace} trace */
export function notation(trace) {
  const L = trace.layers.length;
  const at = (k) => L - k;
  const sup = (k) => `^{(${idx(k)})}`;
  const sub = (...i) => (i.length ? `_{${idx(i.map((n) => n + 1).join(''))}}` : '');
  const outputs = trace.yHat.length;
  const outSub = (...i) => (outputs > 1 ? sub(...i) : '');

  return {
    L,
    /** Page layers from the input to the output: L, …, 1. */
    forwardOrder: Array.from({ length: L }, (_, n) => L - n),
    /** Page layers from the output back: 1, …, L. */
    backwardOrder: Array.from({ length: L }, (_, n) => n + 1),
    hasBias: (k) => trace.example.layers[at(k)].b.length > 0,
    f: (k) => trace.example.layers[at(k)].f,
    /** True for a layer that is plain W h: identity, no bias. */
    isLinear: (k) =>
      trace.example.layers[at(k)].f === 'identity' && !trace.example.layers[at(k)].b.length,
    size: (k) =>
      k === L ? trace.example.x.length : k === 0 ? outputs : trace.layers[at(k + 1)].h.length,

    // Symbols. `i`, `j` are 0-based, shown 1-based. The primed forms (Wp, …)
    // name values after the update: W′⁽ᵏ⁾ = W⁽ᵏ⁾ − α ∂L/∂W⁽ᵏ⁾.
    W: (k, ...ij) => `W${sup(k)}${sub(...ij)}`,
    Wp: (k, ...ij) => `W'${sup(k)}${sub(...ij)}`,
    b: (k, ...i) => `b${sup(k)}${sub(...i)}`,
    bp: (k, ...i) => `b'${sup(k)}${sub(...i)}`,
    z: (k, ...i) => `z${sup(k)}${sub(...i)}`,
    zp: (k, ...i) => `z'${sup(k)}${sub(...i)}`,
    delta: (k, ...i) => `\\delta${sup(k)}${sub(...i)}`,
    fn: (k) => `f${sup(k)}`,
    /** h⁽ᵏ⁾; h⁽⁰⁾ is written ŷ (without a subscript when there is one output). */
    h: (k, ...i) => (k === 0 ? `\\hat y${outSub(...i)}` : `h${sup(k)}${sub(...i)}`),
    hp: (k, ...i) => (k === 0 ? `\\hat y'${outSub(...i)}` : `h'${sup(k)}${sub(...i)}`),
    y: (...i) => `y${outSub(...i)}`,
    /** The transpose of a symbol that already has a superscript. */
    T: (symbol) => `{${symbol}}^{\\top}`,
    dL: (symbol) => `\\frac{\\partial L}{\\partial ${symbol}}`,

    // Paths of values in the trace.
    paths: {
      W: (k) => `example.layers.${at(k)}.W`,
      b: (k) => `example.layers.${at(k)}.b`,
      z: (k) => `layers.${at(k)}.z`,
      fprime: (k) => `layers.${at(k)}.fprime`,
      delta: (k) => `layers.${at(k)}.delta`,
      dW: (k) => `layers.${at(k)}.dW`,
      db: (k) => `layers.${at(k)}.db`,
      WNext: (k) => `layers.${at(k)}.WNext`,
      bNext: (k) => `layers.${at(k)}.bNext`,
      h: (k) => (k === L ? 'example.x' : k === 0 ? 'yHat' : `layers.${at(k + 1)}.h`),
      zAfter: (k) => `after.layers.${at(k)}.z`,
      hAfter: (k) =>
        k === L ? 'example.x' : k === 0 ? 'after.yHat' : `after.layers.${at(k + 1)}.h`,
    },
  };
}

/** TeX of an activation applied to an argument. */
export function activationTex(f, arg) {
  switch (f) {
    case 'sigmoid':
      return `\\sigma(${arg})`;
    case 'tanh':
      return `\\tanh(${arg})`;
    case 'relu':
      return `\\operatorname{ReLU}(${arg})`;
    default:
      return arg;
  }
}

/** TeX of the activation's derivative, as a symbol. */
export function derivativeTex(f, arg) {
  switch (f) {
    case 'sigmoid':
      return `\\sigma'(${arg})`;
    case 'tanh':
      return `\\tanh'(${arg})`;
    case 'relu':
      return `\\operatorname{ReLU}'(${arg})`;
    default:
      return `f'(${arg})`;
  }
}

/**
 * The symbol (TeX) of a computed value's path in the trace, in the page's
 * notation: "layers.0.h.1" → h⁽¹⁾₂ in a two-layer network, "loss" → L.
 * @param {ReturnType<typeof notation>} n
 */
export function symbolOf(n, path) {
  if (path.startsWith('example.')) {
    const e = path.split('.').slice(1);
    if (e[0] === 'x') return n.h(n.L, Number(e[1]));
    if (e[0] === 'y') return n.y(Number(e[1]));
    if (e[0] === 'lr') return '\\alpha';
    const k = n.L - Number(e[1]);
    return e[2] === 'W' ? n.W(k, Number(e[3]), Number(e[4])) : n.b(k, Number(e[3]));
  }
  const p = path.split('.');
  const i = Number(p[3]);
  const j = Number(p[4]);
  if (p[0] === 'loss') return 'L';
  if (p[0] === 'yHat') return n.h(0, Number(p[1]));
  if (p[0] === 'dLdyHat') return n.dL(n.h(0, Number(p[1])));
  const k = n.L - Number(p[1]);
  switch (p[2]) {
    case 'z':
      return n.z(k, i);
    case 'h':
      return n.h(k - 1, i);
    case 'fprime':
      return `${n.fn(k)}{}'(${n.z(k, i)})`;
    case 'delta':
      return n.delta(k, i);
    case 'dW':
      return n.dL(n.W(k, i, j));
    case 'db':
      return n.dL(n.b(k, i));
    case 'WNext':
      return n.Wp(k, i, j);
    case 'bNext':
      return n.bp(k, i);
    default:
      return path;
  }
}
