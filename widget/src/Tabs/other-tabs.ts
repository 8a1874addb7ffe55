/** How long a page waits for its other tabs to answer before it connects on its own. */
export const FIND_TABS_MS = 100;

/**
 * Looks for the visitor's other tabs of this origin that run the chat window of `room`: each window
 * says hello on a BroadcastChannel and answers others' hellos, and `found` runs (once) as soon as
 * another answers, now or later. A visitor with one tab never downloads the code for several. Returns
 * the function that stops listening, and a promise settled once `found` is done or nobody answered
 * within FIND_TABS_MS: a tab connects after it, so that it shares another tab's connection.
 */
export function watchOtherTabs(room: string, found: () => Promise<unknown>): [() => void, Promise<unknown>] {
  // Set at once by the promise's executor.
  let answered!: (value?: unknown) => void;
  const looked = new Promise((resolve) => {
    answered = resolve;
    setTimeout(resolve, FIND_TABS_MS);
  });
  if (typeof BroadcastChannel !== 'function') return [() => {}, looked];
  const channel = new BroadcastChannel(`org-chat-widget:${room}:hello`);
  let seen = false;
  channel.onmessage = ({ data }: MessageEvent) => {
    if (data === 'hello') channel.postMessage('here');
    else if (data !== 'here') return;
    if (!seen) found().then(answered, answered);
    seen = true;
  };
  channel.postMessage('hello');
  return [() => channel.close(), looked];
}
