/**
 * Stops the page behind a full-screen window from scrolling: `overflow: hidden` and
 * `overscroll-behavior: none` on `<html>` (important, so page rules cannot undo it), which holds the
 * viewport still in current browsers (iOS Safari since 16) without moving anything. `<body>` is left
 * alone: hidden overflow there would make it a formatting context of its own, shifting the page's
 * margins. Returns the function that puts back exactly the inline values the page had, so its own
 * styles and scroll position come through untouched.
 */
export function lockPageScroll(doc: Document = document): () => void {
  const { style } = doc.documentElement;
  const saved = ['overflow', 'overscroll-behavior'].map((name) => {
    const entry = { name, value: style.getPropertyValue(name), priority: style.getPropertyPriority(name) };
    style.setProperty(name, name === 'overflow' ? 'hidden' : 'none', 'important');
    return entry;
  });
  return () => {
    for (const { name, value, priority } of saved) {
      if (value) style.setProperty(name, value, priority);
      else style.removeProperty(name);
    }
  };
}
