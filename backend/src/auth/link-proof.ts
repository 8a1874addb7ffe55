import { ChatError } from '../errors.js';
import type { AuthConfig } from './auth-config.js';
import { renewableGuest } from './guest-token.js';
import type { Identity } from './identity.js';
import { TokenRefused } from './token-refused.js';
import { verifyUserToken } from './user-token.js';

/** What both tokens of a link prove: the guest it joins and the account it joins it to. */
export interface LinkProof {
  guestId: string;
  user: Identity;
}

/**
 * Checks the two proofs a link needs, and nothing else (never an e-mail or a name): `accountToken`
 * must be a Cognito ID or access token of our app client that `$connect` would accept now, and
 * `guestToken` a guest token of ours (current or previous key) that `POST /guest` would still renew:
 * unexpired, or expired while its identity is within its renewal bound. Either refused: `unauthorized`
 * saying which. A failed fetch of the pool's keys is thrown as is (a server fault, not the tokens').
 */
export async function proveLink(
  accountToken: string | undefined,
  guestToken: string | undefined,
  config: Pick<AuthConfig, 'cognito' | 'guestKeys' | 'guestIdentityMaxAgeSeconds'>,
): Promise<LinkProof> {
  if (!accountToken) {
    throw new ChatError('unauthorized', 'send the account token as Authorization: Bearer <token>');
  }
  if (!guestToken) throw new ChatError('invalid', 'send the guest token as {"guest": "<token>"}');
  let user: Identity;
  try {
    ({ identity: user } = await verifyUserToken(accountToken, config.cognito));
  } catch (error) {
    if (!(error instanceof TokenRefused)) throw error;
    throw new ChatError(
      'unauthorized',
      error.reason === 'expired' ? 'the account token has expired' : 'the account token is not accepted',
    );
  }
  const guest = await renewableGuest(guestToken, config.guestKeys, config.guestIdentityMaxAgeSeconds);
  if (!guest) throw new ChatError('unauthorized', 'the guest token is not accepted');
  return { guestId: guest.id, user };
}
