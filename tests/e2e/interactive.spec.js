// Editing the example: typing, scrubbing and keys; provenance; the URL round
// trip; a network given by URL checked against an independent computation;
// and every class of bad input (message shown, last good state kept).
import { expect, openPage, snapshot, steadyBox, test, tracedValues } from './fixtures.js';

/** The full-precision value of the first element traced to `path`. */
async function value(page, path) {
  const values = await tracedValues(page, path);
  expect(values.length, `${path} is on the page`).toBeGreaterThan(0);
  return values[0];
}

const field = (page, path) => page.locator(`#editor [data-edit="${path}"]`);

test.describe('editing', () => {
  test('typing a value, with a decimal comma, updates every step', async ({ page, watched }) => {
    await openPage(page);
    const calls = async () => Number(await page.getAttribute('html', 'data-core-calls'));
    const before = await calls();
    await field(page, 'layers.1.W.0.0').fill('0,2');
    expect(await calls()).toBe(before + 1); // one call into the core per edit
    // ŷ = 0.2·0.93 + 0.17·0.56 = 0.186 + 0.0952 = 0.2812
    await expect.poll(() => value(page, 'yHat.0')).toBeCloseTo(0.2812, 12);
    // L = ½ (0.2812 − 1)² = ½ · 0.7188² = 0.25833672
    expect(await value(page, 'loss')).toBeCloseTo(0.25833672, 12);
    // every formula shows the new weight
    const shown = await tracedValues(page, 'example.layers.1.W.0.0');
    expect(shown.length).toBeGreaterThan(3);
    expect(new Set(shown)).toEqual(new Set([0.2]));
    await expect(page).toHaveURL(/W1=0\.2,0\.17/);
    expect(watched).toEqual({ console: [], errors: [], foreign: [] });
  });

  test('keys step the value; Home and End reach the ends of the learning rate', async ({
    page,
  }) => {
    await openPage(page);
    const lr = field(page, 'lr');
    await lr.focus();
    await page.keyboard.press('ArrowUp');
    expect(await value(page, 'example.lr')).toBe(0.06);
    await page.keyboard.press('Shift+ArrowUp');
    expect(await value(page, 'example.lr')).toBe(0.16);
    await page.keyboard.press('Alt+ArrowDown');
    expect(await value(page, 'example.lr')).toBe(0.159);
    await page.keyboard.press('PageDown');
    expect(await value(page, 'example.lr')).toBe(0.059);
    await page.keyboard.press('Home');
    expect(await value(page, 'example.lr')).toBe(0);
    await expect(lr).toHaveAttribute('aria-valuenow', '0');
    await expect(lr).toHaveAttribute('role', 'spinbutton');
    // α = 0: nothing moves, and the loss stays where it was
    expect(await value(page, 'after.loss')).toBe(await value(page, 'loss'));
  });

  test('dragging a field scrubs it', async ({ page }) => {
    await openPage(page);
    await field(page, 'x.0').scrollIntoViewIfNeeded();
    const box = await field(page, 'x.0').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    // 40 px at 4 px per step of 0.1: x₁ = 2 + 1 = 3, so h⁽¹⁾₁ = 0.12·3 + 0.23·3 = 1.05
    await expect.poll(() => value(page, 'example.x.0')).toBe(3);
    expect(await value(page, 'layers.0.h.0')).toBeCloseTo(1.05, 12);
    await expect(field(page, 'x.0')).toHaveValue('3');
  });

  test('dragging a number inside a formula scrubs it; a click opens it for typing', async ({
    page,
  }) => {
    await openPage(page);
    const number = page.locator('#step-update .katex-html [data-trace="example.lr"]').first();
    const box = await steadyBox(number);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 24, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    // 24 px = 6 steps of 0.01
    await expect.poll(() => value(page, 'example.lr')).toBe(0.11);

    await page.locator('#step-forward .katex-html [data-trace="example.x.1"]').first().click();
    const inline = page.locator('#inline-edit');
    await expect(inline).toBeFocused();
    await inline.fill('4');
    await inline.press('Enter');
    // h⁽¹⁾₂ = 0.13·2 + 0.10·4 = 0.66
    await expect.poll(() => value(page, 'layers.0.h.1')).toBeCloseTo(0.66, 12);
    await expect(page.locator('#inline-box')).toBeHidden();
  });

  test('from the keyboard: a formula, its numbers, Enter to edit one', async ({ page }) => {
    await openPage(page);
    const formula = page.locator('#step-forward .formula').nth(1);
    await formula.focus();
    await page.keyboard.press('ArrowRight'); // 0.12 → 2
    await expect(page.locator('#value-tip')).toHaveText('2');
    await page.keyboard.press('Enter');
    await expect(page.locator('#inline-edit')).toBeFocused();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    // h⁽¹⁾₁ = 0.12·5 + 0.23·3 = 1.29
    await expect.poll(() => value(page, 'layers.0.h.0')).toBeCloseTo(1.29, 12);
    // back in the same formula, at the number just edited
    await expect(formula).toBeFocused();
    await expect(page.locator('#value-tip')).toHaveText('5');
    await expect(page.locator('#announce')).toContainText('5, press Enter to edit');
    await page.keyboard.press('ArrowRight'); // 5 → 0.23
    await expect(page.locator('#value-tip')).toHaveText('0.23');
    // Escape leaves the number as it was, and the place too
    await page.keyboard.press('Enter');
    await expect(page.locator('#inline-edit')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(formula).toBeFocused();
    await expect(page.locator('#value-tip')).toHaveText('0.23');
  });

  test('an edit from the diagram that rebuilds it returns to the same number', async ({ page }) => {
    // this step diverges; x₁ = 7.5 makes it converge, and the figure is drawn anew
    await openPage(page, '#x=2,3&y=1&lr=0.05&W1=0.17,0.17&W2=0.5,-1.25;0.3,0.1');
    const diagram = page.locator('#step-network .diagram');
    await diagram.focus();
    const steps = await diagram.evaluate((d) =>
      [...d.querySelectorAll('svg [data-value]')].findIndex(
        (e) => e.dataset.trace === 'example.x.0',
      ),
    );
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
    await expect(page.locator('#value-tip')).toHaveText('2');
    await page.keyboard.press('Enter');
    await page.keyboard.type('7.5');
    await page.keyboard.press('Enter');
    await expect.poll(() => value(page, 'example.x.0')).toBe(7.5);
    await expect(page.locator('#step-network .diagram')).toBeFocused();
    await expect(page.locator('#value-tip')).toHaveText('7.5');
  });

  test('reset returns to the worked example', async ({ page }) => {
    await openPage(page, '#lr=0.5');
    expect(await value(page, 'example.lr')).toBe(0.5);
    await page.click('#reset');
    expect(await value(page, 'example.lr')).toBe(0.05);
    expect(await value(page, 'yHat.0')).toBeCloseTo(0.2533, 12);
  });
});

test('provenance: a computed number lights up its operands, formula and diagram', async ({
  page,
}) => {
  await openPage(page);
  const h = page.locator('#step-forward .katex-html [data-trace="layers.0.h.0"]').first();
  await h.hover();
  const formula = page.locator('#step-forward .formula').nth(1);
  await expect(formula).toHaveClass(/is-context/);
  // h⁽¹⁾₁ = W₁₁ h₁ + W₁₂ h₂: its four operands
  for (const path of [
    'example.layers.0.W.0.0',
    'example.layers.0.W.0.1',
    'example.x.0',
    'example.x.1',
  ]) {
    await expect(formula.locator(`[data-trace="${path}"].is-source`)).toHaveCount(1);
  }
  await expect(formula.locator('[data-trace="example.layers.0.W.1.0"].is-source')).toHaveCount(0);
  // on the diagram: the neuron it belongs to, and the weights that feed it
  const diagram = page.locator('#step-network .diagram');
  await expect(diagram.locator('[data-trace="layers.0.h.0"]')).toHaveClass(/is-current/);
  await expect(diagram.locator('[data-trace="example.layers.0.W.0.1"]')).toHaveClass(/is-source/);
});

test('the diagram of a backward step carries the gradients', async ({ page }) => {
  await openPage(page);
  const grads = await page.$$eval(
    '#step-chain-2 .diagram [data-trace^="layers.0.dW"]',
    (e) => e.length,
  );
  expect(grads).toBe(4);
});

test('URL round trip: edit, reload, same numbers; patched page equals a fresh one', async ({
  page,
}) => {
  await openPage(page);
  await field(page, 'layers.0.W.1.1').fill('-0.35');
  await field(page, 'y.0').fill('2');
  await field(page, 'x.1').press('ArrowUp');
  await expect(page).toHaveURL(/W2=0\.12,0\.23;0\.13,-0\.35/);
  const before = await snapshot(page);
  await page.reload();
  await page.waitForSelector('html[data-ready]');
  const after = await snapshot(page);
  expect(after.numbers).toEqual(before.numbers);
  // screen readers read the MathML: it follows the edits too
  expect(after.mathml).toEqual(before.mathml);
  expect(after.mathml.join(' ')).toContain('3.1');
});

test('back and forward follow the history of edits', async ({ page }) => {
  await openPage(page);
  await field(page, 'lr').fill('0.1');
  // A busy page writes the hash late (it waits 200 ms for more edits): the
  // pause still counts from the edit.
  await page.evaluate(() =>
    setTimeout(() => {
      for (const end = performance.now() + 400; performance.now() < end;);
    }),
  );
  await page.waitForTimeout(1700); // a pause: the next edit is a new history entry
  await field(page, 'lr').fill('0.2');
  await expect(page).toHaveURL(/lr=0\.2/);
  await page.goBack();
  await expect.poll(() => value(page, 'example.lr')).toBe(0.1);
  await page.goForward();
  await expect.poll(() => value(page, 'example.lr')).toBe(0.2);
});

test('a 2-2-2 sigmoid network with biases, given by URL, matches an independent computation', async ({
  page,
}) => {
  const x = [0.05, 0.1];
  const y = [0.01, 0.99];
  const lr = 0.5;
  const W2 = [
    [0.15, 0.2],
    [0.25, 0.3],
  ];
  const b2 = [0.35, 0.35];
  const W1 = [
    [0.4, 0.45],
    [0.5, 0.55],
  ];
  const b1 = [0.6, 0.6];
  const hash = `#x=${x}&y=${y}&lr=${lr}&W2=${W2.join(';')}&b2=${b2}&f2=sigmoid&W1=${W1.join(';')}&b1=${b1}&f1=sigmoid`;
  await openPage(page, hash);

  // Independent forward and backward pass, written out for this network.
  const s = (z) => 1 / (1 + Math.exp(-z));
  const z2 = W2.map((r, i) => r[0] * x[0] + r[1] * x[1] + b2[i]);
  const h1 = z2.map(s);
  const z1 = W1.map((r, i) => r[0] * h1[0] + r[1] * h1[1] + b1[i]);
  const yHat = z1.map(s);
  const loss = 0.5 * ((yHat[0] - y[0]) ** 2 + (yHat[1] - y[1]) ** 2);
  const d1 = yHat.map((v, i) => (v - y[i]) * v * (1 - v));
  const d2 = h1.map((v, i) => (W1[0][i] * d1[0] + W1[1][i] * d1[1]) * v * (1 - v));
  const dW1 = d1.map((d) => h1.map((h) => d * h));
  const dW2 = d2.map((d) => x.map((xi) => d * xi));

  const tol = 1e-12;
  const check = async (path, want) =>
    expect(Math.abs((await value(page, path)) - want), path).toBeLessThan(tol);
  for (let i = 0; i < 2; i++) {
    await check(`layers.0.h.${i}`, h1[i]);
    await check(`yHat.${i}`, yHat[i]);
    await check(`layers.1.delta.${i}`, d1[i]);
    await check(`layers.0.delta.${i}`, d2[i]);
    await check(`layers.1.db.${i}`, d1[i]);
    await check(`layers.0.bNext.${i}`, b2[i] - lr * d2[i]);
    for (let j = 0; j < 2; j++) {
      await check(`layers.1.dW.${i}.${j}`, dW1[i][j]);
      await check(`layers.0.dW.${i}.${j}`, dW2[i][j]);
      await check(`layers.1.WNext.${i}.${j}`, W1[i][j] - lr * dW1[i][j]);
    }
  }
  await check('loss', loss);
  await expect(page.locator('#walkthrough .katex-error')).toHaveCount(0);
  await expect(page.locator('#step-chain-2')).toContainText('σ');
});

test.describe('bad input never breaks the page', () => {
  const cases = [
    ['unparsable', 'abc', /Not a number/],
    ['empty', '', /Enter a number/],
    ['out of range', '1e7', /between/],
    ['non-finite', '1e400', /too large/],
    ['hex', '0x10', /Not a number/],
  ];
  for (const [name, text, message] of cases) {
    test(`${name}: message next to the field, text kept, last good state kept`, async ({
      page,
      watched,
    }) => {
      await openPage(page);
      const before = await value(page, 'yHat.0');
      const input = field(page, 'layers.0.W.0.0');
      await input.fill(text);
      await input.press('Enter');
      const error = page.locator('#error-W2');
      await expect(error).toBeVisible();
      await expect(error).toHaveText(message);
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await expect(input).toHaveValue(text);
      expect(await value(page, 'yHat.0')).toBe(before);
      // the message goes once the text is fixed
      await input.fill('0.12');
      await expect(error).toBeHidden();
      expect(watched).toEqual({ console: [], errors: [], foreign: [] });
    });
  }

  test('a learning rate of 1e6 shows the diverged state, with no NaN or Infinity', async ({
    page,
    watched,
  }) => {
    await openPage(page);
    await field(page, 'lr').fill('1e6');
    await expect(page.locator('#diverged')).toBeVisible();
    await expect(page.locator('#diverged')).toContainText('learning rate');
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/NaN|Infinity|overflow/);
    expect(watched.errors).toEqual([]);
  });

  test('a weight that overflows the forward pass is refused at its field', async ({ page }) => {
    await openPage(page, '#W1=1e6,1e6&W2=1e6,1e6;1e6,1e6&W3=1e6,1e6;1e6,1e6&W4=1e6,1e6;1e6,1e6');
    // 1e6⁴ · 2³ · (2 + 3) is finite; the page shows it. Now make it overflow.
    await expect(page.locator('#status')).toBeEmpty();
    expect(await value(page, 'yHat.0')).toBeGreaterThan(1e24);
  });

  const hostile = [
    ['script in a value', '#x=<script>window.__pwned=1</script>,3', 'x'],
    ['TeX in a value', '#x=\\htmlData{x=1}{1},3', 'x'],
    ['unknown activation', '#W1=1&x=1&f1=softmax', 'f1'],
    ['html in a key', '#%3Cimg%20src%3Dx%20onerror%3D__pwned%3D1%3E=1', 'imgsrcxonerror__pwne'],
    ['too many layers', '#W5=1&W4=1&W3=1&W2=1&W1=1&x=1', 'W5'],
    ['too many neurons', '#W1=1,1,1,1,1&x=1,1,1,1,1', 'W1'],
    ['bad shapes', '#W1=1,2&W2=1,2;3', 'W2'],
    ['bad encoding', '#x=%E0%A4%A', ''],
  ];
  for (const [name, hash, param] of hostile) {
    test(`hostile link (${name}): a message, the worked example, no script`, async ({
      page,
      watched,
    }) => {
      await openPage(page, hash);
      const status = page.locator('#status');
      await expect(status).toContainText('Showing the worked example instead');
      if (param) await expect(status).toContainText(param);
      expect(await value(page, 'yHat.0')).toBeCloseTo(0.2533, 12);
      expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
      expect(await page.locator('#walkthrough img, #walkthrough script').count()).toBe(0);
      expect(watched).toEqual({ console: [], errors: [], foreign: [] });
    });
  }
});

