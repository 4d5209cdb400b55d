// The URL and JSON forms of a configuration: a table of good and bad links,
// and a property test that every valid configuration survives the round trip.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ACTIVATIONS,
  LIMITS,
  copy,
  parseHash,
  parseJson,
  parseNumber,
  toHash,
  toJson,
  withValue,
} from '../../web/src/state.js';
import { loadModule } from './load.js';

const core = await loadModule();
const worked = core.workedExample();

describe('parseNumber', () => {
  test.each([
    ['0.5', 0.5],
    ['0,5', 0.5],
    [' -2 ', -2],
    ['\u22122', -2],
    ['+3', 3],
    ['.5', 0.5],
    [',5', 0.5],
    ['5.', 5],
    ['1e-3', 0.001],
    ['1E3', 1000],
    ['-0', 0],
  ])('%j reads as %d', (text, value) => {
    expect(parseNumber(text)).toEqual({ ok: true, value });
  });

  test.each([
    '',
    ' ',
    '0x10',
    'Infinity',
    'NaN',
    '1e400',
    '1 000',
    '1,000.5',
    '--1',
    'e3',
    '.',
    '1e',
    'abc',
    '½',
  ])('%j is refused with a message', (text) => {
    const r = parseNumber(text);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/\.$/);
  });

  test('the URL form takes no decimal comma', () => {
    expect(parseNumber('0,5', { commaDecimal: false }).ok).toBe(false);
  });
});

describe('parseHash', () => {
  test('an empty hash is the worked example', () => {
    for (const h of ['', '#', '#  '])
      expect(parseHash(h, worked)).toEqual({ ok: true, config: worked });
  });

  test('the documented example link is the worked example', () => {
    const r = parseHash('#x=2,3&y=1&lr=0.05&W1=0.17,0.17&W2=0.12,0.23;0.13,0.10', worked);
    expect(r).toEqual({ ok: true, config: worked });
  });

  test('a 2-2-2 sigmoid network with biases', () => {
    const r = parseHash(
      '#x=0.05,0.1&y=0.01,0.99&lr=0.5&W2=0.15,0.2;0.25,0.3&b2=0.35,0.35&f2=sigmoid&W1=0.4,0.45;0.5,0.55&b1=0.6,0.6&f1=sigmoid',
      worked,
    );
    expect(r.ok).toBe(true);
    expect(r.config).toEqual({
      x: [0.05, 0.1],
      y: [0.01, 0.99],
      lr: 0.5,
      layers: [
        {
          W: [
            [0.15, 0.2],
            [0.25, 0.3],
          ],
          b: [0.35, 0.35],
          f: 'sigmoid',
        },
        {
          W: [
            [0.4, 0.45],
            [0.5, 0.55],
          ],
          b: [0.6, 0.6],
          f: 'sigmoid',
        },
      ],
    });
  });

  test('a seed is carried along', () => {
    const r = parseHash('#lr=0.5&seed=42', worked);
    expect(r.ok && r.config.seed).toBe(42);
    expect(toHash(r.config)).toMatch(/&seed=42$/);
  });

  test('absent x, y, lr come from the worked example when they fit', () => {
    const r = parseHash('#lr=0.5', worked);
    expect(r.ok && r.config.lr).toBe(0.5);
    expect(r.ok && r.config.layers).toEqual(worked.layers);
  });

  test('embed is accepted anywhere and changes nothing in the configuration', () => {
    const link = 'x=2,3&y=1&lr=0.5&W1=0.17,0.17&W2=0.12,0.23;0.13,0.10';
    const plain = parseHash(`#${link}`, worked);
    for (const h of [`#embed=1&${link}`, `#${link}&embed=1`, `#${link}&embed`, `#embed=0&${link}`])
      expect(parseHash(h, worked)).toEqual(plain);
    expect(parseHash('#embed=1', worked)).toEqual({ ok: true, config: worked });
    expect(toHash(parseHash(`#embed=1&${link}`, worked).config)).toBe(link.replace('0.10', '0.1'));
  });

  // [hash, the parameter the message must name]
  test.each([
    ['#embed=yes', 'embed'],
    ['#embed=1&embed=1', 'embed'],
    ['#x=2,abc&y=1', 'x'],
    ['#x=2;3', 'x'],
    ['#x=2,3,4', 'x'],
    ['#y=1,2', 'y'],
    ['#lr=fast', 'lr'],
    ['#lr=-1', 'lr'],
    ['#lr=1e7', 'lr'],
    ['#lr=Infinity', 'lr'],
    ['#lr=1e999', 'lr'],
    ['#lr=0,5', 'lr'],
    ['#lr=', 'lr'],
    ['#lr=0x10', 'lr'],
    ['#W1=0.17,0.17,0.1', 'x'],
    ['#W1=1,2&W2=1,2;3', 'W2'],
    ['#W1=1,2,3&W2=1,2;3,4&x=1,2', 'W1'],
    ['#W1=1&W3=1', 'W2'],
    ['#W5=1&W4=1&W3=1&W2=1&W1=1&x=1', 'W5'],
    ['#W1=1;1;1;1;1&x=1&y=1,1,1,1,1', 'W1'],
    ['#W1=1,1,1,1,1&x=1,1,1,1,1', 'W1'],
    ['#W1=1&x=1&b1=1,2', 'b1'],
    ['#W1=1&x=1&b2=1', 'b2'],
    ['#W1=1&x=1&f1=softmax', 'f1'],
    ['#W1=1&x=1&f1=%3Cscript%3Ealert(1)%3C/script%3E', 'f1'],
    ['#W1=1&x=1&W1=2', 'W1'],
    ['#W1=1e7&x=1', 'W1'],
    ['#x=\\htmlData{x=1}{1},3', 'x'],
    ['#x=1%2C2%2C%5Cfrac12', 'x'],
    ['#b1=1', 'b1'],
    ['#foo=1', 'foo'],
    ['#seed=-1', 'seed'],
    ['#seed=1.5', 'seed'],
    ['#seed=4294967296', 'seed'],
    ['#seed=abc', 'seed'],
    ['#%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1', 'imgsrcxonerroralert1'],
    ['#x=%E0%A4%A', ''],
    [`#x=${'1,'.repeat(3000)}1`, ''],
  ])('%s is refused, naming %j', (hash, param) => {
    const r = parseHash(hash, worked);
    expect(r.ok).toBe(false);
    expect(r.param).toBe(param);
    expect(r.error.length).toBeGreaterThan(0);
    expect(r.error).not.toMatch(/<|\\/);
  });
});

