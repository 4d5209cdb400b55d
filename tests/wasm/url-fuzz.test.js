// Thousands of random and adversarial hashes through parseHash (the page's
// only reader of the URL): it never throws; it returns either a config that
// fits the page and that the core steps, or a named error that is plain text.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { ACTIVATIONS, LIMITS, parseHash } from '../../web/src/state.js';
import { hashArbitrary } from '../fuzz/hashes.js';
import { loadModule } from './load.js';

// A few seconds each on an idle machine; room for a busy one.
const TIMEOUT = 60_000;

const core = await loadModule();
const worked = core.workedExample();

const isNumberIn = (v, bound) =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= bound;

/** A config as the page draws it: 1–4 layers of 1–4 neurons that chain, values in range. */
function expectFits(config) {
  expect(Object.keys(config).sort()).toEqual(['layers', 'lr', 'x', 'y']);
  const { x, y, lr, layers } = config;
  expect(Array.isArray(layers) && layers.length >= 1 && layers.length <= LIMITS.layers).toBe(true);
  let reads = x.length;
  for (const layer of layers) {
    const { W, b, f } = layer;
    expect(W.length >= 1 && W.length <= LIMITS.neurons, 'rows').toBe(true);
    expect(reads >= 1 && reads <= LIMITS.neurons, 'columns').toBe(true);
    for (const row of W) {
      expect(row.length, 'W chains').toBe(reads);
      expect(
        row.every((v) => isNumberIn(v, LIMITS.value)),
        `W ${row}`,
      ).toBe(true);
    }
    expect(b.length === 0 || b.length === W.length, 'b').toBe(true);
    expect(
      b.every((v) => isNumberIn(v, LIMITS.value)),
      `b ${b}`,
    ).toBe(true);
    expect(ACTIVATIONS).toContain(f);
    reads = W.length;
  }
  expect(y.length, 'y fits the output').toBe(reads);
  expect(
    [...x, ...y].every((v) => isNumberIn(v, LIMITS.value)),
    `x, y ${x} ${y}`,
  ).toBe(true);
  expect(isNumberIn(lr, LIMITS.lrMax) && lr >= 0, `lr ${lr}`).toBe(true);
}

test(
  'parseHash: a config that fits and steps, or a plain-text error, for any hash',
  () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(hashArbitrary, fc.boolean(), (hash, withSign) => {
        const r = parseHash(withSign ? `#${hash}` : hash, worked);
        if (r.ok) {
          valid += 1;
          expect(Object.keys(r).sort()).toEqual(['config', 'ok']);
          expectFits(r.config);
          // Whatever a link may hold, the core can step it: the limits keep
          // the forward pass far from overflow.
          const t = core.trainStep(r.config);
          expect(t.ok, `${hash}: ${t.error}`).toBe(true);
        } else {
          invalid += 1;
          expect(r.ok).toBe(false);
          expect(Object.keys(r).sort()).toEqual(['error', 'ok', 'param']);
          expect(typeof r.param).toBe('string');
          expect(typeof r.error).toBe('string');
          expect(r.error.length).toBeGreaterThan(0);
          // Messages are shown as text, yet must not carry markup or TeX.
          expect(r.error, hash).not.toMatch(/[<\\]/);
          expect(r.param, hash).toMatch(/^\w{0,20}$|^\?$/);
        }
      }),
      { numRuns: 5000 },
    );
    // Both outcomes must be well represented, or the generators are broken.
    expect(valid).toBeGreaterThan(500);
    expect(invalid).toBeGreaterThan(2500);
  },
  TIMEOUT,
);

test(
  'parseHash never throws on arbitrary strings, even with lone surrogates',
  () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const r = parseHash(text, worked);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error).not.toMatch(/[<\\]/);
      }),
      { numRuns: 3000 },
    );
  },
  TIMEOUT,
);
