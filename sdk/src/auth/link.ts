import { ChatError, type ChatErrorCode } from '../errors.js';
import type { LinkResult } from '../protocol/types.js';
import type { AuthProvider } from './provider.js';

/** Options of `linkGuest`. */
export interface LinkGuestOptions {
  /** Base URL of the HTTP API, e.g. `http://localhost:3000`. */
  httpUrl: string;
  /** The guest to link (a `guestAuth` provider): signed out once linked, since that guest is retired. */
  guest: AuthProvider;
  /** The account it becomes: a signed-in `cognitoAuth`, or a `tokenAuth` giving a Cognito token. */
  account: AuthProvider;
}

/**
 * Makes a guest one person with an account, through `POST {httpUrl}/link` with both tokens (the
 * server never links by e-mail or name): the guest's messages show the account from then on, history
 * included, and rooms the guest is in are told (`identity` events). Safe to retry; a guest links to
 * one account only (`conflict` otherwise). Then connect with the account and join the same rooms.
 */
export async function linkGuest({ httpUrl, guest, account }: LinkGuestOptions): Promise<LinkResult> {
  const [guestSession, accountSession] = await Promise.all([
    guest.getSession({ httpUrl }),
    account.getSession({ httpUrl }),
  ]);
  if (!guestSession.user.guest || accountSession.user.guest) {
    throw new ChatError('invalid', 'linkGuest: `guest` must sign in a guest and `account` a user');
  }
  let response: Response;
  try {
    response = await fetch(`${httpUrl.replace(/\/$/, '')}/link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accountSession.token}` },
      body: JSON.stringify({ guest: guestSession.token }),
    });
  } catch (error) {
    throw new ChatError('network', `linking failed: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => undefined)) as
    | (LinkResult & { error?: { code: ChatErrorCode; message: string } })
    | undefined;
  if (!response.ok || !body?.user) {
    const problem = body?.error;
    const code = problem?.code ?? (response.status >= 500 ? 'internal' : 'network');
    throw new ChatError(code, problem?.message ?? `linking failed (${response.status})`);
  }
  (guest as { signOut?: () => void }).signOut?.();
  return { guest: body.guest, user: body.user, linkedAt: body.linkedAt };
}
