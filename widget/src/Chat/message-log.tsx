import type { ChatMessage } from '@org/chat-sdk';
import { useSignal } from '@preact/signals';
import type { ComponentChild } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { fill } from '../Common/i18n/strings.js';
import type { ChatStore } from './chat-store.js';
import { dayLabel, dayOf } from './day-label.js';
import { MessageRow } from './message-row.js';
import { PendingRow } from './pending-row.js';

/** Props of MessageLog. */
export interface MessageLogProps {
  /** The messages, the outbox, the visitor, paging, and the rows' actions. */
  store: ChatStore;
  title: string;
  locale: string;
  formatting: boolean;
  /** Whether the window is shown: a hidden log cannot be scrolled. */
  visible: boolean;
}

// Within this many pixels of the bottom, the reader is following along and new messages scroll in.
const FOLLOW_SLACK_PX = 48;
// A long log renders its newest RENDER_PAGE messages, and RENDER_PAGE more (from memory first, then
// from the server) whenever the reader reaches the top. While the reader follows the bottom, rows
// past RENDER_MAX are dropped from the top: the DOM stays small however long the chat runs, so an
// append lays out a few hundred rows at most, not thousands.
const RENDER_PAGE = 100;
const RENDER_MAX = 300;

/** The index of the first message at position `seq` or later (messages are sorted by position). */
function indexOf(messages: readonly ChatMessage[], seq: number): number {
  let low = 0;
  let high = messages.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((messages[middle] as ChatMessage).seq < seq) low = middle + 1;
    else high = middle;
  }
  return low;
}
// A new sender line after this long a pause, even from the same sender.
const GROUP_GAP_MS = 5 * 60_000;

/**
 * The live message log: day separators, sender names where the sender changes, own messages set
 * apart, pending ones last. Stays at the newest message unless the reader scrolled up; renders older
 * messages (from memory, then from the server) when the top comes into view, keeping the reader's place.
 */
