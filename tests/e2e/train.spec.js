// Training: the curve from one call, any step opened in the walkthrough, and
// 100 000 steps without losing the page.
import { expect, openPage, test, tracedValues } from './fixtures.js';

/** The worked example's 2-2-1 linear SGD, written out independently. */
function lossAfter(steps) {
  const W2 = [
    [0.12, 0.23],
    [0.13, 0.1],
  ];
  const w1 = [0.17, 0.17];
  const x = [2, 3];
  const lr = 0.05;
  let loss = 0;
  for (let k = 0; k <= steps; k++) {
    const h = W2.map((r) => r[0] * x[0] + r[1] * x[1]);
    const e = w1[0] * h[0] + w1[1] * h[1] - 1;
    loss = 0.5 * e * e;
    if (k === steps) break;
    const old = [...w1];
    for (let i = 0; i < 2; i++) {
      w1[i] -= lr * e * h[i];
      for (let j = 0; j < 2; j++) W2[i][j] -= lr * e * old[i] * x[j];
    }
  }
  return loss;
}

test('train, see the curve, open a step in the walkthrough', async ({ page, watched }) => {
  await openPage(page);
  await page.fill('#train-steps', '1000');
  await page.click('#train-run');
  await expect(page.locator('#train-summary')).toContainText('steps: the loss went from');
  await expect(page.locator('#train-plot canvas')).toHaveCount(1);
  const [first] = await tracedValues(page, 'train.losses.0');
  expect(first).toBe((await tracedValues(page, 'loss'))[0]);

  await page.fill('#train-pick', '30');
  await page.click('#train-open');
  // The walkthrough now starts from the weights after 30 steps.
  await expect
    .poll(async () => (await tracedValues(page, 'loss'))[0])
    .toBeCloseTo(lossAfter(30), 12);
  await expect(page).toHaveURL(/W1=/);
  // Clicking the curve opens a step too.
  const box = await page.locator('#train-plot .u-over').boundingBox();
  await page.mouse.click(box.x + box.width * 0.02, box.y + box.height / 2);
  await expect
    .poll(async () => (await tracedValues(page, 'loss'))[0])
    .not.toBeCloseTo(lossAfter(30), 12);
  expect(watched).toEqual({ console: [], errors: [], foreign: [] });
});

test('100 000 steps complete and the page still responds', async ({ page }) => {
  await openPage(page);
  await page.fill('#train-steps', '100000');
  await page.click('#train-run');
  await expect(page.locator('#train-summary')).toContainText('steps: the loss went from', {
    timeout: 10_000,
  });
  await expect(page.locator('#train-summary [data-index]')).toHaveText('100\u202f000');
  await page.locator('#editor [data-edit="lr"]').fill('0.1');
  expect((await tracedValues(page, 'example.lr'))[0]).toBe(0.1);
  // An edit of the example retires the curve it no longer belongs to.
  await expect(page.locator('#train-summary')).toContainText('train again');
});

test('training that diverges stops early and says so; bad step counts are refused', async ({
  page,
}) => {
  await openPage(page, '#lr=10');
  await page.fill('#train-steps', '1000');
  await page.click('#train-run');
  await expect(page.locator('#train-summary')).toContainText('Training diverged at step');
  for (const bad of ['0', '1.5', '100001', '']) {
    await page.fill('#train-steps', bad);
    await page.click('#train-run');
    await expect(page.locator('#train-message')).toBeVisible();
    await expect(page.locator('#train-steps')).toHaveAttribute('aria-invalid', 'true');
  }
});

