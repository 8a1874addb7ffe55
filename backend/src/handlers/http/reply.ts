import type { APIGatewayProxyResultV2 } from 'aws-lambda';

/** A JSON HTTP response. */
export function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
