// Remembered settings. Storage is bound to an origin: a sandboxed iframe
// (opaque origin) throws on any access, a private window may refuse writes.
// Then nothing is remembered and the page works the same.

const PREFIX = 'backprop-walkthrough:';

/** @returns {string | null} */
export function recall(key) {
  try {
    return window.localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

/** Remembers `value`; null forgets. */
export function remember(key, value) {
  try {
    if (value === null) window.localStorage.removeItem(PREFIX + key);
    else window.localStorage.setItem(PREFIX + key, value);
  } catch {
    // not remembered: storage is unavailable here
  }
}
