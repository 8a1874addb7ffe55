// A lazy chunk, loaded only once a second tab with the chat window shows up (see other-tabs.ts): the
// coordination of the tabs' unread counts and notifications, and one WebSocket for all of them.
import type { ChatMessage } from '@org/chat-sdk';
import { createTabs, DEFAULT_TABS_TIMING, sharedWebSocket } from '@org/chat-sdk/tabs';
import type { Coordinator, TabState } from './coordinator.js';
import type { TabSockets } from './tab-socket.js';

const SOUND = 'sound';
// Clicks and keys come in bursts; the other tabs only need to know roughly when the visitor was here.
const GESTURE_REPORT_MS = 2000;
// A follower keeps what it did not decide about this long: about the longest a takeover takes, so the
// messages a frozen leader never counted are counted by the tab that replaces it.
const KEEP_MS = 2 * (DEFAULT_TABS_TIMING.deadAfterMs + DEFAULT_TABS_TIMING.pingMs);

/** What a tab tells the others: its state, and when the visitor last clicked or typed in it. */
interface Member extends TabState {
  /** Ms since the epoch, 0 if never: a tab with a gesture may play audio. */
  gesture: number;
}

/** A member's state as another tab reported it: checked, since any script of the origin can post. */
function stateOf(value: unknown): Member {
  const state = value as Partial<Member> | undefined;
  return {
    visible: state?.visible === true,
    looking: state?.looking === true,
    gesture: Number.isFinite(state?.gesture) ? (state?.gesture as number) : 0,
  };
}

/**
 * The coordinator of several tabs, on `@org/chat-sdk/tabs`: one leader among the tabs in `room` counts
 * unread messages and notifies, knowing from every tab's reports whether the visitor sees the window
 * somewhere; the sound plays in the tab the visitor clicked or typed in last. A tab that takes over
 * hands the messages of the last seconds back to `replay` (counting is idempotent per message).
 */
export function tabsCoordinator(
  room: string,
  playSound: () => void,
  replay: (message: ChatMessage) => void,
): Coordinator {
  let kept: Array<{ message: ChatMessage; at: number }> = [];
  // A page clicked before this chunk loaded counts as clicked long ago.
  const active = (navigator as { userActivation?: { hasBeenActive: boolean } }).userActivation?.hasBeenActive;
  let own: Member = { visible: false, looking: false, gesture: active ? 1 : 0 };
  const tabs = createTabs<Member, never>({
    name: `org-chat-widget:${room}`,
    state: own,
    parseState: stateOf,
    parseMessage: () => undefined, // none: the sound goes on a topic of its own
  });
  const onGesture = () => {
    if (Date.now() - own.gesture < GESTURE_REPORT_MS) return;
    own = { ...own, gesture: Date.now() };
    tabs.setState(own);
  };
  addEventListener('pointerdown', onGesture, true);
  addEventListener('keydown', onGesture, true);
  const others = () => [...tabs.members].filter(([id]) => id !== tabs.id).map(([, state]) => stateOf(state));
  const offs = [
    tabs.on('message', ({ topic }) => {
      if (topic === SOUND) playSound();
    }),
    tabs.on('leader', ({ self }) => {
      if (!self) return;
      const recent = kept.filter(({ at }) => Date.now() - at < KEEP_MS);
      kept = [];
      for (const { message } of recent) replay(message);
    }),
  ];
  const decides = () => tabs.isLeader || tabs.leaderId === undefined;
  return {
    decides(message) {
      if (decides()) return true;
      kept = [...kept.filter(({ at }) => Date.now() - at < KEEP_MS), { message, at: Date.now() }];
      return false;
    },
    othersLooking: () => others().some((state) => state.looking),
    anyVisible: () => own.visible || others().some((state) => state.visible),
    sound() {
      let best = tabs.id;
      let latest = own.gesture;
      for (const [id, { gesture }] of tabs.members) if (gesture > latest) [best, latest] = [id, gesture];
      if (best === tabs.id) playSound();
      else tabs.send(best, null, SOUND);
    },
    report(state) {
      own = { ...own, ...state };
      tabs.setState(own);
    },
    close() {
      for (const off of offs) off();
      removeEventListener('pointerdown', onGesture, true);
      removeEventListener('keydown', onGesture, true);
      tabs.close();
    },
  };
}

/**
 * Shares one WebSocket among the visitor's tabs from now on, unless the page opted out with
 * `shareConnection: false` (or the `data-share-connection="false"` attribute's string).
 */
export function shareSockets(sockets: TabSockets, option: boolean | string | undefined): void {
  if (String(option) !== 'false') sockets.share(sharedWebSocket());
}
