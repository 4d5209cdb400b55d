// Embedding in another page (a course, a blog): a compact layout and the
// page's height told to the parent frame.
//
// `?embed=1` (or `embed=1` in the hash) sets data-embed on <html>: main.css
// hides the header and footer and tightens the margins. Inside any frame the
// page posts its height to the parent whenever it changes, in two forms:
//
//   {type: 'backprop-walkthrough:height', height}   this page's own message
//   {subject: 'lti.frameResize', height}            what Canvas listens for
//
// and posts it again a few times over the first seconds, so that a listener
// that arrives late still sizes the frame. Heights are CSS pixels. The
// message carries nothing but the height, so it goes to any parent ('*').

export const HEIGHT_MESSAGE = 'backprop-walkthrough:height';
const REANNOUNCE_MS = [250, 1000, 2000, 4000, 8000];

const asks = (v) => v !== null && v !== '0';

/** Whether a URL hash asks for the embedded layout: embed=1, or a bare embed. */
export function embedInHash(hash) {
  return asks(new URLSearchParams(hash.replace(/^#/, '')).get('embed'));
}

/** Whether the URL asks for the embedded layout. */
export function embedRequested(loc = window.location) {
  return asks(new URLSearchParams(loc.search).get('embed')) || embedInHash(loc.hash);
}

/** Whether the page runs inside a frame. */
function framed() {
  try {
    return window.parent !== window;
  } catch {
    return true;
  }
}

/** Starts posting the page's height to the parent frame, if there is one. */
export function reportHeight() {
  if (!framed()) return;
  const root = document.documentElement;
  let last = -1;
  const post = (force) => {
    // The content's height, with whatever overflows it (body.scrollHeight,
    // unlike the root's, does not grow with the frame).
    const height = Math.max(
      Math.ceil(root.getBoundingClientRect().height),
      document.body.scrollHeight,
    );
    if (height === last && !force) return;
    last = height;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
    window.parent.postMessage({ subject: 'lti.frameResize', height }, '*');
  };
  new ResizeObserver(() => post(false)).observe(root);
  const again = () => REANNOUNCE_MS.forEach((ms) => setTimeout(() => post(true), ms));
  if (document.readyState === 'complete') again();
  else window.addEventListener('load', again, { once: true });
}

/** The address of this page, embedded, with the configuration of the current hash. */
export function embedUrl(loc = window.location) {
  const url = new URL(loc.href);
  url.searchParams.set('embed', '1');
  // URLSearchParams would encode "," and ";": keep the link readable.
  url.hash = loc.hash
    .replace(/^#/, '')
    .split('&')
    .filter((part) => part && !/^embed(=|$)/.test(part))
    .join('&');
  return url.href;
}

const escapeAttribute = (s) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The iframe snippet for `url`. */
export function iframeSnippet(url) {
  return [
    `<iframe src="${escapeAttribute(url)}"`,
    '  title="Backpropagation, one step at a time"',
    '  width="100%" height="2400" loading="lazy"',
    '  style="border: 0; max-width: 52rem"></iframe>',
  ].join('\n');
}

/**
 * Wires the Embed button: a dialog with the snippet for the current
 * configuration and a Copy button.
 * @param {{button: HTMLButtonElement, dialog: HTMLDialogElement, snippet: HTMLTextAreaElement,
 *          copy: HTMLButtonElement, note: HTMLElement}} parts
 */
export function wireEmbedDialog({ button, dialog, snippet, copy, note }) {
  button.addEventListener('click', () => {
    snippet.value = iframeSnippet(embedUrl());
    // A local file or a sandboxed copy has no address another page can load.
    note.hidden = /^https?:$/.test(window.location.protocol);
    copy.textContent = 'Copy';
    dialog.showModal();
    snippet.focus();
    snippet.select();
  });
  copy.addEventListener('click', async () => {
    snippet.select();
    try {
      await navigator.clipboard.writeText(snippet.value);
      copy.textContent = 'Copied';
    } catch {
      // No clipboard here (an insecure or sandboxed page): the text is selected.
      copy.textContent = 'Press Ctrl+C to copy';
    }
  });
}
