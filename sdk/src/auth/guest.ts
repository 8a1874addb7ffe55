import { ChatError, type ChatErrorCode } from '../errors.js';
import type { GuestSession } from '../protocol/types.js';
import type { AuthContext, AuthProvider, AuthSession } from './provider.js';

/** Options of `guestAuth`. */
export interface GuestAuthOptions {
  /** Display name; the server validates it (length, no control characters). */
  name: string;
}

// Renew a little before expiry so a token never dies during the handshake.
const EXPIRY_MARGIN_MS = 30_000;

/** Signs in as a guest through `POST {httpUrl}/guest`; guests may use public rooms only. */
export function guestAuth(options: GuestAuthOptions): AuthProvider {
  let session: AuthSession | undefined;
  return {
    async getSession(context: AuthContext): Promise<AuthSession> {
      if (session && session.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return session;
      session = await requestGuestSession(context.httpUrl, options.name);
      return session;
    },
  };
}

async function requestGuestSession(httpUrl: string, name: string): Promise<GuestSession> {
  let response: Response;
  try {
    response = await fetch(`${httpUrl.replace(/\/$/, '')}/guest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
  } catch (error) {
    throw new ChatError('network', `guest sign-in failed: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => undefined)) as
    | (GuestSession & { error?: { code: ChatErrorCode; message: string } })
    | undefined;
  if (!response.ok || !body?.token) {
    const problem = body?.error;
    throw new ChatError(
      problem?.code ?? 'network',
      problem?.message ?? `guest sign-in failed (${response.status})`,
    );
  }
  return body;
}
