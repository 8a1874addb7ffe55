/**
 * Calls `found` (once) as soon as another tab of this origin runs the chat window of `room`, now or
 * later: each window says hello on a BroadcastChannel and answers others' hellos. A visitor with one tab
 * never downloads the coordination of several. Returns the function that stops listening.
 */
export function watchOtherTabs(room: string, found: () => void): () => void {
  if (typeof BroadcastChannel !== 'function') return () => {};
  const channel = new BroadcastChannel(`org-chat-widget:${room}:hello`);
  let seen = false;
  channel.onmessage = (event: MessageEvent) => {
    if (event.data === 'hello') channel.postMessage('here');
    if (event.data !== 'hello' && event.data !== 'here') return;
    if (!seen) found();
    seen = true;
  };
  channel.postMessage('hello');
  return () => channel.close();
}
