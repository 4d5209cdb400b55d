// KaTeX's fonts cut down to the characters the page can typeset.
//
// KaTeX ships every glyph of Computer Modern that TeX might ask for; the
// page writes its own fixed notation and numbers, so its fonts need ASCII
// and a handful of symbols. Cutting them to the set below takes the fonts of
// the first view from about 45 KB to about 25 KB. tests/e2e/fonts.spec.js
// typesets every preset, activation and mode and fails when a character
// falls outside the set (the browser would draw it in a fallback font).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import subsetFont from 'subset-font';

const range = (from, to) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)).join('');

export const KATEX_GLYPHS = [
  range(0x20, 0x7e), // ASCII: digits, Latin letters, punctuation
  '\u00a0\u00b7\u00d7', // no-break space · ×
  '\u03b1\u03b4\u03b5\u03b7\u03b8\u03bb\u03c3\u03f5', // α δ ε η θ λ σ ϵ
  '\u200b\u2019\u2032', // zero-width space ’ ′
  '\u2192\u2202\u2211\u2212\u2248\u2299\u22a4\u22c5', // → ∂ ∑ − ≈ ⊙ ⊤ ⋅
  range(0x239b, 0x23a6), // pieces of tall parentheses and brackets
].join('');

const fontsDir = new URL('../node_modules/katex/dist/fonts/', import.meta.url).pathname;

/**
 * Writes every KaTeX woff2 font, cut to KATEX_GLYPHS, into a folder named by
 * the glyphs and the fonts' contents (so a change to either makes new files)
 * under `cacheDir`, unless it is there already. Returns the folder.
 */
export async function subsetKatexFonts(cacheDir) {
  const names = (await readdir(fontsDir)).filter((f) => f.endsWith('.woff2')).sort();
  const hash = createHash('sha256').update(KATEX_GLYPHS);
  const sources = [];
  for (const name of names) {
    const bytes = await readFile(join(fontsDir, name));
    hash.update(name).update(bytes);
    sources.push({ name, bytes });
  }
  const dir = join(cacheDir, hash.digest('hex').slice(0, 16));
  if (existsSync(join(dir, 'done'))) return dir;
  await mkdir(dir, { recursive: true });
  await Promise.all(
    sources.map(async ({ name, bytes }) => {
      const cut = await subsetFont(bytes, KATEX_GLYPHS, { targetFormat: 'woff2' });
      await writeFile(join(dir, name), cut);
    }),
  );
  await writeFile(join(dir, 'done'), '');
  return dir;
}
