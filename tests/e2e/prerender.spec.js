// The hosted build arrives typeset (scripts/prerender.mjs): the walkthrough
// reads without any script, the page reuses those formulas and leaves KaTeX
// unloaded until a formula must change, and any other link loads KaTeX
// before its first view.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openPage, settled, snapshot, test, tracedValues } from './fixtures.js';
import { root } from './servers.js';

const katexRequests = (requests) => requests.filter((u) => /\/katex-[\w-]+\.js$/.test(u));

test('dist/index.html holds the typeset walkthrough, without a style attribute', () => {
  const html = readFileSync(join(root, 'dist/index.html'), 'utf8');
  expect((html.match(/class="katex"/g) ?? []).length).toBeGreaterThan(100);
  expect(html).toContain('data-trace="loss"');
  expect(html).not.toMatch(/\sstyle="/);
  expect(html).toMatch(/<link rel="stylesheet" href="\.\/assets\/prerender-\w+\.css">/);
});

test('sections below the first screen and the editor arrive as text; the first screen is kept', async ({
  page,
  watched,
}) => {
  const html = readFileSync(join(root, 'dist/index.html'), 'utf8');
  expect(html).toMatch(/<noscript><section id="step-forward"/);
  expect(html).not.toMatch(/<noscript><section id="step-network"/);
  // the controls the page builds are not in the file: only the page's own
  // (web/index.html), and the editor's typeset labels as text
  expect(html).toMatch(/<div id="editor"><noscript hidden="">/);
  expect(html).toMatch(/<div id="builder-panel"><\/div>/);
  expect(html).toMatch(/<div id="train-panel"><\/div>/);
  const controls = /<(input|select|textarea|button)\b/g;
  const own = readFileSync(join(root, 'web/index.html'), 'utf8').match(controls).length;

  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const content = document.getElementById('network-content');
      window.probe = {
        sectionsAtParse: document.querySelectorAll('#steps section').length,
        controlsAtParse: document.querySelectorAll('input, select, textarea, button').length,
        first: content.querySelector('.katex'),
        removed: 0,
      };
      new MutationObserver((records) => {
        for (const r of records) window.probe.removed += r.removedNodes.length;
      }).observe(content, { childList: true });
    });
  });
  await openPage(page);
  await settled(page);
  const state = () =>
    page.evaluate(() => ({
      sectionsAtParse: window.probe.sectionsAtParse,
      controlsAtParse: window.probe.controlsAtParse,
      sections: document.querySelectorAll('#steps > section').length,
      noscript: document.querySelectorAll('#steps noscript').length,
      firstKept: window.probe.first.isConnected,
      removed: window.probe.removed,
    }));
  // the parser built no section below; the page built all of them, and took
  // over the first screen's typeset elements instead of replacing them
  expect(await state()).toEqual({
    sectionsAtParse: 0,
    controlsAtParse: own,
    sections: 8,
    noscript: 0,
    firstKept: true,
    removed: 0,
  });

  // an edit patches those elements like any others: x₁ = 2 → 1.5, and the
  // hidden neuron (identity) h₁⁽¹⁾ = 0.12 · 1.5 + 0.23 · 3 = 0.87
  await page.locator('#editor [data-edit="x.0"]').fill('1.5');
  await expect(page.locator('#network-content svg [data-trace="example.x.0"]')).toHaveText('1.50');
  await expect(page.locator('#network-content svg [data-trace="layers.0.h.0"]')).toHaveText(
    '0.8700',
  );
  expect((await tracedValues(page, 'layers.0.h.0'))[0]).toBeCloseTo(0.87, 12);
  expect(await state()).toMatchObject({ firstKept: true, removed: 0 });
  expect(watched).toEqual({ console: [], errors: [], foreign: [] });
});

