// Screenshots of the built page for a person to look at: desktop and phone
// widths, light and dark. Serves dist/ with `vite preview` and writes PNGs to
// screenshots/ (ignored by git).  Usage: npm run build && node scripts/screenshots.mjs
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { root } from './lib.mjs';

const port = 4179;
const server = spawn(
  `${root}/node_modules/.bin/vite`,
  ['preview', '--port', String(port), '--strictPort', '--bypass-lock'],
  { cwd: root, stdio: 'ignore' },
);
const url = `http://localhost:${port}/${process.argv[2] ?? ''}`;
await new Promise((r) => setTimeout(r, 1500));
mkdirSync(`${root}/screenshots`, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  for (const [name, width] of [
    ['desktop', 1280],
    ['phone', 390],
  ]) {
    for (const scheme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
      await page.goto(url);
      await page.waitForSelector('html[data-ready]');
      // Render the sections that content-visibility skips while off screen.
      await page.evaluate(() => {
        for (const s of document.querySelectorAll('.step')) s.style.contentVisibility = 'visible';
      });
      await page.screenshot({ path: `${root}/screenshots/${name}-${scheme}.png`, fullPage: true });
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.kill();
}
console.log(`screenshots/ written from ${url}`);
