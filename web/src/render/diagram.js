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
/** The outputs' rows when there are several: room for a target between two. */
const OUTPUT_ROW = 160;
const PAD = 56;

// Edge labels are placed where they clear each other, the circles and the
// targets at the largest size the figure sets them (main.css, the narrow
// layout: the figure scales down, its text back up), from estimated widths:
// in em, a digit of the common sans-serif fonts is at most about 0.64 wide,
// a minus or times sign 0.84, a point, comma or space 0.32, a superscript
// digit 0.42.
const LABEL_SIZE = 18;
const TARGET_SIZE = 20;
const VALUE_SIZE = 19;
/** Distance from an edge to the baseline of its label (the y offset below). */
const LIFT = 6;
/** Space kept around a label: its halo (main.css, stroke-width 5) and a little air. */
const MARGIN = 3;
const EM = { '.': 0.32, ',': 0.32, ' ': 0.32, '−': 0.84, '×': 0.84 };
const textWidth = (text, size) =>
  size * [...text].reduce((w, c) => w + (EM[c] ?? (/[⁰-⁹¹²³⁻]/.test(c) ? 0.42 : 0.64)), 0);

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

/**
 * Whether two rectangles, each {x, y (centre), w, h, angle (radians)},
 * are apart: some axis of either separates their projections.
 */
function apart(p, q) {
  for (const r of [p, q]) {
    for (const a of [r.angle, r.angle + Math.PI / 2]) {
      const half = (s) =>
        (Math.abs(Math.cos(s.angle - a)) * s.w + Math.abs(Math.sin(s.angle - a)) * s.h) / 2;
      const d = Math.abs((q.x - p.x) * Math.cos(a) + (q.y - p.y) * Math.sin(a));
      if (d >= half(p) + half(q)) return true;
    }
  }
  return false;
}

/** How far a rectangle (as apart() takes it) reaches into a circle {x, y, r}: 0 when outside. */
function intrusion(rect, c) {
  const dx = c.x - rect.x;
  const dy = c.y - rect.y;
  const u = Math.abs(dx * Math.cos(rect.angle) + dy * Math.sin(rect.angle)) - rect.w / 2;
  const v = Math.abs(-dx * Math.sin(rect.angle) + dy * Math.cos(rect.angle)) - rect.h / 2;
  return Math.max(0, c.r - Math.hypot(Math.max(u, 0), Math.max(v, 0)));
}

