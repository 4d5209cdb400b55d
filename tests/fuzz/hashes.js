// Random and adversarial URL hashes (without "#"), for the URL fuzz tests in
// Node (tests/wasm/url-fuzz.test.js) and in the page (tests/e2e/url-fuzz.spec.js).
// Script payloads set window.__pwned, so a test can tell whether one ran.
import fc from 'fast-check';

export const PWNED = '__pwned';

/** Payloads a page must show as text, if at all, and never run or typeset. */
export const PAYLOADS = [
  `<img src=x onerror="window.${PWNED}=1">`,
  `<script>window.${PWNED}=1</script>`,
  `"><svg onload=window.${PWNED}=1>`,
  `javascript:window.${PWNED}=1`,
  `\\href{javascript:window.${PWNED}=1}{x}`,
  `$$\\htmlData{x=1}{y}$$`,
  '\\textcolor{red}{1}',
  '\\begin{matrix}1\\end{matrix}',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '__proto__',
  'constructor',
  '${1+1}',
];

const KEYS = ['x', 'y', 'lr', 'W1', 'W2', 'W3', 'W4', 'W5', 'W0', 'W01', 'b1', 'b2', 'b3', 'b4'];
const KEYS_F = ['f1', 'f2', 'f3', 'f4', 'f9', 'F1', 'w1', 'X', 'lr ', ' x', 'x[]', 'W1;'];
const ACTIVATIONS = ['identity', 'sigmoid', 'tanh', 'relu', 'Sigmoid', 'softmax', 'relu;'];

/** Numbers as a person or a bot might write them, good and bad. */
const numberText = fc.oneof(
  { arbitrary: fc.double({ min: -2, max: 2, noNaN: true }).map(String), weight: 6 },
  { arbitrary: fc.integer({ min: -9, max: 9 }).map(String), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      '1e6',
      '-1e6',
      '1000001',
      '1e400',
      '-1e400',
      '1e-400',
      '9'.repeat(39),
      '9'.repeat(400),
      '0x10',
      'Infinity',
      'NaN',
      '-0',
      '+.5',
      '.',
      '-',
      '1e',
      '1,5',
      '1 000',
      '\u22122',
      '\u0663', // Arabic-Indic three
      '\uff11', // fullwidth one
      '1\u202e2',
      '𝟏',
      '',
    ),
    weight: 3,
  },
);

const separators = fc.constantFrom(',', ';', '&', '=', '%', '#', ',,', ';;;;', '&&&&', '==');

/** A value: a list, a matrix, an activation, a payload or a run of separators. */
const valueText = fc.oneof(
  {
    arbitrary: fc.array(numberText, { minLength: 1, maxLength: 4 }).map((a) => a.join(',')),
    weight: 6,
  },
  {
    arbitrary: fc
      .array(fc.array(numberText, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 })
      .map((m) => m.map((r) => r.join(',')).join(';')),
    weight: 6,
  },
  { arbitrary: fc.constantFrom(...ACTIVATIONS), weight: 2 },
  { arbitrary: fc.constantFrom(...PAYLOADS), weight: 2 },
  {
    arbitrary: separators.chain((s) => fc.integer({ min: 1, max: 300 }).map((n) => s.repeat(n))),
    weight: 1,
  },
);

/** Percent-encodes some or all characters of a string (valid UTF-8 escapes). */
const percentEncoded = (text) =>
  fc.boolean().map((all) => (all ? encodeURIComponent(text) : encodeURI(text)));

