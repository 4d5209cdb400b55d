// train() through the built module: the loss curve as a Float64Array, the
// same numbers as trainStep(), early stop on divergence, errors as values.
import { describe, expect, test } from 'vitest';
import { loadModule } from './load.js';

const core = await loadModule();
const worked = core.workedExample();

describe('train', () => {
  test('its first step is trainStep() exactly', () => {
    const r = core.train(worked, 1);
    const t = core.trainStep(worked);
    expect(r.ok).toBe(true);
    expect(r.losses).toBeInstanceOf(Float64Array);
    expect([...r.losses]).toEqual([t.loss, t.after.loss]);
    expect(r.example.layers.map((l) => l.W)).toEqual(t.layers.map((l) => l.WNext));
  });

  test('100 000 steps return 100 001 losses, falling', () => {
    const r = core.train(worked, 100_000);
    expect(r.steps).toBe(100_000);
    expect(r.losses).toHaveLength(100_001);
    expect(r.losses[100_000]).toBeLessThan(r.losses[0] * 1e-20);
  });

  test('a diverging run stops early and says so', () => {
    const r = core.train({ ...worked, lr: 10 }, 1000);
    expect(r.ok).toBe(true);
    expect(r.diverged).toBe(true);
    expect(r.steps).toBeLessThan(1000);
    expect(r.losses.every(Number.isFinite)).toBe(true);
    expect(r.divergedReason).toMatch(/diverged at step/);
  });

  test.each([-1, 1.5, NaN, Infinity, 1_000_001])('%d steps is an error value', (steps) => {
    const r = core.train(worked, steps);
    expect(r.ok).toBe(false);
    expect(r.errorWhere).toBe('steps');
  });

  test('a bad example is an error value', () => {
    const r = core.train({ ...worked, x: [1] }, 10);
    expect(r.ok).toBe(false);
    expect(r.errorWhere).toBe('x');
  });
});
