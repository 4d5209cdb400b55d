// The page as it is deployed: the static build from a sub-path of a plain
// static server and of nginx, the single file from file:// and inside a
// sandboxed iframe (with no request at all), and the Content-Security-Policy
// each ships.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { nginx, root, serveNginx, serveStatic, violations, watchCsp } from './servers.js';

const single = join(root, 'dist-single/backprop-walkthrough.html');
const singleUrl = `file://${single}`;

/** The predicted value as shown in the forward pass: the worked example's 0.2533. */
async function expectWorkedExample(frame) {
  await frame.waitForSelector('html[data-ready]');
  const shown = frame.locator('#step-forward .katex-html [data-trace="yHat.0"]').first();
  await expect(shown).toHaveText('0.2533');
  await expect(frame.locator('.katex-error')).toHaveCount(0);
}

/** Fails on console errors and uncaught exceptions; returns them for an expect at the end. */
function watchErrors(page) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

/** Opens the static build at `base` and checks that it works from there alone. */
async function expectServedFrom(page, base) {
  const problems = watchErrors(page);
  const responses = [];
  page.on('response', (r) => responses.push(r));
  await watchCsp(page);
  await page.goto(`${base}#lr=0.05`);
  await expectWorkedExample(page);
  const urls = responses.map((r) => r.url()).filter((u) => !u.startsWith('data:'));
  expect(urls.length).toBeGreaterThan(3);
  for (const url of urls) expect(url.startsWith(base), url).toBe(true);
  for (const r of responses) expect(r.status(), r.url()).toBe(200);
  const wasm = responses.filter((r) => r.url().endsWith('.wasm'));
  expect(wasm).toHaveLength(1);
  // else WebAssembly.instantiateStreaming fails, and the glue warns and fetches it again
  expect(await wasm[0].headerValue('content-type')).toBe('application/wasm');
  expect(urls.filter((u) => /\.(woff|ttf)$/.test(u))).toEqual([]);
  expect(await violations(page)).toEqual([]);
  expect(problems).toEqual([]);
}

test.describe('static build (dist/)', () => {
  let server;
  test.beforeAll(async () => {
    server = await serveStatic({ 'sub/path/': join(root, 'dist') });
  });
  test.afterAll(() => server?.close());

  test('works from a sub-path of python3 -m http.server', async ({ page }) => {
    await expectServedFrom(page, `http://127.0.0.1:${server.port}/sub/path/`);
  });
});

test.describe('static build under nginx', () => {
  test.skip(!nginx, 'nginx is not installed (apt-get install nginx)');
  let server;
  test.beforeAll(async () => {
    // the configuration as the README gives it, with /srv/ where dist/ is
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const location = /```nginx\n([^`]*)```/.exec(readme)?.[1];
    expect(location).toContain('location /backprop/');
    server = await serveNginx({ 'backprop/dist/': join(root, 'dist') }, location);
  });
  test.afterAll(() => server?.close());

  test("works with the README's configuration", async ({ page }) => {
    await expectServedFrom(page, `http://127.0.0.1:${server.port}/backprop/`);
  });
});

test.describe('strict CSP of the hosted build', () => {
  test('ships first in <head>, without unsafe-inline or unsafe-eval', async ({ page }) => {
    await page.goto('/');
    const first = await page.evaluate(() => document.head.firstElementChild.outerHTML);
    expect(first).toContain('http-equiv="Content-Security-Policy"');
    expect(first).toContain(
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; font-src 'self'; img-src 'self'; connect-src 'self'",
    );
    expect(first).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  });

  test('no violation while reading, pointing, editing and changing settings', async ({ page }) => {
    await watchCsp(page);
    await page.goto('/');
    await expectWorkedExample(page);
    await page.locator('#step-loss .katex-html [data-trace="loss"]').first().hover();
    await page.locator('#editor [data-edit="lr"]').fill('0.1');
    await page.locator('#number-format').selectOption(',');
    await page.locator('#theme').selectOption('dark');
    await page.locator('#embed-open').click();
    await page.keyboard.press('Escape');
    await page.locator('.step').last().scrollIntoViewIfNeeded();
    await page.waitForTimeout(400); // the MathML refresh after an edit
    expect(await violations(page)).toEqual([]);
  });

  test('control: an injected inline script is blocked and reported', async ({ page }) => {
    await watchCsp(page);
    await page.goto('/');
    await page.waitForSelector('html[data-ready]');
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true;';
      document.body.append(s);
    });
    await expect.poll(() => violations(page)).toEqual(['script-src-elem blocked inline']);
    expect(await page.evaluate(() => window.__ran)).toBeUndefined();
  });
});