test('a section new on the page shows its parts over several frames, all of them once ready', async ({
  page,
  watched,
}) => {
  await page.addInitScript(() => {
    window.probe = { waited: 0, afterPrint: -1, sectionOneAtParse: [] };
    // section 1's typeset diagram and prose wait for frames after the first
    document.addEventListener('DOMContentLoaded', () => {
      window.probe.sectionOneAtParse = [...document.querySelectorAll('#network-content > *')]
        .filter((part) => getComputedStyle(part).display === 'none')
        .map((part) => part.localName);
    });
    new MutationObserver((records) => {
      for (const r of records) {
        if (!r.target.hasAttribute('data-later')) continue;
        window.probe.waited++;
        // a handout, asked for while parts wait, shows every part
        if (window.probe.afterPrint >= 0) continue;
        window.dispatchEvent(new Event('beforeprint'));
        window.probe.afterPrint = document.querySelectorAll('[data-later]').length;
      }
    }).observe(document, { subtree: true, attributeFilter: ['data-later'] });
  });
  await openPage(page);
  await settled(page);
  const probe = await page.evaluate(() => ({
    ...window.probe,
    waiting: document.querySelectorAll('[data-later]').length,
    hidden: [...document.querySelectorAll('.step > *, #network-content > *')].filter(
      (part) => getComputedStyle(part).display === 'none' && !part.closest('[hidden]'),
    ).length,
  }));
  // parts did wait: the mechanism ran on this load
  expect(probe.waited).toBeGreaterThan(0);
  expect(probe.sectionOneAtParse).toEqual(expect.arrayContaining(['figure', 'p', 'p', 'p']));
  expect(probe).toMatchObject({ afterPrint: 0, waiting: 0, hidden: 0 });
  expect(watched).toEqual({ console: [], errors: [], foreign: [] });
});

test('without JavaScript the worked example reads, golden values included', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  // ŷ = 0.17 · 0.93 + 0.17 · 0.56 = 0.2533; L = ½ (0.2533 − 1)² = 0.2788
  await expect(page.locator('#step-forward .katex-html [data-trace="yHat.0"]').first()).toHaveText(
    '0.2533',
  );
  await expect(page.locator('#step-loss .katex-html [data-trace="loss"]').first()).toHaveText(
    '0.2788',
  );
  await expect(page.locator('#step-update')).toContainText('W');
  await context.close();
});

test('reading needs no KaTeX; the first edit brings it, and MathML follows', async ({
  page,
  watched,
}) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await openPage(page);
  await settled(page);
  await page.waitForLoadState('networkidle');
  expect(katexRequests(requests)).toEqual([]);
  await expect(page.locator('#walkthrough .katex')).not.toHaveCount(0);
  // every formula is the build's, reused: no placeholder waits for KaTeX
  await expect(page.locator('#walkthrough .math:text-is("…"), .formula:text-is("…")')).toHaveCount(
    0,
  );

  await page.locator('#editor [data-edit="x.0"]').fill('1.5');
  await expect.poll(() => katexRequests(requests).length).toBe(1);
  const after = await snapshot(page);
  expect(after.mathml.join(' ')).toContain('1.5');
  expect(watched).toEqual({ console: [], errors: [], foreign: [] });
});

test('a pointer on an editable number fetches KaTeX ahead of the edit', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await openPage(page);
  await page.mouse.move(5, 5); // over the page, nothing editable
  await page.waitForTimeout(300);
  expect(katexRequests(requests)).toEqual([]);
  await page.locator('#step-network .diagram [data-trace^="example."]').first().hover();
  await expect.poll(() => katexRequests(requests).length).toBe(1);
});

test('a link to another network loads KaTeX before its first view', async ({ page, watched }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await openPage(page, '#x=1,3&y=1&lr=0.1&W1=0.2,0.3&W2=0.1,0.2;0.3,0.4');
  expect(katexRequests(requests)).toHaveLength(1);
  const shown = await snapshot(page);
  expect(shown.numbers.join(' ')).toContain('example.lr=0.1');
  await expect(page.locator('#walkthrough .katex-error')).toHaveCount(0);
  expect(watched).toEqual({ console: [], errors: [], foreign: [] });
});

test('a new link on the typeset page: placeholders until KaTeX arrives, then every formula', async ({
  page,
  watched,
}) => {
  await openPage(page);
  await page.evaluate(() => (location.hash = '#x=1,3&y=1&lr=0.1&W1=0.2,0.3&W2=0.1,0.2;0.3,0.4'));
  await settled(page);
  // settled() means typeset too: checked once, not retried
  const placeholders = await page.$$eval(
    '#walkthrough .math, #walkthrough .formula',
    (els) => els.filter((e) => e.textContent === '…').length,
  );
  expect(placeholders).toBe(0);
  // h = (0.1·1 + 0.2·3, 0.3·1 + 0.4·3) = (0.7, 1.5); ŷ = 0.2·0.7 + 0.3·1.5 = 0.59;
  // L = ½ (0.59 − 1)² = 0.08405, which in binary is 0.0840499…: shown 0.0840
  await expect(page.locator('#step-loss .katex-html [data-trace="loss"]').first()).toHaveText(
    '0.0840',
  );
  expect(watched).toEqual({ console: [], errors: [], foreign: [] });
});

