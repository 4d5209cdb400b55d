// Putting rendered steps on the page fast enough to follow a dragged number.
//
// The step modules build plain DOM with math placeholders (dom.js: m() and
// formula() record their TeX, nothing is typeset). sync() then compares each
// new section with the one on the page. When only numbers differ (the common
// case: an edit that keeps the network's shape and every sign) the live
// section is patched in place: new digits and data-value on the existing
// KaTeX output, new text on the diagram's numbers. No KaTeX, no new nodes,
// no full relayout. When the section's structure is the same but a formula
// changed shape (a sign flipped, "=" became "≈"), only that formula is
// typeset anew, in place. Otherwise the whole section is typeset anew and
// replaces the old one.
//
// A patched formula's MathML (what screen readers read) is refreshed from
// the same TeX once editing pauses for a quarter of a second.
import { loadKatex, loadedKatex } from './katex.js';
import { adoptTypeset, awaitsKatex, renderTex, typesetAs } from './math.js';

const SHAPE = Symbol('shape');
const MATH = Symbol('math');
const SKELETON = Symbol('skeleton');
const SVG_NUMBERS = Symbol('svgNumbers');

/**
 * The numbers in a TeX string and its skeleton: the TeX with every number's
 * value left out and its digits replaced by their shape (sign, decimal point
 * or comma, percentage), and every tagged relation (= or ≈) left out, so that
 * two formulas with the same skeleton differ only in digits and relations that
 * can be patched. Numbers are \htmlData{trace=…, value=…}{body}, relations
 * \htmlData{rel=eq}{=} and \htmlData{rel=approx}{\approx}.
 * @returns {{skeleton: string, numbers: {value: string, digits: string[] | null}[],
 *   relations: string[], tex: string}} `tex` is the input with n=<index> added to each
 *   number and r=<index> to each relation, to find them again in KaTeX's output
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
  const relations = [];
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
    if (attrs.startsWith('rel=')) {
      const r = relations.length;
      relations.push(attrs.slice(4));
      skeleton += `${head}${open}rel}{}`;
      tagged += `${head}${open}${attrs}, r=${r}}{${body}}`;
    } else if (!attrs.startsWith('trace=')) {
      skeleton += head + tex.slice(at, end);
      tagged += head + tex.slice(at, end);
    } else {
      const value = /value=([^,]*)/.exec(attrs)[1];
      // The digit groups KaTeX sets apart: 0.2533 is one; 0{,}2533 (a
      // decimal comma) two; 4.586 \times {10}^{-11} three (mantissa, 10,
      // exponent); 19.5\,\% one. The rest (signs, separators) is the shape.
      const shape = body.replace(/[\d.]+/g, '#');
      const n = numbers.length;
      numbers.push({ value, digits: body.match(/[\d.]+/g) });
      skeleton += `${head}${open}${attrs.replace(/value=[^,]*/, '')}}{${shape}}`;
      tagged += `${head}${open}${attrs}, n=${n}}{${body}}`;
    }
    i = end;
  }
  return {
    skeleton: skeleton + tex.slice(i),
    numbers,
    relations,
    tex: tagged + tex.slice(i),
  };
}

/** The math placeholders of a tree, in document order. */
const mathIn = (root) =>
  [root, ...root.querySelectorAll('.math, .formula')].filter((e) => e.tex !== undefined);
const svgNumbersIn = (root) => [...root.querySelectorAll('svg [data-value]')];

/**
 * What a freshly built tree looks like, formulas aside: two trees with equal
 * shapes can be synced one into the other formula by formula (every formula
 * is one `<m>` here; the diagram's numbers are one `#`).
 */
function shape(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    return node.parentElement?.closest('svg [data-value]') ? '#' : node.data;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return '';
  if (node.tex !== undefined) return `<m${node.display ? 'd' : ''}>`;
  // (Indexed attributes and sibling links: iterators over a live
  // NamedNodeMap or NodeList cost several times as much.)
  let attrs = '';
  const list = node.attributes;
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (a.name !== 'data-value') attrs += ` ${a.name}=${a.value}`;
  }
  let inner = '';
  for (let child = node.firstChild; child; child = child.nextSibling) inner += shape(child);
  return `<${node.tagName}${attrs}>${inner}</>`;
}

/** Typesets every math placeholder of a tree (for trees put on the page whole). */
export function typesetAll(root) {
  for (const e of mathIn(root)) renderTex(e, splitNumbers(e.tex).tex, e.display);
}

const GLYPH = { eq: '=', approx: '≈' };

