// One behaviour for every editable number, wherever it is shown: type a
// value, drag to scrub it, or step it with the keyboard.
//
//   ↑ ↓            one step (Shift: ×10, Alt or Ctrl: ×0.1)
//   PageUp/Down    ten steps
//   Home/End       the ends of the range, where the field has one (α)
//   Enter          apply what was typed;  Escape: put the value back
//
// A field is {path, get(), set(value) → error message or ''}: the caller
// owns the value; this module only turns gestures into set() calls and shows
// their messages.
import { formatInput } from '../render/format.js';
import { LIMITS, checkRange, parseNumber } from '../state.js';

/** The step of a field: inputs move by 0.1, everything else by 0.01. */
export function stepFor(path) {
  return path.startsWith('x.') ? 0.1 : 0.01;
}

/** Home/End targets, for the fields that have a range. */
export function rangeFor(path) {
  return path === 'lr' ? { min: 0, max: LIMITS.lrMax } : null;
}

/** Drops float noise from a stepped value: 0.12 + 0.01 is 0.13. */
const snap = (v) => Number(v.toFixed(10));

/**
 * Validates and sets a value; returns the message to show, or ''.
 * @param {{path: string, set: (v: number) => string}} field
 */
function setChecked(field, value) {
  const error = checkRange(value, field.path === 'lr' ? 'lr' : 'value');
  return error || field.set(value);
}

function multiplier(e) {
  if (e.shiftKey) return 10;
  if (e.altKey || e.ctrlKey) return 0.1;
  return 1;
}

/**
 * Scrubs a field from a pointerdown: horizontal movement changes the value
 * by one step per 4 px, one update per animation frame. Resolves to true when
 * the pointer moved far enough to count as a drag (then it was no click).
 * @param {PointerEvent} down
 * @param {{path: string, get: () => number, set: (v: number) => string}} field
 * @param {(message: string) => void} report
 */
export function scrub(down, field, report) {
  const start = field.get();
  const step = stepFor(field.path);
  let dragging = false;
  let pending = null;
  let frame = 0;

  const flush = () => {
    frame = 0;
    if (pending !== null) report(setChecked(field, pending));
    pending = null;
  };
  return new Promise((resolve) => {
    const move = (e) => {
      if (e.pointerId !== down.pointerId) return;
      const dx = e.clientX - down.clientX;
      if (!dragging && Math.abs(dx) < 4) return;
      if (!dragging) {
        dragging = true;
        document.documentElement.classList.add('is-scrubbing');
      }
      e.preventDefault();
      pending = snap(start + Math.round(dx / 4) * step * multiplier(e));
      frame ||= requestAnimationFrame(flush);
    };
    const up = (e) => {
      if (e.pointerId !== down.pointerId) return;
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      document.documentElement.classList.remove('is-scrubbing');
      if (frame) cancelAnimationFrame(frame);
      flush();
      resolve(dragging);
    };
    window.addEventListener('pointermove', move, { passive: false });
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  });
}

/**
 * Sizes number fields to what they hold (main.css: --field-chars, in digits'
 * widths, one spare for a minus sign), so that a long value is never cut
 * off: a field, by its own value, or the fields inside an element.
 * @param {HTMLElement} e
 * @param {number} [length] the longest value's length, if not `e`'s own
 */
export function fitValue(e, length = e.value.length) {
  const chars = String(Math.min(length + 1, 24));
  if (e.style.getPropertyValue('--field-chars') !== chars) {
    e.style.setProperty('--field-chars', chars);
  }
}

/**
 * Makes a text input a spinbutton for `field`.
 * @param {HTMLInputElement} input
 * @param {{path: string, get: () => number, set: (v: number) => string}} field
 * @param {(message: string) => void} report shows (or, with '', clears) a message
 * @param {{onDone?: (committed: boolean) => void}} [opts] called on Enter and Escape
 */
export function attachField(input, field, report, opts = {}) {
  const range = rangeFor(field.path);
  input.setAttribute('role', 'spinbutton');
  input.setAttribute('inputmode', 'decimal');
  input.setAttribute('autocomplete', 'off');
  input.setAttribute('spellcheck', 'false');
  if (range) {
    input.setAttribute('aria-valuemin', String(range.min));
    input.setAttribute('aria-valuemax', String(range.max));
  }
  let idle = 0;

  const typed = () => {
    const r = parseNumber(input.value);
    return r.ok ? setChecked(field, r.value) : r.error;
  };
  const show = (message) => {
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    report(message);
  };

  input.addEventListener('input', () => {
    fitValue(input);
    clearTimeout(idle);
    const message = typed();
    if (!message) show('');
    // Half-typed text ("-", "1e") is not an error yet: say so after a pause.
    else idle = setTimeout(() => show(message), 700);
  });
  input.addEventListener('blur', () => {
    clearTimeout(idle);
    if (input.getAttribute('aria-invalid') !== 'true' && parseNumber(input.value).ok) return;
    show(typed());
  });
  input.addEventListener('keydown', (e) => {
    const step = stepFor(field.path);
    const moves = {
      ArrowUp: step * multiplier(e),
      ArrowDown: -step * multiplier(e),
      PageUp: step * 10,
      PageDown: -step * 10,
    };
    const ends = rangeFor(field.path);
    let next = null;
    if (e.key in moves) next = snap(field.get() + moves[e.key]);
    else if (ends && e.key === 'Home') next = ends.min;
    else if (ends && e.key === 'End') next = ends.max;
    if (next !== null) {
      e.preventDefault();
      clearTimeout(idle);
      show(setChecked(field, next));
      input.value = formatInput(field.get());
      fitValue(input);
      input.select();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      clearTimeout(idle);
      const message = typed();
      show(message);
      if (!message) opts.onDone?.(true);
    } else if (e.key === 'Escape') {
      clearTimeout(idle);
      input.value = formatInput(field.get());
      fitValue(input);
      show('');
      opts.onDone?.(false);
    }
  });

  // Scrub on the field itself; a press without a drag places the caret.
  input.addEventListener('pointerdown', async (e) => {
    if (e.button !== 0 || document.activeElement === input) return;
    e.preventDefault();
    const dragged = await scrub(e, field, (message) => show(message));
    if (!dragged) {
      input.focus();
      input.select();
    }
  });
}
