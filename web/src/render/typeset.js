// Putting rendered steps on the page fast enough to follow a dragged number.
//
// The step modules build plain DOM with math placeholders (dom.js: m() and
// formula() record their TeX, nothing is typeset). sync() then compares each
// new section with the one on the page. When only numbers differ (the common
// case: an edit that keeps the network's shape and every sign) the live
// section is patched in place: new digits and data-value on the existing
// KaTeX output, new text on the diagram's numbers. No KaTeX, no new nodes,
// no full relayout. Otherwise the section is typeset anew and replaces the
// old one.
//
// A patched formula's MathML (what screen readers read) is refreshed from
// the same TeX once editing pauses for a quarter of a second.
import katex from 'katex';
import { renderTex } from './math.js';

const SIGNATURE = Symbol('signature');
const MATH = Symbol('math');
const SVG_NUMBERS = Symbol('svgNumbers');

/**
 * The numbers in a TeX string and its skeleton: the TeX with every number's
 * value left out and its digits replaced by their shape (sign, decimal point
 * or comma, percentage), so that two formulas with the same skeleton differ only in
 * digits that can be patched. Numbers are \htmlData{trace=…, value=…}{body}.
 * @returns {{skeleton: string, numbers: {value: string, digits: string[] | null}[], tex: string}}
 *   `tex` is the input with n=<index> added to each number, to find it again in KaTeX's output
 */
export function splitNumbers(tex) {
  let split = splitCache.get(tex);
  if (!split) {
    split = splitNumbersUncached(tex);
    splitCache.set(tex, split);
  }
  return split;
}

// The TeX of the page being synced, split once (sync clears it afterwards).
const splitCache = new Map();

function splitNumbersUncached(tex) {
  const numbers = [];
  let skeleton = '';
  let tagged = '';
  let i = 0;
  const open = '\\htmlData{';
  for (let at = tex.indexOf(open); at >= 0; at = tex.indexOf(open, i)) {
    const attrsEnd = tex.indexOf('}', at + open.length);
    const attrs = tex.slice(at + open.length, attrsEnd);
    // the body: balanced braces after the attributes
    let depth = 0;
    let end = attrsEnd + 1;
    do {
      if (tex[end] === '{') depth += 1;
      else if (tex[end] === '}') depth -= 1;
      end += 1;
    } while (depth > 0 && end < tex.length);
    const body = tex.slice(attrsEnd + 2, end - 1);
    const head = tex.slice(i, at);
    if (!attrs.startsWith('trace=')) {
      skeleton += head + tex.slice(at, end);
      tagged += head + tex.slice(at, end);
    } else {
      const value = /value=([^,]*)/.exec(attrs)[1];
      // The digit groups KaTeX sets apart: 0.2533 is one; 0{,}2533 (a
      // decimal comma) two; 4.586 \times 10^{-11} three (mantissa, 10,
      // exponent); 19.5\,\% one. The rest (signs, separators) is the shape.
      const shape = body.replace(/[\d.]+/g, '#');
      const n = numbers.length;
      numbers.push({ value, digits: body.match(/[\d.]+/g) });
      skeleton += `${head}${open}${attrs.replace(/value=[^,]*/, '')}}{${shape}}`;
      tagged += `${head}${open}${attrs}, n=${n}}{${body}}`;
    }
    i = end;
  }
  return { skeleton: skeleton + tex.slice(i), numbers, tex: tagged + tex.slice(i) };
}

/** The math placeholders of a tree, in document order. */
const mathIn = (root) =>
  [root, ...root.querySelectorAll('.math, .formula')].filter((e) => e.tex !== undefined);
const svgNumbersIn = (root) => [...root.querySelectorAll('svg [data-value]')];

/**
 * What a freshly built tree looks like, numbers aside: two trees with equal
 * signatures can be patched one into the other.
 */
function signature(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    return node.parentElement?.closest('svg [data-value]') ? '#' : node.data;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return '';
  if (node.tex !== undefined)
    return `<m${node.display ? 'd' : ''}:${splitNumbers(node.tex).skeleton}>`;
  let attrs = '';
  for (const a of node.attributes) if (a.name !== 'data-value') attrs += ` ${a.name}=${a.value}`;
  let inner = '';
  for (const child of node.childNodes) inner += signature(child);
  return `<${node.tagName}${attrs}>${inner}</>`;
}

