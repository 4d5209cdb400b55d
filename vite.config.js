import { defineConfig } from 'vite';

// KaTeX's stylesheet lists woff2, woff and ttf for every face. Browsers that
// run WebAssembly all read woff2, so the other two are dropped: only woff2
// files are emitted and none of the others is ever requested.
function katexWoff2Only() {
  return {
    name: 'katex-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/katex(\.min)?\.css$/.test(id.split('?')[0])) return null;
      return code.replace(
        /,\s*url\([^)]+\.woff\) format\("woff"\)|,\s*url\([^)]+\.ttf\) format\("truetype"\)/g,
        '',
      );
    },
  };
}

export default defineConfig({
  root: 'web',
  base: './',
  publicDir: false,
  plugins: [katexWoff2Only()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: 'es2022',
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
