/** Options of `mountChatWidget` (the CDN script reads the same from its `data-*` attributes). */
export interface ChatWidgetOptions {
  /** The WebSocket API, e.g. `wss://chat.example.com`. */
  wsUrl: string;
  /** The HTTP API that issues guest tokens, e.g. `https://api.example.com`. */
  httpUrl: string;
  /** The public room to chat in (default `lobby`). */
  room?: string;
  /** Title shown in the chat window's header (default: the room id). */
  title?: string;
}

/** Controls a mounted widget. */
export interface ChatWidgetHandle {
  /** Opens the chat window, loading it first if needed, and moves focus into it. */
  open(): void;
  /** Closes the chat window; the connection stays up so no message is missed. */
  close(): void;
  /** Disconnects and removes the widget from the page. */
  destroy(): void;
}
