import type { ChatMessage } from '@org/chat-sdk';

const BODY_MAX = 140;

/**
 * Shows a system notification of `message` (title: the chat's title; body: sender and text), where the
 * visitor granted permission. One per room at a time (`tag`): a newer one replaces it. A click brings
 * the tab forward and calls `onClick`. Browsers that only notify through a service worker (Chrome on
 * Android) throw on `new Notification`: nothing is shown there.
 */
export function showSystemNotification(
  message: ChatMessage,
  title: string,
  onClick: () => void,
  win: Window = window,
): void {
  const Notify = (win as { Notification?: typeof Notification }).Notification;
  if (Notify?.permission !== 'granted') return;
  const text = `${message.sender.name}: ${message.text}`;
  try {
    const shown = new Notify(title, {
      body: text.length > BODY_MAX ? `${text.slice(0, BODY_MAX - 1)}…` : text,
      tag: `org-chat-widget:${message.room}`,
    });
    shown.onclick = () => {
      win.focus();
      onClick();
      shown.close();
    };
  } catch {
    // Only service workers may notify here.
  }
}
