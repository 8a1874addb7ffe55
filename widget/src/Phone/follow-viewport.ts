const SIDES = ['top', 'left', 'width', 'height'] as const;

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
    const { offsetTop, offsetLeft, width, height } = viewport;
    for (const [side, value] of [
      ['top', offsetTop],
      ['left', offsetLeft],
      ['width', width],
      ['height', height],
    ] as const) {
      element.style[side] = `${value}px`;
    }
  };
  apply();
  viewport.addEventListener('resize', apply);
  viewport.addEventListener('scroll', apply);
  return () => {
    viewport.removeEventListener('resize', apply);
    viewport.removeEventListener('scroll', apply);
    for (const side of SIDES) element.style[side] = '';
  };
}
