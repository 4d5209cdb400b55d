// Small DOM builders for the step modules. Text goes in as text nodes; TeX
// is recorded on placeholder elements and typeset later by typeset.js, so a
// re-render that only changes numbers can patch the page instead of
// rebuilding it. Nothing is ever parsed as HTML.

/** Inline TeX inside prose: p`the loss ${m('L')} falls`. */
export function m(tex) {
  return { tex };
}

/**
 * An element with attributes and children (strings become text nodes,
 * m() values inline math, null and false are skipped).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
  }
  append(node, children);
  return node;
}

/** Punctuation right after inline math, up to the next space. */
const CLOSING = /^[.,;:!?)\]]\S*/;

function append(node, children) {
  for (let child of children.flat()) {
    if (child === null || child === undefined || child === false || child === '') continue;
    if (typeof child === 'string') {
      // Punctuation stays on its formula's line: after KaTeX's last
      // inline-block, a line may break even before a colon.
      const tail = node.lastChild?.tex !== undefined && child.match(CLOSING)?.[0];
      if (tail) {
        const nobr = document.createElement('span');
        nobr.className = 'nobr';
        nobr.append(node.lastChild, tail);
        node.append(nobr);
        child = child.slice(tail.length);
        if (!child) continue;
      }
      node.append(document.createTextNode(child));
    } else if (!(child instanceof Node) && child.tex !== undefined) {
      const span = document.createElement('span');
      span.className = 'math';
      span.tex = child.tex;
      node.append(span);
    } else node.append(child);
  }
}

function template(tag, attrs) {
  return (strings, ...values) => {
    const parts = [];
    strings.forEach((s, i) => {
      parts.push(s);
      if (i < values.length) parts.push(values[i]);
    });
    return el(tag, attrs, ...parts);
  };
}

/** A paragraph: p`text ${m('tex')} text`. */
export const p = template('p');

/** A note set apart from the prose. */
export const note = template('p', { class: 'note' });

/**
 * A displayed formula. Keyboard users focus it and step through its numbers
 * with the arrow keys (see inspect.js); its MathML is what screen readers read.
 * @param {string} tex
 * @param {string} [label] what the formula computes, for assistive technology
 */
export function formula(tex, label = 'Formula') {
  const box = el('div', {
    class: 'formula',
    tabindex: '0',
    role: 'group',
    'aria-label': label,
    'aria-roledescription': 'formula',
  });
  box.tex = tex;
  box.display = true;
  return box;
}

/** A section of the walkthrough with a heading that may hold math. */
export function section(id, title, ...children) {
  const heading = el('h2', { id: `${id}-title` }, title);
  return el(
    'section',
    { id, class: 'step', 'aria-labelledby': `${id}-title` },
    heading,
    ...children,
  );
}
