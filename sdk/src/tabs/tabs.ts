import { nanoid } from 'nanoid';
import { Emitter } from '../emitter.js';
import { browserTabsEnvironment, type TabsEnvironment } from './environment.js';
import { type Frame, parseFrame } from './frames.js';

/** How the tabs elect: Web Locks, the channel alone (no Web Locks), or not at all (no channel). */
export type TabsMode = 'locks' | 'channel' | 'solo';

/** Timings of the election, in milliseconds. */
export interface TabsTiming {
  /** How often a follower asks the leader whether it is there. */
  pingMs: number;
  /** A ping unanswered this long means the leader is gone or frozen: another tab takes over. */
  deadAfterMs: number;
  /** How long a candidate waits for objections before leading (channel election only). */
  electionMs: number;
  /** A follower silent this long leaves the leader's member table (channel election only). */
  memberTimeoutMs: number;
}

/** The defaults: a closed, crashed or frozen leader is replaced in about 2 s. */
export const DEFAULT_TABS_TIMING: TabsTiming = {
  pingMs: 500,
  deadAfterMs: 1500,
  electionMs: 200,
  memberTimeoutMs: 5000,
};

/** Options of `createTabs`. */
export interface TabsOptions<State, Message> {
  /** The group: tabs of one origin with the same name coordinate (also the channel's and locks' name). */
  name: string;
  /** This tab's initial state, which the leader sees in `members`. */
  state?: State;
  /**
   * Checks another tab's state (any script of the origin can post on the channel): its parsed value,
   * or undefined to ignore that update. Default: taken as it comes.
   */
  parseState?: (value: unknown) => State | undefined;
  /** Checks an application message (one without a topic) the same way; refused ones are dropped. */
  parseMessage?: (value: unknown) => Message | undefined;
  timing?: Partial<TabsTiming>;
  /** The browser APIs used; tests pass fakes. */
  environment?: TabsEnvironment;
}

/**
 * A message from another tab: an application message (no topic), checked by `parseMessage`, or one on a
 * topic of an add-on (such as `tabRequests`), whose data that add-on checks.
 */
export type TabMessage<Message = unknown> =
  | { from: string; topic: undefined; data: Message }
  | { from: string; topic: string; data: unknown };

/** Events of a tabs group, and what listeners receive. */
export interface TabsEvents<State, Message = unknown> {
  /** The leader changed: its id (undefined while none is known) and whether it is this tab. */
  leader: { id: string | undefined; self: boolean };
  /** Seen by the leader only: every live tab (itself included) and its latest state. */
  members: ReadonlyMap<string, State>;
  /** A message from another tab (`broadcast` or `send`). */
  message: TabMessage<Message>;
}

/** The tabs of one origin that share a name: one leader among them, and a typed message bus. */
export interface Tabs<State = unknown, Message = unknown> {
  /** This tab's id, unique per page load. */
  readonly id: string;
  readonly mode: TabsMode;
  /** Whether this tab leads now. */
  readonly isLeader: boolean;
  /** The leader's id, when known. */
  readonly leaderId: string | undefined;
  /** Live tabs and their states, as the leader knows them (empty in followers). */
  readonly members: ReadonlyMap<string, State>;
  /** Sets this tab's state; the leader sees it in `members` (a follower sends it at once). */
  setState(state: State): void;
  /** Sends an application message (structured-cloneable) to every other tab. */
  broadcast(data: Message): void;
  /** Sends `data` on an add-on's `topic` to every other tab. */
  broadcast(data: unknown, topic: string): void;
  /** Sends an application message to the tab `to`. */
  send(to: string, data: Message): void;
  /** Sends `data` on an add-on's `topic` to the tab `to`. */
  send(to: string, data: unknown, topic: string): void;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof TabsEvents<State, Message>>(
    event: K,
    listener: (payload: TabsEvents<State, Message>[K]) => void,
  ): () => void;
  /** Leaves the group: tells the others and releases leadership. */
  close(): void;
}

interface Member<State> {
  state: State | undefined;
  seen: number;
  /** Locks mode: aborts our wait on the member's own lock. */
  watch?: AbortController;
}

