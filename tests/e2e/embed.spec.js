// Embedding: the page inside an iframe on another origin tells the parent
// its height (its own message and Canvas's lti.frameResize), also to a
// listener that arrives late; the Embed button gives a snippet that
// reproduces the current configuration.
import { expect, test } from '@playwright/test';
import { serveStatic } from './servers.js';

const HEIGHT = 'backprop-walkthrough:height';

/** A course page on another origin (127.0.0.1:port vs localhost:E2E_PORT) embedding `src`. */
const parentPage = (src, listenAfterMs) => `<!doctype html>
<title>Course page</title>
<h1>Week 3</h1>
<iframe id="w" src="${src}" title="Backpropagation" width="800" height="300" style="border: 0"></iframe>
<script>
  window.__messages = [];
  const listen = () =>
    addEventListener('message', (e) => {
      if (e.source !== document.getElementById('w').contentWindow) return;
      window.__messages.push({ origin: e.origin, data: e.data });
      if (e.data && e.data.type === '${HEIGHT}') document.getElementById('w').height = e.data.height;
    });
  ${listenAfterMs ? `setTimeout(listen, ${listenAfterMs});` : 'listen();'}
</script>`;

test.describe('embedded on another origin', () => {
  let server;
  test.beforeAll(async ({ baseURL }) => {
    const src = `${baseURL}?embed=1#lr=0.5`;
    server = await serveStatic({
      'now.html': parentPage(src, 0),
      'late.html': parentPage(src, 1500),
    });
  });
  test.afterAll(() => server?.close());

  test('posts its height in both forms; the parent sizes the frame to fit', async ({
    page,
    baseURL,
  }) => {
    const pageOrigin = new URL(baseURL).origin;
    await page.goto(`http://127.0.0.1:${server.port}/now.html`);
    const frame = page.frameLocator('#w');
    await expect(frame.locator('html[data-ready]')).toHaveCount(1);
    await expect(frame.locator('.page-header')).toBeHidden();
    await expect(frame.locator('.page-footer')).toBeHidden();

    await expect
      .poll(() => page.evaluate(() => window.__messages.length), { timeout: 5000 })
      .toBeGreaterThan(1);
    const messages = await page.evaluate(() => window.__messages);
    for (const m of messages) expect(m.origin).toBe(pageOrigin);
    const own = messages.filter((m) => m.data.type === HEIGHT);
    const canvas = messages.filter((m) => m.data.subject === 'lti.frameResize');
    expect(own.length).toBeGreaterThan(0);
    expect(canvas.length).toBe(own.length);
    expect(own.at(-1).data.height).toBeGreaterThan(1000);
    expect(canvas.at(-1).data.height).toBe(own.at(-1).data.height);

    // Sized to fit: the frame's page does not scroll.
    const inner = page.frames().find((f) => f !== page.mainFrame());
    await expect
      .poll(() => inner.evaluate(() => document.documentElement.scrollHeight - innerHeight))
      .toBeLessThanOrEqual(0);

    // A change of height (a smaller network) is announced again.
    const before = own.at(-1).data.height;
    await inner.evaluate(() => {
      location.hash = 'x=1&y=1&W1=0.5';
    });
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            window.__messages.filter((m) => m.data.type === 'backprop-walkthrough:height').at(-1)
              .data.height,
        ),
      )
      .not.toBe(before);
  });

  test('a listener that arrives late still gets the height', async ({ page }) => {
    await page.goto(`http://127.0.0.1:${server.port}/late.html`);
    await expect
      .poll(() => page.evaluate(() => window.__messages.length), { timeout: 8000 })
      .toBeGreaterThan(0);
    const height = await page.evaluate(() => window.__messages[0].data.height);
    expect(height).toBeGreaterThan(1000);
  });
});

test('the Embed button gives an iframe snippet for the current configuration', async ({
  page,
  baseURL,
}) => {
  await page.goto('/');
  await page.waitForSelector('html[data-ready]');
  await page.locator('#editor [data-edit="lr"]').fill('0.5');
  await expect(page).toHaveURL(/lr=0\.5/);
  await page.locator('#embed-open').click();
  const dialog = page.locator('#embed-dialog');
  await expect(dialog).toBeVisible();
  const snippet = await page.locator('#embed-snippet').inputValue();
  expect(snippet).toMatch(/^<iframe src="[^"]+"/);
  const src = /src="([^"]+)"/.exec(snippet)[1].replaceAll('&amp;', '&');
  expect(src.startsWith(`${baseURL}?embed=1#x=2,3&y=1&lr=0.5&W1=`)).toBe(true);
  await expect(page.locator('#embed-local')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.goto(src);
  await page.waitForSelector('html[data-ready]');
  await expect(page.locator('.page-header')).toBeHidden();
  await expect(page.locator('#editor [data-edit="lr"]')).toHaveValue('0.5');
});

test('embed=1 in the hash gives the embedded layout and leaves the configuration alone', async ({
  page,
}) => {
  await page.goto('/#embed=1&lr=0.5');
  await page.waitForSelector('html[data-ready]');
  await expect(page.locator('html')).toHaveAttribute('data-embed', '');
  await expect(page.locator('.page-header')).toBeHidden();
  await expect(page.locator('#status')).toBeEmpty();
  await expect(page.locator('#editor [data-edit="lr"]')).toHaveValue('0.5');
});

for (const asked of ['embed=1', 'embed']) {
  test(`${asked} in the hash survives an edit, as embed=1`, async ({ page }) => {
    await page.goto(`#${asked}`);
    await page.waitForSelector('html[data-ready]');
    await expect(page.locator('html')).toHaveAttribute('data-embed', /.*/);
    await page.locator('#editor [data-edit="lr"]').fill('0.2');
    await expect(page).toHaveURL(/lr=0\.2.*&embed=1$/);
    await expect(page.locator('html')).toHaveAttribute('data-embed', /.*/);
  });
}