export function MessageLog({ store, title, locale, formatting, visible }: MessageLogProps) {
  const { strings } = store;
  const messages = store.messages.value;
  const outbox = store.outbox.value;
  const hasMore = store.hasMore.value;
  const loadingOlder = store.loadingOlder.value;
  const userId = store.user.value?.id;
  const ref = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLLIElement>(null);
  const following = useRef(true);
  const firstSeq = useRef<number | undefined>(undefined);
  const anchor = useRef<number | undefined>(undefined);
  const heightBefore = useRef(0);
  // Bumped to render older rows kept in memory (read here, so a bump renders the log again).
  const reveals = useSignal(0);
  reveals.value;
  const time = useMemo(
    () => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
    [locale],
  );

  // The rendered window: from the anchored message (the first rendered) to the newest.
  let start =
    anchor.current !== undefined
      ? indexOf(messages, anchor.current)
      : Math.max(0, messages.length - RENDER_PAGE);
  if (following.current && messages.length - start > RENDER_MAX) start = messages.length - RENDER_PAGE;
  anchor.current = messages[start]?.seq;
  const olderInMemory = start > 0;

  // Older messages were put on top: note the height before the DOM changes, to keep the reader's place.
  const first = anchor.current;
  const prepended = firstSeq.current !== undefined && first !== undefined && first < firstSeq.current;
  if (prepended && ref.current) heightBefore.current = ref.current.scrollHeight;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each new list (or on show); `prepended` and `first` are read from that same render.
  useLayoutEffect(() => {
    const log = ref.current;
    const wasPrepend = prepended;
    firstSeq.current = first;
    if (!log || !visible) return;
    if (wasPrepend) log.scrollTop += log.scrollHeight - heightBefore.current;
    else if (following.current) log.scrollTop = log.scrollHeight;
  }, [messages, visible, first]);

  // Sending one's own message always brings the newest into view.
  const pending = outbox.length;
  const pendingBefore = useRef(pending);
  useLayoutEffect(() => {
    const log = ref.current;
    if (log && pending > pendingBefore.current) {
      following.current = true;
      log.scrollTop = log.scrollHeight;
    }
    pendingBefore.current = pending;
  }, [pending]);

  // The log shrinks when the composer grows a line, the typing indicator appears or the on-screen
  // keyboard opens, and its rows grow when they wrap anew (a narrower screen, rows laid out late by
  // content-visibility): a reader who follows the bottom keeps the newest message in view instead of
  // having it slide away.
  const resized = useRef<ResizeObserver | undefined>(undefined);
  useEffect(() => {
    const log = ref.current;
    if (!log || typeof ResizeObserver === 'undefined') return;
    resized.current = new ResizeObserver(() => {
      if (following.current) log.scrollTop = log.scrollHeight;
    });
    resized.current.observe(log);
    return () => resized.current?.disconnect();
  }, []);
  // The list inside is a new element after the empty state: observing it again is a no-op otherwise.
  useEffect(() => {
    const list = ref.current?.firstElementChild;
    if (list) resized.current?.observe(list);
  });

  const showOlder = () => {
    if (olderInMemory) {
      anchor.current = messages[Math.max(0, start - RENDER_PAGE)]?.seq;
      reveals.value++;
    } else if (hasMore) store.loadOlder();
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new observer after each page (`first` changed), so a top still in view loads the next one; the callback is the store's stable action.
  useEffect(() => {
    const log = ref.current;
    const sentinel = top.current;
    if (!log || !sentinel || !visible || !(olderInMemory || hasMore) || loadingOlder) return;
    // Re-created after each page, so a top still in view after a short page loads the next one.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) showOlder();
      },
      { root: log, rootMargin: '200px 0px 0px 0px' },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [first, visible, hasMore, loadingOlder, olderInMemory]);

  // Following ends only when the reader scrolls up. Rows that grow under the reader (re-wrapped on a
  // narrower screen, laid out late by content-visibility) move the bottom away without anyone
  // scrolling: the resize observer above then brings the newest message back.
  const lastTop = useRef(0);
  const onScroll = () => {
    const log = ref.current;
    if (!log) return;
    if (log.scrollHeight - log.scrollTop - log.clientHeight < FOLLOW_SLACK_PX) following.current = true;
    else if (log.scrollTop < lastTop.current) following.current = false;
    lastTop.current = log.scrollTop;
  };

  const rows: ComponentChild[] = [];
  const now = Date.now();
  let previous: ChatMessage | undefined;
  let previousDay = -1;
  for (let index = start; index < messages.length; index++) {
    const message = messages[index] as ChatMessage;
    const day = dayOf(message.ts);
    if (day !== previousDay) {
      rows.push(
        <li key={`day-${day}`} class="row pt-2 text-center text-xs font-medium text-muted">
          {dayLabel(day, now, strings, locale)}
        </li>,
      );
    }
    const own = message.sender.id === userId;
    const grouped =
      previous !== undefined &&
      day === previousDay &&
      previous.sender.id === message.sender.id &&
      message.ts - previous.ts < GROUP_GAP_MS;
    rows.push(
      <MessageRow
        key={message.id}
        message={message}
        own={own}
        showSender={!grouped}
        store={store}
        formatting={formatting}
        time={time}
      />,
    );
    previous = message;
    previousDay = day;
  }
  for (const item of outbox) {
    rows.push(<PendingRow key={`out-${item.clientId}`} item={item} store={store} formatting={formatting} />);
  }

  return (
    <div
      ref={ref}
      role="log"
      aria-live="polite"
      aria-label={fill(strings.logLabel, { title })}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users must reach a scrollable region to scroll it.
      tabIndex={0}
      onScroll={onScroll}
      class="log flex-1 overflow-y-auto px-4 py-3 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent"
    >
      {rows.length === 0 ? (
        <p class="py-8 text-center text-sm text-muted">{strings.empty}</p>
      ) : (
        <ol class="flex flex-col gap-1.5">
          <li ref={top} class="text-center text-xs text-muted">
            {olderInMemory || hasMore ? (
              <button
                type="button"
                disabled={loadingOlder}
                onClick={showOlder}
                class="rounded px-2 py-1 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-accent disabled:no-underline"
              >
                {loadingOlder ? strings.loadingOlder : strings.loadOlder}
              </button>
            ) : (
              strings.beginning
            )}
          </li>
          {rows}
        </ol>
      )}
    </div>
  );
}