/**
 * Joins the group `name` of this origin's tabs and elects one leader among them: with Web Locks where
 * available (a closed or crashed leader's lock passes to the next tab at once), else over the
 * BroadcastChannel (claims; the higher term, then the lower id, wins). Followers ping the leader; one
 * that stops answering (frozen, or gone without a word) is replaced after `deadAfterMs`, its lock
 * stolen if it holds one. Without BroadcastChannel every tab leads alone.
 */
export function createTabs<State = unknown, Message = unknown>(
  options: TabsOptions<State, Message>,
): Tabs<State, Message> {
  const timing = { ...DEFAULT_TABS_TIMING, ...options.timing };
  const env = options.environment ?? browserTabsEnvironment();
  const { name } = options;
  const id = nanoid(12);
  const events = new Emitter<TabsEvents<State, Message>>();
  const {
    parseState = (value: unknown) => value as State,
    parseMessage = (value: unknown) => value as Message,
  } = options;
  const channel = env.openChannel(name);
  const locks = channel && env.locks;
  let mode: TabsMode = !channel ? 'solo' : locks ? 'locks' : 'channel';
  let state = options.state;
  let leaderId: string | undefined;
  let leading = false;
  /** The highest term heard of; a new leader takes the next one. */
  let term = 0;
  /** When the oldest unanswered ping went out. */
  let pingSentAt: number | undefined;
  let election: { term: number; timer: ReturnType<typeof setTimeout> } | undefined;
  let closed = false;
  const members = new Map<string, Member<State>>();
  /** Locks mode: our queued request for the leader lock, and the release of the held one. */
  let queued: AbortController | undefined;
  let release: (() => void) | undefined;
  const own = new AbortController();

  const post = (frame: Frame) => channel?.postMessage(frame);
  const alive = () => post({ t: 'alive', from: id, term });
  const states = (): ReadonlyMap<string, State> =>
    new Map([...members].map(([key, member]) => [key, member.state as State]));
  const changed = () => events.emit('members', states());

  function setLeader(next: string | undefined): void {
    const was = leading;
    leading = next === id;
    if (next === leaderId && was === leading) return;
    leaderId = next;
    if (was) {
      for (const member of members.values()) member.watch?.abort();
      members.clear();
    }
    if (leading) members.set(id, { state, seen: Date.now() });
    events.emit('leader', { id: next, self: leading });
  }

  function becomeLeader(): void {
    endElection();
    term += 1;
    setLeader(id);
    alive();
  }

  function endElection(): void {
    if (election) clearTimeout(election.timer);
    election = undefined;
    pingSentAt = undefined;
  }

  /** The leader stopped answering: claim leadership over the channel, or steal its lock. */
  function takeOver(): void {
    setLeader(undefined);
    if (mode === 'channel') {
      election = { term: term + 1, timer: setTimeout(becomeLeader, timing.electionMs) };
      post({ t: 'claim', from: id, term: election.term });
      return;
    }
    queued?.abort();
    locks?.request(name, { steal: true }, granted).catch((error) => lost(error));
  }

  function queue(): void {
    if (closed || mode !== 'locks' || !locks) return;
    const controller = new AbortController();
    queued = controller;
    locks.request(name, { signal: controller.signal }, granted).catch((error) => lost(error, controller));
  }

  function granted(): Promise<void> | undefined {
    if (closed) return undefined;
    becomeLeader();
    return new Promise((resolve) => {
      release = resolve;
    });
  }

  function lost(error: unknown, controller?: AbortController): void {
    // Our own abort (we stole instead, or closed) is not news.
    if (closed || controller?.signal.aborted) return;
    if (leading) setLeader(undefined);
    // Stolen by a tab that found us unresponsive: queue for the next turn. Locks refused for another
    // reason (a sandboxed frame, say): elect over the channel instead.
    if ((error as Error)?.name === 'AbortError') queue();
    else mode = 'channel';
  }

  function updateMember(memberId: string, next: State | undefined): void {
    const member = members.get(memberId);
    if (!member) {
      const added: Member<State> = { state: next, seen: Date.now() };
      members.set(memberId, added);
      // Locks mode: the member's own lock is granted to us only once that tab is gone.
      if (mode === 'locks') {
        added.watch = new AbortController();
        locks
          ?.request(`${name}:tab:${memberId}`, { signal: added.watch.signal }, () => removeMember(memberId))
          .catch(() => {});
      }
    } else {
      member.seen = Date.now();
      if (JSON.stringify(member.state) === JSON.stringify(next)) return;
      member.state = next;
    }
    changed();
  }

  function removeMember(memberId: string): void {
    const member = members.get(memberId);
    if (!member || memberId === id) return;
    member.watch?.abort();
    members.delete(memberId);
    changed();
  }

  function receive(frame: Frame): void {
    switch (frame.t) {
      case 'ping':
        if (leading) {
          const checked = frame.state === undefined ? undefined : parseState(frame.state);
          if (frame.state === undefined || checked !== undefined) updateMember(frame.from, checked);
          alive();
        }
        return;
      case 'alive':
        if (leading) {
          // Two leaders (a channel election raced, or a frozen leader woke up): the higher term wins, then
          // the lower id. With locks the lock decides: a thief's alive comes just before our AbortError.
          if (mode === 'locks') return;
          if (frame.term < term || (frame.term === term && frame.from > id)) {
            alive();
            return;
          }
        } else if (frame.from !== leaderId && leaderId && pingSentAt === undefined && frame.term < term) {
          return; // an old leader, woken up, while ours answers
        }
        endElection();
        term = Math.max(term, frame.term);
        setLeader(frame.from);
        return;
      case 'claim':
        if (leading) alive();
        else if (
          election &&
          (frame.term > election.term || (frame.term === election.term && frame.from < id))
        ) {
          endElection();
          pingSentAt = Date.now(); // wait for the winner's alive; elect again if it never comes
        }
        return;
      case 'bye':
        if (leading) removeMember(frame.from);
        else if (frame.from === leaderId) {
          // With locks the next tab in the queue gets the lock by itself; without, elect now.
          if (mode === 'channel') takeOver();
          else {
            setLeader(undefined);
            pingSentAt = Date.now();
          }
        }
        return;
      case 'msg':
        if (frame.topic !== undefined) {
          events.emit('message', { from: frame.from, topic: frame.topic, data: frame.data });
        } else {
          const data = parseMessage(frame.data);
          if (data !== undefined) events.emit('message', { from: frame.from, topic: undefined, data });
        }
    }
  }

  function tick(): void {
    const now = Date.now();
    if (leading) {
      if (mode === 'channel') {
        for (const [memberId, member] of members) {
          if (now - member.seen > timing.memberTimeoutMs) removeMember(memberId);
        }
      }
    } else if (!election) {
      if (pingSentAt !== undefined && now - pingSentAt >= timing.deadAfterMs) takeOver();
      else {
        pingSentAt ??= now;
        post({ t: 'ping', from: id, state });
      }
    }
  }

  let interval: ReturnType<typeof setInterval> | undefined;
  let stopLeave = () => {};
  const start = () => {
    if (closed) return;
    interval = setInterval(tick, timing.pingMs);
    tick();
    queue();
  };
  if (!channel) becomeLeader();
  else {
    channel.onmessage = (event) => {
      const frame = parseFrame(event.data);
      if (!closed && frame && frame.from !== id && (frame.to === undefined || frame.to === id))
        receive(frame);
    };
    stopLeave = env.onLeave(() => post({ t: 'bye', from: id }));
    if (locks) {
      // Hold our own lock for life, so a leader waiting on it learns when this tab is gone; ping only
      // once it is ours, or the leader's wait could be granted first and count us as gone.
      locks
        .request(`${name}:tab:${id}`, { signal: own.signal }, () => {
          start();
          return new Promise((resolve) => own.signal.addEventListener('abort', resolve));
        })
        .catch(() => {});
    } else start();
  }

  return {
    id,
    get mode() {
      return mode;
    },
    get isLeader() {
      return leading;
    },
    get leaderId() {
      return leaderId;
    },
    get members() {
      return states();
    },
    setState(next) {
      state = next;
      if (leading) updateMember(id, next);
      else if (leaderId && !closed) post({ t: 'ping', from: id, state });
    },
    broadcast(data: unknown, topic?: string) {
      post({ t: 'msg', from: id, topic, data });
    },
    send(to: string, data: unknown, topic?: string) {
      post({ t: 'msg', from: id, to, topic, data });
    },
    on: (event, listener) => events.on(event, listener),
    close() {
      if (closed) return;
      post({ t: 'bye', from: id });
      closed = true;
      clearInterval(interval);
      endElection();
      setLeader(undefined);
      queued?.abort();
      release?.();
      own.abort();
      stopLeave();
      channel?.close();
    },
  };
}
