/**
 * Makes the browser's Back button close the window: adds one history entry (same URL, the page's own
 * state kept under ours) and calls `close` when the visitor goes back past it. Returns the function to
 * call when the window closes another way: it takes the entry off again, so the page's history is as
 * it was. A page that navigated meanwhile (its own pushState) keeps its entries; ours is left then.
 */
export function backCloses(close: () => void, win: Window = window): () => void {
  const { history } = win;
  const marker = `org-chat-${Math.random().toString(36).slice(2)}`;
  const pageState = history.state as unknown;
  history.pushState({ ...(typeof pageState === 'object' ? pageState : {}), orgChat: marker }, '');
  const ours = () => (history.state as { orgChat?: string } | null)?.orgChat === marker;
  const onPop = () => {
    if (ours()) return;
    win.removeEventListener('popstate', onPop);
    close();
  };
  win.addEventListener('popstate', onPop);
  return () => {
    win.removeEventListener('popstate', onPop);
    if (ours()) history.back();
  };
}
