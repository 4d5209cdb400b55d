// Small helpers shared by the scripts: run a command or stop with its
// status, look a command up, configure and build a native CMake tree.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) {
    console.error(`${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Whether `cmd` is on the PATH. */
export function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Configures (Release) and builds the project natively in `dir`.
 * @param {string} dir build directory
 * @param {string[]} [defines] extra -D options
 * @param {string} [target] one target instead of all
 */
export function buildNative(dir, defines = [], target) {
  run('cmake', ['-S', root, '-B', dir, '-DCMAKE_BUILD_TYPE=Release', ...defines]);
  run('cmake', ['--build', dir, ...(target ? ['--target', target] : []), '-j2']);
}
