import { ChatError, type ChatErrorCode } from '../errors.js';
import type { GuestSession } from '../protocol/types.js';
import type { AuthContext, AuthProvider, AuthSession } from './provider.js';
import { browserStorage, type KeyValueStorage } from './storage.js';

/** Options of `guestAuth`. */
export interface GuestAuthOptions {
  /** Display name; the server validates it (1–40 characters, no control, bidi or invisible characters). */
  name: string;
  /**
   * Keep the guest token across page reloads (in `localStorage`, or `storage`), so a visitor keeps
   * the same guest identity. Off by default: a stored token can be read by any script on the page,
   * so it is worth as much as the guest identity it carries (public rooms only, short-lived).
   */
  persist?: boolean;
  /** Where a persisted token lives; defaults to `localStorage`. */
  storage?: KeyValueStorage;
}

/** A guest AuthProvider that can forget its guest. */
export interface GuestAuth extends AuthProvider {
  /**
   * Forgets the guest token, here and where it was persisted: the next session is a new guest with
   * a new id. `linkGuest` calls it once the guest became an account.
   */
  signOut(): void;
}

// Renew a little before expiry so a token never dies during the handshake.
const EXPIRY_MARGIN_MS = 30_000;

/**
 * Signs in as a guest through `POST {httpUrl}/guest`; guests may use public rooms only. Renewals send
 * the previous token, so the server keeps the same guest id across reconnects (and reloads if persisted).
 */
export function guestAuth(options: GuestAuthOptions): GuestAuth {
  const storage = options.persist ? (options.storage ?? browserStorage()) : undefined;
  let session: GuestSession | undefined;
  let key: string | undefined;
  return {
    async getSession({ httpUrl, fresh }: AuthContext): Promise<AuthSession> {
      key = `org-chat:guest:${httpUrl}`;
      session ??= load(storage, key);
      // The name as the server stores it (NFC, spaces folded): else every connect would ask for a new token.
      const usable =
        session && session.user.name === options.name.normalize('NFC').replace(/\s+/g, ' ').trim();
      if (session && usable && !fresh && session.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return session;
      session = await requestGuestSession(httpUrl, options.name, session?.token);
      storage?.setItem(key, JSON.stringify(session));
      return session;
    },
    signOut() {
      session = undefined;
      if (key) storage?.removeItem(key);
    },
  };
}

function load(storage: KeyValueStorage | undefined, key: string): GuestSession | undefined {
  try {
    const raw = storage?.getItem(key);
    const parsed = raw ? (JSON.parse(raw) as GuestSession) : undefined;
    return parsed?.token && parsed.user?.id ? parsed : undefined;
  } catch {
    return undefined;
  }
}

async function requestGuestSession(httpUrl: string, name: string, previous?: string): Promise<GuestSession> {
  let response: Response;
  try {
    response = await fetch(`${httpUrl.replace(/\/$/, '')}/guest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(previous ? { name, token: previous } : { name }),
    });
  } catch (error) {
    throw new ChatError('network', `guest sign-in failed: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => undefined)) as
    | (GuestSession & { error?: { code: ChatErrorCode; message: string } })
    | undefined;
  if (!response.ok || !body?.token) {
    const problem = body?.error;
    const code = problem?.code ?? (response.status >= 500 ? 'internal' : 'network');
    throw new ChatError(code, problem?.message ?? `guest sign-in failed (${response.status})`);
  }
  return body;
}
