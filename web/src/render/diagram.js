// The network as an SVG figure: one column per layer of values (input on the
// left, prediction on the right), neurons labelled with their symbol and
// value, edges with their weights. Every number is a traced element, like
// those in the formulas.
import { el } from './dom.js';
import { formatText } from './format.js';
import { askable, valueAt } from './math.js';

const SVG = 'http://www.w3.org/2000/svg';
const R = 30;
/** How far a circle may grow past R to fit its values (main.css: 44 − 30). */
const GROW = 14;
const COLUMN = 220;
const ROW = 120;
const PAD = 56;

const WORDS = ['no', 'one', 'two', 'three', 'four'];
const count = (n, noun) => `${WORDS[n] ?? 'many'} ${noun}${n === 1 ? '' : 's'}`;

/** A symbol such as h₁⁽²⁾ as SVG text: base, subscript, superscript. */
function symbol(base, sub, sup, attrs) {
  const t = svg('text', attrs, base);
  if (sub) t.append(svg('tspan', { class: 'index', dy: 5, 'data-index': sub }, sub));
  if (sup)
    t.append(
      svg(
        'tspan',
        { class: 'index', dx: sub ? -3 : 0, dy: sub ? -13 : -8, 'data-index': sup },
        `(${sup})`,
      ),
    );
  return t;
}

/**
 * ŷ (with its subscript, if any), set as KaTeX sets \hat{y}: no KaTeX font
 * has a ŷ, and a fallback font's would look unlike the formulas' (and cost
 * the first layout a font lookup). The y, and KaTeX_Main's ^ on its
 * baseline, centred over the y moved right by the letter's skew.
 *
 * The ^ is a second text laid out like the label: an invisible y, the ^
 * moved back over it, then the invisible subscript, so that both texts
 * centre alike. The ^ is moved by dx and its advance cut by letter-spacing
 * so that the pen is back at the y's end after it (a first character may
 * not carry a dx: it would move the whole centred text). In em of the
 * label's font, from KaTeX's metrics: y is 0.49 wide with an italic
 * correction of 0.0359 and a skew of 0.0556, ^ is 0.5 wide. KaTeX centres
 * the ^ at (0.49 + 0.0359) / 2 + 0.0556 = 0.3186 from the y's left edge,
 * so the ^ starts at 0.0686: dx = 0.0686 − 0.49, and
 * letter-spacing = 0.49 − 0.0686 − 0.5.
 */
