// Your own network: presets, shape, seed. A preset loaded, edited, shared by
// URL and reloaded gives identical numbers; a seed reproduces its weights.
import { expect, openPage, settled, test, tracedValues } from './fixtures.js';

const everything = async (page) => {
  await settled(page);
  return page.$$eval('#walkthrough [data-trace]', (els) =>
    els.map((e) => `${e.dataset.trace}=${e.dataset.value}`),
  );
};

test('a preset loaded, edited, shared by URL and reloaded gives identical numbers', async ({
  page,
  watched,
}) => {
  await openPage(page);
  await page.click('#builder summary');
  await page.selectOption('#preset', 'relu');
  await expect(page.locator('#preset-description')).toContainText('ReLU');
  expect((await tracedValues(page, 'yHat.1')).length).toBeGreaterThan(0); // two outputs
  await page.locator('#editor [data-edit="layers.0.W.1.0"]').fill('-0.45');
  await expect(page).toHaveURL(/f2=relu/);
  await page.waitForTimeout(300); // the hash is written at most every 200 ms
  const before = await everything(page);
  const url = page.url();
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForSelector('html[data-ready]');
  expect(await everything(page)).toEqual(before);
  expect(watched).toEqual({ console: [], errors: [], foreign: [] });
});

test('every preset renders without a typesetting error', async ({ page }) => {
  await openPage(page);
  await page.click('#builder summary');
  const ids = await page.$$eval('#preset option', (o) => o.map((e) => e.value).filter(Boolean));
  expect(ids.length).toBeGreaterThanOrEqual(5);
  for (const id of ids) {
    await page.selectOption('#preset', id);
    await expect(page.locator('#walkthrough .katex-error')).toHaveCount(0);
    await expect(page.locator('#status')).toBeEmpty();
    // every formula is typeset, including those outside a section's body
    await settled(page);
    const empty = await page.$$eval(
      '#walkthrough .formula',
      (f) => f.filter((e) => !e.querySelector('.katex')).length,
    );
    expect(empty, id).toBe(0);
  }
});

test('shape: add a layer, change neurons and activation; the seed reproduces the weights', async ({
  page,
}) => {
  await openPage(page);
  await page.click('#builder summary');
  await page.fill('#seed', '7');
  await page.locator('#seed').press('Enter');
  await page.locator('#seed').blur();
  await expect(page).toHaveURL(/seed=7/);
  await page.click('#add-layer');
  await expect(page.locator('#step-chain-3')).toBeVisible();
  await page.locator('[data-shape="neurons-2"]').fill('3');
  await page.locator('[data-shape="neurons-2"]').press('Tab');
  await page.selectOption('[data-shape="f-2"]', 'tanh');
  await expect(page).toHaveURL(/f2=tanh/);
  const first = await everything(page);
  // the same shape and seed again: the same numbers
  await page.fill('#seed', '8');
  await page.locator('#seed').press('Tab');
  await page.fill('#seed', '7');
  await page.locator('#seed').press('Tab');
  expect(await everything(page)).toEqual(first);
  // out of limits: a message, nothing changes
  await page.locator('[data-shape="neurons-2"]').fill('5');
  await page.locator('[data-shape="neurons-2"]').press('Tab');
  await expect(page.locator('#builder-message')).toContainText('Layers have from 1 to 4 neurons');
  expect(await everything(page)).toEqual(first);
  await page.locator('[data-shape="inputs"]').fill('0');
  await page.locator('[data-shape="inputs"]').press('Tab');
  await expect(page.locator('#builder-message')).toContainText('Networks have from 1 to 4 inputs');
  // an empty seed is no seed (not seed 0)
  await page.fill('#seed', '');
  await page.locator('#seed').press('Tab');
  await expect(page.locator('#builder-message')).toContainText('The seed must be a whole number');
  await expect(page.locator('#seed')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/seed=7/);
  expect(await everything(page)).toEqual(first);
});

// The shape's controls are rebuilt only while the panel is open: a change
// made with it closed shows when it opens.
test('the panel, opened again, shows the shape changed while it was closed', async ({ page }) => {
  await openPage(page);
  await page.click('#builder summary');
  await page.click('#add-layer');
  await expect(page.locator('[data-shape="neurons-3"]')).toBeVisible();
  await page.click('#builder summary'); // closed
  await page.click('#reset'); // the worked example: two layers
  await settled(page);
  await page.click('#builder summary');
  await expect(page.locator('[data-shape^="neurons-"]')).toHaveCount(2);
  await expect(page.locator('[data-shape="neurons-2"]')).toHaveValue('2');
});