/** key=value pairs from the link format's alphabet, often almost valid. */
const structured = fc
  .array(
    fc.tuple(
      fc.oneof(
        { arbitrary: fc.constantFrom(...KEYS), weight: 8 },
        fc.constantFrom(...KEYS_F),
        fc.constantFrom(...PAYLOADS),
      ),
      valueText,
      fc.constantFrom('=', '=', '=', '', '==', '=%3D'),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((pairs) => pairs.map(([k, v, eq]) => `${k}${eq}${v}`).join('&'));

/** Networks that fit the page, written as links: most of these are valid. */
const validLike = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 5 })
  .chain((n) => {
    const L = n.length - 1;
    const num = fc
      .double({ min: -3, max: 3, noNaN: true })
      .map((v) => String(Number(v.toFixed(3))));
    const list = (k) => fc.array(num, { minLength: k, maxLength: k }).map((a) => a.join(','));
    const parts = [list(n[0]).map((v) => `x=${v}`), list(n[L]).map((v) => `y=${v}`)];
    parts.push(fc.constantFrom('0.05', '0.5', '0', '1e6', '2').map((v) => `lr=${v}`));
    for (let k = 1; k <= L; k++) {
      const rows = n[L - k + 1];
      const cols = n[L - k];
      parts.push(
        fc
          .array(list(cols), { minLength: rows, maxLength: rows })
          .map((r) => `W${k}=${r.join(';')}`),
      );
      parts.push(
        fc.option(
          list(rows).map((v) => `b${k}=${v}`),
          { nil: '' },
        ),
      );
      parts.push(
        fc.option(
          fc.constantFrom('sigmoid', 'tanh', 'relu').map((f) => `f${k}=${f}`),
          { nil: '' },
        ),
      );
    }
    return fc.tuple(...parts).chain((ps) => fc.shuffledSubarray(ps, { minLength: ps.length }));
  })
  .map((ps) => ps.filter(Boolean).join('&'));

/** A valid-looking link with a few characters replaced, deleted or inserted. */
const mutated = fc
  .tuple(
    validLike,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('del', 'ins', 'rep'),
        fc.constantFrom(',', ';', '&', '=', '.', 'e', '-', '9', 'W', '%', ' ', '<', '\\'),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([s, edits]) => {
    let out = s;
    for (const [at, op, ch] of edits) {
      const i = at % (out.length + 1);
      if (op === 'del') out = out.slice(0, i) + out.slice(i + 1);
      else if (op === 'ins') out = out.slice(0, i) + ch + out.slice(i);
      else out = out.slice(0, i) + ch + out.slice(i + 1);
    }
    return out;
  });

/** Random UTF-16 code units, lone surrogates included. */
const randomText = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

/** Random bytes, some as %XX escapes (which may not be valid UTF-8). */
const randomBytes = fc
  .uint8Array({ maxLength: 60 })
  .chain((bytes) =>
    fc
      .array(fc.boolean(), { minLength: bytes.length, maxLength: bytes.length })
      .map((escape) =>
        [...bytes]
          .map((b, i) =>
            escape[i] || b < 0x21 || b > 0x7e
              ? `%${b.toString(16).padStart(2, '0')}`
              : String.fromCharCode(b),
          )
          .join(''),
      ),
  );

/** Huge or endlessly repeated input. */
const huge = fc.oneof(
  fc.integer({ min: 1, max: 5000 }).map((n) => `x=${'9'.repeat(n)}`),
  fc.integer({ min: 1, max: 2000 }).map((n) => `W1=${'1,'.repeat(n)}1`),
  fc.integer({ min: 1, max: 2000 }).map((n) => `W1=${'1;'.repeat(n)}1`),
  fc.integer({ min: 1, max: 3000 }).map((n) => '&'.repeat(n)),
  fc.integer({ min: 1, max: 1000 }).map((n) => 'x=1&'.repeat(n)),
  fc.integer({ min: 1, max: 1500 }).map((n) => '%25'.repeat(n)),
);

/** Every kind above, weighted toward the ones that reach deep into parsing. */
export const hashArbitrary = fc.oneof(
  { arbitrary: structured, weight: 5 },
  { arbitrary: structured.chain(percentEncoded), weight: 2 },
  { arbitrary: validLike, weight: 3 },
  { arbitrary: mutated, weight: 4 },
  { arbitrary: randomText, weight: 2 },
  { arbitrary: randomBytes, weight: 2 },
  { arbitrary: huge, weight: 1 },
  { arbitrary: fc.constantFrom(...PAYLOADS), weight: 1 },
);
