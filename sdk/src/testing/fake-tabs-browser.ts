import type { TabChannel, TabLocks, TabsEnvironment } from '../tabs/environment.js';

interface LockEntry {
  tab: string;
  callback: () => unknown;
  resolve(value: unknown): void;
  reject(error: Error): void;
  signal?: AbortSignal;
}

const abortError = () => Object.assign(new Error('aborted'), { name: 'AbortError' });

/**
 * One fake browser profile for unit tests of the tabs: BroadcastChannels and a Web Locks manager
 * shared by the "tabs" made with `tab()`, with the failures real tabs have: closed without a word
 * (`crash`: locks released, nothing sent), frozen (`freeze`: nothing delivered to it until `thaw`).
 * Delivery is asynchronous (a microtask), as a real channel's is.
 */
export class FakeTabsBrowser {
  readonly #channels = new Set<{ name: string; tab: string; channel: TabChannel }>();
  readonly #held = new Map<string, LockEntry>();
  readonly #queues = new Map<string, LockEntry[]>();
  readonly #frozen = new Map<string, Array<() => void>>();
  readonly #leave = new Map<string, Set<() => void>>();
  readonly #crashed = new Set<string>();
  /** Every frame posted, oldest first (for assertions on traffic). */
  readonly posted: Array<{ tab: string; data: unknown }> = [];

  /** The environment of a new tab named `tab`; `locks: false` for a browser without Web Locks. */
  tab(tab: string, { locks = true }: { locks?: boolean } = {}): TabsEnvironment {
    return {
      openChannel: (name) => this.#open(name, tab),
      locks: locks ? this.#locks(tab) : undefined,
      onLeave: (listener) => {
        const set = this.#leave.get(tab) ?? new Set();
        this.#leave.set(tab, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    };
  }

  /** Posts raw `data` on channel `name` as if from another script of the origin. */
  inject(name: string, data: unknown): void {
    for (const entry of this.#channels) if (entry.name === name) this.#deliver(entry, data);
  }

  /** The tab is left normally: `pagehide` listeners run (the page's own close runs separately). */
  leave(tab: string): void {
    for (const listener of this.#leave.get(tab) ?? []) listener();
  }

  /** The tab's process dies: its locks go, its channels stop, and it never says a word again. */
  crash(tab: string): void {
    for (const entry of [...this.#channels]) if (entry.tab === tab) this.#channels.delete(entry);
    for (const [name, queue] of this.#queues) {
      this.#queues.set(
        name,
        queue.filter((entry) => entry.tab !== tab),
      );
    }
    for (const [name, entry] of [...this.#held]) {
      if (entry.tab === tab) {
        this.#held.delete(name);
        this.#grantNext(name);
      }
    }
    this.#frozen.set(tab, []); // nothing reaches it any more
    this.#crashed.add(tab);
  }

  /** The tab stops running: frames to it wait until `thaw`; it keeps its locks. */
  freeze(tab: string): void {
    if (!this.#frozen.has(tab)) this.#frozen.set(tab, []);
  }

  /** Delivers what the frozen tab missed, in order, and lets it run again. */
  thaw(tab: string): void {
    const missed = this.#frozen.get(tab) ?? [];
    this.#frozen.delete(tab);
    for (const run of missed) run();
  }

  /** Who holds lock `name`, if anyone. */
  holder(name: string): string | undefined {
    return this.#held.get(name)?.tab;
  }

  #open(name: string, tab: string): TabChannel {
    const channel: TabChannel = {
      onmessage: null,
      postMessage: (data) => {
        if (this.#frozen.has(tab)) return;
        this.posted.push({ tab, data });
        for (const entry of this.#channels) {
          if (entry.name === name && entry.channel !== channel) this.#deliver(entry, data);
        }
      },
      close: () => {
        for (const entry of this.#channels) if (entry.channel === channel) this.#channels.delete(entry);
      },
    };
    this.#channels.add({ name, tab, channel });
    return channel;
  }

  #deliver(entry: { tab: string; channel: TabChannel }, data: unknown): void {
    const copy = structuredClone(data);
    queueMicrotask(() => this.#whenRunning(entry.tab, () => entry.channel.onmessage?.({ data: copy })));
  }

  #locks(tab: string): TabLocks {
    return {
      request: (name, options, callback) =>
        new Promise((resolve, reject) => {
          // A dead tab's code asks for nothing; a frozen one's asks only once it runs again.
          if (this.#crashed.has(tab)) return;
          const frozen = this.#frozen.get(tab);
          if (frozen) {
            frozen.push(() => {
              this.#locks(tab).request(name, options, callback).then(resolve, reject);
            });
            return;
          }
          const entry: LockEntry = { tab, callback, resolve, reject, signal: options.signal };
          if (options.signal?.aborted) return reject(abortError());
          if (options.steal) {
            const holder = this.#held.get(name);
            this.#held.delete(name);
            if (holder) this.#whenRunning(holder.tab, () => holder.reject(abortError()));
            this.#grant(name, entry);
            return;
          }
          if (!this.#held.has(name)) return this.#grant(name, entry);
          const queue = this.#queues.get(name) ?? [];
          this.#queues.set(name, queue);
          queue.push(entry);
          options.signal?.addEventListener('abort', () => {
            const index = queue.indexOf(entry);
            if (index >= 0) {
              queue.splice(index, 1);
              reject(abortError());
            }
          });
        }),
    };
  }

  /** Runs `run` now, or once the frozen `tab` thaws (never, for a crashed one). */
  #whenRunning(tab: string, run: () => void): void {
    const missed = this.#frozen.get(tab);
    if (missed) missed.push(run);
    else run();
  }

  #grant(name: string, entry: LockEntry): void {
    this.#held.set(name, entry);
    queueMicrotask(() => {
      this.#whenRunning(entry.tab, () => this.#run(name, entry));
    });
  }

  #run(name: string, entry: LockEntry): void {
    Promise.resolve()
      .then(entry.callback)
      .then(
        (value) => this.#released(name, entry, () => entry.resolve(value)),
        (error) => this.#released(name, entry, () => entry.reject(error)),
      );
  }

  #released(name: string, entry: LockEntry, settle: () => void): void {
    if (this.#held.get(name) === entry) {
      this.#held.delete(name);
      this.#grantNext(name);
    }
    settle();
  }

  #grantNext(name: string): void {
    const next = this.#queues.get(name)?.shift();
    if (next) this.#grant(name, next);
  }
}
