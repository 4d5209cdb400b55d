// 10 000 recomputes in the page leave nothing behind: typing alternating
// learning rates (each input event is one call into the core and one render)
// and ending on the starting value brings the WebAssembly memory, the bytes
// malloc holds, embind's handle count and the number of DOM nodes back to
// what they were. Read through window.__backpropDebug (web/src/core.js).
import { expect, openPage, test } from './fixtures.js';

const EDITS = 10_000;

/** Waits out the page's timers (hash write 200 ms, MathML 250 ms, announcement 800 ms). */
const settle = (page) => page.waitForTimeout(1200);

function measure(page) {
  return page.evaluate(() => ({
    heapBytes: window.__backpropDebug.heapBytes(),
    heapInUse: window.__backpropDebug.heapInUse(),
    handles: window.__backpropDebug.handles(),
    nodes: document.getElementsByTagName('*').length,
    calls: Number(document.documentElement.dataset.coreCalls),
  }));
}

/** `count` input events on the learning rate, alternating 0.06 and 0.05; ends on 0.05 when even. */
function typeAlternating(page, count) {
  return page.evaluate(async (n) => {
    const input = document.querySelector('#editor [data-edit="lr"]');
    for (let i = 0; i < n; i++) {
      input.value = i % 2 === 0 ? '0.06' : '0.05';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // Let timers and frames run now and then, as they would between keystrokes.
      if (i % 250 === 249) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }, count);
}

test(`${EDITS} recomputes leak no memory, handles or DOM nodes`, async ({ page, watched }) => {
  // About 6 ms per edit on an idle 2-core machine (a minute in all); the
  // timeout leaves room for a busy one.
  test.setTimeout(300_000);
  await openPage(page);
  // Warm up (first-use allocations, lazily built DOM), then take the baseline.
  await typeAlternating(page, 200);
  await settle(page);
  const before = await measure(page);
  expect(before.handles).toBe(0);

  await typeAlternating(page, EDITS);
  await settle(page);
  const after = await measure(page);

  expect(after.calls - before.calls, 'one core call per input event').toBe(EDITS);
  expect(await page.locator('#editor [data-edit="lr"]').inputValue()).toBe('0.05');
  expect(after, `before: ${JSON.stringify(before)}`).toEqual({ ...before, calls: after.calls });
  expect(watched).toEqual({ console: [], errors: [], foreign: [] });
});
