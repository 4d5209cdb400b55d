// The page around the walkthrough: reading settings (theme, decimal
// separator), the embedded layout and the Embed button. main.js calls
// installPage once; the settings are applied when this module loads, before
// the first render.
import { applySettings, wireSettings } from './settings.js';
import { embedRequested, reportHeight, wireEmbedDialog } from './embed.js';

applySettings();
if (embedRequested()) document.documentElement.dataset.embed = '';

/**
 * @param {{rerender: () => void, restyle: () => void}} opts rerender renders
 *   the current trace again (the decimal separator changed); restyle redraws
 *   what holds colours of its own (the theme changed)
 */
export function installPage({ rerender, restyle }) {
  const $ = (id) => document.getElementById(id);
  wireSettings(
    { theme: $('theme'), numbers: $('number-format') },
    {
      numbers: () => {
        // Typeset numbers are patched only when their value changes: drop the
        // sections so every number is written anew with the new separator.
        $('network-content').replaceChildren();
        $('steps').replaceChildren();
        rerender();
      },
      theme: restyle,
    },
  );
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', restyle);
  wireEmbedDialog({
    button: $('embed-open'),
    dialog: $('embed-dialog'),
    snippet: $('embed-snippet'),
    copy: $('embed-copy'),
    note: $('embed-local'),
  });
  reportHeight();
}
