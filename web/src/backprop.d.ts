// The JavaScript API of the core, as built from wasm/bindings/bindings.cpp.
// Every call returns plain objects and arrays: nothing needs to be freed.
//
// Convention: z = W h + b, h' = f(z). Row i of W holds the weights of neuron i
// of the layer being computed. `layers` are listed in computation order: the
// first reads the input x, the last produces ŷ. (The page numbers layers from
// the output: W⁽¹⁾ is the last entry of `layers`.)

export type Activation = 'identity' | 'sigmoid' | 'tanh' | 'relu';

export interface LayerConfig {
  /** Weights: one row per neuron of this layer, one column per value it reads. */
  W: number[][];
  /** One bias per neuron, or empty (or absent) for no bias. */
  b?: number[];
  /** Activation; identity when absent. */
  f?: Activation;
}

export interface ExampleConfig {
  /** Input. */
  x: number[];
  /** Target. */
  y: number[];
  /** Learning rate α. */
  lr: number;
  layers: LayerConfig[];
}

/** The example as the core read it: every optional field filled in. */
export interface Example extends ExampleConfig {
  layers: Required<LayerConfig>[];
}

export interface LayerStep {
  /** Pre-activation W h + b. */
  z: number[];
  /** Output f(z). */
  h: number[];
  /** f'(z). */
  fprime: number[];
  /** δ = ∂L/∂z. */
  delta: number[];
  /** ∂L/∂W = δ hᵀ. */
  dW: number[][];
  /** ∂L/∂b = δ; empty for a layer without bias. */
  db: number[];
  /** W − α ∂L/∂W. */
  WNext: number[][];
  /** b − α ∂L/∂b; empty for a layer without bias. */
  bNext: number[];
}

export interface Trace {
  /** False when the example is invalid; `error` then says why. */
  ok: boolean;
  error: string;
  /** Where the problem is: "x", "y", "lr", "layers", "layers.1.W", "layers.0.b", … */
  errorWhere: string;
  example: Example;
  layers: LayerStep[];
  yHat: number[];
  /** L = ½ Σ (ŷ − y)². */
  loss: number;
  /** ŷ − y. */
  dLdyHat: number[];
  /** The forward pass with the updated weights. */
  after: { layers: { z: number[]; h: number[] }[]; yHat: number[]; loss: number };
  /** loss − after.loss. */
  lossDecrease: number;
  /** lossDecrease / loss (0 when loss is 0). */
  lossDecreaseRelative: number;
  /** The step ran but overflowed, or raised the loss instead of lowering it. */
  diverged: boolean;
  divergedReason: string;
  /** The gradient check of this example, ε = 1e-6. */
  check: GradientCheck;
  /** The source's slips, replayed on this example. */
  original: OriginalSlips;
}

export interface GradientCheckEntry {
  /** Index into `layers` (computation order). */
  layer: number;
  isBias: boolean;
  row: number;
  /** 0 for a bias. */
  col: number;
  analytic: number;
  /** (L(θ + ε) − L(θ − ε)) / 2ε. */
  numeric: number;
  /** |analytic − numeric| / max(|analytic|, |numeric|). */
  relativeError: number;
}

export interface GradientCheck {
  ok: boolean;
  error: string;
  errorWhere: string;
  epsilon: number;
  entries: GradientCheckEntry[];
  maxRelativeError: number;
}

export interface TrainResult {
  ok: boolean;
  error: string;
  errorWhere: string;
  /** losses[k] is the loss before step k; the last entry the loss after the last step. */
  losses: Float64Array;
  /** Steps taken: `steps` asked for, or fewer when training diverged. */
  steps: number;
  diverged: boolean;
  divergedReason: string;
  /** The example with the trained weights. */
  example: Example;
}

export interface Slip {
  applies: boolean;
  /** Why not, when it does not apply. */
  reason: string;
}

/** The source's slips replayed on an example (see wasm/include/backprop/slips.hpp). */
export interface OriginalSlips {
  /** α δ⁽¹⁾ per output as the replay uses it; rounded to 4 decimals with one output. */
  stepFactor: number[];
  stepFactorRounded: boolean;
  a: Slip;
  aDyDW: number[][];
  aDW: number[][];
  aWNext: number[][];
  aRelativeError: number[];
  aMaxRelativeError: number;
  b: Slip;
  bDWApplied: number[][];
  bWNext: number[][];
  /** Rows = inputs, as the source printed it. */
  bWNextSource: number[][];
  bRelativeError: number[];
  bMaxRelativeError: number;
  c: Slip;
  cH: number[];
  cYHat: number[];
  cLoss: number;
  cYHatChangeRelative: number;
}

export interface Preset {
  id: string;
  name: string;
  description: string;
  example: Example;
}

export interface NetworkShape {
  inputs: number;
  /** Computation order. */
  layers: { neurons: number; f?: Activation; bias?: boolean }[];
}

export interface BackpropModule {
  /** The worked example the page opens with. */
  workedExample(): Example;
  /** One SGD step, fully traced. Never throws: bad input comes back with ok = false. */
  trainStep(config: ExampleConfig): Trace;
  /** Central-difference check of every weight's and bias's gradient. */
  gradientCheck(config: ExampleConfig, epsilon: number): GradientCheck;
  /** Up to 1 000 000 SGD steps in one call; stops early when training diverges. */
  train(config: ExampleConfig, steps: number): TrainResult;
  /** The page's presets, the worked example first. */
  presets(): Preset[];
  /** A network of `shape` with weights drawn from `seed` (0 to 2³² − 1). */
  randomExample(
    shape: NetworkShape,
    seed: number,
    lr: number,
  ): { ok: boolean; error: string; example: Example };
}

export interface BackpropModuleOptions {
  /** The .wasm bytes, for Node or a single-file build. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch backprop.wasm from. */
  locateFile?: (path: string, prefix: string) => string;
}

export default function createBackprop(options?: BackpropModuleOptions): Promise<BackpropModule>;
