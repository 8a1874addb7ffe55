import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { parseGuestKeys } from '../../auth/guest-keys.js';
import { signGuestToken } from '../../auth/guest-token.js';
import { newGuestId } from '../../chat/ids.js';
import { handler } from './authorizer.js';

const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abcdef/prod/$connect';
const eventWith = (protocols?: string) =>
  ({
    type: 'REQUEST',
    methodArn: ARN,
    headers: protocols === undefined ? {} : { 'Sec-WebSocket-Protocol': protocols },
  }) as unknown as APIGatewayRequestAuthorizerEvent;

const offline = process.env.IS_OFFLINE;
afterEach(() => {
  if (offline === undefined) delete process.env.IS_OFFLINE;
  else process.env.IS_OFFLINE = offline;
});

describe('$connect authorizer (async, no callback)', () => {
  it('allows a valid guest token with the identity as context', async () => {
    const keys = parseGuestKeys(process.env.GUEST_TOKEN_SECRET as string);
    const id = newGuestId();
    const { token } = await signGuestToken({ id, name: 'Ada' }, keys, {
      ttlSeconds: 600,
      identityMaxAgeSeconds: 3600,
    });
    await expect(handler(eventWith(`chat.v1,${token}`))).resolves.toEqual({
      principalId: id,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: ARN }],
      },
      context: { userId: id, name: 'Ada', kind: 'guest' },
    });
  });

  it("on AWS refuses by throwing exactly 'Unauthorized' (API Gateway's 401)", async () => {
    delete process.env.IS_OFFLINE;
    await expect(handler(eventWith())).rejects.toThrow(/^Unauthorized$/);
    await expect(handler(eventWith('chat.v1,not-a-token'))).rejects.toThrow(/^Unauthorized$/);
  });

  it("under serverless-offline resolves with 'Unauthorized', the only refusal it answers with 401", async () => {
    process.env.IS_OFFLINE = 'true';
    await expect(handler(eventWith('chat.v1'))).resolves.toBe('Unauthorized');
    await expect(handler(eventWith('chat.v1,not-a-token'))).resolves.toBe('Unauthorized');
  });
});
