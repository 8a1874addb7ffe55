import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.js';

// Locally the endpoint is dynalite, which accepts any credentials.
const local = config.dynamoEndpoint
  ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
  : {};

/** The DynamoDB document client for the chat table, made once per Lambda instance. */
export const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: config.region, ...local }), {
  marshallOptions: { removeUndefinedValues: true },
});

/** The single table's name. */
export const table = config.tableName;
