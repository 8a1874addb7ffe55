import type { ChatMessage } from '@org/chat-sdk';

/** What one tab tells the others about itself. */
export interface TabState {
  /** The page is visible. */
  visible: boolean;
  /** The window is open in it and the page visible: the visitor sees new messages there. */
  looking: boolean;
}

/** Who, among the visitor's tabs that run the chat window, reacts to a message nobody has seen. */
export interface Coordinator {
  /**
   * Whether this tab counts `message` and notifies: the leader, or every tab while none is known. A
   * coordinator may keep a message it does not decide about and hand it back if this tab takes over
   * soon after (the leader froze before it could count it).
   */
  decides(message: ChatMessage): boolean;
  /** Whether another tab shows the open window on screen. */
  othersLooking(): boolean;
  /** Whether any of the visitor's tabs with the window, this one included, is visible. */
  anyVisible(): boolean;
  /** Plays the sound once, in the tab the visitor used last (this one, or asks that one). */
  sound(): void;
  /** Tells the others about this tab. */
  report(state: TabState): void;
  close(): void;
}

/** The coordinator of a tab on its own: it decides everything from its own state. */
export function soloCoordinator(playSound: () => void): Coordinator {
  let own: TabState = { visible: false, looking: false };
  return {
    decides: () => true,
    othersLooking: () => false,
    anyVisible: () => own.visible,
    sound: playSound,
    report(state) {
      own = state;
    },
    close() {},
  };
}
