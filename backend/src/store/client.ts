import { signedSender } from '../aws-request.js';
import { config } from '../config.js';
import { DocumentClient } from './document-client.js';

/**
 * The DynamoDB document client for the chat table, made once per Lambda instance (locally the
 * endpoint is dynalite, which accepts any credentials). Calls are bounded in time (a request gives up
 * after 1.5 s, at most 3 attempts), so a send's writes land within a few seconds of its position being
 * allocated or not at all: readers rely on that (chat/pages.ts HOLE_MS).
 */
export const db = new DocumentClient({
  send: signedSender({
    endpoint: config.dynamoEndpoint ?? `https://dynamodb.${config.region}.amazonaws.com`,
    service: 'dynamodb',
    region: config.region,
    local: Boolean(config.dynamoEndpoint),
    timeoutMs: 1500,
  }),
  maxAttempts: 3,
});

/** The single table's name. */
export const table = config.tableName;