/** Typesets every math placeholder of a tree (for trees put on the page whole). */
export function typesetAll(root) {
  for (const e of mathIn(root)) renderTex(e, splitNumbers(e.tex).tex, e.display);
}

/** Writes new digits and values into typeset math whose skeleton is unchanged. */
function patchMath(live, tex) {
  const { numbers } = splitNumbers(tex);
  const targets = live.querySelectorAll('.katex-html [data-n]');
  for (const target of targets) {
    const number = numbers[Number(target.dataset.n)];
    if (!number || target.dataset.value === number.value) continue;
    target.dataset.value = number.value;
    if (number.digits === null) continue;
    // the innermost digit groups, in order: one per group of the body
    const groups = [...target.querySelectorAll('.mord')].filter(
      (e) => !e.firstElementChild && /\d/.test(e.textContent),
    );
    groups.forEach((e, k) => {
      if (k < number.digits.length) e.textContent = number.digits[k];
    });
  }
  live.tex = tex;
}

// ------------------------------------------------------------ MathML refresh

const stale = new Set();
let timer = 0;

/** Re-renders the MathML of patched formulas, a few milliseconds at a time. */
function refreshMathML() {
  timer = 0;
  const until = performance.now() + 8;
  for (const e of stale) {
    if (performance.now() > until) break;
    stale.delete(e);
    if (!e.isConnected) continue;
    const live = e.querySelector('.katex-mathml');
    if (!live) continue;
    const scratch = document.createElement('span');
    katex.render(splitNumbers(e.tex).tex, scratch, {
      output: 'mathml',
      displayMode: Boolean(e.display),
      throwOnError: false,
      trust: (context) => context.command === '\\htmlData',
      strict: 'ignore',
    });
    const math = scratch.querySelector('math');
    if (math) live.replaceChildren(math);
  }
  if (stale.size) timer = setTimeout(refreshMathML, 0);
}

/** Waits for a pause in editing (a drag sends many patches), then refreshes. */
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(refreshMathML, 250);
}

/** Whether MathML refreshes are still pending (for tests). */
export function mathmlPending() {
  return stale.size > 0;
}

// ------------------------------------------------------------ sync

/**
 * Makes `container`'s children match `fresh` (new, untypeset elements),
 * patching where only numbers changed.
 * @param {HTMLElement} container
 * @param {HTMLElement[]} fresh
 */
export function sync(container, fresh) {
  const live = [...container.children];
  fresh.forEach((next, i) => syncOne(container, live, next, i));
  finishSync(live, fresh.length);
}

/**
 * The same as sync(), one element per task, so that typesetting a whole
 * page never blocks the main thread for long (the first view). Stops early,
 * resolving to false, when `current()` turns false (a newer render took over).
 */
export async function syncGradually(container, fresh, current) {
  const live = [...container.children];
  for (let i = 0; i < fresh.length; i++) {
    if (!current()) return false;
    syncOne(container, live, fresh[i], i);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (!current()) return false;
  finishSync(live, fresh.length);
  return true;
}

function finishSync(live, count) {
  for (const extra of live.slice(count)) extra.remove();
  if (stale.size) schedule();
  splitCache.clear();
}

/** Patches or replaces the live element at `i` with `next`. */
function syncOne(container, live, next, i) {
  const sig = signature(next);
  const old = live[i];
  if (old && old[SIGNATURE] === sig) {
    const oldMath = old[MATH];
    mathIn(next).forEach((m, k) => {
      if (oldMath[k].tex !== m.tex) {
        patchMath(oldMath[k], m.tex);
        stale.add(oldMath[k]);
      }
    });
    const oldNumbers = old[SVG_NUMBERS];
    svgNumbersIn(next).forEach((n, k) => {
      const target = oldNumbers[k];
      if (target.dataset.value === n.dataset.value) return;
      target.dataset.value = n.dataset.value;
      target.textContent = n.textContent;
    });
    return;
  }
  typesetAll(next);
  next[SIGNATURE] = sig;
  next[MATH] = mathIn(next);
  next[SVG_NUMBERS] = svgNumbersIn(next);
  if (old) old.replaceWith(next);
  else container.append(next);
}
