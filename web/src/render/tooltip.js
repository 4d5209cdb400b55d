// Full precision on demand. Every number carries data-value; pointing at it
// shows the value to the last digit, and a keyboard user who focuses a
// formula steps through its numbers with the arrow keys (Home/End for the
// first and last), each shown the same way and announced politely.

const SELECTOR = '[data-value]';

/**
 * @param {HTMLElement} root the walkthrough
 * @param {HTMLElement} tip a positioned element for the value
 * @param {HTMLElement} live a polite live region
 * @param {(v: number) => string} full formats a value to full precision
 */
export function installTooltips(root, tip, live, full) {
  let current = null;

  function show(target) {
    if (current) current.classList.remove('is-current');
    current = target;
    target.classList.add('is-current');
    tip.textContent = full(Number(target.dataset.value));
    tip.hidden = false;
    const r = target.getBoundingClientRect();
    const host = tip.offsetParent?.getBoundingClientRect() ?? { left: 0, top: 0 };
    tip.style.left = `${Math.max(4, r.left - host.left + r.width / 2)}px`;
    tip.style.top = `${r.bottom - host.top + 6}px`;
  }

  function hide() {
    if (current) current.classList.remove('is-current');
    current = null;
    tip.hidden = true;
  }

  root.addEventListener('pointerover', (e) => {
    const target = e.target instanceof Element ? e.target.closest(SELECTOR) : null;
    if (target && root.contains(target)) show(target);
  });
  root.addEventListener('pointerout', (e) => {
    const to = e.relatedTarget instanceof Element ? e.relatedTarget.closest(SELECTOR) : null;
    if (!to) hide();
  });

  const numbersIn = (box) => [...box.querySelectorAll(`.katex-html ${SELECTOR}, svg ${SELECTOR}`)];

  function step(box, index) {
    const numbers = numbersIn(box);
    if (!numbers.length) return;
    const target = numbers[Math.min(Math.max(index, 0), numbers.length - 1)];
    show(target);
    live.textContent = full(Number(target.dataset.value));
  }

  root.addEventListener('focusin', (e) => {
    const box = e.target instanceof Element ? e.target.closest('.formula, .diagram') : null;
    if (box && e.target === box) step(box, 0);
  });
  root.addEventListener('focusout', hide);
  root.addEventListener('keydown', (e) => {
    const box = e.target instanceof Element ? e.target : null;
    if (!box || !box.matches('.formula, .diagram')) return;
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
    } else if (e.key === 'Escape') hide();
  });
}
