// The numbers of the example as controls: input, target, learning rate and
// every weight and bias, laid out as the vectors and matrices they are. The
// panel is built once per network shape and updated in place afterwards, so
// a field keeps focus, caret and half-typed text while the page re-renders.
import { el, m } from '../render/dom.js';
import { idx } from '../render/math.js';
import { attachField } from './number-field.js';

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
   * @param {(i?: number, j?: number) => string} describe accessible names: of the group, of a cell
   */
  function matrix(id, cells, describe) {
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
      'aria-label': describe(),
    });
    grid.style.setProperty('--cols', String(cells[0].length));
    const paths = [];
    cells.forEach((row, i) =>
      row.forEach((path, j) => {
        const input = el('input', {
          type: 'text',
          class: 'num-input',
          'aria-label': describe(i, j),
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
    groups.push({ paths, message });
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
    term(
      `h${sup(L)} = x =`,
      matrix('x', column('x', config.x.length), (i) =>
        i === undefined ? 'Input x' : `Input ${i + 1} of ${config.x.length}`,
      ),
    ),
    term(
      'y =',
      matrix('y', column('y', config.y.length), (i) =>
        i === undefined ? 'Target y' : `Target ${i + 1} of ${config.y.length}`,
      ),
    ),
    term(
      '\\alpha =',
      matrix('lr', [['lr']], () => 'Learning rate α'),
    ),
  );

  const weights = el('div', { class: 'given-row' });
  config.layers.forEach((layer, l) => {
    const k = L - l;
    const name = `W${toSup(k)}`;
    const cells = layer.W.map((row, i) => row.map((_, j) => `layers.${l}.W.${i}.${j}`));
    weights.append(
      term(
        `W${sup(k)} =`,
        matrix(`W${k}`, cells, (i, j) =>
          i === undefined ? `Weights ${name}` : `${name} row ${i + 1}, column ${j + 1}`,
        ),
      ),
    );
    if ((layer.b ?? []).length) {
      weights.append(
        term(
          `b${sup(k)} =`,
          matrix(`b${k}`, column(`layers.${l}.b`, layer.b.length), (i) =>
            i === undefined ? `Biases b${toSup(k)}` : `b${toSup(k)} entry ${i + 1}`,
          ),
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
        input.value = String(v);
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

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** W⁽²⁾ in plain text, for accessible names. */
function toSup(k) {
  return `⁽${String(k).replace(/\d/g, (d) => SUPERSCRIPTS[Number(d)])}⁾`;
}
