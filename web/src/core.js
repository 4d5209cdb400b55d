// The only importer of the Emscripten glue. Loads the module once, lazily,
// behind one promise, and counts calls into the core (the page makes exactly
// one per recompute; the benchmark reads the count).
import createBackprop from './generated/backprop.mjs';
import wasmUrl from './generated/backprop.wasm?url';

let modulePromise;
let calls = 0;

/** @returns {Promise<import('./backprop').BackpropModule>} */
export function loadCore() {
  modulePromise ??= createBackprop({ locateFile: () => wasmUrl });
  return modulePromise;
}

/** Number of calls into the core so far. */
export function coreCalls() {
  return calls;
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
