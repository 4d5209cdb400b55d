// Typesets the hosted build's first view in advance: opens dist/ in headless
// Chromium, waits until the worked example is rendered, and writes the page
// as it then stands into dist/index.html. Every number in it was computed by
// the WASM core, in that browser, exactly as a reader's browser computes it.
//
// Readers then see the walkthrough before any script has run, and the page
// reuses these formulas (by a key of their TeX, render/math.js) instead of
// loading KaTeX until a formula changes shape. The page is typeset four
// times: at a desktop's width (the file itself), at a phone's (the formulas
// that differ, hidden after their section) and at both widths in a browser
// that writes 1,5 (every formula with a number, in assets/typeset-comma-*.html
// and typeset-comma-narrow-*.html). KaTeX's output positions its boxes with
// style attributes, which the page's Content-Security-Policy (style-src
// 'self') does not allow in markup: each distinct style becomes a class in a
// small stylesheet next to the page.
//
//   node scripts/prerender.mjs [dist]      (part of npm run build)
//
// Without a Chromium (CHROMIUM_PATH, default /usr/bin/chromium) it warns and
// leaves dist/ as Vite wrote it: a working page that loads KaTeX at start.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { root } from './lib.mjs';

const dist = join(root, process.argv[2] || 'dist');
if (readFileSync(join(dist, 'index.html'), 'utf8').includes('/prerender-')) {
  console.log('prerender: dist/index.html is typeset already');
  process.exit(0);
}
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
};

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const file = join(dist, path.endsWith('/') ? `${path}index.html` : path);
  try {
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
let browser;
try {
  browser = await chromium.launch({ executablePath });
} catch (error) {
  // The page works without this step (it then loads KaTeX as it starts);
  // tests/e2e/prerender.spec.js fails on such a build.
  console.warn(
    `prerender: skipped, no Chromium at ${executablePath} (${error.message.split('\n')[0]}).\n` +
      'dist/ works, but is not typeset in advance. Set CHROMIUM_PATH to a Chromium to typeset it.',
  );
  server.close();
  process.exit(0);
}

/** Opens the page and waits until every section is typeset; fails on a page error. */
async function typeset(page) {
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  await page.waitForSelector('html[data-ready]:not([data-pending]):not([data-typesetting])', {
    state: 'attached',
  });
  if (problems.length) throw new Error(`the page reported: ${problems.join('; ')}`);
}

/**
 * The system fonts (CSS `font` values: style, weight, size, family) of the
 * text on the page, in the order the page first uses them. The page sets
 * them up ahead of its frames (web/src/render/fonts.js); the formulas' web
 * fonts need no setup.
 */
function systemFonts() {
  const fonts = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const e = text.parentElement;
    if (!text.data.trim() || !e.checkVisibility()) continue;
    const s = getComputedStyle(e);
    if (s.fontFamily.startsWith('KaTeX_')) continue;
    fonts.add(`${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`);
  }
  return [...fonts];
}

/**
 * The formulas of the page as a reader with `viewport` and `locale` gets it:
 * the render they belong to, and the typeset formulas (outer HTML, each key
 * once per part) of each part matching `parts`, by the part's id.
 */
async function formulasFor(viewport, locale, parts) {
  const page = await browser.newPage({ viewport, colorScheme: 'light', locale });
  await typeset(page);
  const found = await page.evaluate((parts) => {
    const byPart = {};
    for (const part of document.querySelectorAll(parts)) {
      const seen = new Set();
      byPart[part.id] = [...part.querySelectorAll('[data-tex-key]')]
        .filter((e) => !seen.has(e.dataset.texKey) && seen.add(e.dataset.texKey))
        .map((e) => e.outerHTML);
    }
    return { renderedAs: document.body.dataset.renderedAs, parts: byPart };
  }, parts);
  found.fonts = await page.evaluate(systemFonts);
  await page.close();
  return found;
}

