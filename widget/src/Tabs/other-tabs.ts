/** How long a page waits for its other tabs to answer before it connects on its own. */
export const FIND_TABS_MS = 100;

/**
 * Looks for the visitor's other tabs of this origin that run the chat window of `room`: each window
 * says hello on a BroadcastChannel and answers others' hellos, and `found` runs (once) as soon as
 * another answers, now or later. A visitor with one tab never downloads the code for several. Returns
 * the function that stops listening, and a promise settled once `found` is done, or once FIND_TABS_MS
 * passed without an answer: a tab connects after it, so that it shares another tab's connection
 * rather than opening one it would have to close again.
 */
export function watchOtherTabs(room: string, found: () => Promise<unknown>): [() => void, Promise<unknown>] {
  let seen = false;
  // Set at once by the promise's executor.
  let answered!: (value?: unknown) => void;
  const looked = new Promise((resolve) => {
    answered = resolve;
    setTimeout(() => seen || resolve(0), FIND_TABS_MS);
  });
  if (typeof BroadcastChannel !== 'function') return [() => {}, looked];
  const channel = new BroadcastChannel(`org-chat-widget:${room}:hello`);
  channel.onmessage = ({ data }: MessageEvent) => {
    if (data === 'hello') channel.postMessage('here');
    else if (data !== 'here') return;
    if (!seen) found().then(answered, answered);
    seen = true;
  };
  channel.postMessage('hello');
  return [() => channel.close(), looked];
}