/** Fractions of the way along an edge to try for its label, nearest `preferred` first. */
function fractions(preferred) {
  const all = [];
  for (let f = 0.1; f <= 0.9001; f += 0.05) all.push(Math.round(f * 100) / 100);
  return all.sort((a, b) => Math.abs(a - preferred) - Math.abs(b - preferred) || a - b);
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
  const rowOf = (c) => (c === L && n.size(0) > 1 ? OUTPUT_ROW : ROW);
  const span = Math.max(...columns.map((k, c) => (n.size(k) - 1) * rowOf(c)));
  // Extra room on the right for the target under the output.
  const width = PAD * 2 + COLUMN * L + 40;
  // Room above and below for the names (their superscripts reach 6 units
  // past PAD) and the target, which move out as far as the circles grow.
  const top = PAD + GROW + 6;
  const height = top + span + PAD + GROW + 10;
  const at = (c, i, size) => ({
    x: PAD + c * COLUMN,
    y: top + (span - (size - 1) * rowOf(c)) / 2 + i * rowOf(c),
  });

  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'network',
    'aria-hidden': 'true',
    focusable: 'false',
  });
  // Below this width labels get too small to read; the figure scrolls
  // instead. A network of two layers fits a 320 px screen, of three a 390 px one.
  root.style.minWidth = `${Math.min(width, 90 * (L + 1))}px`;
  const edges = svg('g', { class: 'edges' });
  const labels = svg('g', { class: 'edge-labels' });
  const nodes = svg('g', { class: 'nodes' });
  // Labels over the neurons: one that cannot clear a circle stays readable.
  root.append(edges, nodes, labels);

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
        'data-output': i,
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
  const chars = Math.min(Math.max(longest, 6), 12);
  root.style.setProperty('--chars', String(chars));

  // Obstacles for the edge labels: the circles at their largest (main.css:
  // the narrow layout's value size) and the targets.
  const grown = Math.min(Math.max(R, chars * 0.32 * VALUE_SIZE + 3), R + GROW);
  const circles = columns.flatMap((k, c) =>
    Array.from({ length: n.size(k) }, (_, i) => ({ ...at(c, i, n.size(k)), r: grown + MARGIN })),
  );
  const taken = [...nodes.querySelectorAll('.target')].map((t) => {
    const { x, y } = at(L, Number(t.dataset.output), n.size(0));
    const h = 0.72 * TARGET_SIZE;
    const w = textWidth(t.textContent, TARGET_SIZE);
    return { x, y: y + grown + 22 - h / 2, w: w + 2 * MARGIN, h: h + 2 * MARGIN, angle: 0 };
  });

  columns.forEach((k, c) => {
    if (k === 0) return;
    // Edges of W⁽ᵏ⁾, from column c to column c + 1. A label sits above its
    // edge near the source, where edges of a fan are furthest apart: a
    // third of the way. Where an edge spans two rows or more, it crosses
    // the next source's fan there; the labels of the edges into target i
    // then aim for their own fraction of the way, from a fifth (first
    // target) to seven tenths (last). A label that would touch another, a
    // circle or a target moves along its edge, or below it, to the nearest
    // place that is clear. Known shortcoming: in a dense layer of four by
    // four, a few of the sixteen labels find no clear place and touch one
    // another (most of all the gradients', which are longer).
    const sources = n.size(k);
    const targets = n.size(k - 1);
    const crossing = sources > 1 && targets > 1 && Math.max(sources, targets) > 2;
    for (let i = 0; i < targets; i++) {
      const preferred = crossing ? 0.2 + (0.5 * i) / (targets - 1) : 0.32;
      for (let j = 0; j < sources; j++) {
        const a = at(c, j, n.size(k));
        const b = at(c + 1, i, n.size(k - 1));
        const faded = opts.gradients !== undefined && opts.gradients !== k;
        const x1 = a.x + R;
        const x2 = b.x - R;
        edges.append(
          svg('line', {
            x1,
            y1: a.y,
            x2,
            y2: b.y,
            class: faded ? 'faded' : opts.gradients ? 'active' : '',
          }),
        );
        if (faded) continue;
        const label = number(
          trace,
          `${opts.gradients ? n.paths.dW(k) : n.paths.W(k)}.${i}.${j}`,
          { class: opts.gradients ? 'weight gradient' : 'weight' },
          'text',
          ctx.hide,
        );
        const angle = Math.atan2(b.y - a.y, x2 - x1);
        const h = 0.72 * LABEL_SIZE;
        const box = {
          w: textWidth(label.textContent, LABEL_SIZE) + 2 * MARGIN,
          h: h + 2 * MARGIN,
          angle,
        };
        // The glyphs' centre, off the edge by `v` (negative: above it).
        const place = (f, below) => {
          const x = x1 + f * (x2 - x1);
          const y = a.y + f * (b.y - a.y);
          const v = below ? LIFT + h / 2 : -(LIFT + h / 2);
          return {
            f,
            below,
            x,
            y,
            rect: { ...box, x: x - v * Math.sin(angle), y: y + v * Math.cos(angle) },
          };
        };
        const candidates = fractions(preferred).flatMap((f) => [place(f, false), place(f, true)]);
        const cost = (p) => Math.abs(p.f - preferred) + (p.below ? 0.12 : 0);
        candidates.sort((p, q) => cost(p) - cost(q));
        // The clear place nearest the preferred one; where there is none
        // (a label longer than the room between two circles, a crowded
        // layer), the one that covers the fewest labels and targets and
        // reaches least into the circles: a label too long for its edge
        // then sits in the middle, over both circles' rims alike.
        const overlap = (p) =>
          100 * taken.filter((t) => !apart(t, p.rect)).length +
          3 * circles.reduce((sum, o) => sum + intrusion(p.rect, o), 0);
        let spot = candidates[0];
        let least = Infinity;
        for (const p of candidates) {
          const t = overlap(p);
          if (t < least) [spot, least] = [p, t];
          if (t === 0) break;
        }
        taken.push(spot.rect);
        const deg = ((angle * 180) / Math.PI).toFixed(2);
        for (const [name, value] of Object.entries({
          x: spot.x,
          y: spot.below ? spot.y + LIFT : spot.y - LIFT,
          transform: `rotate(${deg} ${spot.x} ${spot.y})`,
          ...(spot.below ? { 'dominant-baseline': 'hanging' } : {}),
        }))
          label.setAttribute(name, String(value));
        labels.append(label);
      }
    }
  });

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
