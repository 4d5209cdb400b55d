// Property tests of the built module on random networks (1–4 layers of 1–4
// neurons, every activation, with and without biases) and random values:
// ordinary, extreme (±1e300, 1e-300, −0, the largest and smallest doubles)
// and non-finite (NaN, ±Infinity). The promises kept:
//   - trainStep, gradientCheck and train never throw;
//   - each returns either a result of the right shape (ok) or an error value
//     (not ok, with a message and the field at fault);
//   - a non-finite number anywhere is an error naming its field;
//   - where the loss is smooth, the analytic gradient is the numeric one.
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { loadModule } from './load.js';

const core = await loadModule();

// Each property takes a second or two on an idle machine; room for a busy one.
vi.setConfig({ testTimeout: 60_000 });

const ACTIVATIONS = ['identity', 'sigmoid', 'tanh', 'relu'];

// ------------------------------------------------------------ arbitraries

const nonFinite = fc.constantFrom(NaN, Infinity, -Infinity);
const extreme = fc.constantFrom(
  1e300,
  -1e300,
  1e-300,
  -1e-300,
  0,
  -0,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e154,
  -1e154,
);
const moderate = fc.double({ min: -4, max: 4, noNaN: true });
const finite = fc.oneof(
  { arbitrary: moderate, weight: 4 },
  { arbitrary: extreme, weight: 1 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
);
const anyNumber = fc.oneof({ arbitrary: finite, weight: 10 }, { arbitrary: nonFinite, weight: 1 });

const vector = (value, n) => fc.array(value, { minLength: n, maxLength: n });

/**
 * A well-shaped config: sizes[0] inputs, then one layer per further size.
 * `bias` says whether a layer has b (absent, empty or one per neuron).
 */
function configOf(value, { lr = value, sizes = fc.integer({ min: 1, max: 4 }) } = {}) {
  return fc.array(sizes, { minLength: 2, maxLength: 5 }).chain((n) =>
    fc.record({
      x: vector(value, n[0]),
      y: vector(value, n[n.length - 1]),
      lr,
      layers: fc.tuple(
        ...n.slice(1).map((neurons, l) =>
          fc.record({
            W: vector(vector(value, n[l]), neurons),
            b: fc.oneof(fc.constant(undefined), fc.constant([]), vector(value, neurons)),
            f: fc.oneof(fc.constant(undefined), fc.constantFrom(...ACTIVATIONS)),
          }),
        ),
      ),
    }),
  );
}

/**
 * A config whose shapes may not fit: every list has its own random length,
 * rows of W may be ragged, entries may be non-numbers, the activation may be
 * unknown.
 */
const looseValue = fc.oneof(
  { arbitrary: anyNumber, weight: 20 },
  { arbitrary: fc.constantFrom('1', null, undefined, true, [], {}), weight: 1 },
);
const looseList = fc.array(looseValue, { maxLength: 5 });
const looseConfig = fc.record({
  x: fc.oneof(looseList, fc.constant(undefined), fc.constant('2,3')),
  y: fc.oneof(looseList, fc.constant(null)),
  lr: fc.oneof(anyNumber, fc.constant('0.1')),
  layers: fc.array(
    fc.record({
      W: fc.oneof(fc.array(looseList, { maxLength: 5 }), fc.constant(7)),
      b: fc.oneof(looseList, fc.constant(undefined), fc.constant(null)),
      f: fc.oneof(fc.constantFrom(...ACTIVATIONS, 'softmax', ''), fc.constant(undefined)),
    }),
    { maxLength: 5 },
  ),
});

// ------------------------------------------------------------ checks

/** Where validate() looks, in its order: each layer's W then b, then x, y, lr. */
function fieldsInOrder(config) {
  const fields = [];
  config.layers.forEach((layer, l) => {
    fields.push({ where: `layers.${l}.W`, values: layer.W.flat() });
    fields.push({ where: `layers.${l}.b`, values: layer.b ?? [] });
  });
  fields.push({ where: 'x', values: config.x }, { where: 'y', values: config.y });
  fields.push({ where: 'lr', values: [config.lr] });
  return fields;
}

/** The first field validate() should report as not finite, or ''. */
function firstNonFinite(config) {
  return fieldsInOrder(config).find((f) => !f.values.every(Number.isFinite))?.where ?? '';
}

function expectError(r, what) {
  expect(r.ok, `${what}: ok`).toBe(false);
  expect(typeof r.error).toBe('string');
  expect(r.error.length, `${what}: error message`).toBeGreaterThan(0);
  expect(typeof r.errorWhere).toBe('string');
}

const expectVector = (v, n, what) => {
  expect(Array.isArray(v), `${what} is an array`).toBe(true);
  expect(v.length, `${what}: length`).toBe(n);
  for (const e of v) expect(typeof e, `${what}: entries`).toBe('number');
};
const expectMatrix = (m, rows, cols, what) => {
  expect(Array.isArray(m), `${what} is an array`).toBe(true);
  expect(m.length, `${what}: rows`).toBe(rows);
  m.forEach((row, i) => expectVector(row, cols, `${what}[${i}]`));
};

/** The layer sizes of a well-shaped config: inputs, then each layer's neurons. */
const sizesOf = (config) => [config.x.length, ...config.layers.map((l) => l.W.length)];

/** An ok trace has every field, shaped by the config; the forward pass is finite. */
function expectTraceShape(t, config) {
  expect(t.error).toBe('');
  expect(t.errorWhere).toBe('');
  const n = sizesOf(config);
  const L = config.layers.length;
  expect(t.layers.length).toBe(L);
  expect(t.after.layers.length).toBe(L);
  config.layers.forEach((layer, l) => {
    const s = t.layers[l];
    const nb = layer.b?.length ?? 0;
    for (const key of ['z', 'h', 'fprime', 'delta']) {
      expectVector(s[key], n[l + 1], `layers.${l}.${key}`);
    }
    expectMatrix(s.dW, n[l + 1], n[l], `layers.${l}.dW`);
    expectMatrix(s.WNext, n[l + 1], n[l], `layers.${l}.WNext`);
    expectVector(s.db, nb, `layers.${l}.db`);
    expectVector(s.bNext, nb, `layers.${l}.bNext`);
    expectVector(t.after.layers[l].z, n[l + 1], `after.layers.${l}.z`);
    expectVector(t.after.layers[l].h, n[l + 1], `after.layers.${l}.h`);
    // An overflowing forward pass is an error, so what came back is finite.
    expect([...s.z, ...s.h].every(Number.isFinite), `layers.${l}: z and h finite`).toBe(true);
    expect(t.example.layers[l].f).toBe(layer.f ?? 'identity');
  });
  expectVector(t.yHat, n[L], 'yHat');
  expectVector(t.dLdyHat, n[L], 'dLdyHat');
  expectVector(t.after.yHat, n[L], 'after.yHat');
  expect(t.yHat).toEqual(t.layers[L - 1].h);
  for (const key of ['loss', 'lossDecrease', 'lossDecreaseRelative']) {
    expect(typeof t[key], key).toBe('number');
  }
  expect(typeof t.after.loss).toBe('number');
  expect(typeof t.diverged).toBe('boolean');
  expect(t.divergedReason === '', 'a reason exactly when diverged').toBe(!t.diverged);
}

function expectTrainShape(r, config, steps) {
  expect(r.error).toBe('');
  expect(r.losses).toBeInstanceOf(Float64Array);
  expect(r.steps).toBeLessThanOrEqual(steps);
  expect(r.steps === steps || r.diverged, 'fewer steps only when diverged').toBe(true);
  expect(r.losses.length).toBe(r.diverged ? r.steps : r.steps + 1);
  expect([...r.losses].every(Number.isFinite), 'the losses kept are finite').toBe(true);
  expect(r.divergedReason === '', 'a reason exactly when diverged').toBe(!r.diverged);
  const n = sizesOf(config);
  r.example.layers.forEach((layer, l) => {
    expectMatrix(layer.W, n[l + 1], n[l], `example.layers.${l}.W`);
    expectVector(layer.b, config.layers[l].b?.length ?? 0, `example.layers.${l}.b`);
  });
}

// ------------------------------------------------------------ properties

describe('never throws, always a result or an error value', () => {
  test('trainStep and gradientCheck on well-shaped networks with any values', () => {
    fc.assert(
      fc.property(configOf(anyNumber), (config) => {
        const t = core.trainStep(config);
        if (t.ok) expectTraceShape(t, config);
        else expectError(t, 'trainStep');

        const c = core.gradientCheck(config, 1e-6);
        expect(c.ok, 'gradientCheck accepts what trainStep accepts').toBe(t.ok);
        if (c.ok) {
          const params = config.layers.reduce(
            (sum, l) => sum + l.W.length * l.W[0].length + (l.b?.length ?? 0),
            0,
          );
          expect(c.entries.length, 'one entry per weight and bias').toBe(params);
        } else {
          expectError(c, 'gradientCheck');
          expect(c.errorWhere).toBe(t.errorWhere);
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('train on well-shaped networks with any values and step counts', () => {
    const steps = fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 30 }), weight: 6 },
      { arbitrary: fc.constantFrom(-1, 0.5, NaN, Infinity, -0, 1e6 + 1, 2 ** 53), weight: 1 },
    );
    fc.assert(
      fc.property(configOf(anyNumber), steps, (config, k) => {
        const r = core.train(config, k);
        const stepsOk = Number.isInteger(k) && k >= 0 && k <= 1e6;
        if (r.ok) {
          expect(stepsOk, `steps ${k} accepted`).toBe(true);
          expectTrainShape(r, config, k);
          // train() and trainStep() accept the same networks.
          const t = core.trainStep(config);
          expect(t.ok, t.error).toBe(true);
          expectTraceShape(t, config);
        } else {
          expectError(r, 'train');
          // The step count is checked before the values.
          const where = stepsOk ? firstNonFinite(config) : 'steps';
          if (where) expect(r.errorWhere, r.error).toBe(where);
        }
      }),
      { numRuns: 800 },
    );
  });

  test('configs of any shape, with non-numbers and unknown activations', () => {
    fc.assert(
      fc.property(looseConfig, (config) => {
        for (const r of [
          core.trainStep(config),
          core.gradientCheck(config, 1e-6),
          core.train(config, 3),
        ]) {
          if (!r.ok) expectError(r, 'loose config');
          else expect(r.error).toBe('');
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('gradientCheck refuses a step ε that is not positive and finite', () => {
    fc.assert(
      fc.property(
        configOf(moderate),
        fc.constantFrom(0, -0, -1e-6, NaN, Infinity, -Infinity),
        (config, eps) => {
          const c = core.gradientCheck(config, eps);
          expectError(c, 'gradientCheck');
          expect(c.errorWhere).toBe('epsilon');
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('a non-finite number is an error naming its field', () => {
  // A finite config, then NaN or ±Infinity written over one or more of its
  // numbers, anywhere. validate() reports the first in its order.
  const injected = fc
    .tuple(
      configOf(finite),
      fc.array(fc.tuple(fc.nat(), nonFinite), { minLength: 1, maxLength: 3 }),
    )
    .map(([config, hits]) => {
      const slots = [];
      config.layers.forEach((layer) => {
        layer.W.forEach((row) => row.forEach((_, j) => slots.push([row, j])));
        if (layer.b) layer.b.forEach((_, i) => slots.push([layer.b, i]));
      });
      config.x.forEach((_, i) => slots.push([config.x, i]));
      config.y.forEach((_, i) => slots.push([config.y, i]));
      slots.push([config, 'lr']);
      for (const [k, value] of hits) {
        const [target, key] = slots[k % slots.length];
        target[key] = value;
      }
      return config;
    });

  test('trainStep, gradientCheck and train', () => {
    fc.assert(
      fc.property(injected, (config) => {
        const where = firstNonFinite(config);
        expect(where, 'the injection took').not.toBe('');
        for (const [name, r] of [
          ['trainStep', core.trainStep(config)],
          ['gradientCheck', core.gradientCheck(config, 1e-6)],
          ['train', core.train(config, 5)],
        ]) {
          expectError(r, name);
          expect(r.errorWhere, `${name}: ${r.error}`).toBe(where);
          expect(r.error, name).toMatch(/not a finite number/);
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('where the loss is smooth, backpropagation agrees with central differences', () => {
  // Moderate magnitudes: weights, biases and inputs in [−1.5, 1.5], targets
  // in [−2, 2], so that no activation saturates to rounding noise and the
  // loss stays below about 1e5.
  const w = fc.double({ min: -1.5, max: 1.5, noNaN: true });
  const smooth = configOf(w, { lr: fc.constant(0.1) });
  const eps = 1e-6;
  // ReLU is not differentiable at 0: a run where some z of a ReLU layer lies
  // within this distance of 0 is skipped, because a ±ε step of a weight
  // upstream could move z across the kink (it moves z by far less than 1e-4).
  const kink = 1e-4;

  test('relative error below 1e-6, or an absolute error within rounding noise', () => {
    let checked = 0;
    fc.assert(
      fc.property(smooth, (config) => {
        const t = core.trainStep(config);
        expect(t.ok, t.error).toBe(true);
        const nearKink = config.layers.some(
          (layer, l) => layer.f === 'relu' && t.layers[l].z.some((z) => Math.abs(z) < kink),
        );
        fc.pre(!nearKink);
        checked += 1;

        const c = core.gradientCheck(config, eps);
        expect(c.ok, c.error).toBe(true);
        // Tolerance. The central difference (L(θ+ε) − L(θ−ε)) / 2ε has a
        // truncation error of order ε² L''' ≈ 1e-12 here, and a rounding error
        // of about u·|L|/ε, where u = 2⁻⁵² ≈ 2.2e-16 is the rounding of L
        // itself (amplified by the few dozen operations of a forward pass).
        // A gradient near zero cannot be checked relatively against that
        // noise, so an entry passes when |analytic − numeric| is within
        //   max(1e-6 · max(|analytic|, |numeric|), 1e-8 · max(1, L)),
        // the second term being about 50 u·L/ε: well above the noise, far
        // below any real error of backpropagation (which is of the size of
        // the gradient itself).
        const atol = 1e-8 * Math.max(1, t.loss);
        for (const e of c.entries) {
          const diff = Math.abs(e.analytic - e.numeric);
          const scale = Math.max(Math.abs(e.analytic), Math.abs(e.numeric));
          const what =
            `layer ${e.layer} ${e.isBias ? `b[${e.row}]` : `W[${e.row}][${e.col}]`}: ` +
            `analytic ${e.analytic}, numeric ${e.numeric}, |diff| ${diff}, loss ${t.loss}`;
          expect(diff <= Math.max(1e-6 * scale, atol), what).toBe(true);
          // The check's analytic gradient is the trace's.
          const step = t.layers[e.layer];
          expect(e.analytic).toBe(e.isBias ? step.db[e.row] : step.dW[e.row][e.col]);
        }
      }),
      { numRuns: 600 },
    );
    // The kink filter must not hollow the property out.
    expect(checked).toBeGreaterThan(300);
  });
});
