// The configuration of the walkthrough (an ExampleConfig, as the core takes
// it), its URL form and its JSON form, and the validation of both.
//
// URL hash, human-readable so links can be written by hand:
//
//   #x=2,3&y=1&lr=0.05&W1=0.17,0.17&W2=0.12,0.23;0.13,0.10
//
//   x, y     input and target, entries separated by ","
//   lr       learning rate
//   Wk       weights of layer k, counted from the output as on the page (W1
//            is the output layer); rows separated by ";", entries by ",";
//            row i = the weights into neuron i of that layer
//   bk       biases of layer k (optional; none when absent)
//   fk       activation of layer k: identity, sigmoid, tanh, relu (optional)
//   seed     the seed the weights were drawn from, when the core drew them
//            (optional; it records where the numbers came from, they are
//            given in full all the same)
//   embed    1 (or empty) or 0: the page's embedded layout; not part of the
//            configuration, accepted so an embedding link can carry it
//
// The JSON form has the same keys with arrays for values:
//   {"x":[2,3],"y":[1],"lr":0.05,"W1":[[0.17,0.17]],"W2":[[0.12,0.23],[0.13,0.1]]}
//
// Nothing read from a URL or a file leaves this module except as validated
// finite numbers and one of four activation names.

export const LIMITS = Object.freeze({
  layers: 4,
  neurons: 4,
  /** Largest magnitude of an input, target, weight or bias. */
  value: 1e6,
  /** Learning rates lie in [0, lrMax]. */
  lrMax: 1e6,
  hashLength: 4000,
});

export const ACTIVATIONS = Object.freeze(['identity', 'sigmoid', 'tanh', 'relu']);

const NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;
const NUMBER_URL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a number as a person types it: "0.5", "0,5", "-1e-3", "−2" (with a
 * true minus sign). Not "", "0x10", "Infinity", "1 000" or "1e400".
 * @param {string} text
 * @param {{commaDecimal?: boolean}} [opts] false in the URL, where "," separates entries
 * @returns {{ok: true, value: number} | {ok: false, error: string}}
 */
export function parseNumber(text, opts = {}) {
  const commaDecimal = opts.commaDecimal ?? true;
  const s = String(text)
    .trim()
    .replace(/^\u2212/, '-');
  if (s === '') return { ok: false, error: 'Enter a number.' };
  if (s.length > 40 || !(commaDecimal ? NUMBER : NUMBER_URL).test(s)) {
    return {
      ok: false,
      error: commaDecimal
        ? 'Not a number: write it like 0.5, 0,5, -2 or 1e-3.'
        : 'Not a number: write it like 0.5, -2 or 1e-3.',
    };
  }
  const value = Number(s.replace(',', '.'));
  if (!Number.isFinite(value)) return { ok: false, error: 'This number is too large.' };
  return { ok: true, value: value === 0 ? 0 : value };
}

/**
 * Checks a value against the range of its field.
 * @param {number} value
 * @param {'value' | 'lr'} kind
 * @returns {string} an error message, or '' when in range
 */
export function checkRange(value, kind) {
  if (kind === 'lr') {
    return value < 0 || value > LIMITS.lrMax ? 'The learning rate must lie between 0 and 1e6.' : '';
  }
  return Math.abs(value) > LIMITS.value ? 'Values must lie between −1e6 and 1e6.' : '';
}

/** "1 value", "3 values". */
const count = (n, noun, plural = `${noun}s`) => `${n} ${n === 1 ? noun : plural}`;

/**
 * A parameter name as read, for a message: spaces shown as ␣, any other
 * character that could not be seen or could pass for markup as ·.
 */
function asRead(key) {
  const shown = [...key.replace(/\s/g, '␣').replace(/[\p{C}<>\\&]/gu, '·')];
  return shown.length > 20 ? `${shown.slice(0, 20).join('')}…` : shown.join('');
}

/** A parameter name safe to repeat in a message: letters and digits, at most 20. */
function printable(key) {
  return key.replace(/[^\w]/g, '').slice(0, 20) || '?';
}

