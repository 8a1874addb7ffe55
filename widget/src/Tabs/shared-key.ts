/**
 * The localStorage key of a room's state shared by the visitor's tabs (Tabs/shared-state.ts). Apart,
 * because the loader reads the same key and must not pull in the window's code.
 */
export const sharedStateKey = (room: string) => `org-chat-widget:${room}`;

/** How long an open window is reopened on the visitor's next page loads (refreshed while in use). */
export const REOPEN_WITHIN_MS = 30 * 60_000;
