import type { ChatUser } from '../protocol/types.js';

/** A token the server accepts, who it names, and when it expires (ms since the epoch). */
export interface AuthSession {
  token: string;
  user: ChatUser;
  expiresAt: number;
}

/** What a provider may use to obtain a session. */
export interface AuthContext {
  /** Base URL of the HTTP API (for example the one serving `POST /guest`). */
  httpUrl: string;
  /** The last token was refused or the connection kept failing: do not reuse a cached token. */
  fresh?: boolean;
}

/** Supplies a valid session whenever the client (re)connects. */
export interface AuthProvider {
  /** Returns a session whose token is valid now; called before every connection attempt. */
  getSession(context: AuthContext): Promise<AuthSession>;
}
