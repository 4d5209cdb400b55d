// Reading comfort: the theme (system, light, dark; remembered), the print
// handout, and numbers with the reader's decimal separator. Screenshots go to
// test-results/reading/ for a look by eye; the checks read the DOM.
import { expect, openPage, settled, test, snapshot } from './fixtures.js';

const shot = (name) => `test-results/reading/${name}.png`;
const background = (page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
const LIGHT = 'rgb(253, 252, 250)';
const DARK = 'rgb(21, 24, 28)';

test.describe('theme', () => {
  test('follows the system until the reader picks one, which is remembered', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openPage(page);
    expect(await background(page)).toBe(DARK);
    await page.screenshot({ path: shot('dark-system') });

    await page.locator('#theme').selectOption('light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await background(page)).toBe(LIGHT);
    await page.reload();
    await page.waitForSelector('html[data-ready]');
    await expect(page.locator('#theme')).toHaveValue('light');
    expect(await background(page)).toBe(LIGHT);

    await page.locator('#theme').selectOption('system');
    await expect(page.locator('html')).not.toHaveAttribute('data-theme');
    expect(await background(page)).toBe(DARK);

    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('#theme').selectOption('dark');
    expect(await background(page)).toBe(DARK);
    await expect(
      page.locator('#step-forward .katex-html [data-trace="yHat.0"]').first(),
    ).toHaveText('0.2533');
    await page.locator('#step-network').screenshot({ path: shot('dark-chosen') });
  });
});

// The dark palette is written twice in main.css: for a system that prefers
// dark (unless the reader chose light), and for a reader who chose dark. The
// two must agree, colour for colour, as must the light ones.
test('a chosen theme has the same palette as the system theme of that name', async ({ page }) => {
  const palette = () =>
    page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      return Object.fromEntries(
        [...style]
          .filter((p) => p.startsWith('--'))
          .map((p) => [p, style.getPropertyValue(p).trim()]),
      );
    });
  await openPage(page);
  const chosen = {};
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme === 'light' ? 'dark' : 'light' });
    await page.locator('#theme').selectOption(scheme);
    chosen[scheme] = await palette();
  }
  for (const scheme of ['light', 'dark']) {
    await page.locator('#theme').selectOption('system');
    await page.emulateMedia({ colorScheme: scheme });
    const system = await palette();
    expect(Object.keys(system).length).toBeGreaterThan(15);
    expect(system, scheme).toEqual(chosen[scheme]);
  }
  expect(chosen.dark['--bg']).not.toBe(chosen.light['--bg']);
});

test.describe('print', () => {
  test('a handout: values instead of controls, every section, light colours', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openPage(page);
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    expect(await background(page)).toBe('rgb(255, 255, 255)');
    for (const hidden of ['.page-tools', '.editor-actions', '#reset', '#embed-open'])
      await expect(page.locator(hidden)).toBeHidden();
    const style = await page.evaluate(() => {
      const s = (q) => getComputedStyle(document.querySelector(q));
      return {
        input: s('#editor [data-edit="lr"]').borderTopWidth,
        visibility: [...document.querySelectorAll('.step')].map(
          (e) => getComputedStyle(e).contentVisibility,
        ),
        breakForward: s('#step-forward').breakBefore,
        breakFirst: s('#step-network').breakBefore,
      };
    });
    expect(style.input).toBe('0px');
    expect(new Set(style.visibility)).toEqual(new Set(['visible']));
    expect(style.breakForward).toBe('page');
    expect(style.breakFirst).toBe('auto');
    // the fields print their values
    await expect(page.locator('#editor [data-edit="lr"]')).toHaveValue('0.05');
    await expect(
      page.locator('#step-forward .katex-html [data-trace="yHat.0"]').first(),
    ).toHaveText('0.2533');
    await expect(page.locator('#step-after')).toContainText('19.5');
    await page.screenshot({ path: shot('print'), fullPage: true });
    await page.pdf({ path: 'test-results/reading/handout.pdf', format: 'A4' });
  });
});

