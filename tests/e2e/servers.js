// Static servers for the hosting tests, on a free port: Python's
// http.server, as a plain static host with no knowledge of the page, and
// nginx with the configuration the README gives.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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

/** Copies `files` ({'sub/path/x.html': text} or {'sub/path/': a directory}) into a fresh temporary directory. */
function stage(files) {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-static-'));
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    if (path.endsWith('/')) cpSync(content, target, { recursive: true });
    else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
  return dir;
}

/** Starts `command` and resolves once `http://127.0.0.1:port/` answers. */
async function listen(port, command, args, options) {
  const child = spawn(command, args, { stdio: 'ignore', ...options });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return child;
    } catch {
      if (Date.now() > deadline) {
        child.kill();
        throw new Error(`${command} on ${port} did not start`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Serves `files` (as stage() takes them) with Python's http.server.
 * @returns {Promise<{port: number, dir: string, close: () => void}>}
 */
export async function serveStatic(files) {
  const dir = stage(files);
  const port = await freePort();
  const child = await listen(
    port,
    'python3',
    ['-m', 'http.server', String(port), '--bind', '127.0.0.1'],
    {
      cwd: dir,
    },
  );
  return {
    port,
    dir,
    close() {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** nginx on this machine, or null. */
export const nginx =
  ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync) ??
  (spawnSync('nginx', ['-v']).status === 0 ? 'nginx' : null);

/**
 * Serves `files` (as stage() takes them) with nginx: `location` is a server
 * block's configuration, in which `/srv/` stands for the staged files. nginx
 * runs in the foreground as this user, with its default MIME types.
 * @returns {Promise<{port: number, close: () => void}>}
 */
export async function serveNginx(files, location) {
  const dir = stage(files);
  const port = await freePort();
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `${kind}_temp_path ${dir}/${kind};`)
    .join(' ');
  const conf = `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  ${temp}
  server {
    listen 127.0.0.1:${port};
    ${location.replaceAll('/srv/', `${dir}/`)}
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child = await listen(port, nginx, [
    '-e',
    `${dir}/error.log`,
    '-p',
    dir,
    '-c',
    `${dir}/nginx.conf`,
  ]);
  return {
    port,
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
