// Accessibility: axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules, in
// the states a learner meets: the default page, an input error, the
// diverged state, dark mode, exercise mode, and a 320 px screen.
import AxeBuilder from '@axe-core/playwright';
import { expect, openPage, settled, test } from './fixtures.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// axe walks all of the page's twelve thousand elements: 10 to 20 s on a
// 2-core machine, more when other jobs share it.
test.describe.configure({ timeout: 90_000 });

async function violations(page) {
  await settled(page);
  // content-visibility: auto leaves off-screen sections unrendered; axe must
  // see every section as a reader scrolling through would.
  // (Through the CSSOM: the page's CSP rightly refuses an inline style tag.)
  await page.evaluate(() => {
    for (const s of document.querySelectorAll('.step')) s.style.contentVisibility = 'visible';
  });
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes
      .slice(0, 3)
      .map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n')[1] ?? ''}`),
  }));
}

test('default page', async ({ page }) => {
  await openPage(page);
  expect(await violations(page)).toEqual([]);
});

test('with an input error showing', async ({ page }) => {
  await openPage(page);
  const input = page.locator('#editor [data-edit="layers.0.W.0.0"]');
  await input.fill('abc');
  await input.press('Enter');
  await expect(page.locator('#error-W2')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('diverged', async ({ page }) => {
  await openPage(page, '#lr=1e6');
  await expect(page.locator('#diverged')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('dark mode', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openPage(page);
  expect(await violations(page)).toEqual([]);
});

test('exercise mode', async ({ page }) => {
  await openPage(page);
  await page.check('#exercise-toggle');
  expect(await violations(page)).toEqual([]);
});

test('320 px wide', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await openPage(page);
  expect(await violations(page)).toEqual([]);
});

test('the keyboard alone reaches every formula and every field, with focus always visible', async ({
  page,
}) => {
  await openPage(page);
  const targets = await page.$$eval('#walkthrough .formula, #editor input', (els) => els.length);
  const seen = new Set();
  const invisible = [];
  for (let i = 0; i < targets + 60 && seen.size < targets; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const style = getComputedStyle(e);
      const key = e.matches('.formula, #editor input')
        ? [...document.querySelectorAll('#walkthrough .formula, #editor input')].indexOf(e)
        : -1;
      return {
        key,
        visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        tag: e.tagName,
        id: e.id,
      };
    });
    if (!info) continue;
    if (info.key >= 0) seen.add(info.key);
    if (!info.visible) invisible.push(`${info.tag}#${info.id}`);
  }
  expect(seen.size).toBe(targets);
  expect(invisible).toEqual([]);
  // and a value can be changed from there: the first field, up one step
  await page.locator('#editor [data-edit="x.0"]').focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('#editor [data-edit="x.0"]')).toHaveValue('2.1');
});
