// The CDN app chunk (chat-widget-app.js): the chat window with Preact, signals, the SDK and the CSS,
// imported by the loader on the first open.
export { mountChatWindow } from '../Chat/mount-window.js';
