import { defineConfig } from '@playwright/test';

// The built page (npm run build → dist/) in Debian's Chromium. Playwright
// never downloads a browser here.
const port = Number(process.env.E2E_PORT) || 4173;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}/`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  webServer: {
    // --bypass-lock: a preview the developer left running must not stop the tests.
    command: `npx vite preview --port ${port} --strictPort --bypass-lock`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
