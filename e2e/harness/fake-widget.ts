// A harness page's script: the real widget (launcher, window, store, rendering) on a fake client.
// `window.harness.start(options)` mounts it; the returned fake drives messages and connection states.
import { mountChatWindow } from '../../widget/src/Chat/mount-window.js';
import { embedChat } from '../../widget/src/Launcher/embed.js';
import type { ChatWidgetOptions } from '../../widget/src/types.js';
import { createFake, type FakeOptions, fakeMessage } from './fake-client.js';

/** What a test passes to `harness.start`: the fake's options plus the widget's. */
export interface HarnessOptions extends Partial<ChatWidgetOptions> {
  fake: Omit<FakeOptions, 'stored'> & { count: number; others: FakeOptions['me'][] };
}

function start({ fake, ...options }: HarnessOptions) {
  const stored = Array.from({ length: fake.count }, (_, index) =>
    fakeMessage(index, fake.others[index % fake.others.length] ?? fake.me, `Message number ${index}`),
  );
  const driver = createFake({ ...fake, stored });
  const widget = embedChat(
    document.body,
    {
      wsUrl: 'ws://fake.invalid',
      httpUrl: 'http://fake.invalid',
      identity: { name: fake.me.name },
      ...options,
    },
    async () => ({
      mountChatWindow: (root, windowOptions) =>
        mountChatWindow(root, { ...windowOptions, createClient: () => driver.client }),
    }),
  );
  return { widget, driver };
}

Object.assign(window, { harness: { start } });
