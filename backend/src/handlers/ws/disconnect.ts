import type { APIGatewayProxyResult } from 'aws-lambda';
import { removeConnection } from '../../store/connections.js';

/** `$disconnect`: forgets the connection and its room subscriptions. */
export async function handler(event: {
  requestContext: { connectionId: string };
}): Promise<APIGatewayProxyResult> {
  await removeConnection(event.requestContext.connectionId);
  return { statusCode: 200, body: '' };
}