test('save and load the configuration as JSON', async ({ page }) => {
  await openPage(page, '#lr=0.25');
  const download = page.waitForEvent('download');
  await page.click('#export');
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  const json = JSON.parse(Buffer.concat(text).toString());
  expect(json.lr).toBe(0.25);
  expect(json.W1).toEqual([[0.17, 0.17]]);

  await page.click('#reset');
  await page.setInputFiles('#import', {
    name: 'net.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...json, lr: 0.3 })),
  });
  await expect.poll(() => value(page, 'example.lr')).toBe(0.3);

  await page.setInputFiles('#import', {
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"W1": [[1, 2], [3]], "x": [1, 2], "y": [1, 1]}'),
  });
  // the parser's message names the field, once
  await expect(page.locator('#import-error')).toHaveText(
    'The file was not loaded. W1: row 2 has 1 entry but row 1 has 2.',
  );
  expect(await value(page, 'example.lr')).toBe(0.3);
});

test('a good link after a bad one clears the message', async ({ page }) => {
  await openPage(page, '#lr=abc');
  await expect(page.locator('#status')).toContainText('lr');
  await page.evaluate(() => (location.hash = '#lr=0.05'));
  await expect(page.locator('#status')).toBeEmpty();
});

test('an edit after a bad link clears its message; a failed edit keeps it', async ({ page }) => {
  await openPage(page, '#x=abc');
  const status = page.locator('#status');
  await expect(status).toContainText('Showing the worked example instead');
  await field(page, 'x.0').fill('abc');
  await field(page, 'x.0').press('Enter');
  await expect(status).toContainText('(parameter x)');
  await field(page, 'x.0').fill('4');
  await field(page, 'x.0').press('Enter');
  await expect(page).toHaveURL(/x=4,3/);
  await expect(status).toBeEmpty();
});