class ConfigError extends Error {
  /** @param {string} param the parameter at fault, as named in the URL */
  constructor(param, message) {
    super(message);
    this.param = param;
  }
}

/** @returns {number[]} */
function numberList(param, raw, fromUrl) {
  if (fromUrl) {
    if (typeof raw !== 'string' || raw === '') throw new ConfigError(param, `${param} is empty.`);
    return raw.split(',').map((text, i) => {
      const r = parseNumber(text, { commaDecimal: false });
      if (!r.ok) throw new ConfigError(param, `${param}, entry ${i + 1}: ${r.error}`);
      return r.value;
    });
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ConfigError(param, `${param} must be a non-empty list of numbers.`);
  }
  return raw.map((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ConfigError(param, `${param}, entry ${i + 1}: not a finite number.`);
    }
    return v === 0 ? 0 : v;
  });
}

function numberRows(param, raw, fromUrl) {
  let rows;
  if (fromUrl) {
    if (typeof raw !== 'string' || raw === '') throw new ConfigError(param, `${param} is empty.`);
    rows = raw.split(';');
  } else {
    if (!Array.isArray(raw) || raw.length === 0) {
      throw new ConfigError(param, `${param} must be a non-empty list of rows.`);
    }
    rows = raw;
  }
  if (rows.length > LIMITS.neurons) {
    throw new ConfigError(
      param,
      `${param} has ${rows.length} rows; the page draws layers of up to ${LIMITS.neurons} neurons.`,
    );
  }
  const W = rows.map((row, i) => {
    try {
      return numberList(param, row, fromUrl);
    } catch (e) {
      throw new ConfigError(param, e.message.replace(`${param}`, `${param}, row ${i + 1}`));
    }
  });
  for (let i = 1; i < W.length; i++) {
    if (W[i].length !== W[0].length) {
      throw new ConfigError(
        param,
        `${param}: row ${i + 1} has ${count(W[i].length, 'entry', 'entries')} but row 1 has ${W[0].length}.`,
      );
    }
  }
  if (W[0].length > LIMITS.neurons) {
    throw new ConfigError(
      param,
      `${param} reads ${W[0].length} values; the page draws layers of up to ${LIMITS.neurons} neurons.`,
    );
  }
  return W;
}

function inRange(param, values, kind) {
  for (const v of values.flat()) {
    const error = checkRange(v, kind);
    if (error) throw new ConfigError(param, `${param}: ${error}`);
  }
}

/**
 * Builds and validates a configuration from named parameters, as read from
 * the URL (strings) or from JSON (arrays). Absent x, y or lr default to the
 * worked example's when they fit the shape.
 * @param {Map<string, unknown>} params
 * @param {boolean} fromUrl
 * @param {import('./backprop').Example} fallback the worked example
 * @returns {import('./backprop').ExampleConfig}
 */
