/**
 * Every text the widget shows. Values are templates: `{name}` is replaced by a value of that name, so
 * an override can be plain JSON (a `data-strings` attribute, a CMS field) rather than code.
 */
export interface Strings extends Partial<AccountStrings> {
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
  /** The server ended the visitor's place in the room: removed from its members. */
  removedFromRoom: string;
  /** The room was made private, without the visitor. */
  roomMadePrivate: string;
  welcome: string;
  namePrompt: string;
  nameLabel: string;
  join: string;
  joining: string;
  unreachable: string;
  genericError: string;
  /** Why a message was not sent: `{reason}`. */
  notSent: string;
  useAccount: string;
  useGuest: string;
  signIn: string;
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

/** The launcher's texts: the only ones in the CDN loader, so the first download stays tiny. */
export type LauncherStrings = Pick<Strings, 'openChat' | 'minimizeChat' | 'unread'>;

/** Fills `{name}` placeholders from `values`; unknown ones stay as written. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in values ? String(values[key]) : match,
  );
}