test.describe('decimal separator', () => {
  test('a comma everywhere once chosen; typing and links keep working', async ({
    page,
    watched,
  }) => {
    await openPage(page);
    await expect(page.locator('#number-format option[value="auto"]')).toHaveText('Automatic (1.5)');
    await page.locator('#number-format').selectOption(',');
    const yHat = page.locator('#step-forward .katex-html [data-trace="yHat.0"]').first();
    await expect(yHat).toHaveText('0,2533');
    await expect(page.locator('#step-after')).toContainText('19,5');
    await expect(page.locator('.network [data-trace="example.layers.1.W.0.0"]').first()).toHaveText(
      '0,17',
    );
    await page.locator('#step-loss .katex-html [data-trace="loss"]').first().hover();
    await expect(page.locator('#value-tip')).toHaveText('0,27878044499999993');
    await expect(page.locator('#walkthrough .katex-error')).toHaveCount(0);

    // typing takes either separator; the link keeps "."
    await page.locator('#editor [data-edit="lr"]').fill('0,5');
    await expect(page).toHaveURL(/lr=0\.5&/);
    await expect(
      page.locator('#step-update .katex-html [data-trace="example.lr"]').first(),
    ).toHaveText('0,50');
    await page.locator('#step-forward').screenshot({ path: shot('comma') });

    await page.reload();
    await page.waitForSelector('html[data-ready]');
    await expect(yHat).toHaveText('0,2533');
    await page.locator('#number-format').selectOption('.');
    await expect(yHat).toHaveText('0.2533');
    expect(watched).toEqual({ console: [], errors: [], foreign: [] });
  });

  test('an edit patches comma numbers in place; the page equals a fresh one', async ({ page }) => {
    const shown = () => snapshot(page);
    await openPage(page);
    await page.locator('#number-format').selectOption(',');
    const yHat = page.locator('#step-forward .katex-html [data-trace="yHat.0"]').first();
    const typeset = await yHat.elementHandle();
    await page.locator('#editor [data-edit="layers.1.W.0.0"]').fill('0,2');
    // ŷ = 0.2·0.93 + 0.17·0.56 = 0.2812, written into the same element
    await expect(yHat).toHaveText('0,2812');
    expect(await typeset.evaluate((e) => e.isConnected)).toBe(true);
    await page.locator('#editor [data-edit="lr"]').fill('0,125');
    await expect(page).toHaveURL(/lr=0\.125/);
    const patched = await shown();
    await page.reload();
    await page.waitForSelector('html[data-ready]');
    expect(await shown()).toEqual(patched);
    expect(patched.numbers).toContain('example.lr=0.125 "0,125"');
  });

  test.describe('in a German browser', () => {
    test.use({ locale: 'de-DE' });
    test('defaults to a comma', async ({ page }) => {
      await openPage(page);
      await expect(page.locator('#number-format option[value="auto"]')).toHaveText(
        'Automatic (1,5)',
      );
      await expect(
        page.locator('#step-forward .katex-html [data-trace="yHat.0"]').first(),
      ).toHaveText('0,2533');
    });
  });
});

test.describe('line breaks', () => {
  test('punctuation after inline math stays on its line; nothing overflows at 320 px', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await openPage(page);
    await settled(page);
    const r = await page.evaluate(() => {
      for (const s of document.querySelectorAll('.step')) s.style.contentVisibility = 'visible';
      const startsLine = [];
      let glued = 0;
      for (const math of document.querySelectorAll('.step p .math')) {
        const after = math.nextSibling;
        if (after?.nodeType !== Node.TEXT_NODE || !/^[.,;:!?)\]]/.test(after.data)) continue;
        glued++;
        // the punctuation's first character against the formula's last box
        const range = document.createRange();
        range.setStart(after, 0);
        range.setEnd(after, 1);
        const mark = range.getBoundingClientRect();
        const bases = math.querySelectorAll('.katex-html > .base');
        const last = bases[bases.length - 1].getBoundingClientRect();
        if (mark.top >= last.bottom || mark.bottom <= last.top) startsLine.push(after.data);
      }
      return { glued, startsLine, width: document.documentElement.scrollWidth };
    });
    // section 4 alone has "(by 1: the output layer is linear)"
    expect(r.glued).toBeGreaterThan(20);
    expect(r.startsLine).toEqual([]);
    expect(r.width).toBeLessThanOrEqual(320);
  });
});

// Where a box scrolls sideways, a shadow marks the edge with more beyond it.
test('a table wider than a phone shows a shadow on the side that hides more', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPage(page);
  const wrap = page.locator('#step-check .table-wrap');
  await wrap.scrollIntoViewIfNeeded();
  await settled(page);
  expect(await wrap.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeGreaterThan(20);
  /** Brightness of the box near its left and right edges, halfway down. */
  const edges = async () => {
    const png = (await wrap.screenshot()).toString('base64');
    return page.evaluate(async (src) => {
      // (a bitmap from bytes: the page's CSP refuses data: images)
      const bytes = Uint8Array.from(atob(src), (ch) => ch.charCodeAt(0));
      const img = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(img.width, img.height);
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const y = Math.floor(img.height / 2);
      const at = (x) => [...g.getImageData(x, y, 1, 1).data.slice(0, 3)].reduce((a, b) => a + b);
      // a few pixels in: the box's edge may fall inside a pixel
      return { left: at(3), right: at(img.width - 4) };
    }, png);
  };
  const start = await edges();
  expect(start.left - start.right).toBeGreaterThan(30);
  await wrap.evaluate((e) => (e.scrollLeft = e.scrollWidth));
  const end = await edges();
  expect(end.right - end.left).toBeGreaterThan(30);
});