function configFrom(params, fromUrl, fallback) {
  const layerKeys = new Map();
  for (const key of params.keys()) {
    const m = /^([Wbf])([1-9]\d*)$/.exec(key);
    if (m) {
      const k = Number(m[2]);
      if (k > LIMITS.layers) {
        const shown = printable(key);
        throw new ConfigError(
          shown,
          `${shown}: the page draws networks of up to ${LIMITS.layers} layers.`,
        );
      }
      layerKeys.set(key, k);
    } else if (!['x', 'y', 'lr', 'seed'].includes(key)) {
      if (key.trim() === '')
        throw new ConfigError('', 'A value is given without a parameter name.');
      const shown = printable(key);
      throw new ConfigError(
        shown,
        /^\w+$/.test(key)
          ? `Unknown parameter "${shown}".`
          : `The parameter name "${asRead(key)}" has a space or sign in it: names are letters and digits, such as W1 or lr.`,
      );
    }
  }
  const L = Math.max(0, ...[...layerKeys].filter(([key]) => key[0] === 'W').map(([, k]) => k));

  let layers;
  if (L === 0) {
    const stray = [...layerKeys.keys()][0];
    if (stray) throw new ConfigError(stray, `${stray} is given without W${stray.slice(1)}.`);
    layers = fallback.layers.map((l) => ({ W: l.W, b: l.b, f: l.f }));
  } else {
    layers = [];
    for (let k = L; k >= 1; k--) {
      if (!params.has(`W${k}`)) {
        throw new ConfigError(`W${k}`, `W${k} is missing: layers are W1 (output) to W${L}.`);
      }
      const W = numberRows(`W${k}`, params.get(`W${k}`), fromUrl);
      inRange(`W${k}`, W, 'value');
      let b = [];
      if (params.has(`b${k}`)) {
        b = numberList(`b${k}`, params.get(`b${k}`), fromUrl);
        inRange(`b${k}`, b, 'value');
        if (b.length !== W.length) {
          throw new ConfigError(
            `b${k}`,
            `b${k} has ${count(b.length, 'entry', 'entries')} for the ${count(W.length, 'neuron')} of W${k}.`,
          );
        }
      }
      let f = 'identity';
      if (params.has(`f${k}`)) {
        const name = params.get(`f${k}`);
        if (typeof name !== 'string' || !ACTIVATIONS.includes(name)) {
          throw new ConfigError(`f${k}`, `f${k} must be one of ${ACTIVATIONS.join(', ')}.`);
        }
        f = name;
      }
      const previous = layers[layers.length - 1];
      if (previous && W[0].length !== previous.W.length) {
        throw new ConfigError(
          `W${k}`,
          `W${k} reads ${count(W[0].length, 'value')}, but W${k + 1} has ${count(previous.W.length, 'neuron')}.`,
        );
      }
      layers.push({ W, b, f });
    }
    for (const [key, k] of layerKeys) {
      if (k > L) throw new ConfigError(key, `${key} is given without W${k}.`);
    }
  }

  const x = params.has('x') ? numberList('x', params.get('x'), fromUrl) : fallback.x;
  const y = params.has('y') ? numberList('y', params.get('y'), fromUrl) : fallback.y;
  inRange('x', x, 'value');
  inRange('y', y, 'value');
  const inputs = layers[0].W[0].length;
  const outputs = layers[layers.length - 1].W.length;
  if (x.length !== inputs) {
    throw new ConfigError(
      'x',
      `x has ${count(x.length, 'value')}, but W${layers.length} reads ${inputs}.`,
    );
  }
  if (y.length !== outputs) {
    throw new ConfigError(
      'y',
      `y has ${count(y.length, 'value')}, but W1 has ${count(outputs, 'neuron')}.`,
    );
  }
  let lr = fallback.lr;
  if (params.has('lr')) {
    const raw = params.get('lr');
    if (fromUrl) {
      const r = parseNumber(String(raw), { commaDecimal: false });
      if (!r.ok) throw new ConfigError('lr', `lr: ${r.error}`);
      lr = r.value;
    } else if (typeof raw === 'number' && Number.isFinite(raw)) {
      lr = raw;
    } else {
      throw new ConfigError('lr', 'lr must be a finite number.');
    }
    const error = checkRange(lr, 'lr');
    if (error) throw new ConfigError('lr', `lr: ${error}`);
  }
  const config = { x, y, lr, layers };
  if (params.has('seed')) {
    const raw = params.get('seed');
    const seed = fromUrl ? (/^\d{1,10}$/.test(String(raw)) ? Number(raw) : NaN) : raw;
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new ConfigError('seed', 'seed must be a whole number from 0 to 4294967295.');
    }
    config.seed = seed;
  }
  return config;
}

/**
 * Reads a configuration from a location hash ("#x=…&…" or "x=…&…").
 * An empty hash is the worked example.
 * @param {string} hash
 * @param {import('./backprop').Example} fallback the worked example
 * @returns {{ok: true, config: import('./backprop').ExampleConfig} | {ok: false, param: string, error: string}}
 */
