// Makes sure this machine can build (and, with --test, test) the project:
// npm dependencies, Debian's Emscripten, CMake and a C++ compiler, and for
// the tests GoogleTest, clang with libFuzzer's runtime, and Chromium. Installs
// what is missing with apt-get when it can (as root, or with password-less
// sudo); otherwise says exactly what to install, and stops.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { has, root, run } from './lib.mjs';

const testing = process.argv.includes('--test');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node ${process.versions.node} is too old: Vite needs Node 20.19 or newer.`);
  process.exit(1);
}

// libFuzzer's runtime, which Debian and Ubuntu ship apart from clang, in a
// package named after clang's major version (14 on Debian 12, 18 on Ubuntu
// 24.04). The clang is the one scripts/fuzz.mjs picks.
const fuzzClang = () => ['clang++-14', 'clang++'].find(has);
function hasLibFuzzer() {
  const clang = fuzzClang();
  if (!clang) return false;
  const dir = spawnSync(clang, ['-print-runtime-dir'], { encoding: 'utf8' }).stdout?.trim();
  return (
    !!dir && existsSync(dir) && readdirSync(dir).some((f) => f.startsWith('libclang_rt.fuzzer'))
  );
}

function libFuzzerPackage() {
  const clang = fuzzClang();
  const version = clang && spawnSync(clang, ['--version'], { encoding: 'utf8' }).stdout;
  return `libclang-rt-${/clang version (\d+)/.exec(version ?? '')?.[1] ?? 14}-dev`;
}

// What the build needs, as [test, Debian package].
const needs = [
  [() => has('emcmake') && has('em++'), 'emscripten'],
  [() => existsSync('/usr/share/nodejs/acorn'), 'node-acorn'],
  [() => has('cmake'), 'cmake'],
  [() => has('make'), 'make'],
];
if (testing) {
  needs.push(
    [() => has('g++'), 'g++'],
    [() => existsSync('/usr/include/gtest/gtest.h'), 'libgtest-dev'],
    [() => has('clang++-14') || has('clang++'), 'clang'],
    [hasLibFuzzer, libFuzzerPackage()],
    [() => existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium'), 'chromium'],
  );
}
const missing = needs.filter(([ok]) => !ok()).map(([, pkg]) => pkg);

if (missing.length) {
  const isRoot = process.getuid?.() === 0;
  const sudo = !isRoot && has('sudo') && spawnSync('sudo', ['-n', 'true']).status === 0;
  if ((isRoot || sudo) && has('apt-get')) {
    const apt = (args) => run(sudo ? 'sudo' : 'apt-get', sudo ? ['apt-get', ...args] : args);
    console.log(`Installing ${missing.join(', ')} with apt-get…`);
    apt(['update', '-qq']);
    apt(['install', '-y', '-qq', ...missing]);
    // clang was missing: its runtime's package is known only now
    if (testing && !hasLibFuzzer()) apt(['install', '-y', '-qq', libFuzzerPackage()]);
  } else {
    console.error(
      `This machine lacks ${missing.join(', ')}. On Debian or Ubuntu, install them with:\n\n` +
        `  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n\n` +
        'Elsewhere: Emscripten 3.1 or newer (emsdk), CMake 3.16+, and for the tests a C++17\n' +
        'compiler, GoogleTest, clang with libFuzzer and Chromium (set CHROMIUM_PATH if it is not\n' +
        '/usr/bin/chromium).',
    );
    process.exit(1);
  }
}

if (!existsSync(`${root}/node_modules/.bin/vite`)) {
  console.log('Installing npm dependencies…');
  run('npm', existsSync(`${root}/package-lock.json`) ? ['ci'] : ['install']);
}
