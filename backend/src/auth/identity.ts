/** Who a connection belongs to, as proven by its token. */
export interface Identity {
  id: string;
  name: string;
  guest: boolean;
}

/**
 * The Cognito group of site admins (deploy/cognito.yml; created locally by scripts/local-stack.mjs):
 * its members moderate every room and act site-wide (issue 13).
 */
export const SITE_ADMIN_GROUP = 'chat-admins';

/** Flat string map the authorizer hands API Gateway (context values must be scalars). */
export interface IdentityContext {
  userId: string;
  name: string;
  kind: 'guest' | 'user';
  /** `true` for a member of SITE_ADMIN_GROUP; absent otherwise. Kept off Identity, which frames carry. */
  admin?: 'true';
  [key: string]: string | undefined;
}

/** Turns an identity (and whether its token names a site admin) into the authorizer's context map. */
export function toContext(identity: Identity, admin = false): IdentityContext {
  const context: IdentityContext = {
    userId: identity.id,
    name: identity.name,
    kind: identity.guest ? 'guest' : 'user',
  };
  if (admin && !identity.guest) context.admin = 'true';
  return context;
}

/** Whether the authorizer found the connection's token to be a site admin's. */
export function isAdminContext(context: Record<string, unknown> | null | undefined): boolean {
  return context?.admin === 'true' && context.kind === 'user';
}

/** Reads the identity the authorizer put in a request context, or undefined when absent. */
export function fromContext(context: Record<string, unknown> | null | undefined): Identity | undefined {
  if (!context) return undefined;
  const { userId, name, kind } = context;
  if (typeof userId !== 'string' || typeof name !== 'string') return undefined;
  if (kind !== 'guest' && kind !== 'user') return undefined;
  return { id: userId, name, guest: kind === 'guest' };
}
