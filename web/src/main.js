// The page's loop: a configuration (from the URL, an edit, a file) goes to
// the core in exactly one call; the trace that comes back is rendered whole.
// An edit the core refuses leaves the last good state on the page and a
// message next to the field.
import 'katex/dist/katex.min.css';
import '../styles/main.css';
import { loadCore, train, trainStep } from './core.js';
import { createTrainPanel } from './train/panel.js';
import { createNetworkPanel } from './edit/network-panel.js';
import { createProgress, questions } from './exercise.js';
import { buildEditor, describePath, shapeKey } from './edit/editor.js';
import { attachField, fitValue, scrub } from './edit/number-field.js';
import { el } from './render/dom.js';
import { decimalSeparator, formatFull, formatInput, formatText } from './render/format.js';
import { loadKatex, prefetchKatex } from './render/katex.js';
import { installInspector } from './render/inspect.js';
import { adoptTypeset, texFor, valueAt, wantNarrowTypeset } from './render/math.js';
import { listedFonts, warmFonts } from './render/fonts.js';
import {
  afterFrame,
  createSections,
  inOwnFrame,
  nextTask,
  revealInFrames,
} from './render/sections.js';
import { sync, typesetAll } from './render/typeset.js';
import { notation } from './notation.js';
import { copy, parseHash, parseJson, toHash, toJson, withValue } from './state.js';
import { networkStep } from './steps/network.js';
import { forwardStep } from './steps/forward.js';
import { lossStep } from './steps/loss.js';
import { chainRuleStep } from './steps/chain-rule.js';
import { updateStep } from './steps/update.js';
import { afterStep } from './steps/after.js';
import { gradientCheckStep } from './steps/gradient-check.js';
import { originalStep } from './steps/original.js';
import { embedInHash } from './page/embed.js';
import { installPage } from './page/index.js';

const $ = (id) => document.getElementById(id);
const walkthrough = $('walkthrough');
const status = $('status');
const announce = $('announce');
const narrowQuery = window.matchMedia('(max-width: 40rem)');

/**
 * Every section after the first, for one trace, in page order, numbered from
 * 2: one builder each, so that a section can be built when it is needed.
 * Each section writes its formulas with its own TeX builder, so that it
 * reads the same whichever order the sections are built in. In exercise
 * mode each section ends with the questions for the values it hides, and the
 * sections that would give answers away are left out.
 * @returns {{builders: (() => HTMLElement)[], asked: Map<number, string[]>}}
 *   `asked`: the questions of each section built so far, by index
 */
function sections(base) {
  const build = [
    (ctx) => forwardStep(ctx),
    (ctx) => lossStep(ctx),
    ...base.n.backwardOrder.map((k) => (ctx) => chainRuleStep(ctx, k)),
    base.exercise ? null : (ctx) => gradientCheckStep(ctx),
    (ctx) => updateStep(ctx),
    base.exercise ? null : (ctx) => afterStep(ctx),
    base.exercise ? null : (ctx) => originalStep(ctx),
  ].filter(Boolean);
  const asked = new Map();
  // In exercise mode a value is asked for once, in the first section that
  // hides it: the sections share one builder and are always built together,
  // in order (render() asks for that).
  const shared = base.exercise ? texFor(base.trace, base.exercise) : null;
  const builders = build.map((make, i) => () => {
    const t = shared ?? texFor(base.trace);
    const from = t.asked.length;
    const ctx = { ...base, t };
    const section = make(ctx);
    const own = t.asked.slice(from);
    asked.set(i, own);
    if (ctx.exercise && own.length) {
      section.append(questions(ctx, own, ctx.exercise.done, ctx.exercise.hide));
    }
    section.querySelector('h2').dataset.step = String(i + 2);
    return section;
  });
  document.getElementById('step-train-title').dataset.step = String(builders.length + 2);
  return { builders, asked };
}

/**
 * What decides the TeX of a render besides the trace: the configuration,
 * the decimal separator, the narrow layout and exercise mode. The body
 * carries it as data-rendered-as; a page typeset in advance (the hosted
 * build) thus says which render its formulas belong to.
 */
const renderedAs = (config, exercise) =>
  [toHash(config), decimalSeparator(), narrowQuery.matches ? 'narrow' : 'wide', exercise].join(' ');

