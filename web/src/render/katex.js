// KaTeX, fetched when the page first has to typeset something itself.
//
// The hosted build ships the worked example already typeset
// (scripts/prerender.mjs), and each formula's output is reused by a key of
// its TeX (math.js). KaTeX, about 75 KB gzip and the largest part of the
// page's code, is needed only for a formula that was not typeset in advance:
// another configuration, exercise mode, a formula that changes shape after
// an edit, or the MathML of patched formulas. A pointer reaching something
// editable, or the first key, focus or press, starts the download (main.js),
// so it is usually there before it is needed.

/** @type {typeof import('katex').default | null} */
let katex = null;
/** @type {Promise<typeof import('katex').default> | null} */
let loading = null;

/** Starts loading KaTeX (once; again after a failed attempt); resolves to it. */
export function loadKatex() {
  loading ??= import('katex').then(
    (m) => (katex = m.default),
    (error) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** Starts loading KaTeX ahead of need; a failure shows when it is needed. */
export function prefetchKatex() {
  loadKatex().catch(() => {});
}

/** KaTeX when it has loaded, else null. */
export const loadedKatex = () => katex;
