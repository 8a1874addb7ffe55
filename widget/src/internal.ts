// Contracts between the launcher (plain DOM, always loaded) and the chat window (Preact, loaded on
// open). Not part of the public API: the CDN loader and its app chunk are always built together.

/** What the chat window needs from whoever mounts it. */
export interface ChatWindowOptions {
  wsUrl: string;
  httpUrl: string;
  room: string;
  title: string;
  /** Called when the user closes the window from inside (Close button, Escape). */
  onClose: () => void;
}

/** A mounted chat window; it starts hidden. */
export interface ChatWindowHandle {
  /** Shows the window and moves focus into it. */
  show(): void;
  /** Hides the window; its connection stays up. */
  hide(): void;
  /** Unmounts the window and closes its connection. */
  destroy(): void;
}

/** The module the launcher loads on demand (the CDN app chunk, or a lazy chunk in the npm build). */
export interface ChatWindowModule {
  mountChatWindow(root: ShadowRoot, options: ChatWindowOptions): ChatWindowHandle;
}

/** Loads the chat window module; called at most once per successful load. */
export type LoadChatWindow = () => Promise<ChatWindowModule>;
