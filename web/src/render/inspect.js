// Looking at a number: pointing at it (or, from the keyboard, focusing a
// formula and stepping through its numbers with the arrow keys) shows its
// full precision and its provenance: the numbers it was computed from, the
// formula that combines them, and where it sits on the diagram. Enter on a
// number of the example opens it for editing.

const NUMBER = '[data-value]';
const BOX = '.formula, .diagram';
const MARKS = ['is-current', 'is-source', 'is-context'];

/**
 * @param {HTMLElement} root the walkthrough
 * @param {{tip: HTMLElement, live: HTMLElement, full: (v: number) => string,
 *          edit: (target: Element) => void}} opts
 */
export function installInspector(root, { tip, live, full, edit }) {
  let current = null;
  /** The number a box focused by focusAt() starts from, instead of its first. */
  let resume = null;

  function clear() {
    for (const mark of MARKS) {
      for (const e of root.querySelectorAll(`.${mark}`)) e.classList.remove(mark);
    }
  }

  /** Marks `path`'s elements inside `scope` (a formula, or the diagrams of its section). */
  function mark(scope, paths, cls) {
    for (const path of paths) {
      for (const e of scope.querySelectorAll(`[data-trace="${CSS.escape(path)}"]`)) {
        e.classList.add(cls);
      }
    }
  }

  function show(target) {
    clear();
    current = target;
    target.classList.add('is-current');
    const box = target.closest(BOX);
    box?.classList.add('is-context');
    const sources = (target.dataset.from ?? '').split(' ').filter(Boolean);
    if (box && sources.length) {
      // Operands share the result's group: the same path may appear in other rows.
      for (const e of box.querySelectorAll(`[data-group="${target.dataset.group}"]`)) {
        if (e !== target && sources.includes(e.dataset.trace)) e.classList.add('is-source');
      }
    }
    for (const diagram of root.querySelectorAll('.diagram')) {
      mark(diagram, sources, 'is-source');
      mark(diagram, [target.dataset.trace], 'is-current');
    }

    tip.textContent = full(Number(target.dataset.value));
    tip.hidden = false;
    const r = target.getBoundingClientRect();
    tip.style.left = `${Math.max(4, r.left + window.scrollX + r.width / 2)}px`;
    tip.style.top = `${r.bottom + window.scrollY + 6}px`;
  }

  function hide() {
    clear();
    current = null;
    tip.hidden = true;
  }

  root.addEventListener('pointerover', (e) => {
    const target = e.target instanceof Element ? e.target.closest(NUMBER) : null;
    if (target && root.contains(target) && !target.matches('input')) show(target);
  });
  root.addEventListener('pointerout', (e) => {
    const to = e.relatedTarget instanceof Element ? e.relatedTarget.closest(NUMBER) : null;
    if (!to && current && !current.closest(BOX)?.contains(document.activeElement)) hide();
  });

  const numbersIn = (box) => [...box.querySelectorAll(`.katex-html ${NUMBER}, svg ${NUMBER}`)];

  function step(box, index) {
    const numbers = numbersIn(box);
    if (!numbers.length) return;
    const target = numbers[Math.min(Math.max(index, 0), numbers.length - 1)];
    show(target);
    const from = target.dataset.from ? ', computed from the highlighted numbers' : '';
    const editable = target.dataset.trace?.startsWith('example.') ? ', press Enter to edit' : '';
    live.textContent = `${full(Number(target.dataset.value))}${from}${editable}`;
  }

  root.addEventListener('focusin', (e) => {
    const box = e.target instanceof Element ? e.target.closest(BOX) : null;
    if (box && e.target === box) step(box, Math.max(0, numbersIn(box).indexOf(resume)));
  });
  root.addEventListener('focusout', (e) => {
    if (e.target instanceof Element && e.target.matches(BOX)) hide();
  });
  root.addEventListener('keydown', (e) => {
    const box = e.target instanceof Element ? e.target : null;
    if (!box || !box.matches(BOX)) return;
    const numbers = numbersIn(box);
    const i = current ? numbers.indexOf(current) : -1;
    const moves = {
      ArrowRight: i + 1,
      ArrowDown: i + 1,
      ArrowLeft: i - 1,
      ArrowUp: i - 1,
      Home: 0,
      End: numbers.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      step(box, moves[e.key]);
    } else if (e.key === 'Enter' && current?.dataset.trace?.startsWith('example.')) {
      e.preventDefault();
      edit(current);
    } else if (e.key === 'Escape') hide();
  });

  return {
    /** Focuses the formula or diagram of `target` with `target` as its current number. */
    focusAt(target) {
      resume = target;
      target.closest(BOX)?.focus();
      resume = null;
    },
    /** Re-finds the number being inspected after a re-render, by its path. */
    refresh() {
      if (!current || current.isConnected) return;
      const box = document.activeElement?.closest?.(BOX);
      const again = box?.querySelector(`[data-trace="${CSS.escape(current.dataset.trace)}"]`);
      if (again) show(again);
      else hide();
    },
    hide,
  };
}
