// "Try it yourself": the page hides the results of the step (forward values,
// loss, error signals, gradients, updates) and asks for them, one question
// under the section that computes it. Answers are checked against the core's
// value with a stated tolerance; a hint names the formula's inputs; a value
// can be revealed. Progress is kept per configuration in local storage when
// the browser allows it, and in memory otherwise.
import { el, m } from './render/dom.js';
import { formatText } from './render/format.js';
import { askable, valueAt } from './render/math.js';
import { symbolOf } from './notation.js';
import { parseNumber } from './state.js';
import { typesetAll } from './render/typeset.js';

/** An answer counts when within 0.0005 of the value (0.05 % above 1): four decimals suffice. */
export const TOLERANCE = 5e-4;

export function accepts(answer, value) {
  return Math.abs(answer - value) <= TOLERANCE * Math.max(1, Math.abs(value));
}

function storage() {
  try {
    const s = window.localStorage;
    s.getItem('probe');
    return s;
  } catch {
    return null; // a sandboxed frame or privacy settings: progress lives in memory
  }
}

/** Progress: path → 'solved' | 'revealed', per configuration. */
export function createProgress() {
  const store = storage();
  const memory = new Map();
  const key = (config) => `backprop-walkthrough:exercise:${config}`;
  return {
    get(config) {
      if (!memory.has(config)) {
        let saved = {};
        try {
          saved = JSON.parse(store?.getItem(key(config)) ?? '{}') ?? {};
        } catch {
          saved = {};
        }
        memory.set(config, new Map(Object.entries(saved)));
      }
      return memory.get(config);
    },
    set(config, path, state) {
      const map = this.get(config);
      map.set(path, state);
      try {
        store?.setItem(key(config), JSON.stringify(Object.fromEntries(map)));
      } catch {
        // storage full or refused: the answer still counts for this visit
      }
    },
  };
}

/**
 * The questions of one section.
 * @param {{trace: object, t: object, n: object}} ctx
 * @param {string[]} paths the hidden values of this section, in page order
 * @param {(path: string, state: 'solved' | 'revealed') => void} done
 * @param {(path: string) => boolean} isHidden
 */
export function questions(ctx, paths, done, isHidden) {
  const { trace, t, n } = ctx;
  return el(
    'div',
    { class: 'questions', role: 'group', 'aria-label': 'Your turn' },
    el('h3', {}, 'Your turn'),
    paths.map((path) => {
      const symbol = symbolOf(n, path);
      const id = `answer-${path.replace(/\./g, '-')}`;
      const input = el('input', {
        id,
        type: 'text',
        inputmode: 'decimal',
        autocomplete: 'off',
        class: 'num-input',
        'data-answer': path,
        'aria-label': `Your value of ${spokenName(n, path)}`,
        'aria-describedby': `${id}-feedback`,
      });
      const feedback = el('p', {
        id: `${id}-feedback`,
        class: 'feedback',
        'aria-live': 'polite',
        'data-message': '',
      });
      const say = (text, good) => {
        feedback.textContent = text;
        feedback.classList.toggle('good', Boolean(good));
        input.setAttribute('aria-invalid', good === false ? 'true' : 'false');
      };
      const check = () => {
        const r = parseNumber(input.value);
        if (!r.ok) return say(r.error, false);
        if (accepts(r.value, valueAt(trace, path))) {
          say('Right.', true);
          done(path, 'solved');
        } else say('Not quite: check the formula above and try again, or ask for a hint.', false);
      };
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') check();
      });
      const hint = () => {
        const parts = [];
        for (const p of t.operandsOf.get(path) ?? []) {
          if (parts.length) parts.push(', ');
          parts.push(m(symbolOf(n, p)));
          if (askable(p) && isHidden(p)) parts.push(' (one of your answers)');
          else
            parts.push(` = ${formatText(valueAt(trace, p), { given: p.startsWith('example.') })}`);
        }
        feedback.replaceChildren(
          el(
            'span',
            {},
            'Use the formula with the box for this value',
            ...(parts.length ? ['. It combines ', ...parts, '.'] : ['.']),
          ),
        );
        typesetAll(feedback);
        feedback.classList.remove('good');
        const box = document.querySelector(`.formula [data-answer="${path}"]`)?.closest('.formula');
        box?.classList.add('is-context');
        box?.scrollIntoView({ block: 'center' });
      };
      return el(
        'div',
        { class: 'question' },
        el('label', { for: id }, m(symbol)),
        input,
        button('Check', check),
        button('Hint', hint),
        button('Reveal', () => done(path, 'revealed')),
        feedback,
      );
    }),
  );
}

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const sup = (k) => `⁽${String(k).replace(/\d/g, (d) => SUP[d])}⁾`;

/** A plain-text name of a computed value, for assistive technology: "h⁽¹⁾ entry 2". */
function spokenName(n, path) {
  const p = path.split('.');
  if (p[0] === 'loss') return 'the loss L';
  if (p[0] === 'yHat') return `ŷ entry ${Number(p[1]) + 1}`;
  if (p[0] === 'dLdyHat') return `∂L/∂ŷ entry ${Number(p[1]) + 1}`;
  const k = n.L - Number(p[1]);
  const i = Number(p[3]) + 1;
  const j = Number(p[4]) + 1;
  const names = {
    z: `z${sup(k)} entry ${i}`,
    h: k === 1 ? `ŷ entry ${i}` : `h${sup(k - 1)} entry ${i}`,
    fprime: `f′ of z${sup(k)} entry ${i}`,
    delta: `δ${sup(k)} entry ${i}`,
    dW: `∂L/∂W${sup(k)} row ${i}, column ${j}`,
    db: `∂L/∂b${sup(k)} entry ${i}`,
    WNext: `W′${sup(k)} row ${i}, column ${j}`,
    bNext: `b′${sup(k)} entry ${i}`,
  };
  return names[p[2]] ?? path;
}

function button(text, onClick) {
  const b = el('button', { type: 'button' }, text);
  b.addEventListener('click', onClick);
  return b;
}
