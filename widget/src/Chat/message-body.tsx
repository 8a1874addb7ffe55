import { needsFormat } from './format/needs-format.js';
import { type Formatter, formatter } from './format/use-formatter.js';

/** Props of MessageBody. */
export interface MessageBodyProps {
  text: string;
  /** Whether light formatting is on (the `formatting` option). */
  formatting: boolean;
  class: string;
}

// Formatting is pure, and a re-mounted row (a reload of history, a log re-render) reuses the result.
const cache = new Map<string, string>();
const CACHE_LIMIT = 500;

function formatted(format: Formatter, text: string): string {
  let html = cache.get(text);
  if (html === undefined) {
    html = format(text);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(text, html);
  }
  return html;
}

/**
 * A message's text. Plain text by default: a JSX text child, which Preact renders as text, never as
 * HTML. With formatting on and markup in sight, the sanitized HTML of the lazily loaded formatter.
 */
export function MessageBody({ text, formatting, class: className }: MessageBodyProps) {
  const format = formatting && needsFormat(text) ? formatter() : undefined;
  if (!format) return <p class={className}>{text}</p>;
  // biome-ignore lint/security/noDangerouslySetInnerHtml: DOMPurify's output with a four-tag allow-list (format-message.ts), never the raw text.
  return <p class={`body ${className}`} dangerouslySetInnerHTML={{ __html: formatted(format, text) }} />;
}
