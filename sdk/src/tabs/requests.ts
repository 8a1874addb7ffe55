import type { Tabs } from './tabs.js';

/** Answers requests while this tab leads; may throw an error with a `code`, passed on to the requester. */
export type TabsHandler = (data: unknown, from: string) => unknown;

/** Requests from any tab to the leader of a tabs group. */
export interface TabRequests {
  /**
   * Asks the leader (this tab itself when it leads). Sent again to a new leader after a takeover, so a
   * handler may see a request twice: make it idempotent. Rejects with a TabsError: `timeout`, `closed`,
   * `unhandled` (the leader serves nothing), or the code of the handler's error.
   */
  request(data: unknown, options?: { timeoutMs?: number }): Promise<unknown>;
  /** Sets the handler used while this tab leads; returns the function that removes it. */
  serve(handler: TabsHandler): () => void;
  /** Stops answering and rejects pending requests with `closed`. */
  close(): void;
}

/** An error of the tabs, with a stable `code`. */
export class TabsError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'TabsError';
    this.code = code;
  }
}

type Outcome = { body?: unknown; error?: { code: string; message: string } };

interface Pending {
  data: unknown;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

const REQUEST = 'tabs:req';
const RESPONSE = 'tabs:res';

const failure = (code: string, message: string): Outcome => ({ error: { code, message } });

/**
 * Adds requests to a tabs group, on messages of the topics `tabs:req` and `tabs:res`: the request/answer
 * path a leader-held resource needs (one per group). A request waits while no leader is known, and goes
 * again to each new leader until answered or timed out (default 10 s).
 */
export function tabRequests(tabs: Tabs<unknown, unknown>, { timeoutMs = 10_000 } = {}): TabRequests {
  const pending = new Map<number, Pending>();
  let handler: TabsHandler | undefined;
  let nextId = 1;

  async function answer(data: unknown, from: string): Promise<Outcome> {
    if (!handler) return failure('unhandled', 'the leader tab serves no requests');
    try {
      return { body: await handler(data, from) };
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      return failure(typeof code === 'string' ? code : 'failed', (error as Error)?.message ?? String(error));
    }
  }

  function settle(id: number, outcome: Outcome): void {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    if (outcome.error) entry.reject(new TabsError(outcome.error.code, outcome.error.message));
    else entry.resolve(outcome.body);
  }

  function dispatch(id: number, entry: Pending): void {
    if (tabs.isLeader) void answer(entry.data, tabs.id).then((outcome) => settle(id, outcome));
    else if (tabs.leaderId) tabs.send(tabs.leaderId, { id, data: entry.data }, REQUEST);
  }

  const offs = [
    tabs.on('leader', ({ id }) => {
      if (id) for (const [requestId, entry] of pending) dispatch(requestId, entry);
    }),
    tabs.on('message', ({ from, topic, data }) => {
      const message = data as { id?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
      if (!Number.isSafeInteger(message?.id)) return;
      const id = message.id as number;
      if (topic === REQUEST && tabs.isLeader) {
        void answer(message.data, from).then((outcome) => tabs.send(from, { id, ...outcome }, RESPONSE));
      } else if (topic === RESPONSE) {
        const { error } = message;
        settle(
          id,
          error ? failure(String(error.code), String(error.message)) : { body: (message as Outcome).body },
        );
      }
    }),
  ];

  return {
    request(data, options = {}) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(
          () => settle(id, failure('timeout', 'the leader tab did not answer')),
          options.timeoutMs ?? timeoutMs,
        );
        const entry: Pending = { data, resolve, reject, timer };
        pending.set(id, entry);
        dispatch(id, entry);
      });
    },
    serve(next) {
      handler = next;
      return () => {
        if (handler === next) handler = undefined;
      };
    },
    close() {
      for (const off of offs) off();
      handler = undefined;
      for (const id of [...pending.keys()]) settle(id, failure('closed', 'closed'));
    },
  };
}
