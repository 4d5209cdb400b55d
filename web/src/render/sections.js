// The walkthrough's sections, kept current without rebuilding what nobody
// sees. An edit brings the sections on or near the screen up to date at
// once; the others are only marked, and brought up to date a few at a time
// in later tasks, or at once when one scrolls near the screen. A drag
// sends dozens of edits a second: the marked sections of one edit are
// simply replaced by the next edit's, never built.
//
// The first view works the same way: with nothing on the page yet, every
// section is marked and they appear in order, a few per task. A section new
// on the page is also shown a part at a time: its parts after the first few
// hundred elements wait (data-later), and each later frame lays out the next
// few hundred, so that no frame lays out a whole section. Parts of a section
// the browser does not lay out yet (content-visibility, off screen) cost
// nothing to show and are shown at once.
//
// Whatever changes the page while it loads (section 1's parts, the first
// render, these sections) waits for a frame of its own (inOwnFrame): changes
// from different places would otherwise pile up into one long frame.
import { adoptTypeset } from './math.js';
import { syncAt, trim } from './typeset.js';

/** Time one later task may spend on marked sections, in ms. */
const SLICE_MS = 8;

/** Elements a part of a new section may add to one frame's layout. */
const PART_ELEMENTS = 200;

const weight = (e) => e.getElementsByTagName('*').length + 1;

/**
 * Resolves in a new task, so that the browser can paint and handle input
 * in between: scheduler.yield() where there is one, else a message (timers
 * are throttled to a second in background tabs; messages are not).
 */
export function nextTask() {
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/**
 * Resolves in a task after the next frame, so that each frame lays out what
 * one slice built rather than several slices' worth in one long task. A tab
 * in the background draws no frames: there a timer stands in.
 */
export function afterFrame() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      nextTask().then(resolve);
    });
  });
}

/** The end of the latest change queued by inOwnFrame. */
let queue = Promise.resolve();

/**
 * Runs `change` in a task after a frame, and after the frames of the
 * changes queued before it: changes to the page that come from different
 * places (section 1's parts, the editor, the sections) are then each laid
 * out in a frame of their own instead of piling up into one long frame.
 * @template T
 * @param {() => T} change
 * @returns {Promise<T>}
 */
export function inOwnFrame(change) {
  const done = queue.then(afterFrame).then(change);
  queue = done.catch(() => {});
  return done;
}

/** The leading parts of `parts` one frame lays out: PART_ELEMENTS' worth, a part at least. */
function firstBatch(parts) {
  const batch = [];
  let size = 0;
  for (const part of parts) {
    if (batch.length && size + weight(part) > PART_ELEMENTS) break;
    size += weight(part);
    batch.push(part);
  }
  return batch;
}

const show = (parts) => parts.forEach((part) => delete part.dataset.later);

/**
 * Shows waiting parts (data-later) in order, a batch per frame.
 * @param {Iterable<HTMLElement>} parts
 */
export async function revealInFrames(parts) {
  const waiting = [...parts];
  while (waiting.length) {
    const batch = firstBatch(waiting);
    waiting.splice(0, batch.length);
    await inOwnFrame(() => show(batch));
  }
}

/**
 * @param {HTMLElement} container the sections' parent
 * @param {{settled: () => void, progressed: () => void}} on
 *   `settled` when every section matches the latest update; `progressed`
 *   after each batch of sections brought up to date
 */
export function createSections(container, on) {
  /** @type {(() => HTMLElement)[]} */
  let builders = [];
  /** Indices whose section does not show the latest update yet. */
  const marked = new Set();
  /** Live sections on the screen or within a quarter of its height of it. */
  const near = new Set();
  /** Sections new on the page with parts still waiting, in page order. */
  let staged = [];
  let scheduled = false;

  const observer = new IntersectionObserver(
    (entries) => {
      let due = false;
      for (const e of entries) {
        if (e.isIntersecting) near.add(e.target);
        else near.delete(e.target);
        due ||= e.isIntersecting && marked.has(indexOf(e.target));
      }
      if (due) run(() => false, true);
    },
    { rootMargin: '25% 0px' },
  );

  const indexOf = (section) => Array.prototype.indexOf.call(container.children, section);

  function bring(i) {
    marked.delete(i);
    const old = container.children[i];
    const live = syncAt(container, i, builders[i]());
    if (live !== old) {
      if (old) {
        observer.unobserve(old);
        near.delete(old);
      }
      observer.observe(live);
      // New on the page (in place of the build's text, or appended): shown
      // a part at a time. A section replaced on an edit is shown whole.
      if (!old || old.localName === 'noscript') stage(live);
    }
  }

  /** Lets the parts of `section` after the first PART_ELEMENTS elements wait. */
  function stage(section) {
    let size = 0;
    for (const part of section.children) {
      size += weight(part);
      if (size > PART_ELEMENTS && part !== section.firstElementChild) part.dataset.later = '';
    }
    if (section.querySelector(':scope > [data-later]')) staged.push(section);
  }

  /**
   * Shows waiting parts: every part of sections the browser skips, and the
   * next PART_ELEMENTS elements of the first section it lays out.
   * @returns {boolean} whether parts were shown that the next frame lays out
   */
  function reveal(all = false) {
    staged = staged.filter((s) => s.isConnected);
    let shown = false;
    while (staged.length && !shown) {
      const section = staged[0];
      // false while content-visibility skips the section's contents
      const laidOut =
        all ||
        section.firstElementChild.checkVisibility?.({ contentVisibilityAuto: true }) !== false;
      const parts = [...section.querySelectorAll(':scope > [data-later]')];
      show(laidOut && !all ? firstBatch(parts) : parts);
      if (!section.querySelector(':scope > [data-later]')) staged.shift();
      shown = laidOut && !all;
    }
    return shown;
  }
  // A handout shows everything.
  window.addEventListener('beforeprint', () => reveal(true));

  /**
   * Brings marked sections up to date in page order, until `enough()`;
   * with `nearOnly`, only those near the screen.
   */
  function run(enough, nearOnly = false) {
    for (const i of [...marked].sort((a, b) => a - b)) {
      if (enough()) break;
      // A section past the end is appended: its predecessors come first.
      if (i > container.children.length) break;
      const live = container.children[i];
      if (nearOnly && !(live && near.has(live))) continue;
      // A section the build typeset in advance: parsing its text is a
      // slice's work of its own, building it the next one's.
      if (!nearOnly && live?.localName === 'noscript' && adoptTypeset(live) && enough()) break;
      bring(i);
    }
    if (marked.size || staged.length) schedule();
    on.progressed();
    if (!marked.size && !staged.length) on.settled();
  }

  /** A later slice: parts of a section to show, else marked sections to build. */
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    inOwnFrame(() => {
      scheduled = false;
      if (reveal()) {
        run(() => true);
        return;
      }
      const until = performance.now() + SLICE_MS;
      run(() => performance.now() > until);
    });
  }

  return {
    /**
     * Shows a new set of sections: those near the screen now, the rest soon.
     * @param {(() => HTMLElement)[]} next one builder per section, in page order
     * @param {{all?: boolean}} [opts] `all`: every section now, not only
     *   those near the screen
     */
    update(next, { all = false } = {}) {
      builders = next;
      marked.clear();
      trim(container, builders.length);
      // Sections removed, here or by whoever emptied the container.
      for (const section of near) {
        if (section.isConnected) continue;
        observer.unobserve(section);
        near.delete(section);
      }
      builders.forEach((_, i) => marked.add(i));
      run(() => false, !all);
    },
  };
}
