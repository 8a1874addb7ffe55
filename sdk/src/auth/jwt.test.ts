import { describe, expect, it } from 'vitest';
import { decodeClaims, userOfClaims } from './jwt.js';

const token = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('userOfClaims (what the SDK shows before the server says)', () => {
  it("shows a Cognito user's name attribute, white space folded", () => {
    expect(userOfClaims({ sub: 'u1', name: '  Grace   Hopper ', email: 'grace@example.com' })).toEqual({
      id: 'u1',
      name: 'Grace Hopper',
      guest: false,
    });
  });

  it('never derives a name from the e-mail or the user name: a neutral default instead', () => {
    const claims = { sub: 'u1', email: 'grace@example.com', 'cognito:username': 'grace@example.com' };
    expect(userOfClaims(claims).name).toBe('User');
  });

  it('shows the default for a name with invisible, bidi or control characters, as the server does', () => {
    for (const name of ['Sup\u200Bport', '\u202Etroppus', 'Sup\uFEFFport', 'A\u0000B', '\u3164', 'x\uDC00']) {
      expect(userOfClaims({ sub: 'u1', name }).name, JSON.stringify(name)).toBe('User');
    }
  });

  it('cuts a long name on whole characters', () => {
    const name = userOfClaims({ sub: 'u1', name: '\u{1F600}'.repeat(50) }).name;
    expect([...name]).toHaveLength(40);
    expect(name).not.toMatch(/\p{Cs}/u);
  });

  it('marks guest tokens, with their own default', () => {
    expect(userOfClaims({ iss: 'org-chat', sub: 'guest_x', name: 'Ada' })).toEqual({
      id: 'guest_x',
      name: 'Ada',
      guest: true,
    });
    expect(userOfClaims({ iss: 'org-chat', sub: 'guest_x' }).name).toBe('Guest');
  });

  it('decodes the claims of a JWT, UTF-8 included', () => {
    expect(decodeClaims(token({ name: 'Zo\u00E9 \u{1F600}' }))).toEqual({ name: 'Zo\u00E9 \u{1F600}' });
  });
});
