// 200 random and adversarial hashes (tests/fuzz/hashes.js, fixed seed) through
// the built page, one after another in the same page as hash changes. For
// each: no console error or exception, no payload ran, a bad link is named in
// #status with parseHash's message (computed here in Node from the same
// state.js, on the hash as the browser stored it), and the walkthrough shows
// the loss the core computes for the config the page should be showing.
import fc from 'fast-check';
import { parseHash } from '../../web/src/state.js';
import { PWNED, hashArbitrary } from '../fuzz/hashes.js';
import { loadModule } from '../wasm/load.js';
import { expect, openPage, settled, test } from './fixtures.js';

const COUNT = 200;
const hashes = fc.sample(hashArbitrary, { numRuns: COUNT, seed: 20261203 });

test(`${COUNT} random and adversarial links`, async ({ page, watched }) => {
  test.setTimeout(120_000);
  const core = await loadModule();
  const worked = core.workedExample();
  await openPage(page);

  let invalid = 0;
  for (const hash of hashes) {
    // Sets the hash and waits for the page's own hashchange listener (added
    // before this one, so it has run when this one fires).
    const seen = await page.evaluate(async (h) => {
      const before = location.hash;
      const changed = new Promise((resolve) =>
        window.addEventListener('hashchange', resolve, { once: true }),
      );
      location.hash = h;
      if (location.hash !== before) await changed;
      return location.hash;
    }, hash);
    await settled(page);
    const state = await page.evaluate((flag) => {
      const messages = document.querySelectorAll('#status [data-message]');
      return {
        pwned: flag in window,
        ready: document.documentElement.dataset.ready,
        statusElements: document.querySelectorAll('#status *').length,
        message: messages.length === 1 ? messages[0].textContent : '',
        loss: document
          .querySelector('#walkthrough [data-trace="loss"]')
          ?.getAttribute('data-value'),
      };
    }, PWNED);

    const what = `hash ${JSON.stringify(seen.slice(0, 200))}`;
    expect(state.pwned, `${what}: a payload ran`).toBe(false);
    expect(state.ready, what).toBe('true');
    const r = parseHash(seen, worked);
    if (!r.ok) {
      invalid += 1;
      expect(state.message, what).toContain(r.error);
      expect(state.statusElements, `${what}: the message is one element of text`).toBe(1);
    }
    const shown = r.ok ? r.config : worked;
    expect(Number(state.loss), `${what}: the loss on the page`).toBe(core.trainStep(shown).loss);
    expect(watched, what).toEqual({ console: [], errors: [], foreign: [] });
  }
  // Most links are broken, and some are not.
  expect(invalid).toBeGreaterThan(COUNT / 2);
  expect(invalid).toBeLessThan(COUNT);
});