try {
  // A phone sets long formulas on two lines (the narrow layout): those
  // formulas, typeset at a phone's width, go into the file too, next to
  // their section, so that a phone needs no KaTeX either.
  const narrow = await formulasFor({ width: 390, height: 844 }, 'en-US', '#steps > section');
  // A reader whose language writes 1,5: every number in the formulas
  // differs. Those formulas go into files of their own, one for a desktop's
  // width and one for a phone's, fetched by such a reader only, a part of
  // the page per chunk.
  const commaParts = '#network-content, #editor, #steps > section';
  const comma = await Promise.all(
    [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ].map(async (viewport) => {
      const { renderedAs, parts } = await formulasFor(viewport, 'de-DE', commaParts);
      return { renderedAs, chunks: Object.values(parts).map((formulas) => formulas.join('')) };
    }),
  );

  // A desktop width, light scheme, English: the layout most readers get.
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
    locale: 'en-US',
  });
  const fonts = [];
  page.on('request', (r) => r.url().endsWith('.woff2') && fonts.push(new URL(r.url()).pathname));
  await typeset(page);
  const firstViewFonts = [...fonts];
  // (Reading every text's style lays out the sections off screen too.)
  const textFonts = [...new Set([...(await page.evaluate(systemFonts)), ...narrow.fonts])];

  const { body, css, alternates, commaFiles } = await page.evaluate(
    ([narrow, comma, textFonts]) => {
      if (document.querySelector('.katex-error')) throw new Error('a formula failed to typeset');
      // The phone's formulas that this page lacks, in a hidden block after
      // their section (inside its <noscript>, below).
      const have = new Set(
        [...document.querySelectorAll('[data-tex-key]')].map((e) => e.dataset.texKey),
      );
      let alternates = 0;
      for (const [id, formulas] of Object.entries(narrow.parts)) {
        const t = document.createElement('template');
        t.innerHTML = formulas.join('');
        const extra = [...t.content.children].filter((e) => !have.has(e.dataset.texKey));
        if (!extra.length) continue;
        const block = document.createElement('div');
        block.hidden = true;
        block.dataset.typesetFor = 'narrow';
        block.append(...extra);
        document.getElementById(id).after(block);
        alternates += extra.length;
      }
      document.body.dataset.alsoRenderedAs = narrow.renderedAs;
      // The comma's formulas, in detached chunks styled like the page.
      const commaBoxes = comma.map(({ chunks }) =>
        chunks.map((html) => {
          const box = document.createElement('div');
          box.innerHTML = html;
          return box;
        }),
      );
      const classes = new Map();
      const styled = [
        ...document.body.querySelectorAll('[style]'),
        ...commaBoxes.flat().flatMap((box) => [...box.querySelectorAll('[style]')]),
      ];
      for (const e of styled) {
        const style = e.getAttribute('style');
        if (!classes.has(style)) classes.set(style, `ps${classes.size.toString(36)}`);
        e.removeAttribute('style');
        e.classList.add(classes.get(style));
      }
      // A style attribute outranks every rule; !important does the same here.
      const important = (style) =>
        style
          .split(';')
          .filter((d) => d.trim())
          .map((d) => `${d.trim()} !important`)
          .join(';');
      const rules = [...classes].map(([style, cls]) => `.${cls}{${important(style)}}`);
      // The editor and the panels are the page's controls, built anew when it
      // starts: without scripts they would do nothing, and with scripts their
      // first layout would only be done again. The editor's typeset labels
      // stay, as text in a <noscript>, for the page to reuse.
      for (const id of ['builder-panel', 'train-panel'])
        document.getElementById(id).replaceChildren();
      const editor = document.getElementById('editor');
      const labels = document.createElement('noscript');
      labels.hidden = true; // the controls are no use without scripts
      labels.append(...editor.childNodes);
      editor.replaceChildren(labels);
      // Section 1's diagram and prose wait for frames after the first
      // (data-later, shown by the page): the first frame lays out the header,
      // and the text fonts are set up before the rest comes.
      for (const part of document.querySelectorAll('#network-content > *')) part.dataset.later = '';
      document.body.dataset.systemFonts = JSON.stringify(textFonts);
      // The sections below the first screen go into <noscript>: without
      // scripts they are the page; with scripts the parser keeps each as one
      // text node, so the first view does not build, style and lay out the
      // thousands of elements nobody sees yet. The page takes its formulas
      // from them as it builds each section (render/math.js).
      for (const s of document.querySelectorAll('#steps > section')) {
        const wrap = document.createElement('noscript');
        const block = s.nextElementSibling?.dataset.typesetFor ? s.nextElementSibling : null;
        s.replaceWith(wrap);
        wrap.append(s);
        if (block) wrap.append(block);
      }
      return {
        body: document.body.outerHTML,
        css: rules.join('\n'),
        alternates,
        commaFiles: comma.map(({ renderedAs }, i) => ({
          renderedAs,
          chunks: commaBoxes[i].map((box) => box.innerHTML),
        })),
      };
    },
    [narrow, comma, textFonts],
  );

  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const start = html.indexOf('<body');
  const end = html.lastIndexOf('</body>') + '</body>'.length;
  if (start < 0 || end < start) throw new Error('dist/index.html has no <body>');
  const hashOf = (text) => createHash('sha256').update(text).digest('hex').slice(0, 8);
  const cssName = `assets/prerender-${hashOf(css)}.css`;
  writeFileSync(join(dist, cssName), `${css}\n`);
  // Chunks apart by an empty comment: the page adopts them a chunk per task.
  // The body lists each file with the render it holds (data-comma-typesets).
  const commaTypesets = commaFiles.map(({ renderedAs, chunks }, i) => {
    const text = `${chunks.join('\n<!---->\n')}\n`;
    const name = `assets/typeset-comma${i ? '-narrow' : ''}-${hashOf(text)}.html`;
    writeFileSync(join(dist, name), text);
    return { renderedAs, url: `./${name}` };
  });
  // The fonts the first view uses, fetched with the page rather than after
  // its first layout: the text is then set once, in its own font.
  const preload = firstViewFonts
    .map((f) => `  <link rel="preload" href=".${f}" as="font" type="font/woff2" crossorigin>\n`)
    .join('');
  const head = html
    .slice(0, start)
    .replace('</head>', `  <link rel="stylesheet" href="./${cssName}">\n${preload}  </head>`);
  const listed = JSON.stringify(commaTypesets).replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  const typesetBody = body.replace('<body ', `<body data-comma-typesets="${listed}" `);
  writeFileSync(join(dist, 'index.html'), head + typesetBody + html.slice(end));
  console.log(
    `prerender: ${(body.length / 1024).toFixed(0)} KB of markup, ${alternates} formulas also as a phone sets them, ${css.split('\n').length} style classes, ${firstViewFonts.length} fonts preloaded, ${textFonts.length} text fonts to set up`,
  );
} finally {
  await browser.close();
  server.close();
}
