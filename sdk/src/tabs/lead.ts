import type { Tabs } from './tabs.js';

/**
 * Runs `start` whenever this tab becomes the leader (at once if it leads already); the function it
 * returns runs when leadership ends (taken over, or the group closed). The place for a resource one tab
 * holds for all, such as a WebSocket. Returns the function that stops watching (and stops the resource).
 */
export function lead(tabs: Tabs<unknown>, start: () => (() => void) | undefined): () => void {
  let stop: (() => void) | undefined;
  let running = false;
  const follow = (self: boolean) => {
    if (self === running) return;
    running = self;
    if (self) stop = start();
    else {
      const ending = stop;
      stop = undefined;
      ending?.();
    }
  };
  const off = tabs.on('leader', ({ self }) => follow(self));
  follow(tabs.isLeader);
  return () => {
    off();
    follow(false);
  };
}
