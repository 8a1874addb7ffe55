// The widget's Cognito sign-in against the test stack's cognito-local: the script-tag attributes that
// turn it on, and the confirmation codes cognito-local keeps instead of e-mailing them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { StackUrls } from '../tests/stack-setup.js';

/** Script-tag attributes for `room` with Cognito sign-in on cognito-local (no SRP there). */
export function accountAttributes(room: string): string {
  const { http, ws, cognito: cognitoUrl }: StackUrls = inject('stack');
  const pool = inject('cognito');
  return [
    `data-ws-url="${ws}" data-http-url="${http}" data-room="${room}"`,
    `data-cognito-user-pool-id="${pool.userPoolId}" data-cognito-client-id="${pool.clientId}"`,
    `data-cognito-endpoint="${cognitoUrl}/" data-cognito-auth-flow="USER_PASSWORD_AUTH"`,
  ].join(' ');
}

/** The code cognito-local would have emailed to `email`: it keeps it on the user in its JSON store. */
export async function confirmationCode(email: string): Promise<string> {
  const pool = inject('cognito');
  const store = join(inject('stackDataDir'), 'cognito', '.cognito', 'db', `${pool.userPoolId}.json`);
  const { Users } = JSON.parse(await readFile(store, 'utf8')) as {
    Users: Record<string, { Attributes: { Name: string; Value: string }[]; ConfirmationCode?: string }>;
  };
  const user = Object.values(Users).find((candidate) =>
    candidate.Attributes.some((attribute) => attribute.Name === 'email' && attribute.Value === email),
  );
  if (!user?.ConfirmationCode) throw new Error(`cognito-local holds no confirmation code for ${email}`);
  return user.ConfirmationCode;
}
