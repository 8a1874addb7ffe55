import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { json } from './reply.js';

/** `GET /health`: liveness of the HTTP API and its Lambda. */
export async function handler(): Promise<APIGatewayProxyResultV2> {
  return json(200, { ok: true });
}
