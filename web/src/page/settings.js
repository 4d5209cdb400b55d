// Reading settings: the colour theme and the decimal separator.
//
// Theme: "system" follows prefers-color-scheme; "light" and "dark" set
// data-theme on <html>, which main.css reads. Numbers: "auto" takes the
// separator of the reader's language (navigator.language); "." and ","
// force one. Both are remembered where storage is available.
import { setDecimalSeparator } from '../render/format.js';
import { recall, remember } from './storage.js';

export const THEMES = Object.freeze(['system', 'light', 'dark']);
export const NUMBER_FORMATS = Object.freeze(['auto', '.', ',']);

// Languages known to write 1.5. Asking Intl costs tens of milliseconds the
// first time in a page (it loads locale data), a long task at load; these
// need no asking, and other answers are remembered per language.
const POINT = new Set(['en', 'en-US', 'en-GB', 'en-AU', 'en-CA', 'en-IE', 'en-IN', 'en-NZ']);

/** The decimal separator of a language tag ("de-DE" → ","), "." if unknown. */
export function separatorOf(language) {
  if (POINT.has(language)) return '.';
  const known = recall(`separator:${language}`);
  if (known === '.' || known === ',') return known;
  let separator = '.';
  try {
    const parts = new Intl.NumberFormat(language).formatToParts(1.5);
    if (parts.find((p) => p.type === 'decimal')?.value === ',') separator = ',';
  } catch {
    // an unknown tag: "."
  }
  remember(`separator:${language}`, separator);
  return separator;
}

export function applyTheme(theme) {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
}

export function applyNumberFormat(format) {
  setDecimalSeparator(format === '.' || format === ',' ? format : separatorOf(navigator.language));
}

const stored = (key, allowed) => {
  const v = recall(key);
  return allowed.includes(v) ? v : allowed[0];
};

export const current = {
  theme: stored('theme', THEMES),
  numbers: stored('numbers', NUMBER_FORMATS),
};

/** Applies the remembered settings (before the first render, to avoid a flash). */
export function applySettings() {
  applyTheme(current.theme);
  applyNumberFormat(current.numbers);
}

/**
 * Wires the two selects.
 * @param {{theme: HTMLSelectElement, numbers: HTMLSelectElement}} controls
 * @param {{theme: () => void, numbers: () => void}} changed called after
 *   the theme, or the decimal separator, changed
 */
export function wireSettings(controls, changed) {
  const { theme, numbers } = controls;
  theme.value = current.theme;
  numbers.value = current.numbers;
  const auto = numbers.querySelector('option[value="auto"]');
  if (auto)
    auto.textContent = `Automatic (${separatorOf(navigator.language) === ',' ? '1,5' : '1.5'})`;

  theme.addEventListener('change', () => {
    current.theme = THEMES.includes(theme.value) ? theme.value : 'system';
    applyTheme(current.theme);
    remember('theme', current.theme === 'system' ? null : current.theme);
    changed.theme();
  });
  numbers.addEventListener('change', () => {
    current.numbers = NUMBER_FORMATS.includes(numbers.value) ? numbers.value : 'auto';
    applyNumberFormat(current.numbers);
    remember('numbers', current.numbers === 'auto' ? null : current.numbers);
    changed.numbers();
  });
}
