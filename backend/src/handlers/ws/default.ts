import { parseClientFrame } from '@org/chat-sdk/protocol';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { fromContext } from '../../auth/identity.js';
import { connectionsApi, connectionsEndpoint } from '../../push/connections-api.js';
import { instrument } from '../instrument.js';
import { admitFrame, errorFrame, errorReply, reply } from './route.js';

interface DefaultEvent {
  body?: string;
  requestContext: {
    connectionId: string;
    domainName?: string;
    stage?: string;
    authorizer?: Record<string, unknown>;
  };
}

/** `$default`: frames no route matched — unparsable JSON, no action, or an unknown one. */
export const handler = instrument(async (event: DefaultEvent): Promise<APIGatewayProxyResult> => {
  const { connectionId, domainName, stage, authorizer } = event.requestContext;
  const parsed = parseClientFrame(event.body);
  const ref = parsed.ok ? parsed.frame.ref : parsed.problem.ref;
  // Garbage counts against the rate limit too, or it would be a free way to load the backend.
  const identity = fromContext(authorizer);
  if (identity) {
    try {
      await admitFrame(identity, connectionId, connectionsApi(connectionsEndpoint(domainName, stage)));
    } catch (error) {
      return reply(errorReply(error, ref));
    }
  }
  if (!parsed.ok) return reply({ type: 'error', ...parsed.problem });
  // A valid frame lands here only if its route is missing from serverless.yml.
  return reply(errorFrame('invalid', 'unknown action', ref));
});
