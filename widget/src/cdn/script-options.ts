import type { ChatWidgetOptions } from '../types.js';

/** Reads the widget's options from its script tag's `data-*` attributes; undefined when incomplete. */
export function readScriptOptions(script: HTMLScriptElement): ChatWidgetOptions | undefined {
  const { wsUrl, httpUrl, room, title } = script.dataset;
  if (!wsUrl || !httpUrl) {
    console.error('[chat-widget] the script tag needs data-ws-url and data-http-url');
    return undefined;
  }
  return { wsUrl, httpUrl, room, title };
}
