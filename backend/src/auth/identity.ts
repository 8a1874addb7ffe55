/** Who a connection belongs to, as proven by its token. */
export interface Identity {
  id: string;
  name: string;
  guest: boolean;
}

/** Flat string map the authorizer hands API Gateway (context values must be scalars). */
export interface IdentityContext {
  userId: string;
  name: string;
  kind: 'guest' | 'user';
  [key: string]: string;
}

/** Turns an identity into the authorizer's context map. */
export function toContext(identity: Identity): IdentityContext {
  return { userId: identity.id, name: identity.name, kind: identity.guest ? 'guest' : 'user' };
}

/** Reads the identity the authorizer put in a request context, or undefined when absent. */
export function fromContext(context: Record<string, unknown> | null | undefined): Identity | undefined {
  if (!context) return undefined;
  const { userId, name, kind } = context;
  if (typeof userId !== 'string' || typeof name !== 'string') return undefined;
  if (kind !== 'guest' && kind !== 'user') return undefined;
  return { id: userId, name, guest: kind === 'guest' };
}