test.describe('single file (dist-single/backprop-walkthrough.html)', () => {
  test.skip(!existsSync(single), 'run npm run build:single first');

  test('works from file:// with no request but the file itself', async ({ page, context }) => {
    const problems = watchErrors(page);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await context.route('**/*', (route) => {
      if (route.request().url() === singleUrl) return route.continue();
      requests.push(`ROUTED ${route.request().url()}`);
      return route.abort();
    });
    await watchCsp(page);
    await page.goto(singleUrl);
    await expectWorkedExample(page);
    // Fonts are data: URIs inside the stylesheet; nothing is fetched, not even the WASM.
    expect(
      requests.filter((u) => !u.startsWith('data:font/') && !u.startsWith('data:image/')),
    ).toEqual([singleUrl]);
    await page.locator('#editor [data-edit="lr"]').fill('0.5');
    await expect(page).toHaveURL(/lr=0\.5/);
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('carries the fonts as woff2 data: URIs only', () => {
    const html = readFileSync(single, 'utf8');
    expect(html.match(/url\(data:font\/woff2;base64,/g)?.length).toBeGreaterThanOrEqual(19);
    expect(html).not.toMatch(/format\("(woff|truetype)"\)/);
  });

  test('ships a hash-based CSP first in <head>; an injected script is reported', async ({
    page,
  }) => {
    await watchCsp(page);
    await page.goto(singleUrl);
    await page.waitForSelector('html[data-ready]');
    const first = await page.evaluate(() => document.head.firstElementChild.outerHTML);
    expect(first).toMatch(/script-src 'sha256-[\w+/=]+' 'wasm-unsafe-eval'; style-src 'sha256-/);
    expect(first).toContain("default-src 'none'");
    expect(first).toContain("connect-src 'none'");
    expect(first).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    expect(await violations(page)).toEqual([]);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true;';
      document.body.append(s);
    });
    await expect.poll(() => violations(page)).toEqual(['script-src-elem blocked inline']);
  });

  test('works inside <iframe sandbox="allow-scripts">, without storage', async ({
    page,
    context,
  }) => {
    const server = await serveStatic({
      'course/page.html': `<!doctype html><title>Course</title>
<iframe id="w" sandbox="allow-scripts" src="backprop-walkthrough.html#lr=0.5" width="900" height="900"></iframe>`,
      'course/backprop-walkthrough.html': readFileSync(single),
    });
    try {
      const base = `http://127.0.0.1:${server.port}/course/`;
      const allowed = [`${base}page.html`, `${base}backprop-walkthrough.html`];
      const refused = [];
      await context.route('**/*', (route) => {
        const url = route.request().url().replace(/#.*/, '');
        if (allowed.includes(url)) return route.continue();
        refused.push(url);
        return route.abort();
      });
      const problems = watchErrors(page);
      await watchCsp(page);
      await page.goto(`${base}page.html`);
      const frame = page.frameLocator('#w');
      await expect(frame.locator('html[data-ready]')).toHaveCount(1);
      const inner = page.frames().find((f) => f !== page.mainFrame());
      // lr=0.5 from the hash: ŷ is the same, the update is ten times the example's
      await expect(
        frame.locator('#step-forward .katex-html [data-trace="yHat.0"]').first(),
      ).toHaveText('0.2533');
      expect(await inner.evaluate(() => self.origin)).toBe('null');
      // Storage throws in an opaque origin: settings still apply, unremembered.
      await frame.locator('#theme').selectOption('dark');
      await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
      await frame.locator('#editor [data-edit="lr"]').fill('0.25');
      await expect(
        frame.locator('#step-update .katex-html [data-trace="example.lr"]').first(),
      ).toHaveText('0.25');
      expect(refused).toEqual([]);
      expect(await violations(inner)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      server.close();
    }
  });
});