function yHat(sub, attrs) {
  const label = symbol('y', sub, '', attrs);
  const hat = svg('text', { ...attrs, class: `${attrs.class} hat` });
  hat.append(
    svg('tspan', { visibility: 'hidden' }, 'y'),
    svg('tspan', { class: 'accent', dx: '-0.4214em', 'letter-spacing': '-0.0786em' }, '^'),
  );
  if (sub) hat.append(svg('tspan', { class: 'index', visibility: 'hidden', dy: 5 }, sub));
  const g = svg('g', {});
  g.append(label, hat);
  return g;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function number(trace, path, attrs, tag = 'text', hide = null) {
  if (hide && askable(path) && hide(path)) return svg(tag, { ...attrs, 'data-answer': path }, '?');
  const v = valueAt(trace, path);
  const given = path.startsWith('example.');
  return svg(
    tag,
    { ...attrs, 'data-trace': path, 'data-value': String(v) },
    formatText(v, { given }),
  );
}

/**
 * @param {{trace: import('../backprop').Trace, n: ReturnType<import('../notation.js').notation>}} ctx
 * @param {{gradients?: number}} [opts] label the edges of page layer `gradients`
 *   with ∂L/∂W instead of every edge with its weight
 */
export function drawNetwork(ctx, opts = {}) {
  const { trace, n } = ctx;
  const L = n.L;
  // Column c holds h⁽ᴸ⁻ᶜ⁾: c = 0 is the input, c = L the prediction.
  const columns = Array.from({ length: L + 1 }, (_, c) => L - c);
  const tallest = Math.max(...columns.map((k) => n.size(k)));
  // Extra room on the right for the target under the output.
  const width = PAD * 2 + COLUMN * L + 40;
  // Room above and below for the names (their superscripts reach 6 units
  // past PAD) and the target, which move out as far as the circles grow.
  const top = PAD + GROW + 6;
  const height = top + ROW * (tallest - 1) + PAD + GROW + 10;
  const at = (c, i, size) => ({
    x: PAD + c * COLUMN,
    y: top + (tallest - size) * (ROW / 2) + i * ROW,
  });

  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'network',
    'aria-hidden': 'true',
    focusable: 'false',
  });
  // Below this width labels get too small to read; the figure scrolls instead.
  root.style.minWidth = `${Math.min(width, 110 * (L + 1))}px`;
  const edges = svg('g', { class: 'edges' });
  const labels = svg('g', { class: 'edge-labels' });
  const nodes = svg('g', { class: 'nodes' });
  root.append(edges, labels, nodes);

  columns.forEach((k, c) => {
    if (k === 0) return;
    // Edges of W⁽ᵏ⁾, from column c to column c + 1. Labels sit near the
    // source, where edges of a fan are furthest apart: a third of the way.
    // Where an edge spans two rows or more, it crosses the next source's
    // fan there; the labels of the edges into target i then sit at their
    // own fraction of the way, from a fifth (first target) to seven tenths
    // (last), so that labels of one target are a row apart and labels of
    // different targets a column's fraction apart.
    const sources = n.size(k);
    const targets = n.size(k - 1);
    const crossing = sources > 1 && targets > 1 && Math.max(sources, targets) > 2;
    for (let i = 0; i < targets; i++) {
      const along = crossing ? 0.2 + (0.5 * i) / (targets - 1) : 0.32;
      for (let j = 0; j < sources; j++) {
        const a = at(c, j, n.size(k));
        const b = at(c + 1, i, n.size(k - 1));
        const faded = opts.gradients !== undefined && opts.gradients !== k;
        edges.append(
          svg('line', {
            x1: a.x + R,
            y1: a.y,
            x2: b.x - R,
            y2: b.y,
            class: faded ? 'faded' : opts.gradients ? 'active' : '',
          }),
        );
        if (faded) continue;
        // The label runs along its edge.
        const x1 = a.x + R;
        const x2 = b.x - R;
        const x = x1 + along * (x2 - x1);
        const y = a.y + along * (b.y - a.y);
        const angle = (Math.atan2(b.y - a.y, x2 - x1) * 180) / Math.PI;
        labels.append(
          number(
            trace,
            `${opts.gradients ? n.paths.dW(k) : n.paths.W(k)}.${i}.${j}`,
            {
              x,
              y: y - 6,
              transform: `rotate(${angle.toFixed(2)} ${x} ${y})`,
              class: opts.gradients ? 'weight gradient' : 'weight',
            },
            'text',
            ctx.hide,
          ),
        );
      }
    }
  });

  columns.forEach((k, c) => {
    const size = n.size(k);
    for (let i = 0; i < size; i++) {
      const { x, y } = at(c, i, size);
      const g = svg('g', {
        class: k === L ? 'node input' : k === 0 ? 'node output' : 'node hidden',
      });
      g.append(svg('circle', { cx: x, cy: y, r: R }));
      const label = { x, y: y - R - 10, class: 'name' };
      g.append(
        k === 0
          ? yHat(size > 1 ? String(i + 1) : '', label)
          : symbol('h', String(i + 1), String(k), label),
      );
      g.append(
        number(trace, `${n.paths.h(k)}.${i}`, { x, y: y + 5, class: 'value' }, 'text', ctx.hide),
      );
      nodes.append(g);
    }
  });
  if (!opts.gradients) {
    const size = n.size(0);
    for (let i = 0; i < size; i++) {
      const { x, y } = at(L, i, size);
      const t = symbol('target y', size > 1 ? String(i + 1) : '', '', {
        x,
        y: y + R + 22,
        class: 'target',
      });
      t.append(svg('tspan', { dy: size > 1 ? -5 : 0 }, ' = '));
      t.append(number(trace, `example.y.${i}`, { class: 'value' }, 'tspan'));
      nodes.append(t);
    }
  }

  // The neurons' circles grow to fit the longest value in them (main.css).
  const longest = Math.max(
    ...[...nodes.querySelectorAll('.node .value')].map((t) => t.textContent.length),
  );
  root.setAttribute('data-value-chars', String(Math.min(Math.max(longest, 6), 12)));

  const inputs = n.size(L);
  const outputs = n.size(0);
  const hidden = columns.slice(1, -1).map((k) => n.size(k));
  if (opts.gradients) {
    return el(
      'figure',
      { class: 'diagram', tabindex: '0', role: 'group', 'aria-label': 'Gradients on the network' },
      root,
      el('figcaption', {}, 'The gradient of each weight of this layer, on its edge.'),
    );
  }
  const summary = `A network with ${count(inputs, 'input')}, ${hidden
    .map((h) => `a hidden layer of ${count(h, 'neuron')}, `)
    .join(
      '',
    )}and ${count(outputs, 'output')}. Each edge is labelled with its weight, each neuron with its value.`;
  return el(
    'figure',
    { class: 'diagram', tabindex: '0', role: 'group', 'aria-label': 'Network diagram' },
    root,
    el('figcaption', {}, summary),
  );
}
