// Static servers for the hosting tests: Python's http.server, as a plain
// static host with no knowledge of the page, on a free port.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const root = new URL('../../', import.meta.url).pathname;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Serves `files` ({'sub/path/x.html': text} or {'sub/path/': a directory to
 * copy}) from a fresh temporary directory.
 * @returns {Promise<{port: number, dir: string, close: () => void}>}
 */
export async function serveStatic(files) {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-static-'));
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    if (path.endsWith('/')) cpSync(content, target, { recursive: true });
    else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
  const port = await freePort();
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1'], {
    cwd: dir,
    stdio: 'ignore',
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`http.server on ${port} did not start`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    dir,
    close() {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Records Content-Security-Policy violations in every frame as window.__csp. */
export async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`),
      true,
    );
  });
}

/** The violations recorded so far in `frame` (a page or a frame). */
export const violations = (frame) => frame.evaluate(() => window.__csp);
