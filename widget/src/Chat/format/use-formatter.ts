import { signal } from '@preact/signals';

/** Formats a message's text into sanitized HTML. */
export type Formatter = (text: string) => string;

// One per page: every widget shares the loaded module.
const loaded = signal<Formatter | undefined>(undefined);
let requested = false;

/**
 * The formatter once its chunk arrived, else undefined; the first call starts the download, and the
 * signal re-renders the rows that wait for it. A failed download leaves messages as plain text.
 */
export function formatter(): Formatter | undefined {
  if (!requested) {
    requested = true;
    import('./format-message.js').then(
      (module) => {
        loaded.value = module.formatMessage;
      },
      (error: unknown) => console.error('[chat-widget] could not load the message formatter', error),
    );
  }
  return loaded.value;
}
