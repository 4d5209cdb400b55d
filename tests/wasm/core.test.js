// The built WebAssembly module in Node: the API contract, the worked
// example's golden values, error values for bad arguments.
import { beforeAll, describe, expect, test } from 'vitest';
import { loadModule } from './load.js';

const core = await loadModule();

/** Asserts |actual − expected| ≤ tol entry by entry, naming the first miss. */
function expectClose(actual, expected, tol, what) {
  const a = [actual].flat(2);
  const e = [expected].flat(2);
  expect(a.length, `${what}: length`).toBe(e.length);
  const diffs = a.map((v, i) => Math.abs(v - e[i]));
  const worst = Math.max(...diffs);
  expect(
    worst,
    `${what}: got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}`,
  ).toBeLessThanOrEqual(tol);
}

describe('API contract', () => {
  test('exports the three functions', () => {
    expect(typeof core.workedExample).toBe('function');
    expect(typeof core.trainStep).toBe('function');
    expect(typeof core.gradientCheck).toBe('function');
  });

  test('the worked example is a plain object in computation order', () => {
    const e = core.workedExample();
    expect(e).toEqual({
      x: [2, 3],
      y: [1],
      lr: 0.05,
      layers: [
        {
          W: [
            [0.12, 0.23],
            [0.13, 0.1],
          ],
          b: [],
          f: 'identity',
        },
        { W: [[0.17, 0.17]], b: [], f: 'identity' },
      ],
    });
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  test('a trace has every field the page renders, as plain arrays', () => {
    const t = core.trainStep(core.workedExample());
    expect(Object.keys(t).sort()).toEqual(
      [
        'ok',
        'error',
        'errorWhere',
        'example',
        'layers',
        'yHat',
        'loss',
        'dLdyHat',
        'after',
        'lossDecrease',
        'lossDecreaseRelative',
        'diverged',
        'divergedReason',
        'check',
        'original',
      ].sort(),
    );
    for (const layer of t.layers) {
      expect(Object.keys(layer).sort()).toEqual(
        ['z', 'h', 'fprime', 'delta', 'dW', 'db', 'WNext', 'bNext'].sort(),
      );
      expect(Array.isArray(layer.dW[0])).toBe(true);
    }
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });

  test('optional fields default: no bias, identity', () => {
    const t = core.trainStep({ x: [1], y: [0], lr: 0.1, layers: [{ W: [[2]] }] });
    expect(t.ok).toBe(true);
    expect(t.example.layers[0]).toEqual({ W: [[2]], b: [], f: 'identity' });
  });

  test('calls leave no embind handles behind', () => {
    const before = core.count_emval_handles();
    for (let i = 0; i < 50; i++) {
      core.trainStep(core.workedExample());
      core.trainStep({ x: 'nope' });
      core.gradientCheck(core.workedExample(), 1e-6);
    }
    expect(core.count_emval_handles()).toBe(before);
  });
});

describe('golden values of the worked example', () => {
  // Page notation: layers[0] is W⁽²⁾ (input → hidden), layers[1] is W⁽¹⁾.
  // The published golden values have 8 decimals; 5e-9 covers that rounding.
  const tol = 5e-9;
  let t;
  beforeAll(() => {
    t = core.trainStep(core.workedExample());
  });

  test('forward pass and loss', () => {
    expect(t.ok).toBe(true);
    // h⁽¹⁾ = (0.12·2 + 0.23·3, 0.13·2 + 0.10·3) = (0.93, 0.56)
    expectClose(t.layers[0].h, [0.93, 0.56], 1e-15, 'h(1)');
    // ŷ = 0.17·0.93 + 0.17·0.56 = 0.2533
    expectClose(t.yHat, [0.2533], 1e-15, 'ŷ');
    // L = ½ (0.2533 − 1)² = ½ · 0.7467² = 0.27878045 (exactly 0.278780445)
    expectClose(t.loss, 0.278780445, 1e-15, 'L');
    // ∂L/∂ŷ = ŷ − y = −0.7467
    expectClose(t.dLdyHat, [-0.7467], 1e-15, '∂L/∂ŷ');
  });

  test('gradients', () => {
    // ∂L/∂W⁽¹⁾ = (ŷ − y) h⁽¹⁾ᵀ = −0.7467 · (0.93, 0.56) = (−0.694431, −0.418152)
    expectClose(t.layers[1].dW, [[-0.694431, -0.418152]], 1e-15, '∂L/∂W(1)');
    // δ⁽²⁾ = W⁽¹⁾ᵀ (ŷ − y) = 0.17 · −0.7467 = −0.126939 for both hidden neurons
    expectClose(t.layers[0].delta, [-0.126939, -0.126939], 1e-15, 'δ(2)');
    // ∂L/∂W⁽²⁾ = δ⁽²⁾ h⁽²⁾ᵀ: −0.126939 · 2 = −0.253878, −0.126939 · 3 = −0.380817
    expectClose(
      t.layers[0].dW,
      [
        [-0.253878, -0.380817],
        [-0.253878, -0.380817],
      ],
      1e-15,
      '∂L/∂W(2)',
    );
  });

  test('update', () => {
    // W⁽¹⁾ − α ∂L/∂W⁽¹⁾ = (0.17 + 0.05 · 0.694431, 0.17 + 0.05 · 0.418152)
    expectClose(t.layers[1].WNext, [[0.20472155, 0.1909076]], tol, 'W(1) next');
    // W⁽²⁾ − α ∂L/∂W⁽²⁾: 0.12 + 0.05 · 0.253878 = 0.1326939, 0.23 + 0.05 · 0.380817 = 0.24904085, …
    expectClose(
      t.layers[0].WNext,
      [
        [0.1326939, 0.24904085],
        [0.1426939, 0.11904085],
      ],
      tol,
      'W(2) next',
    );
  });

  test('forward pass again', () => {
    // h⁽¹⁾ = (0.1326939·2 + 0.24904085·3, 0.1426939·2 + 0.11904085·3) = (1.01251035, 0.64251035)
    expectClose(t.after.layers[0].h, [1.01251035, 0.64251035], 1e-15, 'h(1) after');
    // ŷ = 0.20472155 · 1.01251035 + 0.1909076 · 0.64251035 = 0.32994280
    expectClose(t.after.yHat, [0.3299428], tol, 'ŷ after');
    // L = ½ (0.32994280 − 1)² = 0.22448833
    expectClose(t.after.loss, 0.22448833, tol, 'L after');
    // 0.27878045 − 0.22448833 = 0.05429212, a fall of 19.5 %
    expectClose(t.lossDecrease, 0.05429212, tol, 'loss decrease');
    expect(t.lossDecreaseRelative).toBeCloseTo(0.195, 3);
    expect(t.diverged).toBe(false);
  });

  test("the source's slips replayed give its printed numbers", () => {
    const o = t.original;
    // W⁽¹⁾ → (0.1759, 0.1736), W⁽²⁾ → [[0.1327, 0.1490], [0.2427, 0.1190]] as printed
    // (rows = inputs), new output 0.2715: 4 printed decimals.
    expectClose(o.aWNext, [[0.1759, 0.1736]], 5e-5, 'slip (a)');
    expectClose(
      o.bWNextSource,
      [
        [0.1327, 0.149],
        [0.2427, 0.119],
      ],
      5e-5,
      'slip (b)',
    );
    expectClose(o.cYHat, [0.2715], 5e-5, 'slip (c)');
    // and the gradient check flags the slipped gradients
    expect(Math.min(...o.aRelativeError)).toBeGreaterThan(0.5);
    expect(t.check.maxRelativeError).toBeLessThan(1e-8);
  });

  test('gradient check agrees', () => {
    const c = core.gradientCheck(core.workedExample(), 1e-6);
    expect(c.ok).toBe(true);
    expect(c.entries).toHaveLength(6);
    expect(c.maxRelativeError).toBeLessThan(1e-8);
    const w1 = c.entries.filter((e) => e.layer === 1).map((e) => e.numeric);
    expectClose(w1, [-0.694431, -0.418152], 1e-8, 'numeric ∂L/∂W(1)');
  });
});

describe('error values for bad arguments', () => {
  const example = () => core.workedExample();
  const cases = [
    ['not an object', null, ''],
    ['a string', 'W=1', ''],
    ['x not an array', { ...example(), x: 'abc' }, 'x'],
    ['x a string entry', { ...example(), x: ['2', 3] }, 'x'],
    ['x too short', { ...example(), x: [2] }, 'x'],
    ['y too long', { ...example(), y: [1, 2] }, 'y'],
    ['y NaN', { ...example(), y: [NaN] }, 'y'],
    ['lr missing', { ...example(), lr: undefined }, 'lr'],
    ['lr Infinity', { ...example(), lr: Infinity }, 'lr'],
    ['lr a string', { ...example(), lr: '0.05' }, 'lr'],
    ['no layers', { ...example(), layers: [] }, 'layers'],
    ['layers not a list', { ...example(), layers: {} }, 'layers'],
    ['layer not an object', { ...example(), layers: [null] }, 'layers.0'],
    ['ragged W', { ...example(), layers: [{ W: [[1, 2], [3]] }] }, 'layers.0.W'],
    ['empty W', { ...example(), layers: [{ W: [] }] }, 'layers.0.W'],
    [
      'shapes do not chain',
      { ...example(), layers: [{ W: [[1, 2]] }, { W: [[1, 2]] }] },
      'layers.1.W',
    ],
    [
      'bias of the wrong size',
      { ...example(), layers: [{ W: [[1, 2]], b: [1, 2] }] },
      'layers.0.b',
    ],
    ['bias Infinity', { ...example(), layers: [{ W: [[1, 2]], b: [Infinity] }] }, 'layers.0.b'],
    ['weight NaN', { ...example(), layers: [{ W: [[1, NaN]] }] }, 'layers.0.W'],
    ['unknown activation', { ...example(), layers: [{ W: [[1, 2]], f: 'softmax' }] }, 'layers.0.f'],
    ['activation not a string', { ...example(), layers: [{ W: [[1, 2]], f: 3 }] }, 'layers.0.f'],
    [
      'forward pass overflows',
      { ...example(), layers: [{ W: [[1e200, 1e200]] }, { W: [[1e200]] }] },
      'layers',
    ],
  ];

  test.each(cases)('%s', (_, config, where) => {
    const t = core.trainStep(config);
    expect(t.ok).toBe(false);
    expect(t.error).toMatch(/\w+.*\.$/);
    expect(t.errorWhere).toBe(where);
    expect(t.layers).toEqual([]);
    const c = core.gradientCheck(config, 1e-6);
    expect(c.ok).toBe(false);
    expect(c.error).toBe(t.error);
  });

  test('a huge learning rate diverges with a reason, not an error', () => {
    const t = core.trainStep({ ...example(), lr: 1e300 });
    expect(t.ok).toBe(true);
    expect(t.diverged).toBe(true);
    expect(t.divergedReason).toMatch(/learning rate is too large/);
  });

  test('a bad gradient-check step is an error', () => {
    for (const eps of [0, -1, NaN, Infinity]) {
      const c = core.gradientCheck(example(), eps);
      expect(c.ok).toBe(false);
      expect(c.errorWhere).toBe('epsilon');
    }
  });
});
