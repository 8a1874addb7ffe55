import type { ChatWidgetOptions } from '../types.js';

/**
 * Reads the widget's options from its script tag's `data-*` attributes: `data-ws-url`, `data-room`,
 * `data-accent-color` and every other string option by its name; `data-formatting` and `data-open`
 * (present: on, `="false"`: off); `data-strings` as JSON. The rest pass through as strings for the
 * window to read, which alone needs them: `data-notifications` (Notify/kinds.ts) and
 * `data-cognito-user-pool-id`, `-client-id`, `-endpoint`, `-auth-flow` and the flag `-persist`
 * (cognito-attributes.ts). Options left out may come from `OrgChat('init', …)`.
 */
export function readScriptOptions(script: HTMLScriptElement): Partial<ChatWidgetOptions> {
  // Generic on purpose: one line per option would cost the loader's 3 KB budget dearly.
  const data: Record<string, unknown> = { ...script.dataset };
  for (const flag of ['formatting', 'open']) if (flag in data) data[flag] = data[flag] !== 'false';
  try {
    if (data.strings) data.strings = JSON.parse(data.strings as string);
  } catch {
    console.error('[chat-widget]', 'bad data-strings JSON');
  }
  return data as Partial<ChatWidgetOptions>;
}
