// The loss curve's scale, computed apart from the drawing (uPlot runs in the
// browser tests).
import { describe, expect, test } from 'vitest';
import { lossRange } from '../../web/src/train/plot.js';

describe("the loss curve's linear range", () => {
  test('a flat curve is drawn from 0, not on 0 to 100', () => {
    expect(lossRange(0, 0)).toEqual([0, 1]);
    expect(lossRange(0.25, 0.25)).toEqual([0, 0.5]);
  });
  test('a falling curve keeps its span, padded', () => {
    const [lo, hi] = lossRange(0.01, 0.2788);
    expect(lo).toBeLessThanOrEqual(0.01);
    expect(hi).toBeGreaterThanOrEqual(0.2788);
    expect(hi - lo).toBeLessThan(0.5);
  });
});