/** Writes new digits, values and relations into typeset math whose skeleton is unchanged. */
function patchMath(live, tex) {
  if (awaitsKatex(live)) {
    // Not typeset yet: typeset the new TeX when KaTeX arrives instead.
    renderTex(live, splitNumbers(tex).tex, live.display);
    live.tex = tex;
    return;
  }
  const { numbers, relations } = splitNumbers(tex);
  for (const target of live.querySelectorAll('.katex-html [data-r]')) {
    const rel = relations[Number(target.dataset.r)];
    if (!rel || target.dataset.rel === rel) continue;
    target.dataset.rel = rel;
    const glyph = target.querySelector('.mrel');
    if (glyph) glyph.textContent = GLYPH[rel];
  }
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
  const katex = loadedKatex();
  if (!katex) {
    // Without KaTeX the MathML keeps its last values until it loads.
    loadKatex().then(schedule, () => {});
    return;
  }
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

// ------------------------------------------------------------ sync

/**
 * Makes `container`'s children match `fresh` (new, untypeset elements),
 * patching where only numbers changed.
 * @param {HTMLElement} container
 * @param {HTMLElement[]} fresh
 */
export function sync(container, fresh) {
  fresh.forEach((next, i) => syncAt(container, i, next));
  trim(container, fresh.length);
}

/**
 * Makes `container`'s child at `i` match `next` (appended when `i` is one
 * past the end). Returns the element now at `i`: the live one, patched, or
 * `next`, typeset.
 */
export function syncAt(container, i, next) {
  const old = container.children[i];
  const live = syncOne(container, old, next);
  if (stale.size) schedule();
  splitCache.clear();
  return live;
}

/** Removes `container`'s children from `count` on. */
export function trim(container, count) {
  while (container.children.length > count) container.lastElementChild.remove();
}

/** A math placeholder's skeleton, kept with it while its TeX is the same. */
function skeletonOf(e) {
  if (e[SKELETON]?.tex !== e.tex)
    e[SKELETON] = { tex: e.tex, skeleton: splitNumbers(e.tex).skeleton };
  return e[SKELETON].skeleton;
}

/**
 * An element's attributes as the build writes them: the build turns style
 * attributes into classes named ps… (scripts/prerender.mjs), so those are
 * left out on both sides, as is data-later (a part of the build's markup
 * waiting for its frame, render/sections.js), and an empty class is no class.
 */
function attributesOf(e) {
  const out = [];
  for (const a of e.attributes) {
    if (a.name === 'style' || a.name === 'data-later') continue;
    const value =
      a.name === 'class'
        ? a.value
            .split(' ')
            .filter((c) => c && !/^ps[0-9a-z]+$/.test(c))
            .join(' ')
        : a.value;
    if (a.name !== 'class' || value) out.push(`${a.name}=${value}`);
  }
  return out.sort().join('\n');
}

/** An element's children, adjacent text joined (the parser joins it). */
function childrenOf(e) {
  const out = [];
  for (const c of e.childNodes) {
    if (c.nodeType === Node.ELEMENT_NODE) out.push(c);
    else if (c.nodeType !== Node.TEXT_NODE || !c.data) continue;
    else if (typeof out.at(-1) === 'string') out[out.length - 1] += c.data;
    else out.push(c.data);
  }
  return out;
}

/**
 * Whether `old`, markup the build typeset in advance, is what `next` (fresh,
 * untypeset) becomes once typeset: the same elements, attributes and text,
 * and in place of each formula the same formula typeset.
 */
function sameAsTypeset(old, next) {
  if (next.tex !== undefined) return typesetAs(old, splitNumbers(next.tex).tex, next.display);
  if (old.tagName !== next.tagName || attributesOf(old) !== attributesOf(next)) return false;
  const o = childrenOf(old);
  const n = childrenOf(next);
  return (
    o.length === n.length &&
    n.every((c, i) =>
      typeof c === 'string' ? c === o[i] : typeof o[i] !== 'string' && sameAsTypeset(o[i], c),
    )
  );
}

/**
 * Takes over `old`, markup the build typeset in advance, when it is `next`
 * typeset: the page keeps what it has laid out and painted already instead
 * of laying out the same again. Only for trees without controls (their
 * listeners are on `next`'s elements).
 */
function hydrate(old, next, sig) {
  if (next.querySelector('input, button, select, textarea') || !sameAsTypeset(old, next)) {
    return false;
  }
  const placeholders = (root) => [root, ...root.querySelectorAll('.math, .formula')];
  const to = placeholders(old);
  placeholders(next).forEach((e, k) => {
    if (e.tex === undefined) return;
    to[k].tex = e.tex;
    to[k].display = e.display;
  });
  old[SHAPE] = sig;
  old[MATH] = mathIn(old);
  old[SVG_NUMBERS] = svgNumbersIn(old);
  return true;
}

/** Patches `old` to match `next`, or replaces it with `next` typeset. */
function syncOne(container, old, next) {
  const sig = shape(next);
  if (old && old[SHAPE] === sig) {
    const oldMath = old[MATH];
    mathIn(next).forEach((m, k) => {
      const target = oldMath[k];
      if (target.tex === m.tex) return;
      if (skeletonOf(target) === skeletonOf(m)) {
        patchMath(target, m.tex);
        stale.add(target);
      } else {
        // A formula that changed shape: typeset it again where it stands.
        renderTex(target, splitNumbers(m.tex).tex, m.display);
        target.tex = m.tex;
        stale.delete(target);
      }
    });
    const oldNumbers = old[SVG_NUMBERS];
    svgNumbersIn(next).forEach((n, k) => {
      const target = oldNumbers[k];
      if (target.dataset.value === n.dataset.value) return;
      target.dataset.value = n.dataset.value;
      target.textContent = n.textContent;
    });
    return old;
  }
  if (old?.localName === 'noscript') {
    // In place of a section the build typeset in advance: its formulas first.
    adoptTypeset(old);
  } else if (old && !old[SHAPE] && hydrate(old, next, sig)) {
    return old;
  }
  typesetAll(next);
  next[SHAPE] = sig;
  next[MATH] = mathIn(next);
  next[SVG_NUMBERS] = svgNumbersIn(next);
  if (old) old.replaceWith(next);
  else container.append(next);
  return next;
}
