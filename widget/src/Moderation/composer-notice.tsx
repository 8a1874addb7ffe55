import type { ChatMessage, OutgoingMessage } from '@org/chat-sdk';
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { ChatStore } from '../Chat/chat-store.js';
import { fill } from '../Common/i18n/strings.js';
import { moderates } from './message-tools.js';
import { moderationStrings } from './moderation-strings.js';
import { mutedText, secondsOf } from './refusal.js';

/** Props of ComposerNotice. */
export interface ComposerNoticeProps {
  store: ChatStore;
}

/**
 * When slow mode lets the visitor's next message through: an interval after their last message (by
 * its server time, never later than an interval from `now`), or when the server said so refusing one
 * (noted in `refusedUntil` by client id, from when it was first seen).
 */
export function slowModeEnds(
  userId: string | undefined,
  messages: readonly ChatMessage[],
  outbox: readonly OutgoingMessage[],
  seconds: number,
  refusedUntil: Map<string, number>,
  now = Date.now(),
): number {
  let last = 0;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index] as ChatMessage;
    if (message.sender.id === userId) {
      last = Math.min(message.ts, now) + seconds * 1000;
      break;
    }
  }
  for (const item of outbox) {
    const wait = item.error?.code === 'slow_mode' ? item.error.retryAfterMs : undefined;
    if (wait !== undefined && !refusedUntil.has(item.clientId)) refusedUntil.set(item.clientId, now + wait);
  }
  return Math.max(last, ...refusedUntil.values());
}

/**
 * Above the message box: "You are muted until 14:05…" while the visitor is muted, or slow mode's
 * interval, counting down after each message ("Slow mode: wait 8 s"); nothing otherwise. Screen
 * readers hear a wait once, when it starts, not every second.
 */
export function ComposerNotice({ store }: ComposerNoticeProps) {
  const strings = moderationStrings(store.strings);
  const room = store.room();
  const info = room?.info;
  const clock = useSignal(Date.now());
  const now = clock.value;
  // `info` changes with each moderation notice (a mute, slow mode…): look again then.
  useEffect(
    () =>
      room?.on('moderation', () => {
        clock.value = Date.now();
      }),
    [room, clock],
  );
  const refusedUntil = useRef(new Map<string, number>()).current;
  const muted = info?.muted && (!info.muted.until || info.muted.until > now) ? info.muted : undefined;
  const seconds = moderates(info?.role) ? 0 : (info?.slowModeSeconds ?? 0);
  const ends = seconds
    ? slowModeEnds(store.user.value?.id, store.messages.value, store.outbox.value, seconds, refusedUntil)
    : 0;
  const waiting = !muted && ends > now;
  const wake = muted ? muted.until : waiting ? now + Math.min(1000, ends - now) : undefined;
  useEffect(() => {
    if (!wake) return;
    // Timers take at most 2^31 - 1 ms: a mute of weeks wakes up now and then to look again.
    const timer = setTimeout(
      () => {
        clock.value = Date.now();
      },
      Math.min(wake - Date.now(), 2 ** 30),
    );
    return () => clearTimeout(timer);
  }, [wake, clock]);
  // Said once as a wait starts; the countdown is for the eye.
  const startedWith = useRef({ ends: 0, text: '' }).current;
  if (waiting && startedWith.ends !== ends) {
    startedWith.ends = ends;
    startedWith.text = fill(strings.slowModeWait, { n: secondsOf(ends - now) });
  }

  if (!muted && !seconds) return null;
  const text = muted
    ? mutedText(strings, muted)
    : fill(waiting ? strings.slowModeWait : strings.slowMode, {
        n: waiting ? secondsOf(ends - now) : seconds,
      });
  return (
    <p class="mb-2 rounded bg-notice px-2 py-1 text-xs text-on-notice">
      <span aria-hidden="true">{text}</span>
      <span role="status" class="sr-only">
        {waiting ? startedWith.text : text}
      </span>
    </p>
  );
}
