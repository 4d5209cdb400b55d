// TeX for the derivation and its rendering with KaTeX.
//
// Every number in a formula is written by `num(path)`, which reads the value
// at `path` in the trace and wraps it in \htmlData{trace=…, value=…}: the
// rendered element carries data-trace and data-value, so each number on the
// page says where it came from. Indices in symbols (the (1) of W⁽¹⁾) and the
// constants of a formula (the ½ of the loss) are marked data-index and
// data-const, so that no digit on the page is unaccounted for.
//
// TeX is only ever built here, from validated numbers and fixed strings.
// KaTeX's trust is granted to \htmlData alone.
import { formatPercentTex, formatTex, needsParentheses, shownExactly } from './format.js';
import { loadKatex, loadedKatex } from './katex.js';

const options = {
  throwOnError: false,
  output: 'htmlAndMathml',
  trust: (context) => context.command === '\\htmlData',
  strict: (code) => (code === 'htmlExtension' ? 'ignore' : 'warn'),
};

/**
 * A short key for a formula: FNV-1a of its TeX and mode, in base 36. Every
 * typeset element carries it as data-tex-key, so that output typeset in
 * advance can be found again.
 */
function texKey(tex, displayMode) {
  let h = displayMode ? 0x811c9dc4 : 0x811c9dc5;
  for (let i = 0; i < tex.length; i++) h = Math.imul(h ^ tex.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** KaTeX output typeset in advance, by key: elements of the prerendered page. */
const ready = new Map();
/**
 * Elements waiting for KaTeX, with what to typeset in them; meanwhile
 * <html> carries data-typesetting.
 */
const waiting = new Map();

/** Whether the build's formulas in a phone's layout are wanted (main.js). */
let narrowWanted = false;

/** Says whether formulas are set in the narrow layout (a phone's). */
export function wantNarrowTypeset(wanted) {
  narrowWanted = wanted;
}

/** The build's <noscript> blocks already parsed. */
const parsed = new WeakSet();

/**
 * Keeps the typeset formulas under `root` (the page as the build typeset
 * it) for renderTex to reuse. A <noscript> block of the build (a section
 * typeset in advance, which the parser left as text) is parsed first, once;
 * the phone's formulas at its end (scripts/prerender.mjs) only when wanted.
 * @returns {boolean} whether it parsed a <noscript> block now
 */
export function adoptTypeset(root) {
  let from = root;
  if (root.localName === 'noscript') {
    if (parsed.has(root)) return false;
    parsed.add(root);
    let html = root.textContent;
    const phone = narrowWanted ? -1 : html.indexOf('<div hidden="" data-typeset-for="narrow">');
    if (phone >= 0) html = html.slice(0, phone);
    const t = document.createElement('template');
    t.innerHTML = html;
    from = t.content;
  }
  for (const e of from.querySelectorAll('[data-tex-key]')) {
    if (!ready.has(e.dataset.texKey)) ready.set(e.dataset.texKey, e);
  }
  return root !== from;
}

/** Whether `el` shows `tex` typeset (by renderTex, or by the build). */
export const typesetAs = (el, tex, displayMode = false) =>
  el.nodeType === Node.ELEMENT_NODE && el.dataset.texKey === texKey(tex, displayMode);

/** Whether `el` shows a placeholder until KaTeX arrives. */
export const awaitsKatex = (el) => waiting.has(el);

/**
 * Renders `tex` into `el`: a copy of the same formula typeset in advance,
 * else KaTeX's output (katex.render styles through the CSSOM: no inline-style
 * CSP need). Before KaTeX has loaded, a formula not typeset in advance shows
 * a placeholder and is typeset as soon as KaTeX arrives.
 */
export function renderTex(el, tex, displayMode = false) {
  const key = texKey(tex, displayMode);
  el.dataset.texKey = key;
  waiting.delete(el);
  const done = ready.get(key);
  if (done) {
    el.replaceChildren(...[...done.childNodes].map((n) => n.cloneNode(true)));
    return;
  }
  const katex = loadedKatex();
  if (katex) {
    katex.render(tex, el, { ...options, displayMode });
    return;
  }
  el.replaceChildren('…');
  const first = waiting.size === 0;
  waiting.set(el, { tex, displayMode });
  if (!first) return;
  document.documentElement.dataset.typesetting = '';
  loadKatex()
    .then(() => {
      for (const [e, w] of waiting) renderTex(e, w.tex, w.displayMode);
    })
    // KaTeX could not be fetched: the placeholders stay, nothing waits on,
    // and the page says so (main.js listens).
    .catch((error) => {
      waiting.clear();
      document.dispatchEvent(new CustomEvent('typeset-failed', { detail: error }));
    })
    .finally(() => delete document.documentElement.dataset.typesetting);
}

/** Reads a dotted path ("layers.0.dW.1.0") out of an object. */
export function valueAt(root, path) {
  let v = root;
  for (const key of path.split('.')) v = v?.[key];
  return v;
}

/** Computed values an exercise can ask for: forward values, loss, gradients, updates. */
const ASKABLE = /^(layers\.\d+\.(z|h|fprime|delta|dW|db|WNext|bNext)\.|yHat\.|loss$|dLdyHat\.)/;

/** Whether an exercise may ask for the value at `path`. */
export const askable = (path) => ASKABLE.test(path);

/**
 * TeX builders bound to one trace.
 * @param {import('../backprop').Trace} trace
 * @param {{hide: (path: string) => boolean}} [exercise] in exercise mode, which
 *   computed values to hide (they show as a boxed "?" and are collected in `asked`)
 */
export function texFor(trace, exercise) {
  const data = (attrs, body) => `\\htmlData{${attrs}}{${body}}`;
  // `group` ties a result to its operands: within a formula they share it.
  const tagged = (path, value, body, from = [], group = -1) => {
    const attrs = [`trace=${path}`, `value=${String(value)}`];
    if (from.length) attrs.push(`from=${from.join(' ')}`);
    if (group >= 0) attrs.push(`group=${group}`);
    return data(attrs.join(', '), body);
  };
  // The numbers written since the last result(): the operands of the next
  // result, and whether any of them is shown rounded.
  let operands = [];
  let rounded = false;
  let group = 0;
  const asked = [];
  const operandsOf = new Map();
  const hidden = (path) => Boolean(exercise) && askable(path) && exercise.hide(path);
  const question = (path) => {
    if (!asked.includes(path)) asked.push(path);
    return data(`answer=${path}`, '\\boxed{\\,?\\,}');
  };

  return {
    /** In exercise mode: the hidden values written so far, in page order. */
    asked,
    /** The operands each result was computed from, by path. */
    operandsOf,
    /**
     * The number at `path`, formatted (values of the example as given); with
     * `paren`, parenthesised when it is a factor that needs it; `decimals`
     * instead of 4; `floor`: magnitudes below it shown as "< floor".
     */
    num(path, opts = {}) {
      const v = valueAt(trace, path);
      if (typeof v !== 'number') throw new Error(`no number at ${path}`);
      const given = path.startsWith('example.');
      operands.push(path);
      if (hidden(path)) {
        rounded = true;
        return question(path);
      }
      rounded ||= !shownExactly(v, { given });
      // Below `floor` (a relative error of 1e-13, say) the digits are noise:
      // "< 1 × 10⁻¹⁰" reads better and keeps one shape as they flicker.
      const shown =
        opts.floor && Math.abs(v) < opts.floor
          ? `<${formatTex(opts.floor)}`
          : formatTex(v, { given, decimals: opts.decimals });
      const body = tagged(path, v, shown, [], group);
      return opts.paren && needsParentheses(v) ? `\\left(${body}\\right)` : body;
    },
    /**
     * "= value" for the number at `path`, computed from the numbers written
     * since the last result: they are recorded as its data-from, and the
     * sign becomes ≈ when one of them is shown rounded (so that the shown
     * arithmetic never claims an equality it does not have).
     */
    result(path) {
      const v = valueAt(trace, path);
      if (typeof v !== 'number') throw new Error(`no number at ${path}`);
      const from = [...new Set(operands)];
      if (!operandsOf.has(path)) operandsOf.set(path, from);
      if (hidden(path)) {
        this.begin();
        return `= ${question(path)}`;
      }
      // The relation is tagged so that a re-render can flip it in place.
      const relation = rounded ? '\\htmlData{rel=approx}{\\approx}' : '\\htmlData{rel=eq}{=}';
      const tex = `${relation} ${tagged(path, v, formatTex(v), from, group)}`;
      this.begin();
      return tex;
    },
    /** Forgets the numbers written so far: the next ones are the operands of a new result. */
    begin() {
      operands = [];
      rounded = false;
      group += 1;
    },
    /** The ratio at `path` as a percentage. */
    pct(path) {
      const v = valueAt(trace, path);
      return tagged(path, v, formatPercentTex(v));
    },
    /** A column vector of the numbers at `path`. */
    col(path, opts = {}) {
      const v = valueAt(trace, path);
      return `\\begin{bmatrix}${v.map((_, i) => this.num(`${path}.${i}`, opts)).join('\\\\')}\\end{bmatrix}`;
    },
    /** A matrix stored as rows. */
    mat(path, opts = {}) {
      const rows = valueAt(trace, path);
      const body = rows
        .map((r, i) => r.map((_, j) => this.num(`${path}.${i}.${j}`, opts)).join(' & '))
        .join('\\\\');
      return `\\begin{bmatrix}${body}\\end{bmatrix}`;
    },
  };
}

/** An index inside a symbol, e.g. the 2 of W_2 or of h^{(2)}. */
export function idx(text) {
  return `\\htmlData{index=${text}}{${text}}`;
}

/** A constant of a formula, such as ½ or an exponent 2. */
export function constant(tex) {
  return `\\htmlData{const=1}{${tex}}`;
}