// rows of every aligned formula: a phone sets long rows on two lines
const rows = (page) =>
  page.$$eval('#walkthrough .katex-mathml math', (ms) =>
    ms.map((m) => m.querySelectorAll('mtr').length),
  );

for (const [reader, width, locale] of [
  ['on a desktop', 1280, 'en-US'],
  ['on a phone', 390, 'en-US'],
  // 1,5: the formulas come from a file of their own, fetched
  ['in a German browser', 1280, 'de-DE'],
  ['on a phone in a German browser', 390, 'de-DE'],
]) {
  test.describe(reader, () => {
    test.use({ locale });
    test('the page as typeset by the build equals the single file, typeset by KaTeX', async ({
      page,
    }) => {
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.setViewportSize({ width, height: 900 });
      await openPage(page);
      const prerendered = { ...(await snapshot(page)), rows: await rows(page) };
      // read without KaTeX, and without a placeholder
      expect(katexRequests(requests)).toEqual([]);
      expect(requests.filter((u) => u.includes('/typeset-comma-')).length).toBe(
        locale === 'de-DE' ? 1 : 0,
      );
      await expect(
        page.locator('#walkthrough .math:text-is("…"), .formula:text-is("…")'),
      ).toHaveCount(0);
      await page.goto(`file://${join(root, 'dist-single/backprop-walkthrough.html')}`);
      await page.waitForSelector('html[data-ready]');
      const typeset = { ...(await snapshot(page)), rows: await rows(page) };
      expect(typeset.numbers).toEqual(prerendered.numbers);
      expect(typeset.mathml).toEqual(prerendered.mathml);
      expect(typeset.rows).toEqual(prerendered.rows);
      // L = ½ (0,2533 − 1)² = 0,2788 in the reader's form
      expect(prerendered.numbers).toContain(
        `loss=0.27878044499999993 "${locale === 'de-DE' ? '0,2788' : '0.2788'}"`,
      );
    });
  });
}

test('a phone sets long formulas on more rows than a desktop', async ({ page }) => {
  const total = async (width) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('about:blank');
    await openPage(page);
    await settled(page);
    return (await rows(page)).reduce((a, b) => a + b, 0);
  };
  expect(await total(390)).toBeGreaterThan(await total(1280));
});

test('when the core cannot load, a message, and the typeset worked example stays readable', async ({
  page,
}) => {
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto('/');
  await expect(page.locator('#status [role="alert"]')).toContainText(
    'The calculation engine could not start',
  );
  // the sections the page would have rebuilt are shown as the build typeset them
  const loss = page.locator('#step-loss .katex-html [data-trace="loss"]').first();
  await loss.scrollIntoViewIfNeeded();
  await expect(loss).toHaveText('0.2788');
  await expect(loss).toBeVisible();
  // and section 1's prose, which waited for the first frame, shows too
  const prose = page.locator('#network-content > p');
  expect(await prose.count()).toBeGreaterThan(2);
  for (const part of await prose.all()) await expect(part).toBeVisible();
});

test('when KaTeX cannot load, a message, and nothing waits for it', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(/\/katex-[\w-]+\.js$/, (route) => route.abort());
  await openPage(page);
  await page.evaluate(() => (location.hash = '#x=1,3&y=1&lr=0.1&W1=0.2,0.3&W2=0.1,0.2;0.3,0.4'));
  await expect(page.locator('#status [role="alert"]')).toContainText(
    'Some formulas could not be typeset',
  );
  await settled(page);
  expect(errors).toEqual([]);
});

// The panels act on the page's state (a new network starts from its learning
// rate, training from its weights): until the first render there is none, so
// they are not on the page yet. Here the first render waits for the comma's
// formulas, held back until the panels would have been built.
test('the network and training panels join the page with its first render', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const requested = new Promise((resolve) =>
    page.route(/\/typeset-comma-[\w-]+\.html$/, async (route) => {
      resolve();
      await held;
      await route.continue();
    }),
  );
  await page.goto('/');
  await requested;
  await page.locator('#builder summary').click();
  await expect(page.locator('#builder-panel')).toBeEmpty();
  await expect(page.locator('#train-panel')).toBeEmpty();
  release();
  await page.waitForSelector('html[data-ready]');
  await page.selectOption('#preset', 'relu');
  await expect(page.locator('#preset-description')).toContainText('ReLU');
  await expect(page).toHaveURL(/f\d=relu/);
  await expect(page.locator('#train-run')).toBeAttached();
  expect(errors).toEqual([]);
  await context.close();
});
