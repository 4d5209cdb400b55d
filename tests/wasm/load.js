// Loads the real built module (npm run build:wasm) the way Node can: the glue
// is built for the web, so the .wasm bytes are handed over directly.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import createBackprop from '../../web/src/generated/backprop.mjs';

const wasm = fileURLToPath(new URL('../../web/src/generated/backprop.wasm', import.meta.url));

/** @returns {Promise<import('../../web/src/backprop').BackpropModule>} */
export function loadModule() {
  return createBackprop({ wasmBinary: readFileSync(wasm) });
}
