import { describe, expect, inject, it } from 'vitest';

const { http } = inject('stack');

async function postGuest(body: string, contentType = 'application/json') {
  const response = await fetch(`${http}/guest`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('POST /guest', () => {
  it('issues a token, a server-made id and the validated name', async () => {
    const { status, body } = await postGuest(JSON.stringify({ name: '  Ada  ' }));
    expect(status).toBe(200);
    expect(body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(body.user).toEqual({ id: expect.stringMatching(/^guest_/), name: 'Ada', guest: true });
    expect(body.expiresAt).toBeGreaterThan(Date.now());
  });

  it('ignores an id the client tries to choose', async () => {
    const { body } = await postGuest(JSON.stringify({ name: 'Eve', id: 'admin' }));
    expect((body.user as { id: string }).id).not.toBe('admin');
  });

  it.each([
    ['not JSON', '{name:'],
    ['an array', '["Ada"]'],
    ['no name', '{}'],
    ['a number as name', '{"name":42}'],
    ['an empty name', '{"name":"  "}'],
    ['a control character', '{"name":"Ada\\u0007"}'],
    ['a name over 40 characters', JSON.stringify({ name: 'x'.repeat(41) })],
  ])('answers 400 with a JSON error for %s', async (_case, body) => {
    const result = await postGuest(body);
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: { code: 'invalid', message: expect.any(String) } });
  });

  it('answers /health', async () => {
    const response = await fetch(`${http}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});
