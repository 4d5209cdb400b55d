// Builds the core as an ES module for the page: web/src/generated/backprop.{mjs,wasm}.
// Configures once with emcmake (Debian's Emscripten), then rebuilds incrementally.
import { existsSync } from 'node:fs';
import { run, root } from './lib.mjs';

const build = `${root}/build-wasm`;
const env = { ...process.env, NODE_PATH: process.env.NODE_PATH || '/usr/share/nodejs' };

if (!existsSync(`${build}/CMakeCache.txt`)) {
  run(
    'emcmake',
    [
      'cmake',
      '-S',
      root,
      '-B',
      build,
      '-DCMAKE_BUILD_TYPE=Release',
      // emcmake's default emulator passes a flag Node 20 rejects.
      '-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node',
    ],
    { env },
  );
}
run('cmake', ['--build', build, '-j2'], { env });
