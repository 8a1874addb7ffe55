// Types of serve.mjs, for the example's test.

/** Where the page's script tag points. */
export interface EmbedOptions {
  /** URL of the CDN loader, chat-widget.js. */
  widgetUrl: string;
  wsUrl: string;
  httpUrl: string;
  room: string;
}

/** The page with the script tag's `src` and `data-*` values replaced by those given. */
export declare function embedPage(options: EmbedOptions): Promise<string>;

/** Serves the page at `/` on `host:port` (default 127.0.0.1:5500); resolves with its URL and `close()`. */
export declare function serveEmbedPage(
  options: EmbedOptions & { port?: number; host?: string },
): Promise<{ url: string; close(): Promise<void> }>;