test('one step is "1 step"; a step to open must be a whole number within the run', async ({
  page,
}) => {
  await openPage(page, '#lr=0.1');
  await page.fill('#train-steps', '1');
  await page.click('#train-run');
  await expect(page.locator('#train-summary')).toContainText('1 step: the loss went from');
  for (const bad of ['1.5', '', '2', '-1']) {
    await page.fill('#train-pick', bad);
    await page.click('#train-open');
    await expect(page.locator('#train-message')).toHaveText(
      'Enter a whole number of steps from 0 to 1.',
    );
    await expect(page.locator('#train-pick')).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/#lr=0\.1$/);
  }
  await page.fill('#train-pick', '0');
  await expect(page.locator('.train-pick')).toContainText('training steps Open');
  await page.fill('#train-pick', '1');
  await expect(page.locator('.train-pick')).toContainText('training step Open');
  await page.click('#train-open');
  await expect(page.locator('#train-message')).toBeHidden();
  await expect(page).toHaveURL(/W1=/);
});

test('the curve follows the number format and the theme', async ({ page, watched }) => {
  await openPage(page);
  await page.fill('#train-steps', '1000');
  await page.click('#train-run');
  await expect(page.locator('#train-plot canvas')).toHaveCount(1);
  const summary = page.locator('#train-summary [data-trace="train.losses.0"]');
  // L = ½ (0.2533 − 1)² = 0.2788 before the first step
  await expect(summary).toHaveText('0.2788');
  // the legend shows the loss at the cursor, as the page writes numbers
  const box = await page.locator('#train-plot .u-over').boundingBox();
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  const legend = page.locator('#train-plot .u-legend .u-series').nth(1).locator('.u-value');
  await expect(legend).toHaveText(/^\d\.\d{4}$/);

  await page.selectOption('#number-format', ',');
  await expect(summary).toHaveText('0,2788');
  const again = await page.locator('#train-plot .u-over').boundingBox();
  await page.mouse.move(again.x + 3, again.y + again.height / 2);
  await expect(legend).toHaveText(/^\d,\d{4}$/);

  // the curve is drawn again in the theme's accent colour
  const marker = () =>
    page.$eval(
      '#train-plot .u-series:nth-child(2) .u-marker',
      (e) => getComputedStyle(e).borderColor,
    );
  await page.selectOption('#theme', 'light');
  const light = await marker();
  await page.selectOption('#theme', 'dark');
  await expect.poll(marker).not.toBe(light);
  expect(watched).toEqual({ console: [], errors: [], foreign: [] });
});

// uPlot's code sets up the browser's number and date formats as it runs:
// it is fetched and run when the panel nears the screen, not on the click.
test("the plot's code arrives as the panel nears the screen, not with the first view", async ({
  page,
  watched,
}) => {
  const plotCode = [];
  page.on('request', (r) => /\/plot-[\w-]+\.js$/.test(r.url()) && plotCode.push(r.url()));
  await openPage(page);
  await page.waitForTimeout(300);
  expect(plotCode).toEqual([]);
  // (sections laid out on the way move it: scrolled to until it stays)
  await expect
    .poll(async () => {
      await page.locator('#train-panel').scrollIntoViewIfNeeded();
      return plotCode.length;
    })
    .toBe(1);
  await page.click('#train-run');
  await expect(page.locator('#train-plot canvas')).toHaveCount(1);
  expect(plotCode.length).toBe(1);
  expect(watched).toEqual({ console: [], errors: [], foreign: [] });
});

test('when the plot cannot load, a message by the controls; Train again retries', async ({
  page,
}) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let refuse = true;
  await page.route(/\/plot-[\w-]+\.js$/, (route) => (refuse ? route.abort() : route.continue()));
  await openPage(page);
  await page.click('#train-run');
  await expect(page.locator('#train-summary')).toContainText('steps: the loss went from');
  await expect(page.locator('#train-message')).toHaveText(
    'The loss curve could not be drawn: its code did not load. Train again to retry.',
  );
  await expect(page.locator('#train-plot canvas')).toHaveCount(0);
  refuse = false;
  await page.click('#train-run');
  await expect(page.locator('#train-plot canvas')).toHaveCount(1);
  await expect(page.locator('#train-message')).toBeHidden();
  expect(errors).toEqual([]);
});
