// The moderation chunk, loaded on demand (Moderation/load-moderation.ts): the message menu and its
// dialogs, the composer's notices (muted, slow mode), and refusals in words, with their English texts.
// It imports only the chat window's own modules (in the CDN build, the app chunk).
export { ComposerNotice } from './composer-notice.js';
export { openTools } from './open-tools.js';
export { refusal, removal } from './refusal.js';
