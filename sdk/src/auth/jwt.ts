/** The claims of a JWT, read without verifying it (the server verifies; the client only displays). */
export function decodeClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  const base64 = payload
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(payload.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/** The user a token names, as the server will see it. */
export function userOfClaims(claims: Record<string, unknown>) {
  const text = (key: string) => (typeof claims[key] === 'string' ? (claims[key] as string) : undefined);
  const email = text('email');
  return {
    id: text('sub') ?? '',
    name:
      text('name') ??
      (email ? email.split('@')[0] : undefined) ??
      text('cognito:username') ??
      text('username') ??
      'user',
    guest: text('iss') === 'org-chat',
  };
}