async function start() {
  // The walkthrough as the build typeset it, if it did: its formulas are
  // reused while the same ones are asked for, so KaTeX can wait.
  const prerenderedAs = document.body.dataset.renderedAs;
  adoptTypeset(document.body);
  // An edit may need KaTeX (a formula changing shape, MathML after a pause).
  // Fetch it ahead of the edit: when a pointer reaches something editable,
  // or at the first press, key or focus.
  for (const type of ['pointerdown', 'keydown', 'focusin']) {
    window.addEventListener(type, prefetchKatex, { once: true, passive: true });
  }
  const nearEdit = (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest('[data-trace^="example."], input, select, button, summary')) {
      prefetchKatex();
      document.removeEventListener('pointerover', nearEdit);
    }
  };
  document.addEventListener('pointerover', nearEdit, { passive: true });
  const core = await loadCore();
  // Each stage of the start in its own task: no long task while the page
  // appears (the module's start, each panel, the first render).
  await nextTask();
  const worked = core.workedExample();

  /** @type {import('./backprop').ExampleConfig} */
  let config;
  /** @type {import('./backprop').Trace} */
  let trace;
  let editor = null;
  let editorShape = '';
  /** When the previous edit wrote the hash, for the pause before the next. */
  let lastEdit = -Infinity;
  let announceTimer = 0;

  const trainPanel = createTrainPanel({
    train: (c, steps) => train(core, c, steps),
    config: () => copy(config),
    open: (c) => apply(c, 'load'),
  });
  await nextTask();

  const networkPanel = createNetworkPanel({
    presets: core.presets(),
    random: (spec, seed, lr) => core.randomExample(spec, seed, lr),
    config: () => copy(config),
    load: (next) => {
      editor?.clearErrors();
      const error = apply(next, 'load');
      if (!error) trainPanel.invalidate();
      return error;
    },
  });
  await nextTask();

  const model = {
    get: (path) => valueAt(config, path),
    set: (path, value) => {
      const error = apply(withValue(config, path, value), 'edit');
      if (!error) trainPanel.invalidate();
      return error;
    },
  };

  const inspector = installInspector(walkthrough, {
    tip: $('value-tip'),
    live: announce,
    full: formatFull,
    edit: openInlineEditor,
  });

  const progress = createProgress();
  const exerciseToggle = $('exercise-toggle');

  function render() {
    let exercise = null;
    if (exerciseToggle.checked) {
      const key = toHash(config);
      const answered = progress.get(key);
      exercise = {
        hide: (path) => !answered.has(path),
        done: (path, state) => {
          progress.set(key, path, state);
          render();
          announce.textContent = state === 'solved' ? 'Right.' : 'Revealed.';
        },
      };
    }
    const base = {
      trace,
      n: notation(trace),
      narrow: narrowQuery.matches,
      exercise,
      hide: exercise?.hide ?? null,
    };
    if (shapeKey(config) !== editorShape) {
      // The build's editor, typeset in advance, has the labels' formulas.
      const typeset = $('editor').querySelector('noscript');
      if (typeset) adoptTypeset(typeset);
      editor = buildEditor(config, model);
      editorShape = shapeKey(config);
      typesetAll(editor.root);
      $('editor').replaceChildren(editor.root);
    }
    editor.update();
    networkPanel.update(config);
    // Section 1 as the build typeset it, for this very render, is on screen
    // as it would be built: the page takes it over in a task of its own.
    if (!networkShown && prerenderedAs === renderedAs(config, Boolean(exercise))) {
      if (!networkDue) nextTask().then(() => networkDue && showNetwork(networkDue));
      networkDue = base;
    } else showNetwork(base);
    $('step-train').hidden = Boolean(exercise);
    $('diverged').hidden = !trace.diverged;
    $('diverged-reason').textContent = trace.diverged ? trace.divergedReason : '';
    current = sections(base);
    document.documentElement.dataset.pending = 'true';
    // In exercise mode the sections are built together, in order (they share
    // one TeX builder, and the progress counts every section's questions).
    steps.update(current.builders, { all: Boolean(exercise) && rendered });
    showProgress();
    document.body.dataset.renderedAs = renderedAs(config, Boolean(exercise));
  }

  /** Section 1's content, for the render of `base`. */
  function showNetwork(base) {
    networkDue = null;
    networkShown = true;
    const t = texFor(base.trace, base.exercise ?? undefined);
    sync($('network-content'), networkStep({ ...base, t }));
  }
  /** The render whose section 1 waits for a task of its own. */
  let networkDue = null;
  let networkShown = false;

  /** The sections of the latest render and the questions each asks. */
  let current = null;
  let rendered = false;
  const steps = createSections($('steps'), {
    progressed: () => inspector.refresh(),
    settled: () => {
      if (networkDue) showNetwork(networkDue);
      const html = document.documentElement;
      delete html.dataset.pending;
      showProgress();
      if (rendered) return;
      rendered = true;
      sectionOne.finally(() => {
        performance.mark('walkthrough-rendered');
        html.dataset.ready = 'true';
        walkthrough.setAttribute('aria-busy', 'false');
      });
    },
  });

  /**
   * Steps `next` in the core; on success it becomes the page's state.
   * @param {'edit' | 'load' | 'history'} how edits and loads write the URL; history follows it
   * @returns {string} the core's message when it refused, else ''
   */
  function apply(next, how, t = trainStep(core, next)) {
    if (!t.ok) return t.error;
    const previous = { config, trace };
    config = next;
    trace = t;
    try {
      render();
    } catch (error) {
      // A defect of the page, not of the input: keep the last good state.
      config = previous.config;
      trace = previous.trace;
      if (trace) render();
      return `The page could not show this step (${error.message}).`;
    }
    if (how !== 'history') {
      // The link that could not be shown is no longer what the page shows.
      status.querySelector('[data-link]')?.remove();
      writeHash(how === 'load');
      clearTimeout(announceTimer);
      announceTimer = setTimeout(announceResults, 800);
    }
    return '';
  }

  /**
   * Writes the hash, at most every 200 ms (a drag edits 60 times a second;
   * browsers throttle history calls): a new history entry after a pause in
   * editing (timed between edits, not from the delayed write), else in place.
   */
  let hashTimer = 0;
  let pushNext = false;
  function writeHash(forcePush) {
    const now = performance.now();
    pushNext ||= forcePush || now - lastEdit > 1500;
    lastEdit = now;
    if (hashTimer) return;
    hashTimer = setTimeout(() => {
      hashTimer = 0;
      // An embedding link may ask for the embedded layout in the hash: keep
      // it there, as embed=1.
      const embed = embedInHash(location.hash) ? '&embed=1' : '';
      const hash = `#${toHash(config)}${embed}`;
      if (location.hash !== hash) {
        if (pushNext) history.pushState(null, '', hash);
        else history.replaceState(null, '', hash);
      }
      pushNext = false;
    }, 200);
  }

  /** Exercise progress: answered, revealed, still open. */
  function showProgress() {
    const box = $('exercise-progress');
    if (!exerciseToggle.checked || !current) return box.replaceChildren();
    const answered = progress.get(toHash(config));
    const states = [...answered.values()];
    const count = (n) => el('span', { 'data-index': String(n) }, String(n));
    box.replaceChildren(
      count(states.filter((s) => s === 'solved').length),
      ' answered, ',
      count(states.filter((s) => s === 'revealed').length),
      ' revealed, ',
      count([...current.asked.values()].reduce((sum, a) => sum + a.length, 0)),
      ' to go.',
    );
  }

  function announceResults() {
    const out = trace.yHat.map((v) => formatText(v)).join(', ');
    const state = trace.diverged ? ' The step diverged.' : '';
    announce.textContent = `Prediction ${out}; loss ${formatText(trace.loss)}, after the step ${formatText(trace.after.loss)}.${state}`;
  }

  /** A message in the status line; `link`: about the URL, gone once the page shows another state. */
  function showProblem(message, link = false) {
    const p = el('p', { class: 'error', role: 'alert', 'data-message': '' }, message);
    if (link) p.dataset.link = '';
    status.replaceChildren(p);
  }
  document.addEventListener('typeset-failed', () =>
    showProblem(
      'Some formulas could not be typeset: the typesetting code did not load. Reload the page to try again.',
    ),
  );

  /**
   * What the URL asks for, stepped in the core: the configuration to show
   * and its trace (none when the page shows it already), and a message when
   * the link cannot be shown, in which case the worked example stands in.
   */
  function stepHash() {
    const hash = location.hash;
    const r = parseHash(hash, worked);
    let message;
    if (r.ok) {
      if (config && toHash(r.config) === toHash(config)) return { hash, message: '' };
      const t = trainStep(core, r.config);
      if (t.ok) return { hash, config: r.config, trace: t, message: '' };
      message = `This link's network cannot be stepped: ${t.error} Showing the worked example instead.`;
    } else {
      message = `This link could not be read${r.param ? ` (parameter ${r.param})` : ''}: ${r.error} Showing the worked example instead.`;
    }
    if (config && toHash(config) === toHash(worked)) return { hash, message };
    const example = copy(worked);
    return { hash, config: example, trace: trainStep(core, example), message };
  }

  /**
   * Follows the URL: a valid configuration is shown, a bad one named and
   * replaced by the worked example. `stepped`: the URL stepped already, in
   * an earlier task (used while the URL is the same).
   */
  function followHash(how, stepped = null) {
    const r = stepped?.hash === location.hash ? stepped : stepHash();
    if (r.config) {
      trainPanel.invalidate();
      const error = apply(r.config, how, r.trace);
      if (error) return showProblem(error, true);
    }
    if (r.message) showProblem(r.message, true);
    else status.replaceChildren();
  }

  // ------------------------------------------------------------------ editing

  const inline = $('inline-edit');
  const inlineError = $('inline-error');
  let inlineField = null;
  attachField(
    inline,
    {
      get path() {
        return inlineField?.path ?? '';
      },
      get: () => inlineField.get(),
      set: (v) => inlineField.set(v),
    },
    (message) => {
      inlineError.textContent = message;
      inlineError.hidden = !message;
    },
    { onDone: () => closeInlineEditor(true) },
  );
  inline.addEventListener('blur', () => setTimeout(() => closeInlineEditor(false), 0));

  /** A field for the example's number behind `target` (a data-trace="example.…" element). */
  function fieldFor(target) {
    const path = target.dataset.trace.replace(/^example\./, '');
    return { path, get: () => model.get(path), set: (v) => model.set(path, v) };
  }

  // Where the inline editor was opened from: its formula or diagram, and
  // the number's place among the numbers in it.
  const NUMBERS = '.katex-html [data-value], svg [data-value]';
  let editedFrom = null;

  function openInlineEditor(target) {
    const from = target.closest('.formula, .diagram');
    const numbers = from ? [...from.querySelectorAll(NUMBERS)] : [];
    editedFrom = from && {
      box: from,
      index: numbers.indexOf(target),
      // where to look when an edit has rebuilt the box
      again: `#${from.closest('.step')?.id} ${from.matches('.diagram') ? 'svg' : '.katex-html'}`,
    };
    inlineField = fieldFor(target);
    const r = target.getBoundingClientRect();
    const box = $('inline-box');
    box.style.left = `${r.left + window.scrollX}px`;
    box.style.top = `${r.top + window.scrollY - 4}px`;
    box.hidden = false;
    inline.value = formatInput(inlineField.get());
    fitValue(inline);
    inline.setAttribute('aria-label', describePath(inlineField.path, config.layers.length));
    inlineError.hidden = true;
    inline.focus();
    inline.select();
  }

  function closeInlineEditor(returnFocus) {
    if ($('inline-box').hidden || !inlineField) return;
    const path = inlineField.path;
    $('inline-box').hidden = true;
    inlineField = null;
    if (returnFocus) {
      // Back to the number just edited, in the formula or diagram it was
      // edited in; if the edit rebuilt that, in the same kind of box of
      // the same section; else where the number first shows.
      const trace = `[data-trace="example.${CSS.escape(path)}"]`;
      const { box, index, again: where } = editedFrom ?? {};
      const inBox = box?.isConnected ? [...box.querySelectorAll(NUMBERS)] : [];
      const again = inBox[index]?.matches(trace)
        ? inBox[index]
        : (box?.isConnected && box.querySelector(trace)) ||
          (where && walkthrough.querySelector(`${where} ${trace}`)) ||
          walkthrough.querySelector(`.katex-html ${trace}`);
      if (again) inspector.focusAt(again);
    }
  }

  // Numbers of the example inside formulas and diagrams: drag to scrub, click to type.
  walkthrough.addEventListener('pointerdown', async (e) => {
    const target =
      e.target instanceof Element ? e.target.closest('[data-trace^="example."]') : null;
    if (!target || target.matches('input') || e.button !== 0) return;
    e.preventDefault();
    const field = fieldFor(target);
    let refused = '';
    const dragged = await scrub(e, field, (message) => {
      refused = message;
    });
    if (dragged && !refused) return;
    // A click, or a drag that ran out of range: the typing field, at the
    // number, with the message.
    const here = target.isConnected
      ? target
      : walkthrough.querySelector(`[data-trace="example.${CSS.escape(field.path)}"]`);
    if (!here) return;
    openInlineEditor(here);
    inlineError.textContent = refused;
    inlineError.hidden = !refused;
  });

  // ------------------------------------------------------------------ controls

  $('reset').addEventListener('click', () => {
    editor?.clearErrors();
    status.replaceChildren();
    apply(copy(worked), 'load');
    trainPanel.invalidate();
  });
  $('export').addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([toJson(config)], { type: 'application/json' }));
    const a = el('a', { href: url, download: 'backprop-example.json' });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  $('import').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const message = $('import-error');
    const r =
      file.size > 64 * 1024
        ? { ok: false, error: 'The file is too large.' }
        : parseJson(await file.text(), worked);
    // (the parser's messages name the parameter at fault)
    const error = r.ok ? apply(r.config, 'load') : r.error;
    if (!error) trainPanel.invalidate();
    message.textContent = error ? `The file was not loaded. ${error}` : '';
    message.hidden = !error;
  });

  exerciseToggle.addEventListener('change', () => {
    $('exercise-rules').hidden = !exerciseToggle.checked;
    render();
  });

  window.addEventListener('popstate', () => followHash('history'));
  window.addEventListener('hashchange', () => followHash('history'));
  wantNarrowTypeset(narrowQuery.matches);
  narrowQuery.addEventListener('change', () => {
    wantNarrowTypeset(narrowQuery.matches);
    if (trace) render();
  });

  installPage({
    rerender: () => {
      if (trace) render();
      trainPanel.refresh();
    },
    restyle: () => trainPanel.refresh(),
  });
  // The link's first step in the core, then its first view, each in a task
  // of its own.
  await nextTask();
  const first = stepHash();
  // The build typesets the worked example for wide screens, for phones (in
  // the blocks after each section) and with a decimal comma at both widths
  // (in files of their own, fetched here). Anything else (another network,
  // exercise mode) needs KaTeX before the first view.
  const typesetFor = [prerenderedAs, document.body.dataset.alsoRenderedAs];
  const wanted = renderedAs(first.config, exerciseToggle.checked);
  const comma = commaTypesets().find((t) => t.renderedAs === wanted);
  if (comma && (await adoptTypesetFrom(comma.url))) typesetFor.push(wanted);
  if (!typesetFor.includes(wanted)) {
    await loadKatex().catch(() => {});
  }
  // The first render (the editor, the sections) in a frame of its own.
  await inOwnFrame(() => followHash('history', first));
  // The panels act on the page's state: they join the page once it has one.
  $('builder-panel').replaceChildren(networkPanel.root);
  $('train-panel').replaceChildren(trainPanel.root);
}

