/**
 * Every text the widget shows. Values are templates: `{name}` is replaced by a value of that name, so
 * an override can be plain JSON (a `data-strings` attribute, a CMS field) rather than code.
 */
export interface Strings extends Partial<OfferStrings>, Partial<AccountStrings>, Partial<ModerationStrings> {
  /** The launcher's name while the window is closed. */
  openChat: string;
  /** The launcher's name while the window is open. */
  minimizeChat: string;
  /** Added to the launcher's name when messages arrived while it was closed: `{n}`. */
  unread: string;
  /** The window's accessible name: `{title}`. */
  dialogLabel: string;
  close: string;
  /** Under the title: `{name}`. */
  chattingAs: string;
  /** Under the title, how many are in the room: `{n}`. */
  online: string;
  signOut: string;
  /** The header's button that asks permission for system notifications. */
  notifyMe: string;
  /** The log's accessible name: `{title}`. */
  logLabel: string;
  empty: string;
  /** The sender line of one's own messages: `{name}`. */
  you: string;
  /** The badge beside a guest's name (anyone may pick any name as a guest). */
  guest: string;
  today: string;
  yesterday: string;
  loadOlder: string;
  loadingOlder: string;
  beginning: string;
  /** The menu button of a message (edit, delete, report…): `{name}` (its sender), `{time}`. */
  actions: string;
  /** A deleted message's tombstone, in its place. */
  deleted: string;
  /** Beside the time of an edited message. */
  edited: string;
  sending: string;
  failed: string;
  retry: string;
  discard: string;
  /** The message box's label. */
  message: string;
  placeholder: string;
  send: string;
  composerHint: string;
  /** The counter near the length limit, read by screen readers: `{n}`, `{max}`. */
  counter: string;
  /** One person typing: `{name}`. */
  typingOne: string;
  /** Two people typing: `{a}`, `{b}`. */
  typingTwo: string;
  typingMany: string;
  connecting: string;
  reconnecting: string;
  disconnected: string;
  sessionEnded: string;
  welcome: string;
  namePrompt: string;
  nameLabel: string;
  join: string;
  joining: string;
  unreachable: string;
  genericError: string;
  /** Why a message was not sent: `{reason}`. */
  notSent: string;
}

/**
 * The account offer's texts (a site with account sign-in): English ships with the offer's chunk
 * (Auth/account-offer.tsx), other languages in their dictionaries.
 */
export interface OfferStrings {
  /** The header's button that offers a guest in the room to sign in with an account. */
  signIn: string;
  useAccount: string;
  useGuest: string;
  loading: string;
  /** Above the account forms a guest opened from the chat: what happens to what they wrote. */
  keepHistory: string;
  /** The guest's messages could not be moved to the account they signed in with. */
  historyNotMoved: string;
}

/**
 * The account forms' texts. English ships with the forms (Auth/account-strings.ts), in their chunk,
 * so visitors who never sign in never download them; other languages and a site's `strings` may give
 * them as part of the dictionary.
 */
export interface AccountStrings {
  /** A display name the server's rules refuse (asked at account sign-up). */
  nameInvalid: string;
  email: string;
  password: string;
  signingIn: string;
  signUp: string;
  toSignUp: string;
  toSignIn: string;
  code: string;
  /** After sign-up: `{email}`. */
  codeSent: string;
  confirm: string;
}

/**
 * The moderation texts: the message menu, its dialogs, the states and refusals of sending, and why the
 * visitor's place in a room ended. English ships with them in the moderation chunk
 * (Moderation/moderation-strings.ts), loaded on demand; other languages and a site's `strings` may give
 * them as part of the dictionary.
 */
export interface ModerationStrings {
  /** The dictionary's language (a BCP 47 tag): when a mute or a ban ends is written the way it reads. */
  lang: string;
  edit: string;
  delete: string;
  report: string;
  /** Menu item and dialog title: `{name}`. */
  mute: string;
  /** Menu item and dialog title: `{name}`. */
  ban: string;
  cancel: string;
  save: string;
  /** Closes a dialog once its action is done. */
  done: string;
  /** The edit dialog's title. */
  editTitle: string;
  /** The delete dialog's title. */
  deleteTitle: string;
  /** What deleting does. */
  deleteNote: string;
  /** The report dialog's title. */
  reportTitle: string;
  /** The report's reason field. */
  reportReason: string;
  /** After a report was sent. */
  reported: string;
  /** What a mute does: `{name}`. */
  muteNote: string;
  /** What a ban does: `{name}`. */
  banNote: string;
  /** The duration field of a mute or a ban. */
  duration: string;
  minutes10: string;
  hour1: string;
  day1: string;
  week1: string;
  forGood: string;
  /** The optional reason field of a moderator's action. */
  reason: string;
  /** After a mute: `{name}`. */
  didMute: string;
  /** After a ban: `{name}`. */
  didBan: string;
  /** Above the message box while muted, and a send refused for it: `{time}`, when the mute ends. */
  mutedUntil: string;
  /** The same, for a mute without an end. */
  muted: string;
  /** A join or send refused by a ban: `{time}`, when it ends. */
  bannedUntil: string;
  /** The same when the end is not known (a removal says none) or there is none. */
  banned: string;
  /** The server ended the visitor's place in the room: removed from its members. */
  removedFromRoom: string;
  /** The room was made private, without the visitor. */
  roomMadePrivate: string;
  /** The reason a moderator gave, after mutedUntil: `{reason}`. */
  because: string;
  /** Above the message box while slow mode is on: `{n}` seconds. */
  slowMode: string;
  /** Above the message box until slow mode lets the next message through, and a send refused by it: `{n}` seconds. */
  slowModeWait: string;
  /** An own message waiting for a moderator's review. */
  held: string;
  /** Refusals, by error code (PROTOCOL.md). */
  refusedBlocked: string;
  refusedLink: string;
  refusedDuplicate: string;
  refusedFlood: string;
  refusedEditWindow: string;
  refusedUnavailable: string;
  refusedForbidden: string;
  refusedNotFound: string;
  refusedRateLimited: string;
  refusedTooLarge: string;
  refusedConflict: string;
}

/** The launcher's texts: the only ones in the CDN loader, so the first download stays tiny. */
export type LauncherStrings = Pick<Strings, 'openChat' | 'minimizeChat' | 'unread'>;

/** Fills `{name}` placeholders from `values`; unknown ones stay as written. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in values ? String(values[key]) : match,
  );
}
