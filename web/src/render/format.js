// Number formatting: the only place that turns the core's numbers into text.
// The decimal separator is the reader's: "0.2533" or "0,2533" (see
// setDecimalSeparator); digits are computed with "." and swapped at the end.
// Shown to 4 decimals; very small or very large magnitudes in scientific
// notation so that no value collapses to 0.0000 or grows past the column.

const DECIMALS = 4;
const MINUS = '\u2212';

let separator = '.';

/**
 * Sets the decimal separator of every number formatted from now on.
 * @param {'.' | ','} sep
 */
export function setDecimalSeparator(sep) {
  if (sep !== '.' && sep !== ',') throw new Error(`decimal separator must be . or , not ${sep}`);
  separator = sep;
}

/** The decimal separator in use. */
export function decimalSeparator() {
  return separator;
}

/** "0.25" in the reader's form; in TeX a comma needs braces, else it is spaced as punctuation. */
const localText = (s) => (separator === ',' ? s.replace('.', ',') : s);
const localTex = (s) => (separator === ',' ? s.replace('.', '{,}') : s);

function useScientific(v) {
  const a = Math.abs(v);
  return v !== 0 && (a < 1e-4 || a >= 1e6);
}

/**
 * Mantissa and exponent strings for scientific display, or null.
 * @param {number} v
 */
function scientific(v, decimals = DECIMALS) {
  if (!useScientific(v)) return null;
  const [m, e] = v.toExponential(decimals - 1).split('e');
  return { mantissa: m.replace(/\.?0+$/, ''), exponent: String(Number(e)) };
}

/**
 * The digits shown for `v`: 4 decimals. A given value (one the example
 * states, not one computed) reads better as written: integers bare, others
 * with 2 to 4 decimals, so 0.1 shows as 0.10 next to 0.12.
 * @param {number} v
 * @param {{given?: boolean}} [opts]
 */
function fixed(v, opts = {}) {
  if (v === 0) return '0';
  const s = v.toFixed(opts.decimals ?? DECIMALS);
  if (!opts.given) return s;
  return Number.isInteger(v) ? String(v) : s.replace(/(\.\d\d\d*?)0+$/, '$1');
}

/** "-8" as ⁻⁸. */
const superscript = (e) => e.replace(/-/, '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[d]);

/**
 * Plain text, with a true minus sign. Non-finite values never reach the page
 * as numbers: callers check Trace.diverged first; this is the last guard.
 * @param {number} v
 * @param {{given?: boolean, decimals?: number}} [opts] decimals: 4 unless stated
 */
export function formatText(v, opts = {}) {
  if (!Number.isFinite(v)) return 'overflow';
  const sci = scientific(v);
  const s = sci ? `${sci.mantissa} × 10${superscript(sci.exponent)}` : fixed(v, opts);
  return localText(s).replace('-', MINUS);
}

/**
 * TeX for `v`.
 * @param {number} v
 * @param {{given?: boolean, decimals?: number}} [opts] decimals: 4 unless stated
 */
export function formatTex(v, opts = {}) {
  if (!Number.isFinite(v)) return '\\text{overflow}';
  const sci = scientific(v, opts.decimals);
  return localTex(sci ? `${sci.mantissa} \\times {10}^{${sci.exponent}}` : fixed(v, opts));
}

/**
 * Whether the 4-decimal text of `v` reads back as `v` itself (up to the last
 * bits of rounding noise: 0.7466999999999999 is shown exactly as 0.7467), so
 * that "=" holds for it.
 */
export function shownExactly(v, opts = {}) {
  if (!Number.isFinite(v) || useScientific(v)) return false;
  return Math.abs(Number(fixed(v, opts)) - v) <= 1e-12 * Math.max(1, Math.abs(v));
}

/** Whether `v` needs parentheses as a factor of a product: negative, or 1.2 × 10ⁿ. */
export function needsParentheses(v) {
  return v < 0 || useScientific(v);
}

/** A value for a text field: full precision, the reader's separator, a plain "-" to type over. */
export function formatInput(v) {
  return localText(String(v));
}

/** Full precision: the shortest text that reads back as the same double. */
export function formatFull(v) {
  return localText(String(v)).replace('-', MINUS);
}

/** A ratio as a percentage, in TeX: 0.1947 → 19.5\,\%. */
export function formatPercentTex(ratio) {
  if (!Number.isFinite(ratio)) return '\\text{overflow}';
  // One decimal, no sign (the text says which way), no grouping.
  return localTex(`${(Math.abs(ratio) * 100).toFixed(1)}\\,\\%`);
}

/**
 * A whole count with its thousands set apart by a narrow no-break space, as
 * SI writes them (100 000): the same with either decimal separator, and no
 * Intl formatter, whose first use in a page costs tens of milliseconds.
 */
export function formatCount(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/**
 * A tick label on a plot axis ticked every `step`: as many decimals as the
 * step has (0.05 → 0.25, 2 → 4), the reader's separator, a true minus.
 * @param {number} v
 * @param {number} step
 */
export function formatTick(v, step) {
  let decimals = 0;
  while (
    decimals < 12 &&
    Math.abs(step * 10 ** decimals - Math.round(step * 10 ** decimals)) > 1e-6
  )
    decimals++;
  const s = Math.abs(v) < step / 2 ? '0' : v.toFixed(decimals);
  return localText(s).replace('-', MINUS);
}

/** A tick on a log axis, at 10ᵉ: "10⁻⁸". */
export function formatPowerOfTen(e) {
  return `10${superscript(String(e))}`;
}
