// The only importer of the Emscripten glue. Loads the module once, lazily,
// behind one promise, and counts calls into the core on <html data-core-calls>
// (the page makes exactly one per recompute; tests and the benchmark read it).
//
// The hosted build loads backprop.wasm from next to the page. The single-file
// build (vite --mode single) carries it inline as base64 and hands the
// decoded bytes over as wasmBinary: the glue would otherwise fetch() a data:
// URI, which is a request a strict connect-src refuses.
import createBackprop from './generated/backprop.mjs';
import wasmUrl from './generated/backprop.wasm?url';
import wasmBase64 from './generated/backprop.wasm?base64';

let modulePromise;
let calls = 0;

/** Bytes from base64. */
function decodeBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** @returns {Promise<import('./backprop').BackpropModule>} */
export function loadCore() {
  modulePromise ??= createBackprop(
    import.meta.env.MODE === 'single'
      ? { wasmBinary: decodeBase64(wasmBase64) }
      : { locateFile: () => wasmUrl },
  ).then((core) => {
    exposeDebug(core);
    return core;
  });
  return modulePromise;
}

/**
 * Read-only gauges of the module's memory, for tests that look for leaks
 * (tests/e2e/memory.spec.js), as window.__backpropDebug:
 *   heapBytes()  size of the WebAssembly memory (it only ever grows)
 *   heapInUse()  bytes allocated in it by malloc and not freed
 *   handles()    JavaScript values embind holds for C++ (0 between calls)
 * They read numbers and change nothing.
 */
function exposeDebug(core) {
  const debug = Object.freeze({
    heapBytes: () => core.HEAP8.buffer.byteLength,
    heapInUse: () => core._emmalloc_dynamic_heap_size() - core._emmalloc_free_dynamic_memory(),
    handles: () => core.count_emval_handles(),
  });
  Object.defineProperty(window, '__backpropDebug', { value: debug });
}

/**
 * One SGD step of `example`, fully traced.
 * @param {import('./backprop').BackpropModule} core
 * @param {import('./backprop').ExampleConfig} example
 * @returns {import('./backprop').Trace}
 */
export function trainStep(core, example) {
  calls += 1;
  // Visible to tests and the benchmark, which check one call per edit.
  document.documentElement.dataset.coreCalls = String(calls);
  return core.trainStep(example);
}

/**
 * `steps` SGD steps in one call: the loss curve and the trained weights.
 * @param {import('./backprop').BackpropModule} core
 * @param {import('./backprop').ExampleConfig} example
 * @param {number} steps
 * @returns {import('./backprop').TrainResult}
 */
export function train(core, example, steps) {
  calls += 1;
  document.documentElement.dataset.coreCalls = String(calls);
  return core.train(example, steps);
}