test('a field shows the whole of a long value; a vector or matrix sizes its fields alike', async ({
  page,
}) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('about:blank');
    await openPage(page, '#x=123.456789,-987.654321&y=-0.000987654&seed=4294967295');
    await page.click('#builder summary');
    const fields = await page.$$eval('#editor input, #seed', (inputs) =>
      inputs.map((i) => ({
        value: i.value,
        width: i.getBoundingClientRect().width,
        cut: i.scrollWidth > i.clientWidth,
      })),
    );
    expect(fields.filter((f) => f.cut).map((f) => f.value)).toEqual([]);
    const [x1, x2] = fields;
    expect([x1.value, x2.value]).toEqual(['123.456789', '-987.654321']);
    expect(x1.width).toBe(x2.width);
    // while typing, a field grows with its text
    const lr = page.locator('#editor [data-edit="lr"]');
    const before = (await lr.boundingBox()).width;
    await lr.fill('0.0500000000001');
    expect((await lr.boundingBox()).width).toBeGreaterThan(before);
    expect(await lr.evaluate((i) => i.scrollWidth > i.clientWidth)).toBe(false);
  }
});

test('on a 320 px screen every field of a wide matrix can be scrolled to', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  const row = '0.4,0.1,0.2,-0.3';
  await openPage(page, `#x=${row}&y=-0.3&lr=0.001&W1=${row}&W2=${Array(4).fill(row).join(';')}`);
  for (const input of await page.locator('#editor input').all()) {
    await input.scrollIntoViewIfNeeded();
    const { left, right, width } = await input.evaluate((i) => {
      const r = i.getBoundingClientRect();
      return { left: r.left, right: r.right, width: innerWidth };
    });
    expect(left).toBeGreaterThanOrEqual(0);
    expect(right).toBeLessThanOrEqual(width);
  }
});
