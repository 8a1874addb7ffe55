import { lazy } from '../../Common/lazy.js';

/** Formats a message's text into sanitized HTML. */
export type Formatter = (text: string) => string;

const formatMessage = lazy(() => import('./format-message.js'));

/**
 * The formatter once its chunk arrived, else undefined; the first call starts the download, and the
 * rows that wait for it re-render when it arrives. A failed download leaves messages as plain text
 * (and is tried again by the next message that needs it).
 */
export function formatter(): Formatter | undefined {
  return formatMessage.get()?.formatMessage;
}
