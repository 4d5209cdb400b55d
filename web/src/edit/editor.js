// The numbers of the example as controls: input, target, learning rate and
// every weight and bias, laid out as the vectors and matrices they are. The
// panel is built once per network shape and updated in place afterwards, so
// a field keeps focus, caret and half-typed text while the page re-renders.
import { el, m } from '../render/dom.js';
import { formatInput } from '../render/format.js';
import { idx } from '../render/math.js';
import { attachField, fitValue } from './number-field.js';

/** A stable key of the shape: sizes and which layers have biases. */
export function shapeKey(config) {
  return JSON.stringify([
    config.x.length,
    config.layers.map((l) => [l.W.length, l.W[0].length, (l.b ?? []).length]),
  ]);
}

const sup = (k) => `^{(${idx(k)})}`;

/**
 * @param {import('../backprop').ExampleConfig} config
 * @param {{get: (path: string) => number, set: (path: string, v: number) => string}} model
 */
export function buildEditor(config, model) {
  const L = config.layers.length;
  const inputs = new Map(); // path → input
  const errors = new Map(); // path → message
  const groups = []; // {paths, message element}

  /**
   * A bracketed column or matrix of fields.
   * @param {string} id names the group's message element
   * @param {string[][]} cells the path of each field, by row
   * @param {string} name the group's accessible name (each field is named by describePath)
   */
  function matrix(id, cells, name) {
    const message = el('p', {
      class: 'field-error',
      id: `error-${id}`,
      'data-message': '',
      hidden: true,
    });
    const scalar = cells.length === 1 && cells[0].length === 1;
    const grid = el('div', {
      class: scalar ? 'matrix scalar' : 'matrix',
      role: 'group',
      'aria-label': name,
    });
    grid.style.setProperty('--cols', String(cells[0].length));
    const paths = [];
    cells.forEach((row) =>
      row.forEach((path) => {
        const input = el('input', {
          type: 'text',
          class: 'num-input',
          'aria-label': describePath(path, L),
          'aria-describedby': message.id,
          'data-edit': path,
          'data-trace': `example.${path}`,
        });
        attachField(
          input,
          { path, get: () => model.get(path), set: (v) => model.set(path, v) },
          (text) => report(path, text),
        );
        inputs.set(path, input);
        paths.push(path);
        grid.append(input);
      }),
    );
    groups.push({ paths, message, grid });
    return el('div', { class: 'matrix-field' }, grid, message);
  }

  function report(path, text) {
    if (text) errors.set(path, text);
    else errors.delete(path);
    for (const g of groups) {
      if (!g.paths.includes(path)) continue;
      const lines = g.paths.filter((p) => errors.has(p)).map((p) => errors.get(p));
      g.message.textContent = [...new Set(lines)].join(' ');
      g.message.hidden = lines.length === 0;
    }
  }

  const term = (tex, field) =>
    el('div', { class: 'term' }, el('span', { class: 'label' }, m(tex)), field);

  const column = (prefix, n) => Array.from({ length: n }, (_, i) => [`${prefix}.${i}`]);
  const given = el(
    'div',
    { class: 'given-row' },
    term(`h${sup(L)} = x =`, matrix('x', column('x', config.x.length), 'Input x')),
    term('y =', matrix('y', column('y', config.y.length), 'Target y')),
    term(
      '\\alpha =',
      matrix('lr', [['lr']], () => 'Learning rate α'),
    ),
  );

  const weights = el('div', { class: 'given-row' });
  config.layers.forEach((layer, l) => {
    const k = L - l;
    const cells = layer.W.map((row, i) => row.map((_, j) => `layers.${l}.W.${i}.${j}`));
    weights.append(term(`W${sup(k)} =`, matrix(`W${k}`, cells, `Weights W${toSup(k)}`)));
    if ((layer.b ?? []).length) {
      weights.append(
        term(
          `b${sup(k)} =`,
          matrix(`b${k}`, column(`layers.${l}.b`, layer.b.length), `Biases b${toSup(k)}`),
        ),
      );
    }
  });

  const root = el('div', { class: 'editor' }, given, weights);

  return {
    root,
    inputs,
    /** Shows the configuration's values, except in fields being typed in or holding an error. */
    update() {
      for (const [path, input] of inputs) {
        const v = model.get(path);
        input.setAttribute('aria-valuenow', String(v));
        input.dataset.value = String(v);
        if (document.activeElement === input || errors.has(path)) continue;
        input.value = formatInput(v);
        // sized with its group, below (touched only when set: an edit must
        // not restyle every field)
        if (input.style.length) input.style.removeProperty('--field-chars');
      }
      // The fields of a vector or matrix as wide as its longest value.
      for (const { paths, grid } of groups) {
        fitValue(grid, Math.max(...paths.map((p) => inputs.get(p).value.length)));
      }
    },
    /** Clears every message and shows the values again (after a reset). */
    clearErrors() {
      for (const path of [...errors.keys()]) {
        report(path, '');
        inputs.get(path)?.setAttribute('aria-invalid', 'false');
      }
    },
    report,
  };
}

/**
 * The accessible name of the field at `path` ("layers.0.W.1.0", "x.1", …) in
 * a network of `L` layers: "W⁽²⁾ row 2, column 1", "Input 2", ….
 */
export function describePath(path, L) {
  const parts = path.split('.');
  const at = (i) => Number(parts[i]) + 1;
  if (parts[0] === 'x') return `Input ${at(1)}`;
  if (parts[0] === 'y') return `Target ${at(1)}`;
  if (parts[0] === 'lr') return 'Learning rate α';
  const k = L - Number(parts[1]);
  if (parts[2] === 'W') return `W${toSup(k)} row ${at(3)}, column ${at(4)}`;
  return `b${toSup(k)} entry ${at(3)}`;
}

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** W⁽²⁾ in plain text, for accessible names. */
function toSup(k) {
  return `⁽${String(k).replace(/\d/g, (d) => SUPERSCRIPTS[Number(d)])}⁾`;
}