// Section 1 as the build typeset it waits (data-later) for the first frame,
// which shows the header. Then the text fonts are set up, and the section
// is shown a few hundred elements per frame.
const sectionOne = afterFrame()
  .then(() => warmFonts(listedFonts()))
  .then(() => revealInFrames(document.querySelectorAll('#network-content > [data-later]')));

/**
 * The worked example typeset with a decimal comma, one file per width
 * (written by scripts/prerender.mjs), as the body lists them.
 * @returns {{renderedAs: string, url: string}[]}
 */
function commaTypesets() {
  return JSON.parse(document.body.dataset.commaTypesets ?? '[]');
}

/**
 * Fetches a file of typeset formulas and keeps them for reuse, a chunk (a
 * section's) per task.
 * @param {string} url
 * @returns {Promise<boolean>} whether it could
 */
async function adoptTypesetFrom(url) {
  try {
    const response = await fetch(url);
    if (!response.ok) return false;
    for (const chunk of (await response.text()).split('<!---->')) {
      const t = document.createElement('template');
      t.innerHTML = chunk;
      adoptTypeset(t.content);
      await nextTask();
    }
    return true;
  } catch {
    return false;
  }
}

// Not in the module's own task: that one also ends the parse (style and
// layout of the page as it arrived).
nextTask()
  .then(start)
  .catch((error) => {
    status.replaceChildren(
      el(
        'p',
        { class: 'error', role: 'alert', 'data-message': '' },
        `The calculation engine could not start: ${error.message}`,
      ),
    );
    // The worked example as the build typeset it stays readable.
    for (const e of document.querySelectorAll('#steps > noscript')) {
      const t = document.createElement('template');
      t.innerHTML = e.textContent;
      e.replaceWith(t.content);
    }
  });
