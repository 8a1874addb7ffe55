import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.js';

// Locally the endpoint is dynalite, which accepts any credentials.
const local = config.dynamoEndpoint
  ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
  : {};

/**
 * The DynamoDB document client for the chat table, made once per Lambda instance. Calls are bounded
 * in time (a request gives up after 1.5 s, at most 3 attempts), so a send's writes land within a few
 * seconds of its position being allocated or not at all: readers rely on that (chat/pages.ts HOLE_MS).
 */
export const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: config.region,
    maxAttempts: 3,
    requestHandler: { requestTimeout: 1500, connectionTimeout: 1000 },
    ...local,
  }),
  { marshallOptions: { removeUndefinedValues: true } },
);

/** The single table's name. */
export const table = config.tableName;