describe('JSON', () => {
  test('round trip of the worked example', () => {
    expect(parseJson(toJson(worked), worked)).toEqual({ ok: true, config: worked });
  });

  test.each([
    ['not json', ''],
    ['[1,2]', ''],
    ['{"x":[1,"2"]}', 'x'],
    ['{"lr":"0.1"}', 'lr'],
    ['{"W1":[[1,2],[3]],"x":[1,2],"y":[1,1]}', 'W1'],
    ['{"W1":[[1]],"x":[1],"y":[1],"f1":5}', 'f1'],
  ])('%s is refused, naming %j', (text, param) => {
    const r = parseJson(text, worked);
    expect(r.ok).toBe(false);
    expect(r.param).toBe(param);
  });
});

test.each([
  ['#W1%20=1,1', 'W1', 'The parameter name "W1␣" has a space or sign in it'],
  ['#%E2%80%AEx=1', 'x', 'The parameter name "·x" has a space or sign in it'],
  ['#=1', '', 'A value is given without a parameter name.'],
  ['#y=1,2', 'y', 'y has 2 values, but W1 has 1 neuron.'],
  ['#x=1', 'x', 'x has 1 value, but W2 reads 2.'],
  ['#W1=1;1&W2=1,2;3,4&y=1,1&b1=1', 'b1', 'b1 has 1 entry for the 2 neurons of W1.'],
  ['#W1=1,2&W2=1,2;3', 'W2', 'W2: row 2 has 1 entry but row 1 has 2.'],
])('%s: a message that says what is wrong, naming %j', (hash, param, message) => {
  const r = parseHash(hash, worked);
  expect(r).toEqual({ ok: false, param, error: expect.stringContaining(message) });
});

test('withValue replaces one value and leaves the original alone', () => {
  const next = withValue(worked, 'layers.0.W.1.0', 0.5);
  expect(next.layers[0].W[1][0]).toBe(0.5);
  expect(worked.layers[0].W[1][0]).toBe(0.13);
});

// Any configuration within the limits, with values the fields accept.
const value = fc
  .double({ min: -LIMITS.value, max: LIMITS.value, noNaN: true, noDefaultInfinity: true })
  .map((v) => (v === 0 ? 0 : v));
const configArb = fc
  .tuple(
    fc.integer({ min: 1, max: LIMITS.neurons }),
    fc.array(fc.integer({ min: 1, max: LIMITS.neurons }), {
      minLength: 1,
      maxLength: LIMITS.layers,
    }),
  )
  .chain(([inputs, sizes]) =>
    fc.record(
      {
        x: fc.array(value, { minLength: inputs, maxLength: inputs }),
        y: fc.array(value, { minLength: sizes.at(-1), maxLength: sizes.at(-1) }),
        lr: fc.double({ min: 0, max: LIMITS.lrMax, noNaN: true }).map((v) => (v === 0 ? 0 : v)),
        layers: fc.tuple(
          ...sizes.map((n, l) => {
            const reads = l === 0 ? inputs : sizes[l - 1];
            return fc.record({
              W: fc.array(fc.array(value, { minLength: reads, maxLength: reads }), {
                minLength: n,
                maxLength: n,
              }),
              b: fc.oneof(fc.constant([]), fc.array(value, { minLength: n, maxLength: n })),
              f: fc.constantFrom(...ACTIVATIONS),
            });
          }),
        ),
        seed: fc.integer({ min: 0, max: 0xffffffff }),
      },
      { requiredKeys: ['x', 'y', 'lr', 'layers'] },
    ),
  );

test('every valid configuration round-trips through the URL unchanged', () => {
  fc.assert(
    fc.property(configArb, (config) => {
      const hash = toHash(config);
      expect(parseHash(`#${hash}`, worked)).toEqual({ ok: true, config });
      expect(parseHash(`#${encodeURI(hash)}`, worked)).toEqual({ ok: true, config });
    }),
    { numRuns: 500 },
  );
});

test('every valid configuration round-trips through JSON unchanged', () => {
  fc.assert(
    fc.property(configArb, (config) => {
      expect(parseJson(toJson(config), worked)).toEqual({ ok: true, config: copy(config) });
    }),
    { numRuns: 300 },
  );
});

test('every valid configuration is one the core accepts', () => {
  fc.assert(
    fc.property(configArb, (config) => {
      const t = core.trainStep(config);
      // A finite configuration is never an invalid example; it may overflow.
      if (!t.ok) expect(t.error).toMatch(/overflows/);
    }),
    { numRuns: 300 },
  );
});
