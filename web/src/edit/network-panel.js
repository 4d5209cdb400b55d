// Building your own network: presets, and a shape (layers, neurons,
// activations, biases) whose weights the core draws from a seed. Everything
// it makes is an ordinary configuration, so it lands in the URL like any edit.
import { el } from '../render/dom.js';
import { ACTIVATIONS, LIMITS } from '../state.js';

const NAMES = { identity: 'identity', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'ReLU' };
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const sup = (k) => `⁽${String(k).replace(/\d/g, (d) => SUP[d])}⁾`;

/**
 * @param {{
 *   presets: {id: string, name: string, description: string, example: import('../backprop').Example}[],
 *   random: (spec: object, seed: number, lr: number) => {ok: boolean, error: string, example: import('../backprop').Example},
 *   config: () => import('../backprop').ExampleConfig,
 *   load: (config: import('../backprop').ExampleConfig) => string,
 * }} app
 */
export function createNetworkPanel(app) {
  const root = el('div', { class: 'builder' });
  const message = el('p', {
    class: 'field-error',
    id: 'builder-message',
    'data-message': '',
    hidden: true,
  });
  let spec = null;
  let seed = 1;

  const say = (text) => {
    message.textContent = text;
    message.hidden = !text;
  };

  function specOf(config) {
    return {
      inputs: config.x.length,
      layers: config.layers.map((l) => ({
        neurons: l.W.length,
        f: l.f ?? 'identity',
        bias: (l.b ?? []).length > 0,
      })),
    };
  }

  function build() {
    const config = app.config();
    const r = app.random(spec, seed, config.lr);
    if (!r.ok) return say(r.error);
    const error = app.load({ ...r.example, seed });
    say(error);
  }

  const presetSelect = el(
    'select',
    { id: 'preset', 'aria-describedby': 'preset-description' },
    el('option', { value: '' }, 'Choose a preset…'),
    app.presets.map((p) => el('option', { value: p.id }, p.name)),
  );
  const presetDescription = el('p', { id: 'preset-description', class: 'hint' });
  presetSelect.addEventListener('change', () => {
    const preset = app.presets.find((p) => p.id === presetSelect.value);
    presetDescription.textContent = preset?.description ?? '';
    if (preset) say(app.load(preset.example));
  });

  const seedInput = el('input', {
    id: 'seed',
    type: 'number',
    min: '0',
    max: '4294967295',
    step: '1',
  });
  seedInput.addEventListener('change', () => {
    // An empty field (or one a number input could not read) is no seed, not 0.
    const v = seedInput.value.trim() === '' ? NaN : Number(seedInput.value);
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      seedInput.setAttribute('aria-invalid', 'true');
      return say('The seed must be a whole number from 0 to 4294967295.');
    }
    seedInput.setAttribute('aria-invalid', 'false');
    seed = v;
    build();
  });
  const newSeed = el('button', { type: 'button', id: 'new-seed' }, 'New weights');
  newSeed.addEventListener('click', () => {
    seed = crypto.getRandomValues(new Uint32Array(1))[0];
    seedInput.value = String(seed);
    build();
  });

  const shape = el('div', { class: 'shape' });

  function renderShape() {
    const L = spec.layers.length;
    const rows = [];
    const inputs = el('input', {
      type: 'number',
      min: '1',
      max: String(LIMITS.neurons),
      value: String(spec.inputs),
      'aria-label': 'Inputs',
      'data-shape': 'inputs',
    });
    inputs.addEventListener('change', () =>
      resize(
        () => (spec.inputs = Number(inputs.value)),
        inputs,
        'Networks have from 1 to',
        'inputs',
      ),
    );
    rows.push(
      el(
        'div',
        { class: 'shape-row' },
        el('span', { class: 'shape-name' }, `Input x`),
        inputs,
        ' values',
      ),
    );
    // Page order: W⁽ᴸ⁾ (reads the input) first, W⁽¹⁾ (the output layer) last.
    spec.layers.forEach((layer, l) => {
      const k = L - l;
      const name = `W${sup(k)}${k === 1 ? ' (output)' : ''}`;
      const neurons = el('input', {
        type: 'number',
        min: '1',
        max: String(LIMITS.neurons),
        value: String(layer.neurons),
        'aria-label': `${name} neurons`,
        'data-shape': `neurons-${k}`,
      });
      neurons.addEventListener('change', () =>
        resize(
          () => (layer.neurons = Number(neurons.value)),
          neurons,
          'Layers have from 1 to',
          'neurons',
        ),
      );
      const f = el(
        'select',
        { 'aria-label': `${name} activation`, 'data-shape': `f-${k}` },
        ACTIVATIONS.map((a) => el('option', { value: a, selected: a === layer.f }, NAMES[a])),
      );
      f.addEventListener('change', () => {
        layer.f = f.value;
        build();
      });
      const bias = el('input', {
        type: 'checkbox',
        checked: layer.bias,
        'data-shape': `bias-${k}`,
      });
      bias.addEventListener('change', () => {
        layer.bias = bias.checked;
        build();
      });
      const remove = el(
        'button',
        {
          type: 'button',
          'aria-label': `Remove layer ${name}`,
          disabled: L === 1,
          'data-shape': `remove-${k}`,
        },
        'Remove',
      );
      remove.addEventListener('click', () => {
        spec.layers.splice(l, 1);
        build();
      });
      rows.push(
        el(
          'div',
          { class: 'shape-row' },
          el('span', { class: 'shape-name' }, name),
          neurons,
          ' neurons, ',
          f,
          el('label', { class: 'check-label' }, bias, ' bias'),
          remove,
        ),
      );
    });
    const add = el(
      'button',
      { type: 'button', id: 'add-layer', disabled: L >= LIMITS.layers },
      'Add a hidden layer',
    );
    add.addEventListener('click', () => {
      // A new hidden layer just before the output layer, as wide as the layer it reads.
      const reads = L >= 2 ? spec.layers[L - 2].neurons : spec.inputs;
      spec.layers.splice(L - 1, 0, {
        neurons: Math.min(reads, LIMITS.neurons),
        f: 'sigmoid',
        bias: true,
      });
      build();
    });
    shape.replaceChildren(...rows, add);
  }

  /** Applies a new size from `input` (from 1 to LIMITS.neurons), or says what it may be. */
  function resize(change, input, rule, unit) {
    const v = Number(input.value);
    if (!Number.isInteger(v) || v < 1 || v > LIMITS.neurons) {
      input.setAttribute('aria-invalid', 'true');
      return say(`${rule} ${LIMITS.neurons} ${unit} on this page.`);
    }
    input.setAttribute('aria-invalid', 'false');
    change();
    build();
  }

  root.append(
    el('div', { class: 'builder-row' }, el('label', { for: 'preset' }, 'Preset '), presetSelect),
    presetDescription,
    el(
      'p',
      { class: 'hint' },
      'Or shape your own: new weights are drawn by the core from the seed, so the link reproduces them.',
    ),
    shape,
    el('div', { class: 'builder-row' }, el('label', { for: 'seed' }, 'Seed '), seedInput, newSeed),
    message,
  );

  // The shape's controls are rebuilt only where they can be seen: an edit
  // of a number on the page rebuilds nothing while the panel is closed, and
  // opening it shows the latest shape.
  let shown = false;
  /** The <details> the panel is in, once on the page. */
  let details = null;
  const show = () => {
    if (shown || details?.open === false) return;
    shown = true;
    renderShape();
  };

  return {
    root,
    /** Follows the configuration on the page (its shape and seed). */
    update(config) {
      spec = specOf(config);
      if (config.seed !== undefined) seed = config.seed;
      seedInput.value = String(seed);
      if (!details) {
        details = root.closest('details');
        details?.addEventListener('toggle', show);
      }
      shown = false;
      show();
    },
  };
}
