// Try it yourself: hidden results, answers checked against the core's value,
// hints, reveal, and progress kept per configuration (in memory when storage
// is refused).
import { expect, openPage, test, tracedValues } from './fixtures.js';

test('hidden results, a right and a wrong answer, a hint, a reveal', async ({ page, watched }) => {
  await openPage(page);
  await page.check('#exercise-toggle');
  await expect(page.locator('#exercise-rules')).toBeVisible();
  // ŷ is hidden everywhere: in the formulas and on the diagram
  expect(await tracedValues(page, 'yHat.0')).toEqual([]);
  await expect(page.locator('#step-network .diagram [data-answer="yHat.0"]')).toHaveText('?');
  await expect(page.locator('#step-after')).toHaveCount(0);

  const answer = page.locator('#step-forward input[data-answer="yHat.0"]');
  const feedback = page.locator('#answer-yHat-0-feedback');
  await answer.fill('0.3');
  await answer.press('Enter');
  await expect(feedback).toContainText('Not quite');
  await expect(answer).toHaveAttribute('aria-invalid', 'true');

  // a hint names what the formula combines
  await page
    .locator('#step-forward .question', { has: page.locator('input[data-answer="yHat.0"]') })
    .getByRole('button', { name: 'Hint' })
    .click();
  await expect(feedback).toContainText('It combines');

  // 0.17·0.93 + 0.17·0.56 = 0.2533
  await answer.fill('0,2533');
  await answer.press('Enter');
  await expect
    .poll(async () => new Set(await tracedValues(page, 'yHat.0')))
    .toEqual(new Set([0.2533]));
  await expect(page.locator('#exercise-progress')).toContainText('1 answered');

  // reveal the loss
  await page
    .locator('#step-loss .question', { has: page.locator('input[data-answer="loss"]') })
    .getByRole('button', { name: 'Reveal' })
    .click();
  expect((await tracedValues(page, 'loss')).length).toBeGreaterThan(0);
  await expect(page.locator('#exercise-progress')).toContainText('1 revealed');
  expect(watched).toEqual({ console: [], errors: [], foreign: [] });

  // progress survives a reload for this configuration
  await page.reload();
  await page.waitForSelector('html[data-ready]');
  await page.check('#exercise-toggle');
  await expect(page.locator('#exercise-progress')).toContainText('1 answered, 1 revealed');
});

test('works when local storage is refused', async ({ page, watched }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
  });
  await openPage(page);
  await page.check('#exercise-toggle');
  const answer = page.locator('#step-forward input[data-answer="layers.0.h.0"]');
  await answer.fill('0.93');
  await answer.press('Enter');
  await expect(page.locator('#exercise-progress')).toContainText('1 answered');
  expect(watched.errors).toEqual([]);
});
