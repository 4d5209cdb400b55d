// The page's text fonts, set up ahead of the frames that use them.
//
// A system font at a size and weight the page has not used yet is set up in
// the middle of a layout, and on Linux that is a synchronous round trip to
// the browser process (a fontconfig query) of one to five milliseconds: a
// first frame with a dozen of them waits longer than it works. The build
// lists the sizes and weights the page sets in system fonts
// (scripts/prerender.mjs); measuring a character in each, on a canvas, a
// task apiece, does the same setup while nothing is waiting on it. The
// typeset formulas' web fonts need no such round trip.
import { nextTask } from './sections.js';

/**
 * Sets up each font (a CSS `font` value) in a task of its own.
 * @param {string[]} fonts
 */
export async function warmFonts(fonts) {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return;
  for (const font of fonts) {
    context.font = font;
    context.measureText('0');
    await nextTask();
  }
}

/** The fonts the build lists on `<body data-system-fonts>`, else none. */
export function listedFonts() {
  try {
    const fonts = JSON.parse(document.body.dataset.systemFonts ?? '[]');
    return Array.isArray(fonts) ? fonts.filter((f) => typeof f === 'string') : [];
  } catch {
    return [];
  }
}
