import { effect, type ReadonlySignal } from '@preact/signals';

/**
 * Puts the unread count before the page's title, `(3) Shop`, while the tab is hidden and the count is
 * not 0. The page's own title comes back exactly (the `<title>` text as written, or no `<title>` if
 * there was none); if the page changes its title meanwhile, the count goes before the new one, and the
 * new one is what comes back. Returns the function that stops and restores.
 */
export function showUnreadInTitle(count: ReadonlySignal<number>, doc: Document = document): () => void {
  /** The page's own title text under ours (null: it had no `<title>`), while ours shows. */
  let base: string | null | undefined;
  let ours: string | undefined;
  const element = () => doc.querySelector('title');

  const restore = () => {
    if (ours === undefined) return;
    const current = element();
    if (current?.textContent === ours) {
      if (base === null) current.remove();
      else current.textContent = base ?? '';
    }
    ours = base = undefined;
  };

  const render = (n: number) => {
    if (doc.visibilityState !== 'hidden' || n === 0) return restore();
    const current = element();
    if (ours === undefined || current?.textContent !== ours) base = current ? current.textContent : null;
    ours = `(${n > 99 ? '99+' : n}) ${base ?? ''}`.trim();
    if (current?.textContent !== ours) doc.title = ours;
  };

  const stop = effect(() => render(count.value));
  const refresh = () => render(count.peek());
  doc.addEventListener('visibilitychange', refresh);
  // The page set its own title while ours showed: put the count before the new one.
  const observer = new MutationObserver(() => {
    if (ours !== undefined && element()?.textContent !== ours) refresh();
  });
  observer.observe(doc.head ?? doc.documentElement, { subtree: true, childList: true, characterData: true });
  return () => {
    stop();
    doc.removeEventListener('visibilitychange', refresh);
    observer.disconnect();
    restore();
  };
}