export function parseHash(hash, fallback) {
  const text = String(hash).replace(/^#/, '');
  if (text.trim() === '') return { ok: true, config: copy(fallback) };
  if (text.length > LIMITS.hashLength) {
    return { ok: false, param: '', error: 'The link is too long to be a configuration.' };
  }
  const params = new Map();
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key;
    let value;
    try {
      key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      value = decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1));
    } catch {
      return { ok: false, param: '', error: 'The link is not properly encoded.' };
    }
    if (params.has(key)) {
      const shown = printable(key);
      return { ok: false, param: shown, error: `${shown} is given twice.` };
    }
    params.set(key, value);
  }
  if (params.has('embed')) {
    // Read by embed.js; the configuration ignores it.
    if (!['', '0', '1'].includes(params.get('embed'))) {
      return { ok: false, param: 'embed', error: 'embed must be 1 or 0.' };
    }
    params.delete('embed');
  }
  try {
    return { ok: true, config: configFrom(params, true, fallback) };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { ok: false, param: e.param, error: e.message };
  }
}

/**
 * The hash of a configuration, without "#". Numbers are written in full
 * (shortest round-trip form), so a link reproduces every digit.
 * @param {import('./backprop').ExampleConfig} config
 */
export function toHash(config) {
  const L = config.layers.length;
  const parts = [`x=${config.x.join(',')}`, `y=${config.y.join(',')}`, `lr=${config.lr}`];
  for (let k = 1; k <= L; k++) {
    parts.push(`W${k}=${config.layers[L - k].W.map((row) => row.join(',')).join(';')}`);
  }
  for (let k = 1; k <= L; k++) {
    const b = config.layers[L - k].b ?? [];
    if (b.length) parts.push(`b${k}=${b.join(',')}`);
  }
  for (let k = 1; k <= L; k++) {
    const f = config.layers[L - k].f ?? 'identity';
    if (f !== 'identity') parts.push(`f${k}=${f}`);
  }
  if (config.seed !== undefined) parts.push(`seed=${config.seed}`);
  return parts.join('&');
}

/**
 * Reads a configuration from JSON text (the schema of toJson).
 * @returns {{ok: true, config: import('./backprop').ExampleConfig} | {ok: false, param: string, error: string}}
 */
export function parseJson(text, fallback) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, param: '', error: 'The file is not JSON.' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, param: '', error: 'The file does not hold a configuration object.' };
  }
  try {
    return { ok: true, config: configFrom(new Map(Object.entries(data)), false, fallback) };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { ok: false, param: e.param, error: e.message };
  }
}

/** The JSON form of a configuration: the URL's keys, arrays for values. */
export function toJson(config) {
  const L = config.layers.length;
  const out = { x: config.x, y: config.y, lr: config.lr };
  for (let k = 1; k <= L; k++) out[`W${k}`] = config.layers[L - k].W;
  for (let k = 1; k <= L; k++) {
    const b = config.layers[L - k].b ?? [];
    if (b.length) out[`b${k}`] = b;
  }
  for (let k = 1; k <= L; k++) {
    const f = config.layers[L - k].f ?? 'identity';
    if (f !== 'identity') out[`f${k}`] = f;
  }
  if (config.seed !== undefined) out.seed = config.seed;
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** A deep copy of a configuration, every optional field filled in. */
export function copy(config) {
  const out = {
    x: [...config.x],
    y: [...config.y],
    lr: config.lr,
    layers: config.layers.map((l) => ({
      W: l.W.map((row) => [...row]),
      b: [...(l.b ?? [])],
      f: l.f ?? 'identity',
    })),
  };
  if (config.seed !== undefined) out.seed = config.seed;
  return out;
}

/**
 * A copy of `config` with the value at `path` replaced. Paths are those of
 * the trace's `example`: "x.1", "y.0", "lr", "layers.0.W.1.0", "layers.1.b.0".
 */
export function withValue(config, path, value) {
  const next = copy(config);
  const keys = path.split('.');
  let target = next;
  for (const key of keys.slice(0, -1)) target = target[key];
  target[keys[keys.length - 1]] = value;
  return next;
}
