// A page that records what would make a test fail silently otherwise:
// console errors, uncaught exceptions and any request that leaves the origin.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  watched: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL).origin;
    const problems = { console: [], errors: [], foreign: [] };
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.console.push(m.text());
    });
    page.on('pageerror', (e) => problems.errors.push(e.message));
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.origin !== origin && url.protocol !== 'data:') problems.foreign.push(r.url());
    });
    await use(problems);
  },
});

export { expect };

/** Opens the page and waits until the walkthrough is rendered. */
export async function openPage(page, path = '') {
  await page.goto(path);
  await page.waitForSelector('html[data-ready]');
}

/**
 * Waits until every section shows the latest state: sections off the screen
 * follow an edit in idle time (html[data-pending] meanwhile), and a formula
 * typeset afresh before KaTeX has loaded waits for it (html[data-typesetting]).
 */
export async function settled(page) {
  await page.waitForSelector('html[data-ready]:not([data-pending]):not([data-typesetting])', {
    state: 'attached',
  });
}

/** Full-precision values of every element whose data-trace is `path`. */
export async function tracedValues(page, path) {
  await settled(page);
  return page.$$eval(`#walkthrough [data-trace="${path}"]`, (els) =>
    els.map((e) => Number(e.getAttribute('data-value'))),
  );
}

/** Every traced number's path, value and shown text, and every formula's MathML text. */
export async function snapshot(page) {
  await settled(page);
  const read = () =>
    page.evaluate(() => ({
      numbers: [...document.querySelectorAll('#walkthrough [data-trace]')].map(
        (e) => `${e.dataset.trace}=${e.dataset.value} "${e.value ?? e.textContent}"`,
      ),
      mathml: [...document.querySelectorAll('#walkthrough .katex-mathml math')].map(
        (m) => m.textContent,
      ),
    }));
  // MathML is refreshed after a pause in editing (250 ms), a few formulas
  // per task: read until two reads 300 ms apart agree, from 600 ms on.
  await page.waitForTimeout(600);
  let last = await read();
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(300);
    const now = await read();
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  return last;
}

/**
 * Scrolls `locator` into view and returns its box once it stays put: the
 * sections it passes are laid out on the way (content-visibility), and
 * their real heights move what comes after them.
 */
export async function steadyBox(locator) {
  let last = null;
  for (let i = 0; i < 20; i++) {
    await locator.scrollIntoViewIfNeeded();
    await locator.page().waitForTimeout(100);
    const box = await locator.boundingBox();
    if (last && box && JSON.stringify(box) === JSON.stringify(last)) return box;
    last = box;
  }
  return last;
}
