import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { subsetKatexFonts } from './scripts/katex-fonts.mjs';

// Two builds of the same page:
//   vite build                → dist/, files next to each other, relative paths
//   vite build --mode single  → dist-single/backprop-walkthrough.html, one file
//                               with every script, style, font and the WASM inline

// KaTeX's stylesheet lists woff2, woff and ttf for every face. Browsers that
// run WebAssembly all read woff2, so the other two are dropped: only woff2
// files are emitted and none of the others is ever requested. The woff2
// files themselves are replaced by copies cut to the characters the page
// typesets (scripts/katex-fonts.mjs), made once into node_modules/.cache.
function katexFonts() {
  let fontDir = '';
  return {
    name: 'katex-fonts',
    enforce: 'pre',
    async buildStart() {
      fontDir = await subsetKatexFonts(
        fileURLToPath(new URL('node_modules/.cache/katex-fonts', import.meta.url)),
      );
    },
    transform(code, id) {
      const file = id.split('?')[0];
      if (!/katex(\.min)?\.css$/.test(file)) return null;
      const to = relative(dirname(file), fontDir).split(sep).join('/');
      return code
        .replace(
          /,\s*url\([^)]+\.woff\) format\("woff"\)|,\s*url\([^)]+\.ttf\) format\("truetype"\)/g,
          '',
        )
        .replace(/url\(fonts\/([\w-]+\.woff2)\)/g, `url(${to}/$1)`);
    },
  };
}

// `import bytes from './x.wasm?base64'`: the file as a base64 string. Only the
// single-file build uses it (web/src/core.js); elsewhere it is tree-shaken.
function base64Import() {
  return {
    name: 'base64-import',
    enforce: 'pre',
    async load(id) {
      const [file, query = ''] = id.split('?');
      // "?base64"; the dev server asks for "?import&base64"
      if (!new URLSearchParams(query).has('base64')) return null;
      const text = (await readFile(file)).toString('base64');
      return `export default ${JSON.stringify(text)};`;
    },
  };
}

// The hosted build's policy: everything from the page's own origin, nothing
// inline, WebAssembly compilation allowed. A <meta> policy cannot carry
// frame-ancestors (who may embed the page); that needs an HTTP header.
export const HOSTED_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
].join('; ');

const cspMeta = (policy) => `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
const firstInHead = (html, tag) => html.replace(/<head>/, `<head>\n    ${tag}`);

/** Puts the hosted policy first in <head>, in builds only: Vite's dev server injects inline scripts. */
function hostedCsp() {
  return {
    name: 'hosted-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => firstInHead(html, cspMeta(HOSTED_CSP)),
    },
  };
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The single file's policy: its inline <script> and <style> allowed by hash
 * (computed here, after vite-plugin-singlefile inlined them), fonts and the
 * icon as data: URIs, no connection at all.
 */
function singleFileCsp() {
  return {
    name: 'single-file-csp',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (!file.fileName.endsWith('.html')) continue;
          const html = String(file.source);
          const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
          const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)];
          // Anything loaded from elsewhere, or a style attribute (no hash allows one).
          const markup = html.replace(/(<(script|style)\b[^>]*>)[\s\S]*?(<\/\2>)/g, '$1$3');
          const outside =
            /<script\b[^>]*\bsrc=[^>]*>|<link\b[^>]*\bhref="(?!data:)[^>]*>|\sstyle="[^"]*"/.exec(
              markup,
            );
          if (outside) this.error(`${file.fileName} is not self-contained: ${outside[0]}`);
          const policy = [
            "default-src 'none'",
            `script-src ${scripts.map((m) => sha256(m[1])).join(' ')} 'wasm-unsafe-eval'`,
            `style-src ${styles.map((m) => sha256(m[1])).join(' ')}`,
            'font-src data:',
            'img-src data:',
            "connect-src 'none'",
          ].join('; ');
          file.source = firstInHead(html, cspMeta(policy));
        }
      },
    },
  };
}

/** The icon as a data: URI (vite-plugin-singlefile inlines scripts and styles only). */
function inlineIcon() {
  return {
    name: 'inline-icon',
    transformIndexHtml: {
      order: 'pre',
      async handler(html, { filename }) {
        const m = /<link rel="icon" href="\.\/([\w.-]+\.svg)"/.exec(
          html.replace(/(<(script|style)\b[^>]*>)[\s\S]*?(<\/\2>)/g, '$1$3'),
        );
        if (!m) return html;
        const svg = await readFile(new URL(m[1], `file://${filename}`));
        return html.replace(
          m[0],
          `<link rel="icon" href="data:image/svg+xml;base64,${svg.toString('base64')}"`,
        );
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  return {
    root: 'web',
    base: './',
    publicDir: false,
    plugins: [
      katexFonts(),
      base64Import(),
      ...(single
        ? [
            inlineIcon(),
            viteSingleFile({
              outputFileName: 'backprop-walkthrough.html',
              removeViteModuleLoader: true,
            }),
            singleFileCsp(),
          ]
        : [hostedCsp()]),
    ],
    build: {
      outDir: single ? '../dist-single' : '../dist',
      emptyOutDir: true,
      assetsInlineLimit: single ? () => true : 0,
      target: 'es2022',
    },
    server: { port: 5173, strictPort: false },
    preview: { port: 4173, strictPort: true },
  };
});
