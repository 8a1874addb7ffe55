import type { ModerationStrings, Strings } from '../Common/i18n/strings.js';

/** The moderation texts in English, the fallback under the dictionary's (see ModerationStrings). */
export const MODERATION_STRINGS_EN: ModerationStrings = {
  lang: 'en',
  edit: 'Edit',
  delete: 'Delete',
  report: 'Report',
  mute: 'Mute {name}',
  ban: 'Ban {name}',
  cancel: 'Cancel',
  save: 'Save',
  done: 'Done',
  editTitle: 'Edit your message',
  deleteTitle: 'Delete this message?',
  deleteNote: 'Everyone will see “Message deleted” in its place.',
  reportTitle: 'Report this message',
  reportReason: 'What is wrong with it?',
  reported: 'Thank you. The moderators will look at it.',
  muteNote: '{name} will still read the conversation, but cannot send messages.',
  banNote: '{name} will leave the conversation at once, and cannot come back while the ban lasts.',
  duration: 'For how long',
  minutes10: '10 minutes',
  hour1: '1 hour',
  day1: '1 day',
  week1: '1 week',
  forGood: 'For good',
  reason: 'Reason (optional)',
  didMute: '{name} is muted.',
  didBan: '{name} is banned.',
  mutedUntil: 'You are muted until {time}: you can read, but not send messages.',
  muted: 'You are muted: you can read, but not send messages.',
  bannedUntil: 'You are banned from this conversation until {time}.',
  banned: 'You are banned from this conversation.',
  removedFromRoom: 'You are no longer a member of this conversation.',
  roomMadePrivate: 'This conversation is now private.',
  because: 'Reason: {reason}',
  slowMode: 'Slow mode: one message every {n} s.',
  slowModeWait: 'Slow mode: wait {n} s.',
  held: 'Held for review: it will appear once a moderator approves it.',
  refusedBlocked: 'It contains words that are not allowed here.',
  refusedLink: 'Links are not allowed here.',
  refusedDuplicate: 'You just sent the same message.',
  refusedFlood: 'Too many messages in a short time. Wait a moment.',
  refusedEditWindow: 'This message is too old to edit.',
  refusedUnavailable: 'Messages cannot be checked right now. Try again shortly.',
  refusedForbidden: 'You are not allowed to do that.',
  refusedNotFound: 'This message is no longer there.',
  refusedRateLimited: 'Too many messages at once. Wait a moment and try again.',
  refusedTooLarge: 'This message is too long.',
  refusedConflict: 'Another moderator has already handled it.',
};

/** The dictionary and the moderation texts. */
export type ModerationTexts = Strings & ModerationStrings;

/** The dictionary with every moderation text: the language's (or the site's), English for any gap. */
export const moderationStrings = (strings: Strings) =>
  ({ ...MODERATION_STRINGS_EN, ...strings }) as ModerationTexts;
