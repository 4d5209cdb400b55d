// The KaTeX fonts are cut to KATEX_GLYPHS (scripts/katex-fonts.mjs). Every
// character the page typesets, in every preset, activation and mode, must
// be in that set, or the browser draws it in a fallback font.
import { KATEX_GLYPHS } from '../../scripts/katex-fonts.mjs';
import { expect, openPage, settled, test } from './fixtures.js';

/** Characters typeset on the page now (KaTeX's visible output only). */
const typeset = (page) =>
  page.$$eval('.katex-html', (roots) => roots.map((r) => r.textContent).join(''));

test('every typeset character is in the cut fonts', async ({ page }) => {
  test.setTimeout(90_000);
  const seen = new Map(); // character → the state that showed it
  const collect = async (state) => {
    await settled(page);
    for (const c of await typeset(page)) if (!seen.has(c)) seen.set(c, state);
  };

  await openPage(page);
  await collect('worked example');
  await page.locator('#number-format').selectOption(',');
  await collect('decimal comma');
  await page.locator('#number-format').selectOption('.');

  await page.click('#builder summary');
  const presets = await page.$$eval('#preset option', (o) => o.map((e) => e.value).filter(Boolean));
  for (const id of presets) {
    await page.selectOption('#preset', id);
    await collect(`preset ${id}`);
  }
  for (const f of ['identity', 'sigmoid', 'tanh', 'relu']) {
    await page.selectOption('[data-shape="f-1"]', f);
    await collect(`activation ${f}`);
  }
  await page.click('#reset');
  await page.locator('#editor [data-edit="lr"]').fill('1000000');
  await expect(page.locator('#diverged')).toBeVisible();
  await collect('diverged');
  await page.check('#exercise-toggle');
  await collect('exercise mode');

  const missing = [...seen].filter(([c]) => !KATEX_GLYPHS.includes(c));
  expect(
    missing.map(([c, state]) => `${c} (U+${c.codePointAt(0).toString(16)}) in ${state}`),
  ).toEqual([]);
  // The check sees real output: digits, Greek and operators at least.
  for (const c of '0123456789.σ∂≈') expect(seen.has(c), c).toBe(true);
});

test('the page requests the cut fonts, not KaTeX originals', async ({ page }) => {
  const fonts = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('.woff2')) fonts.push({ url: r.url(), bytes: (await r.body()).length });
  });
  await openPage(page);
  await page.waitForLoadState('networkidle');
  const main = fonts.find((f) => f.url.includes('KaTeX_Main-Regular'));
  expect(main, 'KaTeX_Main-Regular requested').toBeTruthy();
  // The original is 26 KB; the cut one about half that.
  expect(main.bytes).toBeLessThan(16_000);
});

// Each font the first layout has to look up is a round trip to the browser
// process. The first screen is set in the text font and the cut KaTeX fonts,
// the diagram's ŷ included (a y and a ^, as KaTeX sets it: no KaTeX font
// has a ŷ).
test('the first screen looks up no other font', async ({ page }) => {
  await openPage(page);
  await settled(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', {
    nodeId: root.nodeId,
    selector: '.page-header h1',
  });
  const text = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts[0].familyName;
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
    nodeId: root.nodeId,
    selector: '#step-network *',
  });
  const others = new Map(); // font → the text drawn in it
  for (const id of nodeIds) {
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: id });
    for (const f of fonts) {
      if (f.isCustomFont || f.familyName === text) continue;
      // the element's own text (a group reports the fonts of what it holds)
      const { node } = await cdp.send('DOM.describeNode', { nodeId: id, depth: 1 });
      const own = (node.children ?? []).filter((c) => c.nodeType === 3).map((c) => c.nodeValue);
      if (node.localName === 'g') continue;
      others.set(
        `${f.familyName}: <${node.localName} ${node.attributes.join(' ')}> ${own.join('')}`,
        f.glyphCount,
      );
    }
  }
  expect([...others.keys()]).toEqual([]);
});

// A system font at a new size or weight is set up in the middle of a layout,
// with a round trip to the browser process. The build lists those the text
// uses (scripts/prerender.mjs); the page sets each up before section 1's
// diagram and prose are shown (web/src/render/fonts.js).
test('the page sets up every system font its text uses before it shows section 1', async ({
  page,
}) => {
  await page.addInitScript(() => {
    window.measured = [];
    const measure = CanvasRenderingContext2D.prototype.measureText;
    CanvasRenderingContext2D.prototype.measureText = function (text) {
      const waiting = document.querySelectorAll('#network-content > [data-later]').length;
      window.measured.push({ font: this.font, waiting });
      return measure.call(this, text);
    };
  });
  await openPage(page);
  await settled(page);
  const { listed, measured, used } = await page.evaluate(() => {
    for (const s of document.querySelectorAll('.step')) s.style.contentVisibility = 'visible';
    const used = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const e = text.parentElement;
      if (!text.data.trim() || !e.checkVisibility()) continue;
      const s = getComputedStyle(e);
      if (!s.fontFamily.startsWith('KaTeX_'))
        used.add(`${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`);
    }
    return {
      listed: JSON.parse(document.body.dataset.systemFonts),
      measured: window.measured,
      used: [...used],
    };
  });
  expect(used.length).toBeGreaterThan(5);
  expect(used.filter((f) => !listed.includes(f))).toEqual([]);
  // one measurement per listed font, each while section 1 still waited
  expect(measured).toHaveLength(listed.length);
  expect(measured.filter((m) => m.waiting === 0)).toEqual([]);
});
