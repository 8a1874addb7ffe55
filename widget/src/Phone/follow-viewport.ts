// Each inline side of the window, and the visual viewport's measure it takes.
const SIDES = [
  ['top', 'offsetTop'],
  ['left', 'offsetLeft'],
  ['width', 'width'],
  ['height', 'height'],
] as const;

/**
 * Keeps `element` (position: fixed) on the visual viewport: the part of the page the visitor sees,
 * which shrinks when the on-screen keyboard opens (iOS, and Android since Chrome 108) while the layout
 * viewport, which `inset: 0` follows, does not. So the composer stays above the keyboard. Returns the
 * function that stops following and clears the inline geometry.
 */
export function followVisualViewport(element: HTMLElement, win: Window = window): () => void {
  const viewport = win.visualViewport;
  if (!viewport) return () => {};
  const apply = () => {
    for (const [side, measure] of SIDES) element.style[side] = `${viewport[measure]}px`;
  };
  apply();
  viewport.addEventListener('resize', apply);
  viewport.addEventListener('scroll', apply);
  return () => {
    viewport.removeEventListener('resize', apply);
    viewport.removeEventListener('scroll', apply);
    for (const [side] of SIDES) element.style[side] = '';
  };
}
